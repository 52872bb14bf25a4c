"""The ontology, the SKOS schemes, the JSON-LD context and the SHACL shapes, on a real build."""
from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from cadregraph.graph.store import GraphStore
from cadregraph.graph.validate import shapes, union_graph, validate_graph
from cadregraph.graph.vocab import (
    BODY_TYPE,
    CG,
    CONTEXT_FILE,
    DOCUMENT_KIND,
    ELI,
    ONTOLOGY,
    TITLE,
    lexicon_graph,
    ontology_graph,
    prefixes,
)

SH = "http://www.w3.org/ns/shacl#"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def data(bundled_out) -> Graph:
    with GraphStore.open(bundled_out) as store:
        return union_graph(store)


def test_every_cg_term_is_declared_with_vietnamese_and_english_labels_and_definitions():
    onto = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    declared = {s for s in onto.subjects(RDFS.isDefinedBy, ONTOLOGY)}
    terms = {URIRef(CG._NS + name) for name in CG.__annotations__}
    assert terms == declared
    for term in terms:
        kinds = set(onto.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term
        for prop in (RDFS.label, SKOS.definition):
            assert {o.language for o in onto.objects(term, prop)} == {"vi", "en"}, (term, prop)


@pytest.mark.parametrize("term, relation, standard", [
    (CG.Meeting, RDFS.subClassOf, URIRef(SCHEMA + "Event")),
    (CG.Directive, RDFS.subClassOf, ELI.LegalResource),
    (CG.Directive, RDFS.subClassOf, URIRef(SCHEMA + "Legislation")),
    (CG.Occupancy, RDFS.subClassOf, ORG.Membership),
    (CG.Evidence, RDFS.subClassOf, PROV.Derivation),
    (CG.implements, RDFS.subPropertyOf, ELI.implements),
    (CG.issuer, RDFS.subPropertyOf, ELI.passed_by),
    (CG.documentKind, RDFS.subPropertyOf, ELI.type_document),
    (CG.number, RDFS.subPropertyOf, ELI.number),
    (CG.bodyType, RDFS.subPropertyOf, ORG.classification),
    (CG.disseminates, RDFS.subPropertyOf, CG.discusses),
    (CG.discusses, RDFS.subPropertyOf, URIRef(SCHEMA + "about")),
])
def test_alignment_with_standard_vocabularies(term, relation, standard):
    assert (term, relation, standard) in ontology_graph()


@pytest.mark.parametrize("concept, vi, en", [
    (TITLE["bi-thu"], "Bí thư", "Secretary"),
    (TITLE["pho-bi-thu-thuong-truc"], "Phó Bí thư Thường trực", "Standing Deputy Secretary"),
    (BODY_TYPE["thanh-uy"], "Thành ủy", "City Party Committee"),
    (BODY_TYPE["ban-thuong-vu"], "Ban Thường vụ", "Standing Committee"),
    (DOCUMENT_KIND["ket-luan"], "Kết luận", "Conclusion"),
])
def test_lexicon_concepts_have_english_glosses(concept, vi, en):
    g = lexicon_graph()
    assert (concept, RDF.type, SKOS.Concept) in g
    assert set(g.objects(concept, SKOS.prefLabel)) == {Literal(vi, lang="vi"), Literal(en, lang="en")}


def test_one_preferred_label_per_language_in_every_scheme():
    g = lexicon_graph() + ontology_graph()
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 100
    for c in concepts:
        langs = [o.language for o in g.objects(c, SKOS.prefLabel)]
        assert len(langs) == len(set(langs)), c
    titles = set(lexicon_graph().subjects(SKOS.inScheme, URIRef("https://cadregraph.org/vocab/titles")))
    assert all((t, RDF.type, ORG.Role) in lexicon_graph() for t in titles)


def test_the_build_conforms_to_the_shapes(data):
    result = validate_graph(data)
    assert result.conforms, result.report


def test_every_class_used_has_a_shape(data):
    targets = set(shapes().objects(None, URIRef(SH + "targetClass")))
    used = set(data.objects(None, RDF.type)) - {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                                 OWL.FunctionalProperty, OWL.Ontology}
    covered = targets | {ORG.Membership, URIRef(SCHEMA + "Event"), ELI.LegalResource, PROV.Entity,
                         PROV.Derivation, ORG.Role}  # second types of nodes a shape targets
    assert used <= covered, used - covered


def test_every_cg_term_in_the_data_is_declared(data):
    used = {t for triple in data for t in triple if isinstance(t, URIRef) and str(t).startswith(str(CG._NS))}
    declared = set(ontology_graph().subjects(RDFS.isDefinedBy, ONTOLOGY))
    assert used and used <= declared, used - declared


def test_no_blank_nodes_and_every_fact_has_its_article(data):
    assert not any(isinstance(t, BNode) for triple in data for t in triple)
    for cls in (CG.Meeting, CG.Occupancy, CG.Participation, RDF.Statement):
        nodes = set(data.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            [article] = data.objects(node, PROV.wasDerivedFrom)
            assert (article, RDF.type, URIRef(SCHEMA + "NewsArticle")) in data


def _second_role(g: Graph) -> None:
    chair = URIRef("https://cadregraph.org/vocab/role/chair")
    part = next(p for p in g.subjects(RDF.type, CG.Participation) if (p, CG.role, chair) not in g)
    g.add((part, CG.role, chair))


def _violates(data: Graph, change) -> set[str]:
    """The paths, focus nodes and constraint components of the violations ``change`` causes."""
    broken = Graph()
    for t in data:
        broken.add(t)
    change(broken)
    result = validate_graph(broken)
    assert not result.conforms
    found = set()
    for r in result.results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        for p in ("resultPath", "focusNode", "sourceConstraintComponent"):
            found |= {str(o) for o in result.results.objects(r, URIRef(SH + p))}
    return found


@pytest.mark.parametrize("what, change, message", [
    ("person without a name",
     lambda g: g.remove((URIRef("https://cadregraph.org/id/person/dao-phu-thuy-duong"), FOAF.name, None)),
     str(FOAF.name)),
    ("participation with two roles", lambda g: _second_role(g), str(CG.role)),
    ("evidence ending before it starts",
     lambda g: (lambda e: (g.remove((e, CG.end, None)), g.add((e, CG.end, Literal(0)))))(next(g.subjects(RDF.type, CG.Evidence))),
     SH + "LessThanConstraintComponent"),
    ("a meeting as a blank node",
     lambda g: (lambda b: (g.add((b, RDF.type, CG.Meeting)), g.add((b, RDF.type, URIRef(SCHEMA + "Event")))))(BNode()),
     SH + "NodeKindConstraintComponent"),
    ("a fact without its article",
     lambda g: g.remove((next(g.subjects(RDF.type, CG.Occupancy)), PROV.wasDerivedFrom, None)),
     str(PROV.wasDerivedFrom)),
    ("a date that is no date",
     lambda g: g.add((next(g.subjects(RDF.type, CG.Meeting)), URIRef(SCHEMA + "startDate"), Literal("hôm qua"))),
     SCHEMA + "startDate"),
])
def test_shapes_catch_broken_graphs(data, what, change, message):
    assert message in _violates(data, change), what


def test_jsonld_context_is_consistent():
    with CONTEXT_FILE.open(encoding="utf-8") as f:
        context = json.load(f)["@context"]
    for prefix, ns in prefixes().items():
        if prefix in context:  # vocabulary prefixes are in the file, id prefixes are added per base
            assert context[prefix] == ns, prefix
    id_prefixes = {p for p, ns in prefixes().items() if ns.startswith("https://cadregraph.org/id/")}
    assert not id_prefixes & set(context), "a term would hide an id prefix"
    onto = ontology_graph()
    for term, definition in context.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if term.startswith("@") or not isinstance(iri, str) or ":" not in iri or iri.startswith("@"):
            continue
        prefix, local = iri.split(":", 1)
        if prefix == "cg":
            assert (URIRef(CG._NS + local), RDFS.isDefinedBy, ONTOLOGY) in onto, term
