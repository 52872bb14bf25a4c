"""`cadregraph export`: every format round-trips to the store's graphs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF

from cadregraph.cli import main
from cadregraph.graph.store import GraphStore

PERSON = URIRef("https://cadregraph.org/id/person/dao-phu-thuy-duong")


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.fixture(scope="module")
def store_content(bundled_out):
    with GraphStore.open(bundled_out) as store:
        quads = {str(q) for q in store.quads()}
        triples = {str(q.triple) for q in store.quads()}
        graphs = {g.value for g in store.graphs()}
    return quads, triples, graphs


def export(out, fmt, *extra) -> str:
    result = runner().invoke(main, ["export", "--out", str(out), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt")])
def test_triple_formats_hold_the_union(bundled_out, store_content, fmt, rdflib_format):
    _, triples, _ = store_content
    text = export(bundled_out, fmt)
    g = Graph().parse(data=text, format=rdflib_format)
    assert len(g) == len(triples)
    assert (PERSON, RDF.type, FOAF.Person) in g
    assert (PERSON, FOAF.name, Literal("Đào Phú Thùy Dương", lang="vi")) in g


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_keep_a_graph_per_article(bundled_out, store_content, fmt, rdflib_format):
    quads, _, graphs = store_content
    text = export(bundled_out, fmt)
    ds = Dataset()
    ds.parse(data=text, format=rdflib_format)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == graphs
    assert sum(len(g) for g in ds.graphs()) == len(quads)
    a000 = ds.graph(URIRef("https://cadregraph.org/id/article/000_31a0101c8cf72da8"))
    assert (PERSON, RDF.type, FOAF.Person) in a000


def test_turtle_uses_readable_prefixes(bundled_out):
    text = export(bundled_out, "ttl")
    for prefix in ("foaf", "org", "schema", "prov", "dcterms", "skos", "eli", "cg", "person", "body", "directive"):
        assert f"@prefix {prefix}: " in text, prefix
    assert "person:dao-phu-thuy-duong" in text and "org:holds" in text


def test_jsonld_uses_the_documented_context(bundled_out):
    doc = json.loads(export(bundled_out, "jsonld"))
    context = doc["@context"]
    assert context["name"] == {"@id": "foaf:name", "@language": "vi"}
    assert context["person"] == "https://cadregraph.org/id/person/"
    nodes = [n for g in doc["@graph"] for n in g.get("@graph", [])]
    [person] = [n for n in nodes if n.get("id") == "person:dao-phu-thuy-duong" and "name" in n][:1]
    assert person["name"] == "Đào Phú Thùy Dương" and person["type"] == "Person"


def test_exports_are_deterministic(bundled_out):
    for fmt in ("ttl", "nq", "jsonld"):
        assert export(bundled_out, fmt) == export(bundled_out, fmt)


def test_export_to_a_file(bundled_out, tmp_path):
    target = tmp_path / "g" / "graph.trig"
    result = runner().invoke(main, ["export", "--out", str(bundled_out), "--format", "trig", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("@prefix")
    assert not list(target.parent.glob(".*.tmp"))


def test_graph_ttl_is_the_store_as_turtle(bundled_out, store_content):
    _, triples, _ = store_content
    g = Graph().parse(bundled_out / "graph.ttl", format="turtle")
    assert len(g) == len(triples)


def test_export_without_a_build(tmp_path):
    result = runner().invoke(main, ["export", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert f"no graph in {tmp_path / 'none'}; run `cadregraph build` first" in result.stderr
    assert not (tmp_path / "none").exists()


def test_export_usage_errors(bundled_out):
    result = runner().invoke(main, ["export", "--out", str(bundled_out), "--format", "rdfxml"])
    assert result.exit_code == 2
    help_text = runner().invoke(main, ["export", "--help"]).output
    assert "ttl" in help_text and "jsonld" in help_text and "Exit status" in help_text
