"""One article's view as its named graph: ids, labels, qualified facts and their evidence."""
from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings, strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS

from cadregraph.graph.rdf import article_graph, literal
from cadregraph.graph.resolve import resolve_each
from cadregraph.graph.vocab import CG, ELI, ROLE, TITLE

from conftest import TEXT_A, TEXT_B, evidence, facts_a, facts_b

BASE = "https://example.org/id/"


def iri(id_: str) -> URIRef:
    return URIRef(BASE + id_)


def graphs(facts=None):
    views = resolve_each(facts if facts is not None else [facts_b(), facts_a()])
    return {ag.article_id: ag for ag in (article_graph(v, BASE) for v in views)}


def test_one_named_graph_per_article_named_by_its_iri():
    ags = graphs()
    assert list(ags) == ["a01", "b02"]
    assert ags["a01"].iri == iri("article/a01")
    g = ags["a01"].graph
    article = iri("article/a01")
    assert (article, RDF.type, ns.SDO.NewsArticle) in g
    assert (article, DCTERMS.issued, Literal("2023-11-05", datatype=ns.XSD.date)) in g
    assert set(g.objects(article, DCTERMS.creator)) == {Literal("Minh Châu", lang="vi"), Literal("Lê Hà", lang="vi")}
    assert (article, CG.sourcePath, Literal("a01.txt")) in g
    assert (article, ns.SDO.mentions, iri("person/dao-phu-thuy-duong")) in g
    # b02's meeting is not stated by a01, and a01's graph holds nothing about it
    assert not any(iri("meeting/b02-1") in t for t in g)


def test_graphs_are_the_same_on_every_build_and_in_any_order():
    one = graphs([facts_a(), facts_b()])
    two = graphs([facts_b(), facts_a()])
    for aid in one:
        assert set(one[aid].graph) == set(two[aid].graph)


def test_an_article_graph_depends_on_that_article_only():
    alone = graphs([facts_a()])["a01"].graph
    assert set(alone) == set(graphs()["a01"].graph)


def test_no_blank_nodes_and_readable_iris():
    for ag in graphs().values():
        for triple in ag.graph:
            assert not any(isinstance(t, BNode) for t in triple)
        for s in set(ag.graph.subjects()):
            assert str(s).startswith(BASE) or str(s).startswith("https://cadregraph.org/vocab/")
    g = graphs()["a01"].graph
    assert (iri("directive/quy-dinh-124-qd-tw"), RDF.type, CG.Directive) in g
    assert (iri("body/dang-uy-khu-kinh-te-hai-phong"), RDF.type, ORG.Organization) in g


def test_labels_are_tagged_and_folded_for_search():
    g = graphs()["a01"].graph
    person = iri("person/dao-phu-thuy-duong")
    assert (person, RDF.type, FOAF.Person) in g
    assert (person, FOAF.name, Literal("Đào Phú Thùy Dương", lang="vi")) in g
    assert (person, RDFS.label, Literal("Đào Phú Thùy Dương", lang="vi")) in g
    assert (person, SKOS.altLabel, Literal("Dao Phu Thuy Duong")) in g
    q124 = iri("directive/quy-dinh-124-qd-tw")
    assert (q124, RDFS.label, Literal("Quy định số 124-QĐ/TW", lang="vi")) in g
    assert (q124, SKOS.altLabel, Literal("Quy dinh so 124-QD/TW")) in g


def test_directive_with_kind_number_code_issuer_date_and_term():
    g = graphs()["a01"].graph
    q124 = iri("directive/quy-dinh-124-qd-tw")
    assert (q124, RDF.type, ELI.LegalResource) in g
    assert (q124, CG.documentKind, URIRef("https://cadregraph.org/vocab/document-kind/quy-dinh")) in g
    assert (q124, CG.number, Literal("124")) in g
    assert (q124, CG.code, Literal("QĐ/TW")) in g
    assert (q124, DCTERMS.issued, Literal("2023-10-04", datatype=ns.XSD.date)) in g
    assert (q124, CG.term, Literal("XIII")) in g
    assert (q124, CG.issuerLevel, Literal("central")) in g
    # each article keeps its own view: b02 gives a subject and no date
    b = graphs()["b02"].graph
    assert (q124, DCTERMS.subject, Literal("về kiểm điểm", lang="vi")) in b
    assert not list(b.objects(q124, DCTERMS.issued))


def test_issuer_is_a_body():
    a = facts_a()
    a.directives[0].issuer = "Ban Chấp hành Trung ương Đảng"
    g = graphs([a])["a01"].graph
    issuer = iri("body/ban-chap-hanh-trung-uong-dang")
    assert (iri("directive/quy-dinh-124-qd-tw"), CG.issuer, issuer) in g
    assert (issuer, RDF.type, ORG.Organization) in g
    assert (issuer, RDFS.label, Literal("Ban Chấp hành Trung ương Đảng", lang="vi")) in g


def test_post_held_as_reported_on_a_date():
    g = graphs()["a01"].graph
    person, body = iri("person/dao-phu-thuy-duong"), iri("body/dang-uy-khu-kinh-te-hai-phong")
    post = iri("post/bi-thu--dang-uy-khu-kinh-te-hai-phong")
    assert (person, ORG.holds, post) in g and (post, ORG.heldBy, person) in g
    assert (post, ORG.postIn, body) in g
    assert (post, ORG.role, TITLE["bi-thu"]) in g
    [occ] = g.subjects(CG.post, post)
    assert (occ, RDF.type, CG.Occupancy) in g and (occ, RDF.type, ORG.Membership) in g
    assert (occ, ORG.member, person) in g and (occ, ORG.organization, body) in g
    assert (occ, CG.reportedOn, Literal("2023-11-05", datatype=ns.XSD.date)) in g  # the publication date
    assert (occ, PROV.wasDerivedFrom, iri("article/a01")) in g
    # an article without a publication date reports as of the meeting it reports
    b = graphs()["b02"].graph
    [occ_b] = b.subjects(RDF.type, CG.Occupancy)
    assert (occ_b, CG.reportedOn, Literal("2023-12-20", datatype=ns.XSD.date)) in b


def test_participation_is_a_node_with_role_source_and_evidence():
    g = graphs()["a01"].graph
    meeting, person = iri("meeting/a01-1"), iri("person/dao-phu-thuy-duong")
    assert (meeting, ns.SDO.attendee, person) in g  # the plain link for simple queries
    [part] = g.subjects(RDF.type, CG.Participation)
    assert (part, CG.meeting, meeting) in g and (part, CG.participant, person) in g
    assert (part, CG.role, ROLE["chair"]) in g
    assert (part, PROV.wasDerivedFrom, iri("article/a01")) in g
    [ev] = g.objects(part, PROV.qualifiedDerivation)
    assert (ev, RDF.type, CG.Evidence) in g and (ev, PROV.entity, iri("article/a01")) in g
    start, end = int(g.value(ev, CG.start)), int(g.value(ev, CG.end))
    quote = str(g.value(ev, CG.quote))
    assert TEXT_A[start:end] == quote and "chủ trì hội nghị" in quote
    m0, m1 = int(g.value(ev, CG.matchStart)), int(g.value(ev, CG.matchEnd))
    assert TEXT_A[m0:m1] == str(g.value(ev, CG.matched)) == "chủ trì hội nghị"


def test_meeting_and_its_documents():
    g = graphs()["a01"].graph
    meeting, q124 = iri("meeting/a01-1"), iri("directive/quy-dinh-124-qd-tw")
    assert (meeting, RDF.type, CG.Meeting) in g and (meeting, RDF.type, ns.SDO.Event) in g
    assert (meeting, ns.SDO.startDate, Literal("2023-11-04", datatype=ns.XSD.date)) in g
    assert (meeting, ns.SDO.organizer, iri("body/dang-uy-khu-kinh-te-hai-phong")) in g
    assert (meeting, ns.SDO.location, Literal("Hải Phòng", lang="vi")) in g
    assert (meeting, CG.online, Literal(False)) in g
    assert (meeting, CG.disseminates, q124) in g
    [st] = g.subjects(RDF.predicate, CG.disseminates)
    assert (st, RDF.type, RDF.Statement) in g
    assert (st, RDF.subject, meeting) in g and (st, RDF.object, q124) in g
    assert (st, PROV.wasDerivedFrom, iri("article/a01")) in g
    assert "quán triệt" in str(g.value(g.value(st, PROV.qualifiedDerivation), CG.quote))
    b = graphs()["b02"].graph
    assert (iri("meeting/b02-1"), CG.reviews, q124) in b


def test_implements_between_documents_with_the_sentence_naming_both():
    a = facts_a()
    sentence = evidence(a.article, "Kế hoạch số 30-KH/ĐU nhằm")  # names both documents
    a.directives[0].evidence.append(sentence)
    a.directives[1].evidence.append(sentence)
    g = graphs([a])["a01"].graph
    kh30, q124 = iri("directive/ke-hoach-30-kh-du"), iri("directive/quy-dinh-124-qd-tw")
    assert (kh30, CG.implements, q124) in g
    [st] = g.subjects(RDF.predicate, CG.implements)
    assert (st, RDF.subject, kh30) in g and (st, RDF.object, q124) in g
    quote = str(g.value(g.value(st, PROV.qualifiedDerivation), CG.quote))
    assert "Kế hoạch số 30-KH/ĐU" in quote and "Quy định số 124-QĐ/TW" in quote
    # without a shared sentence the link still names its article
    g2 = graphs()["a01"].graph
    [st2] = g2.subjects(RDF.predicate, CG.implements)
    assert (st2, PROV.wasDerivedFrom, iri("article/a01")) in g2
    assert g2.value(st2, PROV.qualifiedDerivation) is None


def test_known_concepts_are_referenced_unknown_ones_declared_where_used():
    g = graphs()["a01"].graph
    assert not list(g.triples((TITLE["bi-thu"], None, None)))  # declared by the lexicon graph
    a = facts_a()
    a.people[0].posts[0].title = "Trợ lý đặc biệt"
    a.meetings[0].participants[0].role = "guest of honour"
    g = graphs([a])["a01"].graph
    title = TITLE["tro-ly-dac-biet"]
    assert (title, RDF.type, SKOS.Concept) in g and (title, RDF.type, ORG.Role) in g
    assert (title, SKOS.prefLabel, Literal("Trợ lý đặc biệt", lang="vi")) in g
    assert (ROLE["guest-of-honour"], SKOS.prefLabel, Literal("guest of honour", lang="en")) in g


def test_base_is_configurable():
    ag = article_graph(resolve_each([facts_a()])[0], "https://data.example.net/cg/")
    assert ag.iri == URIRef("https://data.example.net/cg/article/a01")
    assert (URIRef("https://data.example.net/cg/person/dao-phu-thuy-duong"), RDF.type, FOAF.Person) in ag.graph


def test_bad_dates_are_left_out_not_mistyped():
    a = facts_a()
    a.meetings[0].date = "2023-02-30"
    g = graphs([a])["a01"].graph
    assert not list(g.objects(iri("meeting/a01-1"), ns.SDO.startDate))


def test_texts_are_kept_exactly():
    b = graphs()["b02"].graph
    quotes = {str(o) for o in b.objects(None, CG.quote)}
    assert all(q in TEXT_B for q in quotes) and quotes


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([None, "vi", "en"]))
def test_literals_are_written_exactly_as_pyoxigraph_prints_them(value, lang):
    try:
        expected = str(ox.Literal(value, language=lang) if lang else ox.Literal(value))
    except (ValueError, UnicodeEncodeError):  # lone surrogates: neither side can write them
        return
    assert literal(value, lang) == expected


def test_literal_escapes_quotes_backslashes_and_controls():
    assert literal('Nghị quyết "số 45"', "vi") == '"Nghị quyết \\"số 45\\""@vi'
    assert literal("a\\b") == '"a\\\\b"'
    assert literal("dòng 1\ndòng 2\t") == '"dòng 1\\ndòng 2\\t"'
