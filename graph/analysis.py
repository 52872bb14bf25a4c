"""The graph of a build as a NetworkX ``MultiDiGraph``, read from the RDF store.

:func:`build_graph` turns the store's vocabulary (README, "The RDF graph") into typed
nodes and typed edges; it relies on classes and properties only, never on how ids are
spelt, so it reads the graph the same way whatever resolution merges. The store is read
graph by graph (:mod:`.reading`), in time linear in the number of articles.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pyoxigraph as ox

from .reading import Fact, GraphReading, index_of, read_graph, read_graphs
from .store import GraphStore
from .vocab import MEETING_DOCUMENT, VOCAB

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


class AnalysisError(Exception):
    """An analysis that cannot be done on this graph (an algorithm that does not converge...)."""


def load_graph(out: Path, progress: bool | None = None) -> nx.MultiDiGraph:
    """The graph of the build folder ``out`` (see :func:`build_graph`): the one its last
    build kept (:mod:`.graph_cache`) when it still stands for the store, else read from it."""
    from .graph_cache import kept

    with GraphStore.open(Path(out)) as store:
        g = kept(out, store)
        return g if g is not None else build_graph(store, progress)


def build_graph(store: GraphStore, progress: bool | None = None) -> nx.MultiDiGraph:
    """The store's graph as a ``MultiDiGraph`` (see the module's doc), the same for the same store.

    ``progress``: show a progress bar on standard error; by default only when it is a terminal.
    """
    return read_store(store, progress, observations=False).g


@dataclass
class StoreReading:
    """The analysis graph and what else the store's graphs state, read in the same pass:
    the matched words of each fact's sentence (:func:`match_key` -> :func:`packed` offsets), each
    article's authors, the concepts' labels by language and the roles' notations, and the
    posts held on a date (person, name, post, label, date, article; for the tenures, when asked for)."""

    g: nx.MultiDiGraph
    matches: dict[str, int]
    authors: dict[str, list[str]]
    concept_labels: dict[str, dict[str, set[str]]]  # concept IRI -> language ("" for none) -> labels
    concept_uses: dict[str, set[str]]  # node id -> the concepts of its title, body type, document kind
    roles: dict[str, dict[str, str]]  # role notation -> language -> label (roles of the vocabulary)
    observations: set[tuple[str, str, str, str, str, str]]


def read_store(store: GraphStore, progress: bool | None = None, observations: bool = True) -> StoreReading:
    """:func:`build_graph` and the rest of :class:`StoreReading`, in one pass over the store;
    ``observations``: keep the posts held on a date (one per article and post: left out, they
    take no memory when the tenures are known already)."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    builder = StoreReader(store, observations)
    graphs = read_graphs(store)
    with tqdm(graphs, desc="reading the graph", unit="graph", file=sys.stderr, disable=not show, leave=False) as bar:
        for reading in bar:
            builder.add(reading)
    return builder.finish()


class StoreReader:
    """Takes the graphs one by one (:meth:`add`, or :meth:`add_quads` for a graph's quads as
    read), then makes the graph (:meth:`finish`) as if each kind of fact were read in turn
    over the whole store, in the order of fact and graph: the order the graphs come in
    does not matter. A build hands it the quads its Turtle export reads (one read of the
    store for both)."""

    def __init__(self, store: GraphStore, observations: bool) -> None:
        self.store, self.base, self.keep_observations = store, store.base, observations
        self.types: dict[str, str] = {}
        self.described: dict[str, set[str]] = defaultdict(set)
        self.values: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        self.uses: set[tuple[str, str, str]] = set()
        self.labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.notations: dict[str, set[str]] = defaultdict(set)
        self.schemes: dict[str, set[str]] = defaultdict(set)
        self.articles: dict[str, dict[str, Any]] = {}
        self.authors: dict[str, list[str]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.ends: dict[str, tuple[tuple, str]] = {}  # a node no graph types -> (first use, the type it gives)
        self.evidence: dict[str, list[tuple[tuple, dict[str, Any]]]] = defaultdict(list)  # meeting -> its sentences
        self.organizers: dict[str, tuple[str, str]] = {}  # meeting -> (graph, body) of its first organiser
        self.stated: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # a link -> the articles stating it
        self.matches: dict[str, int] = {}
        self.observations: set[tuple[str, str, str, str, str, str]] = set()

    def id(self, value: str) -> str:
        return value[len(self.base):] if value.startswith(self.base) else value

    def add_quads(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Add the graph ``graph`` from its quads."""
        self.add(read_graph(graph, index_of(quads)))

    def add(self, r: GraphReading) -> None:
        article = self.store.article_id(r.graph)
        for s, kind in r.types:
            node = self.id(s)
            if node not in self.types or NODE_TYPES.index(kind) < NODE_TYPES.index(self.types[node]):
                self.types[node] = kind
            self.described[node].add(article)
        for s, attr, value in r.values:
            self.values[self.id(s)][attr][value] += 1  # each graph states a value once: the graphs stating it
        self.uses.update((self.id(s), attr, c) for s, attr, c in r.concepts)
        for c, language, value in r.labels:
            self.labels[c][language or ""].add(value)
        for c, notation in r.notations:
            self.notations[c].add(notation)
        for c, scheme in r.schemes:
            self.schemes[c].add(scheme)
        if r.article is not None:
            self.articles[article] = {"iri": r.graph, **r.article}
            self.authors[article] = r.authors
        for fact in r.facts:
            self._fact(fact, r.graph, article)
        for s, relation, o in r.links:
            u, v = self.id(s), self.id(o)
            self.end(u, _LINK_ENDS[relation][0], (5, relation, u, v))
            self.end(v, _LINK_ENDS[relation][1], (5, relation, u, v))
            self.stated[(u, v, relation)].add(article)
        if self.keep_observations:
            self.observations.update((self.id(p), name, self.id(post), label, date, article)
                                     for p, name, post, label, date in r.observations)

    def end(self, node: str, kind: str, order: tuple) -> None:
        """``node`` is an end of a fact or link; it has type ``kind`` unless a graph types it."""
        if node not in self.ends or order < self.ends[node][0]:
            self.ends[node] = (order, kind)

    def _fact(self, fact: Fact, graph: str, article: str) -> None:
        f, e = self.id(fact.iri), fact.ends
        key = match_key(f, article)  # also the key of the fact's edges: one copy of it
        sentence = fact.sentence
        evidence = ({"quote": sentence.quote, "start": sentence.start, "end": sentence.end} if sentence else
                    {"quote": None, "start": None, "end": None})
        if sentence and sentence.match:
            self.matches[key] = packed(*sentence.match)
        order = (fact.iri, graph)
        if fact.kind == "occupancy":
            self.link(self.id(e["person"]), self.id(e["post"]), HOLDS, f, key, article, PERSON, POST, (1, *order),
                      evidence, date=e["date"])
        elif fact.kind == "meeting":
            self.evidence[f].append(((*order, e["body"] or ""), {"article": article, **evidence}))
            if e["body"] is not None:
                body = self.id(e["body"])
                self.link(f, body, ORGANIZER, f, key, article, MEETING, BODY, (2, *order, e["body"]), evidence)
                if f not in self.organizers or (graph, e["body"]) < self.organizers[f]:
                    self.organizers[f] = (graph, e["body"])
        elif fact.kind == "participation":
            self.link(self.id(e["meeting"]), self.id(e["person"]), ATTENDEE, f, key, article, MEETING, PERSON,
                      (3, *order), evidence, role=e["role"])
        else:
            relation = re.split(r"[#/]", e["p"])[-1]
            if relation in DISCUSSES or relation == IMPLEMENTS:
                self.link(self.id(e["s"]), self.id(e["o"]), relation, f, key, article,
                          MEETING if relation in DISCUSSES else DIRECTIVE, DIRECTIVE, (4, *order), evidence)

    def link(self, u: str, v: str, relation: str, fact: str, key: str, article: str, u_type: str, v_type: str,
             order: tuple, evidence: dict[str, Any], **attrs: Any) -> None:
        self.end(u, u_type, order)
        self.end(v, v_type, order)
        self.edges[(u, v, key)] = {"relation": relation, "fact": fact, "article": article, **attrs, **evidence}

    def finish(self) -> StoreReading:
        nodes: dict[str, dict[str, Any]] = {
            node: {"type": kind, "iri": self.base + node if "://" not in node else node}
            for node, kind in self.types.items()}
        self._attributes(nodes)
        for node, (_, kind) in sorted(self.ends.items()):
            if node not in nodes:  # named by a fact or link but typed by no graph: typed by its first use
                nodes[node] = {"type": kind, "iri": self.base + node, "label": node, "articles": []}
        for meeting, found in self.evidence.items():
            if meeting in self.types:
                nodes[meeting]["evidence"] = sorted((e for _, e in sorted(found, key=lambda x: x[0])),
                                                    key=lambda e: (e["article"], e["start"] or 0))
        for meeting, (_, body) in self.organizers.items():
            nodes[meeting].setdefault("organizer", self.id(body))
        notation = {c: min(found) for c, found in self.notations.items()}
        for data in self.edges.values():  # a role as its notation (chair...), read from any graph
            if data["relation"] == ATTENDEE:
                data["role"] = notation.get(data["role"]) or re.split(r"[#/]", data["role"])[-1]
        for key, articles in self.stated.items():
            edge = self.edges.setdefault(key, {"relation": key[2], "articles": []})
            edge["articles"] = sorted({*edge["articles"], *articles})
            edge["article"] = edge["articles"][0]
        g = nx.MultiDiGraph(base=self.base, articles=dict(sorted(self.articles.items())))
        for node in sorted(nodes):
            g.add_node(node, **nodes.pop(node))
        for key in sorted(self.edges):
            g.add_edge(key[0], key[1], key=key[2], **self.edges.pop(key))  # popped: one copy of each edge at a time
        _spans(g)
        _post_sentences(g)
        roles: dict[str, dict[str, str]] = defaultdict(dict)
        for c in sorted(c for c, schemes in self.schemes.items() if str(VOCAB) + "roles" in schemes):
            for n in sorted(self.notations.get(c, ())):
                for language, labels in sorted(self.labels.get(c, {}).items()):
                    roles[n][language] = max(labels)
        uses: dict[str, set[str]] = defaultdict(set)
        for node, _, c in self.uses:
            uses[node].add(c)
        return StoreReading(g, self.matches, self.authors, self.labels, uses, dict(roles), self.observations)

    def _attributes(self, nodes: dict[str, dict[str, Any]]) -> None:
        concepts = {c for node, _, c in self.uses if node in nodes}
        names: dict[str, str] = {}
        for c in concepts:  # the Vietnamese label, else the one without language, else the IRI's last part
            labels = self.labels.get(c, {})
            found = labels.get("vi") or labels.get("")
            names[c] = min(found) if found else re.split(r"[#/]", c)[-1]
        for node, attr, c in self.uses:
            if node in nodes:
                self.values[node][attr][names[c]] += 1
        for node, data in nodes.items():
            for attr, counts in self.values.get(node, {}).items():
                data[attr] = _choose(counts)
            data.setdefault("label", data.get("name") or node)
            if "online" in data:
                data["online"] = data["online"] == "true"
            data["articles"] = sorted(a for a in self.described[node] if a in self.articles)
        self.values.clear()


def match_key(fact: str, article: str) -> str:
    """The key of a fact's edges as one article states it, and of its matched words."""
    return f"{fact}@{article}"


def packed(start: int, end: int) -> int:
    """Two offsets as one int (a third of the memory of a pair, for millions of facts)."""
    return start << 32 | end


def unpacked(value: int) -> tuple[int, int]:
    return value >> 32, value & 0xFFFFFFFF


_LINK_ENDS = {POST_IN: (POST, BODY), SUB_ORGANIZATION_OF: (BODY, BODY), ISSUER: (DIRECTIVE, BODY)}


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
        stating = set(data["articles"])
        said = [d for _, _, d in g.in_edges(post, data=True) if d["relation"] == HOLDS and d.get("quote")
                and d.get("article") in stating]
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
