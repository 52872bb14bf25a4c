"""One article's resolved view as RDF: the named graph of that article.

Everything an article states goes into the graph named by the article's IRI: the article
itself (title, date, authors, address), its view of the people, bodies and documents it
names, the posts it says they hold, the meetings it reports with their participants and
the documents they deal with. The graph depends on that article alone, so it can be
replaced on its own when the article changes, and the union of all article graphs is the
whole corpus: what several articles say about one entity sits in each of their graphs.

Facts are nodes wherever a role, a date or a source has to hang on them: an
``org:Membership``-like :data:`CG.Occupancy` for a post held as reported, a
:data:`CG.Participation` per person and role in a meeting, an ``rdf:Statement`` for a
meeting dealing with a document and for one document implementing another. Each of those
is ``prov:wasDerivedFrom`` its article and has a ``prov:qualifiedDerivation`` to a
:data:`CG.Evidence`: the sentence that states it and its character offsets. The plain
links (``org:holds``, ``schema:attendee``, ``cg:disseminates``, ``cg:implements``...)
stay beside them for simple queries.

The graph is written straight as sorted N-Triples lines in the exact form pyoxigraph prints
them (:func:`literal`): the store loads and digests them without building a term object per
triple, which is what lets a build of a hundred thousand articles finish in minutes.
``ArticleGraph.graph`` parses them into an rdflib ``Graph`` for those who want one.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Iterable, Sequence
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from .model import Evidence
from .resolve import ascii_fold, post_id, slugify
from .resolved import ResolvedCorpus
from . import vocab
from .vocab import (
    MEETING_DOCUMENT,
    SCHEME_BODY_TYPES,
    SCHEME_DOCUMENT_KINDS,
    SCHEME_ROLES,
    SCHEME_TITLES,
    VI,
    body_type_concept,
    document_kind_concept,
    known_concepts,
    role_concept,
    title_concept,
)

class _Terms:
    """A namespace whose terms are plain strings, each looked up in rdflib once: rdflib's own
    attribute lookup costs about as much as writing the triple."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = str(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


CG, ELI = _Terms(vocab.CG), _Terms(vocab.ELI)
DCTERMS, FOAF, ORG, PROV, RDF = _Terms(ns.DCTERMS), _Terms(ns.FOAF), _Terms(ns.ORG), _Terms(ns.PROV), _Terms(ns.RDF)
RDFS, SDO, SKOS, XSD = _Terms(ns.RDFS), _Terms(ns.SDO), _Terms(ns.SKOS), _Terms(ns.XSD)
_SAFE_ID = re.compile(r"[A-Za-z0-9/_.~-]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class ArticleGraph:
    """The named graph of one article: its name (the article's IRI) and its triples, as
    sorted, distinct N-Triples lines (no final `` .``)."""

    iri: URIRef
    article_id: str
    content_hash: str
    lines: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def digest(self) -> str:
        """The digest of :attr:`lines` (:func:`lines_digest`): the store's catalog keeps it."""
        return lines_digest(self.lines)

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib ``Graph`` (parsed on first use)."""
        return lines_graph(self.lines)


def lines_digest(lines: Sequence[str]) -> str:
    """The digest of a graph as its sorted, distinct N-Triples lines: what tells the store,
    and the caches beside it, that a graph is unchanged."""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def lines_graph(lines: Iterable[str]) -> Graph:
    """N-Triples lines (without their final `` .``) as an rdflib ``Graph``."""
    return Graph().parse(data="".join(f"{line} .\n" for line in lines), format="nt")


class Minter:
    """IRIs under ``base`` for the ids of :mod:`.resolve` and for the fact nodes built on them."""

    #: kinds of node whose IRI names the article: only that article's graph describes them
    ARTICLE_SCOPED = ("article/", "occupancy/", "statement/", "evidence/")

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, id_: str) -> str:
        return self.base + (id_ if _SAFE_ID.fullmatch(id_) else quote(id_, safe="/-_.~"))

    def article(self, article_id: str) -> str:
        return self(f"article/{article_id}")

    def occupancy(self, article_id: str, person_id: str, post: str) -> str:
        """``occupancy/<article>--<person>--<post>``: a post held as one article reports it."""
        return self(f"occupancy/{article_id}--{_tail(person_id)}--{_tail(post)}")

    def participation(self, meeting_id: str, person_id: str, role: str) -> str:
        """``participation/<meeting>--<person>--<role>``."""
        return self(f"participation/{_tail(meeting_id)}--{_tail(person_id)}--{slugify(role)}")

    def statement(self, article_id: str, subject_id: str, prop: str, object_id: str) -> str:
        """``statement/<article>--<subject>--<property>--<object>``: one article stating one link."""
        return self(f"statement/{article_id}--{_tail(subject_id)}--{_local(prop)}--{_tail(object_id)}")

    def evidence(self, ev: Evidence) -> str:
        """One node per sentence and matched words: ``evidence/<article>-<start>-<end>-<m0>-<m1>``."""
        return self(f"evidence/{ev.article_id}-{ev.start}-{ev.end}-{ev.match_start}-{ev.match_end}")


def article_graph(view: ResolvedCorpus, base: str) -> ArticleGraph:
    """The named graph of the one article ``view`` resolves (see :func:`.resolve.resolve_each`)."""
    if len(view.articles) != 1:
        raise ValueError(f"an article graph is built from one article's view, not {len(view.articles)}")
    a = view.articles[0]
    iri = Minter(base)
    writer = _Writer(iri, view)
    writer.write()
    return ArticleGraph(URIRef(iri.article(a.article_id)), a.article_id, a.content_hash, tuple(sorted(writer.lines)))


class _Writer:
    """Writes the triples of one article's view as N-Triples lines.

    Subjects and predicates are IRIs (``str``/``URIRef``); an object is an IRI, or a literal
    already in N-Triples form (it starts with ``"``; see :func:`literal`).
    """

    def __init__(self, iri: Minter, view: ResolvedCorpus) -> None:
        self.lines: set[str] = set()
        self.iri, self.v = iri, view
        self.a = view.articles[0]
        self.article = iri.article(self.a.article_id)
        self.known = known_concepts()

    def write(self) -> None:
        self._article()
        self._people()
        self._bodies()
        self._directives()
        self._meetings()
        self._occupancies()
        self._participation()
        self._meeting_documents()
        self._directive_links()

    # -- entities, as this article names them ------------------------------------------

    def _article(self) -> None:
        a, node = self.a, self.article
        self.add(node, RDF.type, SDO.NewsArticle)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.identifier, literal(a.article_id))
        self.text(node, DCTERMS.title, a.title)
        self.text(node, RDFS.label, a.title or a.article_id)
        self.add(node, DCTERMS.issued, _date(a.published))
        for author in a.authors:
            self.text(node, DCTERMS.creator, author)
        if a.url and _web_iri(a.url):
            self.add(node, DCTERMS.source, a.url)
            self.add(node, SDO.url, a.url)
        elif a.source_path:
            self.add(node, CG.sourcePath, literal(a.source_path))
        self.text(node, CG.locality, a.locality)
        if a.content_hash:
            self.add(node, CG.contentHash, literal(a.content_hash))
        for m in self.v.mentions:
            self.add(node, SDO.mentions, self.iri(m.entity_id))

    def _people(self) -> None:
        for p in self.v.people:
            node = self.iri(p.id)
            self.add(node, RDF.type, FOAF.Person)
            self.text(node, FOAF.name, p.name)
            self.labels(node, p.name)

    def _bodies(self) -> None:
        described = set()
        for b in self.v.bodies:
            node = self.iri(b.id)
            described.add(b.id)
            self.add(node, RDF.type, ORG.Organization)
            self.labels(node, b.name)
            self.add(node, CG.bodyType, self.concept(body_type_concept(b.kind), b.kind, SCHEME_BODY_TYPES, lang=None))
            self.text(node, CG.locality, b.locality)
            if b.parent_id:
                self.add(node, ORG.subOrganizationOf, self.iri(b.parent_id))
        for d in self.v.directives:  # an issuer the article does not name as a body: its name only
            if d.issuer_id and d.issuer and d.issuer_id not in described:
                described.add(d.issuer_id)
                node = self.iri(d.issuer_id)
                self.add(node, RDF.type, ORG.Organization)
                self.labels(node, d.issuer)

    def _directives(self) -> None:
        for d in self.v.directives:
            node = self.iri(d.id)
            self.add(node, RDF.type, CG.Directive)
            self.add(node, RDF.type, ELI.LegalResource)
            self.labels(node, directive_label(d.kind, d.number, d.code))
            self.add(node, CG.documentKind, self.concept(document_kind_concept(d.kind), d.kind, SCHEME_DOCUMENT_KINDS))
            self.add(node, CG.number, literal(d.number))
            self.add(node, CG.code, literal(d.code) if d.code else None)
            self.add(node, DCTERMS.issued, _date(d.issued))
            if d.issuer_id:
                self.add(node, CG.issuer, self.iri(d.issuer_id))
            self.add(node, CG.issuerLevel, literal(d.issuer_level) if d.issuer_level else None)
            self.text(node, DCTERMS.subject, d.subject)
            self.add(node, CG.term, literal(d.term) if d.term else None)

    # -- what the article states -------------------------------------------------------

    def _meetings(self) -> None:
        localities = {b.id: b.locality for b in self.v.bodies}
        for m in self.v.meetings:
            node = self.iri(m.id)
            self.add(node, RDF.type, CG.Meeting)
            self.add(node, RDF.type, SDO.Event)
            self.text(node, SDO.name, m.title)
            self.labels(node, m.title or m.id)
            self.text(node, CG.meetingKind, m.kind)
            self.add(node, SDO.startDate, _date(m.date))
            if m.organizer_id:
                self.add(node, SDO.organizer, self.iri(m.organizer_id))
            self.text(node, SDO.location, localities.get(m.organizer_id or "") or self.a.locality)
            self.add(node, CG.online, _BOOLEAN[bool(m.online)])
            self.derived(node, m.evidence)

    def _occupancies(self) -> None:
        reported = _date(self.a.published) or max((d for d in (_date(m.date) for m in self.v.meetings) if d),
                                                  key=str, default=None)
        for pos in self.v.positions:
            person, pid = self.iri(pos.person_id), post_id(pos.title, pos.body_id)
            post, title = self.iri(pid), self.concept(title_concept(pos.title), pos.title, SCHEME_TITLES, org_role=True)
            self.add(post, RDF.type, ORG.Post)
            self.labels(post, pos.label)
            self.add(post, ORG.role, title)
            if pos.body_id:
                self.add(post, ORG.postIn, self.iri(pos.body_id))
            self.add(person, ORG.holds, post)
            self.add(post, ORG.heldBy, person)
            node = self.iri.occupancy(pos.article_id, pos.person_id, pid)
            self.add(node, RDF.type, CG.Occupancy)
            self.add(node, RDF.type, ORG.Membership)
            self.add(node, ORG.member, person)
            if pos.body_id:
                self.add(node, ORG.organization, self.iri(pos.body_id))
            self.add(node, ORG.role, title)
            self.add(node, CG.post, post)
            self.add(node, CG.reportedOn, reported)
            self.derived(node, pos.evidence)

    def _participation(self) -> None:
        for part in self.v.participation:
            meeting, person = self.iri(part.meeting_id), self.iri(part.person_id)
            self.add(meeting, SDO.attendee, person)
            node = self.iri.participation(part.meeting_id, part.person_id, part.role)
            self.add(node, RDF.type, CG.Participation)
            self.add(node, CG.meeting, meeting)
            self.add(node, CG.participant, person)
            self.add(node, CG.role, self.concept(role_concept(part.role), part.role, SCHEME_ROLES, lang="en"))
            self.derived(node, part.evidence)

    def _meeting_documents(self) -> None:
        for md in self.v.meeting_directives:
            prop = MEETING_DOCUMENT.get(md.relation, CG.mentionsDocument)
            self.link(md.meeting_id, prop, md.directive_id, md.evidence)

    def _directive_links(self) -> None:
        for link in self.v.directive_links:
            self.link(link.directive_id, CG.implements, link.implements_id, link.evidence)

    # -- helpers -----------------------------------------------------------------------

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.lines.add(f"<{s}> <{p}> {o}" if o[:1] == '"' else f"<{s}> <{p}> <{o}>")

    def text(self, s: str, p: str, value: str | None) -> None:
        if value and value.strip():
            self.add(s, p, literal(value, VI))

    def labels(self, node: str, label: str) -> None:
        """``rdfs:label`` in Vietnamese, and the ASCII-folded form to search by."""
        self.text(node, RDFS.label, label)
        folded = ascii_fold(label)
        if folded != label:
            self.add(node, SKOS.altLabel, literal(folded))

    def concept(self, node: URIRef, label: str, scheme: URIRef, lang: str | None = VI,
                org_role: bool = False) -> URIRef:
        """``node``; declared in this graph when neither the ontology nor a lexicon has it."""
        if node not in self.known:
            self.add(node, RDF.type, SKOS.Concept)
            if org_role:
                self.add(node, RDF.type, ORG.Role)
            self.add(node, SKOS.inScheme, scheme)
            self.add(node, SKOS.prefLabel, literal(label, lang))
        return node

    def derived(self, node: str, ev: Evidence | None) -> None:
        """``node`` comes from this article, and from the sentence ``ev`` where known."""
        self.add(node, PROV.wasDerivedFrom, self.article)
        if ev is None:
            return
        e = self.iri.evidence(ev)
        self.add(node, PROV.qualifiedDerivation, e)
        for p, o in ((RDF.type, CG.Evidence), (RDF.type, PROV.Derivation), (PROV.entity, self.article),
                     (CG.quote, literal(ev.quote, VI)), (CG.start, integer(ev.start)), (CG.end, integer(ev.end)),
                     (CG.matchStart, integer(ev.match_start)), (CG.matchEnd, integer(ev.match_end))):
            self.add(e, p, o)
        matched = ev.quote[ev.match_start - ev.start:ev.match_end - ev.start]
        self.text(e, CG.matched, matched)

    def link(self, subject_id: str, prop: URIRef, object_id: str, ev: Evidence | None) -> None:
        """The plain link, and an ``rdf:Statement`` of it that its source hangs on."""
        s, o = self.iri(subject_id), self.iri(object_id)
        self.add(s, prop, o)
        node = self.iri.statement(self.a.article_id, subject_id, prop, object_id)
        for p, v in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, prop), (RDF.object, o)):
            self.add(node, p, v)
        self.derived(node, ev)


# -- N-Triples terms, in the form pyoxigraph prints them ---------------------------------------

_XSD_INTEGER = f"^^<{XSD.integer}>"
_BOOLEAN = {True: f'"true"^^<{XSD.boolean}>', False: f'"false"^^<{XSD.boolean}>'}


def literal(value: str, lang: str | None = None) -> str:
    """A string literal (with a language tag) in N-Triples, exactly as pyoxigraph prints it.

    Text with no control or other non-printable character needs only ``\\`` and ``"``
    escaped; anything else is left to pyoxigraph, the reference for the digests.
    """
    if value.isprintable():
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{quoted}@{lang}" if lang else quoted
    return str(ox.Literal(value, language=lang) if lang else ox.Literal(value))


def integer(value: int) -> str:
    return f'"{int(value)}"{_XSD_INTEGER}'


def _web_iri(url: str) -> bool:
    """Whether ``url`` is a web address that is also a valid IRI."""
    if not _WEB_IRI.fullmatch(url):
        return False
    try:
        ox.NamedNode(url)
    except ValueError:
        return False
    return True


def directive_label(kind: str, number: str, code: str | None) -> str:
    """The usual written form: ``Quy định số 124-QĐ/TW``."""
    return f"{kind} số {number}-{code}" if code else f"{kind} số {number}"


def _tail(id_: str) -> str:
    return id_.rpartition("/")[2]


def _local(prop: URIRef) -> str:
    return re.split(r"[#/]", str(prop))[-1]


def _date(value: str | None) -> str | None:
    """An ``xsd:date`` for a real ISO date; ``None`` for anything else (never an ill-typed literal)."""
    if not value or not _ISO_DATE.fullmatch(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return f'"{value}"^^<{XSD.date}>'
