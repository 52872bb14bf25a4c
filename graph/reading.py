"""What the store's graphs state, read graph by graph: one pass over each graph's quads.

Why not SPARQL: :meth:`.store.GraphStore.query` limits a query to the store's graphs by
passing pyoxigraph the list of every graph, and pyoxigraph checks a graph against that
list in time linear in its length at every lookup a join makes. A query joining patterns
inside ``GRAPH ?g`` then costs rows x articles: the posts held in 5,000 articles took 67 s
that way and 7 s over the store's own dataset. Each graph's quads, read once
(:meth:`.store.GraphStore.quads`) and joined here in dictionaries, cost the same per
article whatever the size of the store, and only one graph is in memory at a time.

:func:`read_graphs` yields a :class:`GraphReading` per graph: the typed entities, their
attribute values, the facts (posts held, meetings, participation, reified statements)
each with the first sentence stating it, the structural links, and for the vocabulary
graphs the concepts' labels, notations and schemes. :mod:`.analysis` makes the
``MultiDiGraph`` of them; the site and the tenures take what else they need from them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from .store import GraphStore

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_ORG = "http://www.w3.org/ns/org#"
_SDO = "https://schema.org/"
_CG = "https://cadregraph.org/ontology#"
_PROV = "http://www.w3.org/ns/prov#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_FOAF = "http://xmlns.com/foaf/0.1/"
TYPE = _RDF + "type"
# the classes of the analysis graph's nodes
CLASSES = {_FOAF + "Person": "person", _ORG + "Organization": "body", _ORG + "Post": "post",
           _CG + "Meeting": "meeting", _CG + "Directive": "directive"}
# entity attribute -> the node attribute it gives
VALUES = {_RDFS + "label": "label", _FOAF + "name": "name", _SKOS + "altLabel": "alt", _SDO + "name": "name",
          _SDO + "startDate": "date", _CG + "meetingKind": "kind", _SDO + "location": "location",
          _CG + "online": "online", _CG + "number": "number", _CG + "code": "code", _DCT + "issued": "date",
          _CG + "issuerLevel": "level", _CG + "term": "term", _DCT + "subject": "subject",
          _CG + "locality": "locality"}
CONCEPTS = {_CG + "bodyType": "body_type", _CG + "documentKind": "kind", _ORG + "role": "title"}
LINKS = {_ORG + "postIn": "postIn", _ORG + "subOrganizationOf": "subOrganizationOf", _CG + "issuer": "issuer"}
_OCCUPANCY, _PARTICIPATION, _MEETING, _STATEMENT = (_CG + "Occupancy", _CG + "Participation", _CG + "Meeting",
                                                    _RDF + "Statement")
_ARTICLE = _SDO + "NewsArticle"

Index = dict[str, dict[str, list]]  # subject -> predicate -> objects, of one graph


@dataclass(frozen=True)
class Sentence:
    """The sentence stating a fact: offsets into the article's text and the matched words."""

    quote: str
    start: int
    end: int
    match: tuple[int, int] | None = None  # the first matched words of a sentence starting at ``start``


@dataclass
class Fact:
    """A fact node of one graph: ``kind`` (``occupancy``, ``meeting``, ``participation``,
    ``statement``), what it links (IRIs or values by name) and its first sentence."""

    kind: str
    iri: str
    ends: dict[str, str | None]
    sentence: Sentence | None


@dataclass
class GraphReading:
    """What one named graph states (see the module's doc)."""

    graph: str
    types: list[tuple[str, str]] = field(default_factory=list)  # (subject, node type)
    values: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, attribute, value)
    concepts: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, attribute, concept IRI)
    article: dict[str, str | None] | None = None  # the graph's article: title, date, url
    authors: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, relation, object)
    observations: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # person, name, post, label, date
    labels: list[tuple[str, str | None, str]] = field(default_factory=list)  # (concept, language, skos:prefLabel)
    notations: list[tuple[str, str]] = field(default_factory=list)  # (concept, skos:notation)
    schemes: list[tuple[str, str]] = field(default_factory=list)  # (concept, skos:inScheme)


def read_graphs(store: GraphStore) -> Iterator[GraphReading]:
    """Every graph queries see (:meth:`.store.GraphStore.graphs`), in that order, read."""
    for graph in store.graphs():
        yield read_graph(graph.value, index_of(store.quads(graph)))


def index_of(quads: Iterable[ox.Quad | ox.Triple]) -> Index:
    """The quads (or triples) of one graph by subject and predicate."""
    index: Index = {}
    for q in quads:
        index.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    return index


def read_graph(name: str, index: Index) -> GraphReading:
    """What the graph ``name`` (its quads in ``index``) states."""
    out = GraphReading(name)
    shared: dict[str, str] = {}  # quotes and dates, one copy of each (see _sentence)
    for s, preds in index.items():
        classes = {t.value for t in preds.get(TYPE, ())}
        kinds = sorted({CLASSES[c] for c in classes if c in CLASSES})
        out.types += [(s, k) for k in kinds]
        if kinds or not classes:  # an entity, or a subject typed in another graph
            out.values += [(s, attr, o.value) for p, attr in VALUES.items() for o in preds.get(p, ())]
            out.concepts += [(s, attr, o.value) for p, attr in CONCEPTS.items() for o in preds.get(p, ())]
        out.links += [(s, rel, o.value) for p, rel in LINKS.items() for o in preds.get(p, ())]
        out.labels += [(s, o.language, o.value) for o in preds.get(_SKOS + "prefLabel", ())]
        out.notations += [(s, o.value) for o in preds.get(_SKOS + "notation", ())]
        out.schemes += [(s, o.value) for o in preds.get(_SKOS + "inScheme", ())]
        if _ARTICLE in classes and s == name:
            out.article = {k: _first(preds, p) for k, p in (("title", _DCT + "title"), ("date", _DCT + "issued"),
                                                            ("url", _DCT + "source"))}
            out.authors = [o.value for o in preds.get(_DCT + "creator", ())]
        if _OCCUPANCY in classes:
            _occupancy(out, index, shared, s, preds)
        if _PARTICIPATION in classes:
            _fact(out, index, shared, "participation", s, preds,
                  meeting=_CG + "meeting", person=_CG + "participant", role=_CG + "role")
        if _MEETING in classes:
            bodies = sorted({o.value for o in preds.get(_SDO + "organizer", ())}) or [None]
            sentence = _sentence(index, preds, shared)
            out.facts += [Fact("meeting", s, {"body": b}, sentence) for b in bodies]
        if _STATEMENT in classes:
            _fact(out, index, shared, "statement", s, preds,
                  s=_RDF + "subject", p=_RDF + "predicate", o=_RDF + "object")
    return out


def _occupancy(out: GraphReading, index: Index, shared: dict[str, str], s: str, preds: dict[str, list]) -> None:
    if _fact(out, index, shared, "occupancy", s, preds, person=_ORG + "member", post=_CG + "post",
             date=(_CG + "reportedOn", None)):
        out.observations += _observations(index, preds)


def read_observations(store: GraphStore) -> Iterator[tuple[str, list[tuple[str, str, str, str, str]]]]:
    """Each graph's name and its posts held on a date (:attr:`GraphReading.observations`), and
    nothing else: what the tenures are made of."""
    for graph in store.graphs():
        index = index_of(store.quads(graph))
        yield graph.value, [o for preds in index.values() if _OCCUPANCY in {t.value for t in preds.get(TYPE, ())}
                            for o in _observations(index, preds)]


def _observations(index: Index, preds: dict[str, list]) -> list[tuple[str, str, str, str, str]]:
    """(person, name, post, label, date) of an occupancy, each combination once."""
    return sorted({(person.value, name.value, post.value, label.value, date.value)
                   for person in preds.get(_ORG + "member", ()) for post in preds.get(_CG + "post", ())
                   for date in preds.get(_CG + "reportedOn", ())
                   for name in index.get(person.value, {}).get(_FOAF + "name", ())
                   for label in index.get(post.value, {}).get(_RDFS + "label", ())})


def _fact(out: GraphReading, index: Index, shared: dict[str, str], kind: str, subject: str,
          preds: dict[str, list], **ends: str | tuple[str, None]) -> bool:
    """Add the fact ``subject`` when it has every required end (an end given as ``(predicate, None)``
    is optional); an end with several values takes the first in order."""
    found: dict[str, str | None] = {}
    for name, spec in ends.items():
        p, required = (spec[0], False) if isinstance(spec, tuple) else (spec, True)
        values = sorted(o.value for o in preds.get(p, ()))
        if not values and required:
            return False
        found[name] = shared.setdefault(values[0], values[0]) if values else None
    out.facts.append(Fact(kind, subject, found, _sentence(index, preds, shared)))
    return True


def _sentence(index: Index, preds: dict[str, list], shared: dict[str, str]) -> Sentence | None:
    """The first sentence (by its start) of a fact's ``prov:qualifiedDerivation`` with a quote,
    a start and an end, and the first matched words of the sentences starting there.

    ``shared``: the quotes of the graph so far, so that the facts of one sentence (the people
    of a list, a meeting and its organiser) share one copy: a store of 100,000 articles
    quotes well over a million sentences."""
    found: list[tuple[int, int, str]] = []
    matches: dict[int, list[tuple[int, int]]] = {}
    for ev in preds.get(_PROV + "qualifiedDerivation", ()):
        e = index.get(ev.value, {})
        quotes, starts, ends = e.get(_CG + "quote", ()), e.get(_CG + "start", ()), e.get(_CG + "end", ())
        found += [(int(a.value), int(b.value), shared.setdefault(q.value, q.value))
                  for q in quotes for a in starts for b in ends]
        for a in starts:
            matches.setdefault(int(a.value), []).extend(
                (int(ms.value), int(me.value)) for ms in e.get(_CG + "matchStart", ())
                for me in e.get(_CG + "matchEnd", ()))
    if not found:
        return None
    start, end, quote = min(found)
    return Sentence(quote, start, end, min(matches.get(start, []), default=None))


def _first(preds: dict[str, list], p: str) -> str | None:
    values = sorted(o.value for o in preds.get(p, ()))
    return values[0] if values else None
