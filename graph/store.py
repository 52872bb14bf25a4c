"""The resolved corpus as RDF, with standard vocabularies and one named graph per article.

Entities (people, bodies, directives) are described once in the default graph; what an
article states (its metadata, meetings, posts held, participation, documents discussed,
evidence) goes into the named graph of that article, so every fact keeps its source.
FOAF, W3C ORG, schema.org, Dublin Core and PROV are used where they fit; the small
``cg:`` namespace covers the rest.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, DefinedNamespace, FOAF, ORG, PROV, RDF, RDFS, SDO, XSD

from .model import Evidence
from .resolve import slugify
from .resolved import ResolvedCorpus


class CG(DefinedNamespace):
    """The ``cg:`` terms, closed so that a misspelt term fails instead of minting a new IRI."""

    _NS = Namespace("https://cadregraph.org/ontology#")
    _fail = True

    Directive: URIRef
    Evidence: URIRef
    Participation: URIRef
    kind: URIRef  # a body's lexicon kind, a meeting's or a directive's kind as written
    number: URIRef
    code: URIRef
    issuerLevel: URIRef
    term: URIRef  # party congress term, "XIII"
    title: URIRef  # the title part of a post, "Phó Bí thư"
    online: URIRef
    meeting: URIRef
    participant: URIRef
    role: URIRef
    disseminated: URIRef
    implements: URIRef
    reviewed: URIRef
    mentions: URIRef
    evidence: URIRef
    quote: URIRef
    start: URIRef
    end: URIRef
    matchStart: URIRef
    matchEnd: URIRef

DEFAULT_BASE = "https://cadregraph.org/id/"
VI = "vi"

# meeting -> directive relations from extraction, and the property each one becomes
_RELATIONS = {
    "disseminated": CG.disseminated,
    "implemented": CG.implements,
    "reviewed": CG.reviewed,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def bind_prefixes(graph: Graph | Dataset, base: str = DEFAULT_BASE) -> None:
    """Readable prefixes for the vocabularies and for each kind of id."""
    for prefix, ns in (("cg", CG._NS), ("foaf", FOAF), ("org", ORG), ("schema", SDO), ("dcterms", DCTERMS),
                       ("prov", PROV), ("rdfs", RDFS), ("xsd", XSD)):
        graph.bind(prefix, ns, override=True)
    for kind in ("person", "body", "directive", "meeting", "article", "post", "participation", "evidence"):
        graph.bind(kind, Namespace(f"{base}{kind}/"), override=True)


def build_dataset(resolved: ResolvedCorpus, base: str = DEFAULT_BASE) -> Dataset:
    """An RDF dataset of the corpus; ``base`` is the namespace every id is minted under."""
    if not base.endswith(("/", "#")):
        base += "/"
    ds = Dataset()
    bind_prefixes(ds, base)
    iri = _Minter(base)
    _describe_entities(ds.graph(DATASET_DEFAULT_GRAPH_ID), resolved, iri)  # (default_context: deprecated)
    _describe_articles({a.article_id: ds.graph(iri.article(a.article_id)) for a in resolved.articles}, resolved, iri)
    return ds


def _describe_entities(default: Graph, resolved: ResolvedCorpus, iri: _Minter) -> None:
    """People, bodies and directives, once each, in the default graph."""
    for p in resolved.people:
        node = iri(p.id)
        default.add((node, RDF.type, FOAF.Person))
        default.add((node, FOAF.name, Literal(p.name, lang=VI)))
        default.add((node, RDFS.label, Literal(p.name, lang=VI)))
    for b in resolved.bodies:
        node = iri(b.id)
        default.add((node, RDF.type, ORG.Organization))
        default.add((node, RDFS.label, Literal(b.name, lang=VI)))
        _add(default, node, CG.kind, b.kind)
        _add(default, node, DCTERMS.spatial, b.locality, lang=VI)
        if b.parent_id:
            default.add((node, ORG.subOrganizationOf, iri(b.parent_id)))
    for d in resolved.directives:
        node = iri(d.id)
        default.add((node, RDF.type, CG.Directive))
        default.add((node, RDFS.label, Literal(_directive_label(d.kind, d.number, d.code), lang=VI)))
        _add(default, node, CG.kind, d.kind, lang=VI)
        _add(default, node, CG.number, d.number)
        _add(default, node, CG.code, d.code)
        _add(default, node, DCTERMS.issued, _date(d.issued))
        _add(default, node, DCTERMS.creator, d.issuer, lang=VI)
        _add(default, node, CG.issuerLevel, d.issuer_level)
        _add(default, node, DCTERMS.subject, d.subject, lang=VI)
        _add(default, node, CG.term, d.term)


def _describe_articles(graphs: dict[str, Graph], resolved: ResolvedCorpus, iri: _Minter) -> None:
    """What each article states, in the named graph of that article."""
    for a in resolved.articles:
        g, node = graphs[a.article_id], iri.article(a.article_id)
        g.add((node, RDF.type, SDO.NewsArticle))
        _add(g, node, DCTERMS.title, a.title, lang=VI)
        _add(g, node, DCTERMS.issued, _date(a.published))
        for author in a.authors:
            _add(g, node, DCTERMS.creator, author, lang=VI)
        url = a.url if a.url and _WEB_IRI.fullmatch(a.url) else None
        g.add((node, DCTERMS.source, URIRef(url) if url else Literal(a.url or a.source_path)))
        _add(g, node, DCTERMS.spatial, a.locality, lang=VI)
    for m in resolved.meetings:
        g, node = graphs[m.article_id], iri(m.id)
        g.add((node, RDF.type, SDO.Event))
        _add(g, node, RDFS.label, m.title, lang=VI)
        _add(g, node, CG.kind, m.kind, lang=VI)
        _add(g, node, SDO.startDate, _date(m.date))
        if m.organizer_id:
            g.add((node, SDO.organizer, iri(m.organizer_id)))
        if m.online:
            g.add((node, CG.online, Literal(True)))
        _provenance(g, iri, node, m.article_id, m.evidence)
    for pos in resolved.positions:
        g, post = graphs[pos.article_id], iri.post(pos.person_id, pos.title, pos.body_id)
        g.add((post, RDF.type, ORG.Post))
        g.add((post, RDFS.label, Literal(pos.label, lang=VI)))
        g.add((post, CG.title, Literal(pos.title, lang=VI)))
        if pos.body_id:
            g.add((post, ORG.postIn, iri(pos.body_id)))
        g.add((iri(pos.person_id), ORG.holds, post))
        _provenance(g, iri, post, pos.article_id, pos.evidence)
    meeting_article = {m.id: m.article_id for m in resolved.meetings}
    for part in resolved.participation:
        aid = meeting_article[part.meeting_id]
        g, meeting, person = graphs[aid], iri(part.meeting_id), iri(part.person_id)
        g.add((meeting, SDO.attendee, person))
        node = iri.participation(part.meeting_id, part.person_id, part.role)
        g.add((node, RDF.type, CG.Participation))
        g.add((node, CG.meeting, meeting))
        g.add((node, CG.participant, person))
        g.add((node, CG.role, Literal(part.role)))
        _provenance(g, iri, node, aid, part.evidence)
    for md in resolved.meeting_directives:
        graphs[meeting_article[md.meeting_id]].add(
            (iri(md.meeting_id), _RELATIONS.get(md.relation, CG.mentions), iri(md.directive_id)))
    for link in resolved.directive_links:
        graphs[link.article_id].add((iri(link.directive_id), CG.implements, iri(link.implements_id)))
    for mention in resolved.mentions:
        graphs[mention.article_id].add((iri.article(mention.article_id), SDO.mentions, iri(mention.entity_id)))


class _Minter:
    """IRIs under ``base`` for ids, articles, posts, participations and evidence spans."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, id_: str) -> URIRef:
        return URIRef(self.base + quote(id_, safe="/-_.~"))

    def article(self, article_id: str) -> URIRef:
        return self(f"article/{article_id}")

    def post(self, person_id: str, title: str, body_id: str | None) -> URIRef:
        """One post node per person, title and body: ``post/<person>--<title>--<body>``."""
        parts = [person_id.rpartition("/")[2], slugify(title)]
        if body_id:
            parts.append(body_id.rpartition("/")[2])
        return self("post/" + "--".join(parts))

    def participation(self, meeting_id: str, person_id: str, role: str) -> URIRef:
        """``participation/<meeting>--<person>--<role>``."""
        parts = [meeting_id.rpartition("/")[2], person_id.rpartition("/")[2], slugify(role)]
        return self("participation/" + "--".join(parts))

    def evidence(self, ev: Evidence) -> URIRef:
        """One node per sentence and matched words: ``evidence/<article>-<start>-<end>-<m0>-<m1>``."""
        return self(f"evidence/{ev.article_id}-{ev.start}-{ev.end}-{ev.match_start}-{ev.match_end}")


def _provenance(g: Graph, iri: _Minter, node: URIRef, article_id: str, ev: Evidence | None) -> None:
    g.add((node, PROV.wasDerivedFrom, iri.article(article_id)))
    if ev is not None:
        g.add((node, CG.evidence, iri.evidence(ev)))
        _evidence(g, iri, ev)


def _evidence(g: Graph, iri: _Minter, ev: Evidence) -> None:
    """The sentence that states a fact: its quote and its offsets in the article text."""
    node = iri.evidence(ev)
    g.add((node, RDF.type, CG.Evidence))
    g.add((node, CG.quote, Literal(ev.quote, lang=VI)))
    g.add((node, CG.start, Literal(ev.start)))
    g.add((node, CG.end, Literal(ev.end)))
    g.add((node, CG.matchStart, Literal(ev.match_start)))
    g.add((node, CG.matchEnd, Literal(ev.match_end)))
    g.add((node, PROV.wasDerivedFrom, iri.article(ev.article_id)))


def _add(g: Graph, node: URIRef, prop: URIRef, value: str | Literal | None, lang: str | None = None) -> None:
    if value is None or value == "":
        return
    g.add((node, prop, value if isinstance(value, Literal) else Literal(value, lang=lang)))


def _date(value: str | None) -> Literal | None:
    """An ``xsd:date`` for ISO dates; anything else is kept as a plain literal."""
    if not value:
        return None
    return Literal(value, datatype=XSD.date) if _ISO_DATE.fullmatch(value) else Literal(value)


def _directive_label(kind: str, number: str, code: str | None) -> str:
    """The usual written form: ``Quy định số 124-QĐ/TW``."""
    return f"{kind} số {number}-{code}" if code else f"{kind} số {number}"
