"""Reading the store graph by graph (graph/reading.py): the first sentence of a fact and its
matched words, a fact missing an end, and the same tenures and facts as SPARQL finds."""
from __future__ import annotations

import pyoxigraph as ox

from cadregraph.exports.site_data import site_from_store
from cadregraph.graph.analysis import load_graph
from cadregraph.graph.reading import index_of, read_graph
from cadregraph.graph.store import GraphStore
from cadregraph.graph.tenure import Observation, observations_from_store, tenures

CG, ORG, PROV, RDF = ("https://cadregraph.org/ontology#", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
                      "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
B = "https://cadregraph.org/id/"
FOAF, RDFS = "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2000/01/rdf-schema#"
_OBSERVATIONS = """SELECT DISTINCT ?person ?name ?post ?label ?date ?g WHERE { GRAPH ?g {
  ?occupancy a cg:Occupancy ; org:member ?person ; cg:post ?post ; cg:reportedOn ?date .
  ?person foaf:name ?name . ?post rdfs:label ?label } }"""


def _graph(ntriples: str) -> list[ox.Triple]:
    return list(ox.parse(ntriples.encode(), format=ox.RdfFormat.N_TRIPLES))


def test_a_fact_takes_its_first_sentence_and_the_first_match_there():
    occ, person, post = f"<{B}occupancy/a-1>", f"<{B}person/x>", f"<{B}post/p>"
    lines = [f"{occ} <{RDF}type> <{CG}Occupancy> .", f"{occ} <{ORG}member> {person} .",
             f"{occ} <{CG}post> {post} ."]
    for ev, (start, end, quote, ms, me) in {"e1": (40, 60, "later", 45, 50), "e2": (10, 30, "first", 20, 25),
                                           "e3": (10, 30, "first", 12, 18)}.items():
        lines += [f"{occ} <{PROV}qualifiedDerivation> <{B}evidence/{ev}> ."]
        lines += [f'<{B}evidence/{ev}> <{CG}{p}> "{v}" .' if p == "quote" else
                  f'<{B}evidence/{ev}> <{CG}{p}> "{v}"^^<http://www.w3.org/2001/XMLSchema#integer> .'
                  for p, v in (("quote", quote), ("start", start), ("end", end), ("matchStart", ms),
                               ("matchEnd", me))]
    reading = read_graph(f"{B}article/a", index_of(_graph("\n".join(lines) + "\n")))
    [fact] = reading.facts
    assert fact.kind == "occupancy" and fact.ends == {"person": f"{B}person/x", "post": f"{B}post/p", "date": None}
    assert (fact.sentence.quote, fact.sentence.start, fact.sentence.end) == ("first", 10, 30)
    assert fact.sentence.match == (12, 18)  # the first matched words of the sentences starting at 10


def test_a_fact_without_a_required_end_is_not_read():
    occ = f"<{B}occupancy/a-1>"
    reading = read_graph(f"{B}article/a", index_of(_graph(
        f"{occ} <{RDF}type> <{CG}Occupancy> .\n{occ} <{ORG}member> <{B}person/x> .\n")))
    assert reading.facts == [] and reading.observations == []


def test_tenures_and_facts_are_those_sparql_finds(bundled_out):
    data = site_from_store(bundled_out)
    with GraphStore.open(bundled_out) as store:
        local = lambda t: t.value[len(store.base):]  # noqa: E731
        seen = {Observation(local(r["person"]), r["name"].value, local(r["post"]), r["label"].value, r["date"].value,
                            store.article_id(r["g"].value))
                for r in store.query(_OBSERVATIONS, prefixes={"cg": CG, "org": ORG, "foaf": FOAF, "rdfs": RDFS})}
        assert len(seen) > 10
        assert data.tenures == tenures(observations_from_store(store)) == tenures(sorted(seen, key=str))
        held = {(local(r["person"]), local(r["post"]), f"{local(r['fact'])}@{store.article_id(r['g'].value)}")
                for r in store.query("SELECT ?fact ?g ?person ?post WHERE { GRAPH ?g { ?fact a cg:Occupancy ; "
                                     "org:member ?person ; cg:post ?post } }", prefixes={"cg": CG, "org": ORG})}
        attended = {(local(r["m"]), local(r["p"]), r["n"].value)
                    for r in store.query("SELECT ?m ?p ?n WHERE { GRAPH ?g { ?f a cg:Participation ; cg:meeting ?m ; "
                                         "cg:participant ?p ; cg:role ?r } ?r skos:notation ?n }",
                                         prefixes={"cg": CG, "skos": "http://www.w3.org/2004/02/skos/core#"})}
    g = data.g
    assert held and held == {(u, v, k) for u, v, k, r in g.edges(keys=True, data="relation") if r == "holds"}
    assert attended and attended == {(u, v, r) for u, v, d in g.edges(data=True) if d["relation"] == "attendee"
                                     for r in [d["role"]]}
    assert data.roles["chair"] == ("Chủ trì", "Chair")
    assert list(load_graph(bundled_out).edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_the_tenures_graph_of_the_last_build_changes_nothing_the_site_reads(bundled_out, tmp_path):
    """A build reads the pages' data and the tenures in one pass before it replaces the
    tenures graph: the one the last build left must not count."""
    import shutil

    copy = tmp_path / "out"
    shutil.copytree(bundled_out, copy)
    with GraphStore.open(copy) as store:
        assert any(g.value.endswith("graph/tenures") for g in store.graphs())
    before = site_from_store(copy)
    with GraphStore.create(copy) as store:
        store.put_derived("tenures", [])
        assert not any(True for _ in store.quads(ox.NamedNode(f"{store.base}graph/tenures")))
    after = site_from_store(copy)
    assert before.tenures and before.tenures == after.tenures
    assert list(before.g.nodes(data=True)) == list(after.g.nodes(data=True))
    assert list(before.g.edges(keys=True, data=True)) == list(after.g.edges(keys=True, data=True))
    assert (before.matches, before.glosses, before.roles, before.authors) == (
        after.matches, after.glosses, after.roles, after.authors)
