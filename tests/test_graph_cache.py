"""The analysis graph and the tenures a build keeps beside its store (graph/graph_cache.py):
used only while they stand for the store, read again from the store otherwise."""
from __future__ import annotations

import pickle
import shutil

from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.graph import graph_cache
from cadregraph.graph.analysis import build_graph, load_graph
from cadregraph.graph.store import GraphStore
from cadregraph.graph.tenure import load_tenures, observations_from_store, tenures

from conftest import facts_b
from site_helpers import build_store


def _edges(g):
    return list(g.edges(keys=True, data=True))


def test_a_build_keeps_the_graph_the_store_gives(bundled_out):
    with GraphStore.open(bundled_out) as store:
        kept = graph_cache.kept(bundled_out, store)
        read = build_graph(store)
    assert kept is not None
    assert list(kept.nodes(data=True)) == list(read.nodes(data=True)) and _edges(kept) == _edges(read)
    assert kept.graph == read.graph


def test_the_kept_graph_is_not_used_once_the_store_changed(bundled_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(bundled_out, out, ignore=shutil.ignore_patterns(".cadregraph-*.lock"))
    with GraphStore.open(out) as store:
        before = store.state()
        assert graph_cache.kept(out, store) is not None
    build_store(out, [facts_b()])  # another article in the store, the kept graph left as it was
    with GraphStore.open(out) as store:
        assert store.state() != before
        assert graph_cache.kept(out, store) is None
    g = load_graph(out)  # read from the store: the new article is in it
    assert "b02" in g.graph["articles"] and "b02" not in load_graph(bundled_out).graph["articles"]
    assert len(g.graph["articles"]) == len(load_graph(bundled_out).graph["articles"]) + 1


def test_a_damaged_kept_graph_is_ignored(bundled_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(bundled_out, out, ignore=shutil.ignore_patterns(".cadregraph-*.lock"))
    cache = out / graph_cache.CACHE_FILE
    cache.write_bytes(cache.read_bytes()[:200])
    with GraphStore.open(out) as store:
        assert graph_cache.kept(out, store) is None
    result = CliRunner().invoke(main, ["stats", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == CliRunner().invoke(main, ["stats", "--out", str(bundled_out)]).output


def test_a_build_keeps_the_tenures_the_store_gives(bundled_out):
    with GraphStore.open(bundled_out) as store:
        held = graph_cache.kept_tenures(bundled_out, store)
        read = tenures(observations_from_store(store))
    assert held and held == read
    assert load_tenures(bundled_out) == read


def test_the_tenures_are_read_without_the_graph(bundled_out, tmp_path):
    """They come first in the file: a file cut after them still gives them, not the graph."""
    out = tmp_path / "out"
    shutil.copytree(bundled_out, out, ignore=shutil.ignore_patterns(".cadregraph-*.lock"))
    cache = out / graph_cache.CACHE_FILE
    with open(cache, "rb") as f:
        stamp, held = pickle.load(f), pickle.load(f)
    with open(cache, "wb") as f:
        pickle.dump(stamp, f), pickle.dump(held, f)
    with GraphStore.open(out) as store:
        assert graph_cache.kept_tenures(out, store) == held
        assert graph_cache.kept(out, store) is None


def test_kept_tenures_are_not_used_once_the_store_changed(bundled_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(bundled_out, out, ignore=shutil.ignore_patterns(".cadregraph-*.lock"))
    build_store(out, [facts_b()])
    with GraphStore.open(out) as store:
        assert graph_cache.kept_tenures(out, store) is None
        read = tenures(observations_from_store(store))
    assert load_tenures(out) == read != load_tenures(bundled_out)
    holders = ["holders", "Bí thư Thành ủy Hải Phòng", "--json", "--out"]
    assert CliRunner().invoke(main, [*holders, str(out)]).exit_code == 0
