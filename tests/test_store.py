from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib import namespace as ns

from cadregraph.exports.turtle import write_turtle
from cadregraph.graph.store import CG, build_dataset

BASE = "https://example.org/id/"


def iri(id_: str) -> URIRef:
    return URIRef(BASE + id_)


def union(ds) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_dataset_has_a_named_graph_per_article(resolved):
    ds = build_dataset(resolved, base=BASE)
    names = {g.identifier for g in ds.graphs()}
    assert {iri("article/a01"), iri("article/b02")} <= names
    a01 = ds.graph(iri("article/a01"))
    meeting = iri("meeting/a01-1")
    assert (meeting, ns.RDF.type, ns.SDO.Event) in a01
    assert (meeting, ns.SDO.startDate, Literal("2023-11-04", datatype=ns.XSD.date)) in a01
    assert (meeting, ns.SDO.organizer, iri("body/dang-uy-khu-kinh-te-hai-phong")) in a01
    assert (meeting, CG.disseminated, iri("directive/quy-dinh-124-qd-tw")) in a01
    # b02's meeting is not stated by a01
    assert (iri("meeting/b02-1"), ns.RDF.type, ns.SDO.Event) not in a01


def test_entities_posts_and_labels(resolved):
    ds = build_dataset(resolved, base=BASE)
    person = iri("person/dao-phu-thuy-duong")
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (person, ns.RDF.type, ns.FOAF.Person) in default
    assert (person, ns.FOAF.name, Literal("Đào Phú Thùy Dương", lang="vi")) in default
    q124 = iri("directive/quy-dinh-124-qd-tw")
    assert (q124, CG.term, Literal("XIII")) in default
    assert (q124, ns.DCTERMS.issued, Literal("2023-10-04", datatype=ns.XSD.date)) in default
    g = union(ds)
    posts = set(g.objects(person, ns.ORG.holds))
    assert len(posts) == 2
    bodies = {g.value(post, ns.ORG.postIn) for post in posts}
    assert bodies == {iri("body/dang-uy-khu-kinh-te-hai-phong"), iri("body/thanh-uy-hai-phong")}
    assert (iri("directive/ke-hoach-30-kh-du"), CG.implements, iri("directive/quy-dinh-124-qd-tw")) in g


def test_turtle_round_trips(resolved, tmp_path):
    ds = build_dataset(resolved, base=BASE)
    path = write_turtle(ds, tmp_path / "graph.ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix foaf:" in text and "@prefix cg:" in text
    assert "person:dao-phu-thuy-duong" in text
    g = Graph().parse(path, format="turtle")
    assert len(g) == len(union(ds))
    assert (iri("person/dao-phu-thuy-duong"), ns.RDF.type, ns.FOAF.Person) in g
    # evidence keeps the exact sentence and its offsets
    quotes = {str(o) for o in g.objects(None, CG.quote)}
    assert any("chủ trì hội nghị" in q for q in quotes)
    assert not list(tmp_path.glob(".*.tmp"))
