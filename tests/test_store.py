"""The persistent store: one named graph per article, incremental and consistent rebuilds."""
from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest

from cadregraph.graph.rdf import article_graph
from cadregraph.graph.resolve import resolve_each
from cadregraph.graph import store as store_module
from cadregraph.graph.store import GraphStore, NoGraph, StoreError
from cadregraph.graph.vocab import LEXICON_GRAPH, ONTOLOGY

from conftest import article, facts_a, facts_b

BASE = "https://example.org/id/"


def article_graphs(*facts):
    return [article_graph(v, BASE) for v in resolve_each(list(facts))]


def snapshot(store: GraphStore, article_id: str | None = None) -> set[str]:
    """Every quad of the store (or of one article's graph) as text."""
    graphs = [g for g in store.graphs() if article_id is None or g.value.endswith(f"/article/{article_id}")]
    return {str(q) for g in graphs for q in store.quads(g)}


def changed_a():
    """a01 edited: another text, the meeting moved to the 5th, chaired by someone else."""
    a = facts_a()
    text = a.article.original.replace("04/11/2023", "05/11/2023")
    a.article = dataclasses.replace(a.article, original=text, text=text, content_hash="f" * 64)
    a.meetings[0].date = "2023-11-05"
    return a


def test_build_then_rebuild_changes_nothing(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        report = store.sync(article_graphs(facts_a(), facts_b()))
        assert (report.added, report.replaced, report.unchanged) == (["a01", "b02"], [], [])
        before = snapshot(store)
    with GraphStore.create(tmp_path, BASE) as store:
        report = store.sync(article_graphs(facts_b(), facts_a()))
        assert (report.added, report.replaced, report.unchanged, report.total) == ([], [], ["a01", "b02"], 2)
        assert snapshot(store) == before
    assert (tmp_path / "store").is_dir()


def test_changed_article_replaces_its_graph_only(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a(), facts_b()))
        b_before = snapshot(store, "b02")
        report = store.sync(article_graphs(changed_a(), facts_b()))
        assert (report.replaced, report.unchanged) == (["a01"], ["b02"])
        assert snapshot(store, "b02") == b_before
        a_now = "\n".join(snapshot(store, "a01"))
        assert '"2023-11-05"^^<http://www.w3.org/2001/XMLSchema#date>' in a_now
        assert '"2023-11-04"' not in a_now  # nothing of the old version is left
        assert store.content_hashes()["a01"] == "f" * 64


def test_entity_described_by_two_articles_stays_consistent(tmp_path):
    """Each article's view of a shared entity lives in its graph: replacing one keeps the other."""
    person = f"<{BASE}person/dao-phu-thuy-duong>"
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a(), facts_b()))
        a = facts_a()
        a.people = []  # a01 no longer names her
        a.meetings[0].participants = []
        store.sync(article_graphs(a, facts_b()))
        rows = list(store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {person} a <http://xmlns.com/foaf/0.1/Person> }} }}"))
        assert [r["g"].value for r in rows] == [f"{BASE}article/b02"]
        names = list(store.query(f"SELECT ?n WHERE {{ {person} <http://xmlns.com/foaf/0.1/name> ?n }}"))
        assert [r["n"].value for r in names] == ["Đào Phú Thùy Dương"]


def test_new_articles_are_added_and_old_ones_kept(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a()))
        a_before = snapshot(store, "a01")
        report = store.sync(article_graphs(facts_b()))  # a build of b02 alone
        assert (report.added, report.unchanged, report.total) == (["b02"], [], 2)
        assert snapshot(store, "a01") == a_before
        report = store.sync(article_graphs(facts_b()), prune=True)
        assert (report.removed, report.total) == (["a01"], 1)
        assert snapshot(store, "a01") == set()
        assert "a01" not in store.content_hashes()


def test_vocabulary_graphs_and_catalog(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a()))
        names = [g.value for g in store.graphs()]
        assert names == [str(ONTOLOGY), str(LEXICON_GRAPH), f"{BASE}article/a01"]
        # the catalog (default graph) is not part of what queries see
        assert not list(store.query("SELECT * WHERE { ?s <https://cadregraph.org/store#digest> ?d }"))
        assert all(q.graph_name.value in names for q in store.quads())


def test_reading_commands_need_a_build(tmp_path):
    with pytest.raises(NoGraph, match="no graph in .*; run `cadregraph build` first"):
        GraphStore.open(tmp_path / "nothing")
    (tmp_path / "empty" / "store").mkdir(parents=True)
    with pytest.raises(NoGraph):
        GraphStore.open(tmp_path / "empty")


def test_base_is_kept_by_the_folder(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a()))
    with GraphStore.create(tmp_path) as store:  # no base given: the folder's
        assert store.base == BASE
    with pytest.raises(StoreError, match="minted under https://example.org/id/"):
        GraphStore.create(tmp_path, "https://other.example/id/")
    with GraphStore.open(tmp_path) as store:
        assert store.base == BASE and store.read_only


def test_store_is_locked_while_a_build_writes(tmp_path):
    with GraphStore.create(tmp_path, BASE):
        with pytest.raises(StoreError, match="another cadregraph command"):
            GraphStore.create(tmp_path, BASE)


def test_same_article_twice_is_an_error(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        with pytest.raises(ValueError, match="a01 given twice"):
            store.sync(article_graphs(facts_a()) * 2)


def test_many_articles_are_written_once(tmp_path):
    """A corpus of 100 articles: the first build writes them all, the second nothing (how
    fast is the benchmark's business: bench/stages.py)."""
    base = facts_a()
    many = []
    for n in range(100):
        f = facts_a()
        f.article = article(f"x{n:03d}", base.article.original, published="2023-11-05")
        for m in f.meetings:
            m.evidence = dataclasses.replace(m.evidence, article_id=f.article.article_id)
        many.append(f)
    graphs = article_graphs(*many)
    with GraphStore.create(tmp_path, BASE) as store:
        assert len(store.sync(graphs).added) == 100
        state = store.state()
        assert len(store.sync(graphs).unchanged) == 100
        assert store.state() == state


def test_bulk_loading_gives_the_store_a_transactional_build_gives(tmp_path, monkeypatch):
    with GraphStore.create(tmp_path / "one", BASE) as store:
        store.sync(article_graphs(facts_a(), facts_b()))
        expected = snapshot(store)
    monkeypatch.setattr(store_module, "BULK_ARTICLES", 0)
    monkeypatch.setattr(store_module, "BATCH_TRIPLES", 1)  # a batch per article
    with GraphStore.create(tmp_path / "bulk", BASE) as store:
        report = store.sync(article_graphs(facts_a(), facts_b()))
        assert (report.added, report.total) == (["a01", "b02"], 2)
        assert snapshot(store) == expected
        assert store.verify() == []


def test_graphs_a_cut_off_bulk_load_left_are_dropped_by_the_next_build(tmp_path):
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync(article_graphs(facts_a()))
        expected = snapshot(store)
        orphan = article_graphs(facts_b())[0]  # loaded, but its catalog entry never written
        store._store.bulk_load("".join(f"{line} <{orphan.iri}> .\n" for line in orphan.lines).encode(),
                               format=ox.RdfFormat.N_QUADS)
        assert any("not in the catalog" in p for p in store.verify())
        report = store.sync(article_graphs(facts_a()))
        assert report.unchanged == ["a01"]
        assert store.verify() == []
        assert snapshot(store) == expected


def test_article_graph_lines_are_what_the_store_prints(tmp_path):
    """The writer's N-Triples are pyoxigraph's own form: the digests of a graph written
    and of the same graph read back from the store agree."""
    ag = article_graphs(facts_a())[0]
    with GraphStore.create(tmp_path, BASE) as store:
        store.sync([ag])
        stored = sorted({str(q.triple) for q in store.quads(ox.NamedNode(str(ag.iri)))})
    assert stored == list(ag.lines)


def test_queries_never_see_the_catalog(tmp_path):
    with GraphStore.create(tmp_path / "empty", BASE) as store:
        assert list(store.query("SELECT * WHERE { ?s ?p ?o }")) == []  # no graph yet: nothing, not the catalog
    with GraphStore.create(tmp_path / "two", BASE) as store:
        store.sync(article_graphs(facts_a(), facts_b()))
        meta = "https://cadregraph.org/store#"
        assert not bool(store.query(f"ASK {{ ?g <{meta}digest> ?d }}"))
        assert not list(store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{meta}digest> ?d }} }}"))
        assert len(list(store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))) == sum(1 for _ in store.quads())


def test_the_bulk_writer_loads_in_order_and_hands_back_a_loads_error(tmp_path):
    import pyoxigraph as ox

    from cadregraph.graph.bulk_load import BulkWriter

    store = ox.Store(str(tmp_path / "s"))
    quad = '<https://example.org/s> <https://example.org/p> "{}" <https://example.org/g> .\n'
    with BulkWriter(store) as writer:
        for n in range(5):
            writer.put(quad.format(n).encode(), b"", 1)
        writer.wait()
        assert len(list(store.quads_for_pattern(None, None, None, None))) == 5
    with pytest.raises(SyntaxError):
        with BulkWriter(store) as writer:
            writer.put(b"<not a quad", b"", 1)
