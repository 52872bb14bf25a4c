"""Each stored graph as the exports take it (exports/stored_graphs.py): the same from the
lines a build writes as from the store, kept by digest so that unchanged graphs are not
read again, and written as Turtle that is the union of the graphs, each triple once."""
from __future__ import annotations

import dataclasses

import pyoxigraph as ox
from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.exports.stored_graphs import StoredGraphs, open_cache
from cadregraph.graph.keyed_cache import KeyedCache
from cadregraph.graph.store import GraphStore

from conftest import facts_a, facts_b
from test_store import BASE, article_graphs, changed_a


def _turtle(graphs: StoredGraphs, read) -> bytes:
    import io

    out = io.BytesIO()
    graphs.write_turtle(read, out)
    return out.getvalue()


def test_the_turtle_is_the_union_of_the_graphs_each_triple_once(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a(), facts_b()))
        graphs = StoredGraphs(store.base)
        turtle = _turtle(graphs, graphs.read(store, store.graphs()))
        union = {q.triple for q in store.quads()}
    assert {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)} == union
    assert turtle.count(b"@prefix person: ") == 1  # the prefixes once, at the top
    assert turtle.startswith(b"@prefix ")
    # a person both articles describe is named once, though each graph states the name
    assert turtle.count("foaf:name \"Đào Phú Thùy Dương\"".encode()) == 1


def test_a_graph_is_the_same_made_from_its_lines_as_read_from_the_store(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        written = article_graphs(facts_a(), facts_b())
        store.sync(written)
        graphs = StoredGraphs(store.base)
        for ag in written:
            [read] = graphs.read(store, [ox.NamedNode(str(ag.iri))])
            assert read == graphs.make(str(ag.iri), ag.lines)
            assert read.turtle and not read.turtle.startswith(b"@prefix")  # a chunk: prefixes left out
            assert any("foaf/0.1/name" in line for line in read.shared)  # a person's name: other graphs state it


def test_kept_graphs_are_not_read_from_the_store_again(tmp_path, monkeypatch):
    out = tmp_path / "out"
    with GraphStore.create(out, BASE) as store, open_cache(out) as cache:
        graphs = StoredGraphs(store.base, cache)
        store.sync(graphs.keep(article_graphs(facts_a(), facts_b())))
        assert cache.misses == 2  # both article graphs made from the lines the build wrote
        first = _turtle(graphs, graphs.read(store, store.graphs()))  # and the vocabulary from the store
    read_from_store = []
    with GraphStore.create(out, BASE) as store, open_cache(out) as cache:
        monkeypatch.setattr(store, "quads", lambda graph=None: read_from_store.append(graph.value) or iter(()))
        graphs = StoredGraphs(store.base, cache)
        store.sync(graphs.keep(article_graphs(changed_a(), facts_b())))
        assert cache.misses == 1 and cache.used  # only the changed article was made again
        again = _turtle(graphs, graphs.read(store, store.graphs()))
    assert read_from_store == []
    assert again != first and b"2023-11-05" in again


def test_an_updated_folder_writes_the_turtle_of_one_built_from_nothing(tmp_path):
    runs = {}
    for name, steps in {"updated": [[facts_a()], [changed_a(), facts_b()]], "fresh": [[changed_a(), facts_b()]]}.items():
        out = tmp_path / name
        for facts in steps:
            with GraphStore.create(out, BASE) as store, open_cache(out) as cache:
                graphs = StoredGraphs(store.base, cache)
                store.sync(graphs.keep(article_graphs(*facts)), prune=True)
                runs[name] = _turtle(graphs, graphs.read(store, store.graphs()))
                cache.drop_unused()
    assert runs["updated"] == runs["fresh"]


def test_other_code_or_force_reads_every_graph_again(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a()))
        names = store.graphs()
        with KeyedCache(tmp_path, "graphs.sqlite", "code-1") as cache:
            list(StoredGraphs(store.base, cache).read(store, names))
            assert cache.misses == len(names)
        with KeyedCache(tmp_path, "graphs.sqlite", "code-1") as cache:
            list(StoredGraphs(store.base, cache).read(store, names))
            assert (cache.hits, cache.misses) == (len(names), 0)
        with KeyedCache(tmp_path, "graphs.sqlite", "code-1", reuse=False) as forced:
            list(StoredGraphs(store.base, forced).read(store, names))
            assert (forced.hits, forced.misses) == (0, len(names))
        with KeyedCache(tmp_path, "graphs.sqlite", "code-2") as other:
            list(StoredGraphs(store.base, other).read(store, names))
            assert (other.hits, other.misses) == (0, len(names))


def test_export_ttl_writes_the_graph_ttl_of_the_build(bundled_out, tmp_path):
    target = tmp_path / "again.ttl"
    result = CliRunner().invoke(main, ["export", "--out", str(bundled_out), "--format", "ttl", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (bundled_out / "graph.ttl").read_bytes()


def test_a_build_keeps_every_graph_it_exported(bundled_out):
    with GraphStore.open(bundled_out) as store, open_cache(bundled_out) as cache:
        graphs = StoredGraphs(store.base, cache)
        keys = [graphs.key(g, d) for g, d in store.graph_digests().items()]
        assert cache.present(keys) == set(keys)


def test_the_reading_of_a_kept_graph_is_what_the_site_reads(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        [ag] = article_graphs(facts_a())
        store.sync([ag])
        made = StoredGraphs(store.base).make(str(ag.iri), ag.lines)
    assert made.reading.article is not None and made.reading.authors
    assert {f.kind for f in made.reading.facts} >= {"occupancy", "meeting", "participation"}
    assert dataclasses.replace(made, turtle=b"") != made  # the Turtle is part of what is kept
