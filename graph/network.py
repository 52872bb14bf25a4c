"""Analyses of the graph of :func:`.analysis.build_graph`: projections, centrality,
communities, shortest chains between people, and counts.

Projections (each a new NetworkX graph whose nodes keep the attributes of ``g``):

- :func:`entity_network`: every entity, one undirected edge per pair of linked entities,
  ``weight`` the number of facts and links between them;
- :func:`co_attendance`: people, an edge per pair who attended a meeting together,
  ``weight`` the number of meetings shared, ``meetings`` their ids;
- :func:`person_body`: people and bodies, an edge when the person holds a post in the
  body, ``posts`` and ``weight`` (how many), ``first`` and ``last`` (dates reported);
- :func:`directive_cascade`: documents, meetings and bodies, directed from a document to
  the documents implementing it and to the meetings that dealt with it, and from a meeting
  to the body that organised it.

Every result comes in a fixed order (ties broken by name without diacritics, then id), and
the random methods (Louvain, Leiden) are seeded, so the same graph gives the same answer.
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby, islice
from typing import Any, Iterator
from weakref import WeakKeyDictionary

import networkx as nx

from .analysis import (
    ATTENDEE,
    BODY,
    DISCUSSES,
    DIRECTIVE,
    FACTS,
    HOLDS,
    IMPLEMENTS,
    MEETING,
    ORGANIZER,
    PERSON,
    POST,
    POST_IN,
    ROLE_ORDER,
    AnalysisError,
    date_key,
    label,
)
from .lookup import fold

CENTRALITIES = ("degree", "betweenness", "pagerank", "eigenvector")
NETWORKS = ("entities", "co-attendance")
COMMUNITY_METHODS = ("louvain", "leiden")
VIA = (MEETING, BODY, DIRECTIVE)


class Unavailable(AnalysisError):
    """The method needs a package that is not installed."""


def _copy_nodes(g: nx.MultiDiGraph, h: nx.Graph, nodes: list[str]) -> None:
    for n in sorted(nodes):
        h.add_node(n, **{k: v for k, v in g.nodes[n].items() if k != "evidence"})


def entity_network(g: nx.MultiDiGraph) -> nx.Graph:
    h = nx.Graph(**g.graph)
    _copy_nodes(g, h, list(g))
    weights = Counter(tuple(sorted((u, v))) for u, v in g.edges() if u != v)
    for (u, v), w in sorted(weights.items()):
        h.add_edge(u, v, weight=w)
    return h


def co_attendance(g: nx.MultiDiGraph) -> nx.Graph:
    h = nx.Graph(**g.graph)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    people = set()
    for meeting in sorted(n for n, t in g.nodes(data="type") if t == MEETING):
        present = sorted({v for _, v, r in g.out_edges(meeting, data="relation") if r == ATTENDEE})
        people.update(present)
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                shared[(a, b)].add(meeting)
    _copy_nodes(g, h, list(people))
    for (a, b), meetings in sorted(shared.items()):
        h.add_edge(a, b, weight=len(meetings), meetings=sorted(meetings))
    return h


def person_body(g: nx.MultiDiGraph) -> nx.Graph:
    h = nx.Graph(**g.graph)
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for person, post, d in g.edges(data=True):
        if d["relation"] != HOLDS:
            continue
        for _, body, r in g.out_edges(post, data="relation"):
            if r == POST_IN:
                link = links.setdefault((person, body), {"posts": set(), "dates": set()})
                link["posts"].add(post)
                link["dates"].update([d["date"]] if d.get("date") else [])
    _copy_nodes(g, h, sorted({person for person, _ in links}))  # people first: edges read person -> body
    _copy_nodes(g, h, sorted({body for _, body in links}))
    for (person, body), link in sorted(links.items()):
        dates = sorted(link["dates"])
        h.add_edge(person, body, posts=sorted(link["posts"]), weight=len(link["posts"]),
                   first=dates[0] if dates else None, last=dates[-1] if dates else None)
    return h


def directive_cascade(g: nx.MultiDiGraph, directive: str | None = None) -> nx.DiGraph:
    """From ``directive`` (or every document) down: implementing documents, meetings, organisers."""
    h = nx.DiGraph(**g.graph)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("article") or "")):
        if d["relation"] == IMPLEMENTS:
            edges.setdefault((v, u), {"relation": "implementedBy", "article": d.get("article")})
        elif d["relation"] in DISCUSSES:
            edges.setdefault((v, u), {"relation": d["relation"], "date": d.get("date"), "article": d.get("article")})
        elif d["relation"] == ORGANIZER:
            edges.setdefault((u, v), {"relation": ORGANIZER, "date": d.get("date")})
    keep = {n for pair in edges for n in pair}
    if directive is not None:
        full = nx.DiGraph(list(edges))
        keep = ({directive} | nx.descendants(full, directive)) if directive in full else {directive}
        edges = {k: v for k, v in edges.items() if k[0] in keep and k[1] in keep}
    _copy_nodes(g, h, sorted(keep))
    for (u, v), d in sorted(edges.items()):
        h.add_edge(u, v, **{k: x for k, x in d.items() if x is not None})
    return h


# -- centrality -------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranked:
    node: str
    type: str
    label: str
    score: float
    neighbours: int


def rank(g: nx.MultiDiGraph, by: str = "degree", node_type: str | None = None, network: str = "entities",
         top: int | None = 10) -> list[Ranked]:
    """The ``top`` nodes (of ``node_type``) by centrality ``by`` in the ``network`` projection."""
    if by not in CENTRALITIES or network not in NETWORKS:
        raise ValueError(f"unknown centrality {by!r} or network {network!r}")
    h = co_attendance(g) if network == "co-attendance" else entity_network(g)
    scores = centrality(h, by)
    found = [Ranked(n, h.nodes[n]["type"], label(h, n), round(s, 6), h.degree(n)) for n, s in scores.items()
             if node_type is None or h.nodes[n]["type"] == node_type]
    found.sort(key=lambda r: (-r.score, fold(r.label), r.node))
    return found[:top] if top is not None else found


def centrality(h: nx.Graph, by: str) -> dict[str, float]:
    """Degree and betweenness (normalised, unweighted); PageRank and eigenvector weighted."""
    if h.number_of_nodes() == 0:
        return {}
    if by == "degree":
        return nx.degree_centrality(h) if len(h) > 1 else {n: 0.0 for n in h}
    if by == "betweenness":
        return nx.betweenness_centrality(h, normalized=True)
    if by == "pagerank":
        return pagerank(h)
    try:
        return nx.eigenvector_centrality(h, max_iter=1000, tol=1e-9, weight="weight")
    except nx.PowerIterationFailedConvergence as e:
        raise AnalysisError(f"eigenvector centrality did not converge: {e}") from e


def pagerank(h: nx.Graph, alpha: float = 0.85, weight: str = "weight", max_iter: int = 1000,
             tol: float = 1e-10) -> dict[str, float]:
    """PageRank by power iteration, as networkx defines it, without networkx's scipy dependency.

    Each node passes ``alpha`` of its score to its neighbours in proportion to edge
    weights; a node without edges spreads it over every node.
    """
    nodes = list(h)
    n = len(nodes)
    strength = {u: sum(d.get(weight, 1) for d in h[u].values()) for u in nodes}
    x = {u: 1.0 / n for u in nodes}
    for _ in range(max_iter):
        last = x
        spread = alpha * sum(last[u] for u in nodes if not strength[u]) / n
        x = {u: (1 - alpha) / n + spread for u in nodes}
        for u in nodes:
            if strength[u]:
                share = alpha * last[u] / strength[u]
                for v, d in h[u].items():
                    x[v] += share * d.get(weight, 1)
        if sum(abs(x[u] - last[u]) for u in nodes) < n * tol:
            return x
    raise AnalysisError(f"PageRank did not converge in {max_iter} iterations")


# -- communities ------------------------------------------------------------------------

@dataclass(frozen=True)
class Community:
    members: list[str]  # people, by name
    meetings: list[str]  # meetings at least two of them attended, by date
    bodies: list[str]  # bodies in which at least two of them hold posts
    directives: list[str]  # documents dealt with at those meetings


def communities(g: nx.MultiDiGraph, method: str = "louvain", seed: int = 0,
                resolution: float = 1.0) -> list[Community]:
    """Communities of the co-attendance network, largest first, with what their members share."""
    h = co_attendance(g)
    if h.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(h, weight="weight", resolution=resolution, seed=seed)
    elif method == "leiden":
        parts = _leiden(h, seed, resolution)
    else:
        raise ValueError(f"unknown method {method!r}")
    bodies = person_body(g)
    found = []
    for part in parts:
        members = sorted(part, key=lambda n: (fold(label(g, n)), n))
        attended = Counter(m for p in members for m in {u for u, _, r in g.in_edges(p, data="relation")
                                                         if r == ATTENDEE})
        meetings = sorted((m for m, n in attended.items() if n >= 2), key=lambda m: (date_key(g.nodes[m].get("date")), m))
        shared_bodies = sorted((b for b, n in Counter(b for p in members if p in bodies
                                                      for b in bodies[p]).items() if n >= 2),
                               key=lambda b: (fold(label(g, b)), b))
        docs = sorted({v for m in meetings for _, v, r in g.out_edges(m, data="relation") if r in DISCUSSES},
                      key=lambda d: (fold(label(g, d)), d))
        found.append(Community(members, meetings, shared_bodies, docs))
    return sorted(found, key=lambda c: (-len(c.members), fold(label(g, c.members[0])), c.members[0]))


def _leiden(h: nx.Graph, seed: int, resolution: float) -> list[set[str]]:
    try:
        import igraph
        import leidenalg
    except ImportError:
        try:  # a networkx backend that implements it (nx-cugraph...)
            return list(nx.community.leiden_communities(h, weight="weight", resolution=resolution, seed=seed))
        except (NotImplementedError, ImportError) as e:
            raise Unavailable("the Leiden method needs leidenalg: pip install 'cadregraph[leiden]'") from e
    nodes = list(h)
    index = {n: i for i, n in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in h.edges()])
    ig.es["weight"] = [w for _, _, w in h.edges(data="weight")]
    partition = leidenalg.find_partition(ig, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                         resolution_parameter=resolution, seed=seed)
    return [{nodes[i] for i in part} for part in partition]


# -- paths ------------------------------------------------------------------------------

PHRASES = {  # relation -> (read along the edge, read against it)
    HOLDS: ("holds", "is held by"), POST_IN: ("is a post in", "has the post"),
    ATTENDEE: ("had among its participants", "took part in"), ORGANIZER: ("was organised by", "organised"),
    "disseminates": ("disseminated", "was disseminated at"), "carriesOut": ("set out to carry out", "was carried out at"),
    "reviews": ("reviewed", "was reviewed at"), "mentionsDocument": ("mentioned", "was mentioned at"),
    "discusses": ("dealt with", "was dealt with at"), IMPLEMENTS: ("implements", "is implemented by"),
    "issuer": ("was issued by", "issued"), "subOrganizationOf": ("is part of", "has as a part"),
}


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    relation: str  # as read from source to target ("took part in (chair)")
    facts: list[dict[str, Any]]  # every edge between the two, the one shown first

    @property
    def evidence(self) -> dict[str, Any]:
        return self.facts[0]


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, via: tuple[str, ...] = VIA,
                   limit: int = 5) -> list[list[Step]]:
    """The shortest chains from person ``a`` to person ``b`` through meetings, bodies (and
    their posts) and documents (as ``via`` allows), at most ``limit``, in order of names."""
    h = _projection(g, frozenset({PERSON, *via} | ({POST} if BODY in via else set())))
    if a not in h or b not in h or a == b:
        return []
    found = list(islice(_paths_in_name_order(g, h, a, b), limit))
    return [[_step(g, u, v) for u, v in zip(p, p[1:])] for p in found]


def _paths_in_name_order(g: nx.MultiDiGraph, h: dict[str, set[str]], a: str, b: str) -> Iterator[list[str]]:
    """Every shortest path from ``a`` to ``b`` in ``h``, in the order of their nodes' names.

    A breadth-first search from both ends, one whole level at a time on the side with
    fewer links to follow, stops at the level where the two meet: a leader's meetings and
    a clerk's, not the whole component (a search from one end walked 11,000 nodes and
    166,000 links for each question at 10,000 articles). When the sides have gone ``ka``
    and ``kb`` levels, the shortest paths are ``ka + kb`` long and each passes through a
    node ``ka`` from ``a`` and ``kb`` from ``b``; a depth-first walk over them, taking the
    next nodes by name (namesakes' paths merged), gives the paths in the order of their
    names then ids, so the first few are the answer."""
    sides = [({a: 0}, {a: []}, [a]), ({b: 0}, {b: []}, [b])]  # distance, predecessors, frontier
    middle: list[str] = []
    while not middle:
        side = min((0, 1), key=lambda i: sum(len(h[n]) for n in sides[i][2]) if sides[i][2] else float("inf"))
        dist, pred, frontier = sides[side]
        if not frontier:
            return
        other, depth, nxt = sides[1 - side][0], dist[frontier[0]] + 1, []
        for u in frontier:
            for v in h[u]:
                if v not in dist:
                    dist[v], pred[v] = depth, [u]
                    nxt.append(v)
                elif dist[v] == depth:
                    pred[v].append(u)
        sides[side] = (dist, pred, nxt)
        middle = [v for v in nxt if v in other]
    (dist_a, pred_a, _), (dist_b, pred_b, _) = sides
    # the nodes of the a side that lead to the middle, and from each the next ones on the way
    on_way, stack, after = set(middle), list(middle), defaultdict(set)
    while stack:
        v = stack.pop()
        for u in pred_a[v]:
            after[u].add(v)
            if u not in on_way:
                on_way.add(u)
                stack.append(u)
    name = lambda n: fold(label(g, n))  # noqa: E731

    def walk(path: list[str]) -> Iterator[list[str]]:
        """The paths on from ``path`` in order of their names, then ids, after ``path``."""
        u = path[-1]
        if u == b:
            yield path
            return
        ahead = after[u] if u in after else pred_b[u]  # towards b: the b side's predecessors
        for _, same in groupby(sorted(ahead, key=lambda v: (name(v), v)), key=name):
            walks = [walk(path + [v]) for v in same]
            if len(walks) == 1:
                yield from walks[0]
            else:  # namesakes: their paths interleave by the names that follow
                rest = len(path)
                yield from heapq.merge(*walks, key=lambda p: ([name(n) for n in p[rest:]], p[rest:]))

    yield from walk([a])


_PROJECTIONS: WeakKeyDictionary = WeakKeyDictionary()


def _projection(g: nx.MultiDiGraph, allowed: frozenset[str]) -> dict[str, set[str]]:
    """The neighbours of each node of the ``allowed`` types among those nodes, made once
    per graph and types: a session asking for many paths pays for it once, not per
    question (the analysis graph is not changed once built). Plain sets, not a networkx
    graph: the search only follows neighbours, and sets are made several times faster (at
    100,000 articles the first question paid 9 s for a sorted ``nx.Graph``); the paths come
    out in the order of names whatever the order of the sets."""
    made = _PROJECTIONS.setdefault(g, {})
    if allowed not in made:
        adjacency: dict[str, set[str]] = {n: set() for n, t in g.nodes(data="type") if t in allowed}
        for u, v in g.edges():
            if u != v and u in adjacency and v in adjacency:
                adjacency[u].add(v)
                adjacency[v].add(u)
        made[allowed] = adjacency
    return made[allowed]


def _step(g: nx.MultiDiGraph, u: str, v: str) -> Step:
    facts = []
    for s, t, forward in ((u, v, True), (v, u, False)):
        for key, d in (g.get_edge_data(s, t) or {}).items():
            phrase = PHRASES.get(d["relation"], (d["relation"], f"is {d['relation']} of"))[0 if forward else 1]
            if d.get("role"):
                phrase += f" ({d['role']})"
            role = d.get("role")
            facts.append({"relation": phrase, "role": role, "date": d.get("date"), "article": d.get("article"),
                          "quote": d.get("quote"), "start": d.get("start"), "end": d.get("end"), "key": key})
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}  # the main role first
    facts.sort(key=lambda f: (f["quote"] is None, date_key(f["date"]), f["article"] or "",
                              rank.get(f["role"], len(rank)), f["relation"], f["key"]))
    return Step(u, v, facts[0]["relation"], facts)


# -- counts -----------------------------------------------------------------------------

def stats(g: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Counts by type and relation, articles, first and last date of the facts, most connected."""
    articles = set(g.graph.get("articles", {})) if "period" not in g.graph else set()
    articles |= {d["article"] for _, _, d in g.edges(data=True) if d["relation"] in FACTS and d.get("article")}
    dates = sorted({d for _, _, d in g.edges(data="date") if d})
    h = entity_network(g)
    facts = Counter(n for u, v in g.edges() for n in (u, v))
    connected = sorted(h, key=lambda n: (-h.degree(n), -facts[n], fold(label(h, n)), n))[:top]
    return {
        "articles": len(articles), "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        "nodes": dict(sorted(Counter(t for _, t in g.nodes(data="type")).items())),
        "edges": dict(sorted(Counter(r for _, _, r in g.edges(data="relation")).items())),
        "most_connected": [{"id": n, "type": h.nodes[n]["type"], "label": label(h, n), "neighbours": h.degree(n),
                            "facts": facts[n]} for n in connected],
    }
