"""The graph of a build as a NetworkX ``MultiDiGraph``, read from the RDF store with SPARQL.

:func:`build_graph` turns the store's vocabulary (README, "The RDF graph") into typed
nodes and typed edges; it relies on classes and properties only, never on how ids are
spelt, so it reads the graph the same way whatever resolution merges.

Nodes are keyed by their id, the IRI without the build's base (``person/dao-phu-thuy-duong``),
and carry ``type`` (one of :data:`NODE_TYPES`), ``label``, ``iri``, ``articles`` (the
articles whose graphs describe them), ``date`` (a meeting's start date, a document's issue
date) and what their type has (``name``, ``kind``, ``number``, ``code``, ``organizer``...).

Edges go the way the RDF property goes and their ``relation`` is its local name:
``holds`` (person -> post), ``postIn`` (post -> body), ``attendee`` (meeting -> person, with
its ``role``), ``organizer`` (meeting -> body), ``disseminates``, ``carriesOut``,
``reviews``, ``mentionsDocument`` (meeting -> directive), ``implements`` (directive ->
directive), ``issuer`` (directive -> body), ``subOrganizationOf`` (body -> body). An edge
stated by an article carries that article (``article``) and the sentence stating it
(``quote``, ``start``, ``end``): one edge per fact and article. Facts in time (posts held,
attendance, meetings organised, documents dealt with) have a ``date``; :func:`between`
keeps those of a period.
"""
from __future__ import annotations

import calendar
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

import networkx as nx
import pyoxigraph as ox

from .store import GraphStore
from .vocab import CG, MEETING_DOCUMENT, prefixes

PERSON, BODY, POST, MEETING, DIRECTIVE = "person", "body", "post", "meeting", "directive"
NODE_TYPES = (PERSON, BODY, POST, MEETING, DIRECTIVE)
HOLDS, POST_IN, ATTENDEE, ORGANIZER = "holds", "postIn", "attendee", "organizer"
IMPLEMENTS, ISSUER, SUB_ORGANIZATION_OF = "implements", "issuer", "subOrganizationOf"
# how a meeting deals with a document: cg:discusses and its sub-properties, the most telling first
_TELLING = ("disseminates", "carriesOut", "reviews", "discusses", "mentionsDocument")
DISCUSSES = tuple(sorted({str(p).rpartition("#")[2] for p in MEETING_DOCUMENT.values()} | {"discusses"},
                         key=lambda r: (_TELLING.index(r) if r in _TELLING else len(_TELLING), r)))
# facts in time, kept by :func:`between` when their date is in the period; the rest is structure
FACTS = frozenset({HOLDS, ATTENDEE, ORGANIZER, *DISCUSSES})
# structure a fact hangs on, followed outwards from what a period keeps
STRUCTURE = frozenset({POST_IN, SUB_ORGANIZATION_OF, ISSUER, IMPLEMENTS})
# participation roles, most telling first: a person's main role at a meeting is the first
ROLE_ORDER = ("chair", "moderator", "presenter", "speaker", "awarder", "appointee", "recipient", "attendee",
              "participant")

_CLASSES = {"http://xmlns.com/foaf/0.1/Person": PERSON, "http://www.w3.org/ns/org#Organization": BODY,
            "http://www.w3.org/ns/org#Post": POST, str(CG.Meeting): MEETING, str(CG.Directive): DIRECTIVE}
_EVIDENCE = """OPTIONAL { ?fact prov:qualifiedDerivation ?ev . ?ev cg:quote ?quote ; cg:start ?start ; cg:end ?end }"""
_TYPES = """SELECT DISTINCT ?s ?class ?g WHERE {
  VALUES ?class { foaf:Person org:Organization org:Post cg:Meeting cg:Directive } GRAPH ?g { ?s a ?class } }"""
_VALUES = """SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {
  VALUES ?p { rdfs:label foaf:name skos:altLabel schema:name schema:startDate cg:meetingKind schema:location
              cg:online cg:number cg:code dcterms:issued cg:issuerLevel cg:term dcterms:subject cg:locality }
  GRAPH ?g { ?s ?p ?o } } GROUP BY ?s ?p ?o"""
_CONCEPTS = """SELECT DISTINCT ?s ?p ?c WHERE { VALUES ?p { cg:bodyType cg:documentKind org:role } ?s ?p ?c }"""
_CONCEPT_LABELS = """SELECT DISTINCT ?c ?label WHERE { VALUES ?c { %s } ?c skos:prefLabel ?label }"""
_ARTICLES = """SELECT ?a ?title ?date ?url WHERE { GRAPH ?a { ?a a schema:NewsArticle .
  OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:issued ?date } OPTIONAL { ?a dcterms:source ?url } } }"""
_OCCUPANCIES = f"""SELECT ?fact ?g ?person ?post ?date ?quote ?start ?end WHERE {{ GRAPH ?g {{
  ?fact a cg:Occupancy ; org:member ?person ; cg:post ?post .
  OPTIONAL {{ ?fact cg:reportedOn ?date }} {_EVIDENCE} }} }}"""
_PARTICIPATIONS = f"""SELECT ?fact ?g ?meeting ?person ?role ?notation ?quote ?start ?end WHERE {{
  GRAPH ?g {{ ?fact a cg:Participation ; cg:meeting ?meeting ; cg:participant ?person ; cg:role ?role . {_EVIDENCE} }}
  OPTIONAL {{ ?role skos:notation ?notation }} }}"""
_MEETINGS = f"""SELECT ?fact ?g ?body ?quote ?start ?end WHERE {{ GRAPH ?g {{
  ?fact a cg:Meeting . OPTIONAL {{ ?fact schema:organizer ?body }} {_EVIDENCE} }} }}"""
_STATEMENTS = f"""SELECT ?fact ?g ?s ?p ?o ?quote ?start ?end WHERE {{ GRAPH ?g {{
  ?fact a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . {_EVIDENCE} }} }}"""
_LINKS = """SELECT DISTINCT ?s ?p ?o ?g WHERE {
  VALUES ?p { org:postIn org:subOrganizationOf cg:issuer } GRAPH ?g { ?s ?p ?o } }"""
_ATTRIBUTES = {"label": "label", "name": "name", "altLabel": "alt", "startDate": "date", "issued": "date",
               "meetingKind": "kind", "location": "location", "online": "online", "number": "number",
               "code": "code", "issuerLevel": "level", "term": "term", "subject": "subject",
               "locality": "locality"}
_CONCEPT_ATTRIBUTES = {"bodyType": "body_type", "documentKind": "kind", "role": "title"}


class AnalysisError(Exception):
    """An analysis that cannot be done on this graph (an algorithm that does not converge...)."""


def load_graph(out: Path, progress: bool | None = None) -> nx.MultiDiGraph:
    """The graph of the build folder ``out`` (see :func:`build_graph`)."""
    with GraphStore.open(Path(out)) as store:
        return build_graph(store, progress)


def build_graph(store: GraphStore, progress: bool | None = None) -> nx.MultiDiGraph:
    """The store's graph as a ``MultiDiGraph`` (see the module's doc), the same for the same store.

    ``progress``: show a progress bar on standard error; by default only when it is a terminal.
    """
    return _Builder(store).build(sys.stderr.isatty() if progress is None else progress)


class _Builder:
    def __init__(self, store: GraphStore) -> None:
        self.store, self.base = store, store.base
        self.names = prefixes(store.base)
        self.nodes: dict[str, dict[str, Any]] = {}
        self.values: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.articles: dict[str, dict[str, Any]] = {}
        self.described: dict[str, set[str]] = defaultdict(set)

    def build(self, progress: bool) -> nx.MultiDiGraph:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("articles", self._articles), ("entities", self._types), ("attributes", self._attributes),
            ("posts held", self._occupancies), ("meetings", self._meetings), ("attendance", self._participations),
            ("documents", self._statements), ("structure", self._links)]
        from tqdm import tqdm

        with tqdm(steps, desc="reading the graph", unit="step", file=sys.stderr, disable=not progress,
                  leave=False) as bar:
            for what, step in bar:
                bar.set_postfix_str(what)
                step()
        g = nx.MultiDiGraph(base=self.base, articles=dict(sorted(self.articles.items())))
        for node in sorted(self.nodes):
            g.add_node(node, **self.nodes[node])
        for (u, v, key) in sorted(self.edges):
            g.add_edge(u, v, key=key, **self.edges[(u, v, key)])
        _spans(g)
        _post_sentences(g)
        return g

    # -- reading -------------------------------------------------------------------------

    def _query(self, sparql: str) -> Iterable[Any]:
        return self.store.query(sparql, prefixes=self.names)

    def id(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        value = term.value
        return value[len(self.base):] if value.startswith(self.base) else value

    def article(self, graph: ox.NamedNode) -> str:
        return self.store.article_id(graph.value)

    def _types(self) -> None:
        found: dict[str, str] = {}
        for row in self._query(_TYPES):
            kind, node = _CLASSES[row["class"].value], self.id(row["s"])
            if node not in found or NODE_TYPES.index(kind) < NODE_TYPES.index(found[node]):
                found[node] = kind
            self.described[node].add(self.article(row["g"]))
        for node, kind in found.items():
            self.nodes[node] = {"type": kind, "iri": self.base + node if "://" not in node else node}

    def _attributes(self) -> None:
        for row in self._query(_VALUES):
            node = self.id(row["s"])
            if node in self.nodes:
                prop = re.split(r"[#/]", row["p"].value)[-1]
                self.values[node][_ATTRIBUTES[prop]][row["o"].value] += int(row["n"].value)
        uses = [(self.id(r["s"]), r["p"].value, r["c"]) for r in self._query(_CONCEPTS)]
        concepts = sorted({c for node, _, c in uses if node in self.nodes and isinstance(c, ox.NamedNode)},
                          key=lambda c: c.value)
        labels: dict[str, str] = {}
        if concepts:
            rows = self._query(_CONCEPT_LABELS % " ".join(str(c) for c in concepts))
            for row in sorted(rows, key=lambda r: (r["label"].language != "vi", r["label"].language or "",
                                                   r["label"].value)):
                if row["label"].language in ("vi", None):
                    labels.setdefault(row["c"].value, row["label"].value)
        for node, prop, concept in uses:
            if node in self.nodes:
                name = labels.get(concept.value) or re.split(r"[#/]", concept.value)[-1]
                self.values[node][_CONCEPT_ATTRIBUTES[re.split(r"[#/]", prop)[-1]]][name] += 1
        for node, data in self.nodes.items():
            for attr, counts in self.values[node].items():
                data[attr] = _choose(counts)
            data.setdefault("label", data.get("name") or node)
            if "online" in data:
                data["online"] = data["online"] == "true"
            data["articles"] = sorted(a for a in self.described[node] if a in self.articles)

    def _articles(self) -> None:
        for row in self._query(_ARTICLES):
            aid = self.article(row["a"])
            self.articles[aid] = {"iri": row["a"].value, "title": _value(row["title"]), "date": _value(row["date"]),
                                  "url": _value(row["url"])}

    def _occupancies(self) -> None:
        for row in _first_evidence(self._query(_OCCUPANCIES)):
            self.fact(self.id(row["person"]), self.id(row["post"]), HOLDS, row, PERSON, POST,
                      date=_value(row["date"]))

    def _meetings(self) -> None:
        for row in _first_evidence(self._query(_MEETINGS), "body"):
            meeting = self.id(row["fact"])
            if meeting in self.nodes:
                self.nodes[meeting].setdefault("evidence", []).append(
                    {"article": self.article(row["g"]), **_evidence(row)})
                self.nodes[meeting]["evidence"].sort(key=lambda e: (e["article"], e["start"] or 0))
            if row["body"] is not None:
                self.fact(meeting, self.id(row["body"]), ORGANIZER, row, MEETING, BODY)
                self.nodes[meeting].setdefault("organizer", self.id(row["body"]))

    def _participations(self) -> None:
        for row in _first_evidence(self._query(_PARTICIPATIONS)):
            role = _value(row["notation"]) or re.split(r"[#/]", row["role"].value)[-1]
            self.fact(self.id(row["meeting"]), self.id(row["person"]), ATTENDEE, row, MEETING, PERSON, role=role)

    def _statements(self) -> None:
        for row in _first_evidence(self._query(_STATEMENTS)):
            relation = re.split(r"[#/]", row["p"].value)[-1]
            if relation in DISCUSSES:
                self.fact(self.id(row["s"]), self.id(row["o"]), relation, row, MEETING, DIRECTIVE)
            elif relation == IMPLEMENTS:
                self.fact(self.id(row["s"]), self.id(row["o"]), relation, row, DIRECTIVE, DIRECTIVE)

    def _links(self) -> None:
        kinds = {POST_IN: (POST, BODY), SUB_ORGANIZATION_OF: (BODY, BODY), ISSUER: (DIRECTIVE, BODY)}
        for row in self._query(_LINKS):
            relation = re.split(r"[#/]", row["p"].value)[-1]
            u, v = self.id(row["s"]), self.id(row["o"])
            self.ensure(u, kinds[relation][0])
            self.ensure(v, kinds[relation][1])
            edge = self.edges.setdefault((u, v, relation), {"relation": relation, "articles": []})
            edge["articles"] = sorted({*edge["articles"], self.article(row["g"])})
            edge["article"] = edge["articles"][0]

    # -- adding --------------------------------------------------------------------------

    def ensure(self, node: str, kind: str) -> None:
        if node not in self.nodes:  # named by a link but typed by no article: typed by the link
            self.nodes[node] = {"type": kind, "iri": self.base + node, "label": node, "articles": []}

    def fact(self, u: str, v: str, relation: str, row: Any, u_type: str, v_type: str, **attrs: Any) -> None:
        self.ensure(u, u_type)
        self.ensure(v, v_type)
        article = self.article(row["g"])
        fact = self.id(row["fact"])
        self.edges[(u, v, f"{fact}@{article}")] = {"relation": relation, "fact": fact, "article": article,
                                                     **attrs, **_evidence(row)}


def _first_evidence(rows: Iterable[Any], *also: str) -> list[Any]:
    """One row per fact and article (and value of ``also``): the one whose sentence comes first."""
    best: dict[tuple[str, ...], Any] = {}
    for row in rows:
        key = (row["fact"].value, row["g"].value, *(_value(row[v]) or "" for v in also))
        start = int(row["start"].value) if row["start"] is not None else sys.maxsize
        if key not in best or start < best[key][0]:
            best[key] = (start, row)
    return [row for _, row in (best[k] for k in sorted(best))]


def _evidence(row: Any) -> dict[str, Any]:
    if row["quote"] is None:
        return {"quote": None, "start": None, "end": None}
    return {"quote": row["quote"].value, "start": int(row["start"].value), "end": int(row["end"].value)}


def _value(term: ox.Literal | ox.NamedNode | None) -> str | None:
    return None if term is None else term.value


def _choose(counts: Counter) -> str:
    """The value most graphs state; then the longest (the fullest form), then the first in order."""
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def _spans(g: nx.MultiDiGraph) -> None:
    """Dates on the edges of facts, and on every node the first and last date of its facts."""
    for u, v, data in g.edges(data=True):
        if data["relation"] in FACTS and data["relation"] != HOLDS:
            data["date"] = g.nodes[u].get("date")  # attendance, organising, documents: the meeting's date
    for node, data in g.nodes(data=True):
        found = {d for _, _, d in g.in_edges(node, data="date") if d}
        found |= {d for _, _, d in g.out_edges(node, data="date") if d}
        dates = sorted(found | ({data["date"]} if data.get("date") else set()))
        if dates:
            data["first"], data["last"] = dates[0], dates[-1]


def _post_sentences(g: nx.MultiDiGraph) -> None:
    """A post's ``postIn`` link quotes the first sentence that names someone in that post."""
    for post, body, data in g.edges(data=True):
        if data["relation"] != POST_IN:
            continue
        said = [d for _, _, d in g.in_edges(post, data=True) if d["relation"] == HOLDS and d.get("quote")
                and d.get("article") in data["articles"]]
        if said:
            first = min(said, key=lambda d: (d["article"], d["start"]))
            data.update(article=first["article"], quote=first["quote"], start=first["start"], end=first["end"])


# -- periods ----------------------------------------------------------------------------

def period_bound(text: str, end: bool = False) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first (or with ``end`` the last) day it covers."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date: no month {month}")
    last = calendar.monthrange(year, month)[1]
    day_n = int(day) if day else (last if end else 1)
    if not 1 <= day_n <= last:
        raise ValueError(f"{text!r} is not a date: no day {day_n} in {year}-{month:02d}")
    return f"{year:04d}-{month:02d}-{day_n:02d}"


def between(g: nx.MultiDiGraph, start: str | None = None, end: str | None = None) -> nx.MultiDiGraph:
    """The part of ``g`` a period covers (bounds ISO dates, inclusive; ``None``: open).

    Kept: the meetings held in the period, the facts dated in it (a fact with no known
    date is left out), the entities those facts reach, and the structure they hang on
    (a post's body, a body's parents, a document's issuer and the documents it implements).
    Without bounds, ``g`` itself.
    """
    if start is None and end is None:
        return g

    def inside(date: str | None) -> bool:
        return date is not None and (start is None or date >= start) and (end is None or date <= end)

    keep_edges = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                  if d["relation"] in FACTS and inside(d.get("date"))]
    reached = {n for u, v, _ in keep_edges for n in (u, v)}
    todo = list(reached)
    while todo:
        node = todo.pop()
        for _, parent, data in g.out_edges(node, data=True):
            if data["relation"] in STRUCTURE and parent not in reached:
                reached.add(parent)
                todo.append(parent)
    keep_edges += [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                   if d["relation"] in STRUCTURE and u in reached and v in reached]
    sub = nx.MultiDiGraph(**g.graph)
    sub.graph["period"] = (start, end)
    for node in sorted(reached):
        sub.add_node(node, **g.nodes[node])
    for u, v, k in sorted(set(keep_edges)):
        sub.add_edge(u, v, key=k, **g.edges[u, v, k])
    return sub


def label(g: nx.Graph, node: str) -> str:
    return str(g.nodes[node].get("label") or node)


def roles_in_order(roles: Iterable[str]) -> list[str]:
    """Distinct roles, the most telling first (:data:`ROLE_ORDER`, others after, by name)."""
    return sorted(set(roles), key=lambda r: (ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER), r))


def date_key(date: str | None) -> str:
    """Sort key putting undated things last."""
    return date or "9999-99-99"
