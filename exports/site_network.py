"""The networks drawn on the pages: an entity's neighbourhood and the whole graph.

The drawing shows what has a page, people, bodies, meetings and documents; a post is
not a node of its own but the link between its holder and its body, named by the post
(:func:`view`). A page draws its entity, the entities linked to it (depth 1) and, while
there is room, those linked to them (depth 2), at most :data:`PAGE_NODES` nodes: the most
strongly linked first. A hub with more neighbours than that gets a second page,
``network/<kind>/<name>.html``, with up to :data:`MORE_NODES` of them ("show more").

The data is plain JSON for ``assets/site.js``, which draws it with vis-network: nodes
as objects (``url`` only where it is not the id plus ``.html``; ``info``: the tooltip's
lines after the name and the kind), links as ``[from, to, kind, title, width]`` with the
indexes of their nodes (the overview adds their first and last dates), and the labels of
the kinds once (``types``). A page carries its network :func:`packed`: nodes as arrays and
each link title once, which halves what every page spends on its drawing (about 15 KB of
a 25 KB meeting page before). Tooltips are plain text (set as ``textContent``), so a name
from an article is never read as markup.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..graph.analysis import (
    ATTENDEE,
    DISCUSSES,
    HOLDS,
    IMPLEMENTS,
    ISSUER,
    ORGANIZER,
    POST_IN,
    SUB_ORGANIZATION_OF,
    label,
)
from ..graph.lookup import fold
from .site_data import SiteData
from .site_html import RELATION_LABELS, TYPE_LABELS
from .site_paths import PAGE_KINDS, page_path

PAGE_NODES = 40  # nodes drawn on an entity's page
MORE_NODES = 400  # nodes drawn on a hub's "show more" page
EDGES_PER_NODE = 3  # links drawn at most, per node drawn: those of the centre first, then the strongest
OVERVIEW_NODES = 300  # above this many, the overview starts filtered to the most connected
TOOLTIP_POSTS = 3
CANDIDATES = PAGE_NODES  # a node's strongest links among which the depth 2 of its neighbours' pages is chosen


@dataclass
class View:
    """The graph as drawn: an undirected graph of the entities that have pages."""

    h: nx.Graph
    tooltips: dict[str, str]
    strength: dict[str, tuple[int, int]] = field(default_factory=dict)  # node -> (facts, neighbours)
    folded: dict[str, str] = field(default_factory=dict)  # node -> its label folded, to sort by
    _strongest: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def strongest(self, n: str) -> list[str]:
        """The :data:`CANDIDATES` neighbours of ``n`` most strongly linked to it (the weight of the
        link, then their own strength, degree and name), worked out once per node."""
        if n not in self._strongest:
            adj = self.h._adj[n]
            self._strongest[n] = heapq.nsmallest(
                CANDIDATES, adj, key=lambda m: (-adj[m]["weight"], -self.strength[m][0], -self.strength[m][1],
                                                self.folded[m], m))
        return self._strongest[n]

    def node(self, n: str, depth: int | None = None) -> dict[str, Any]:
        d = self.h.nodes[n]
        out = {"id": n, "label": d["label"], "type": d["type"], "info": self.tooltips[n]}
        url = page_path(n)
        if url != f"{n}.html":
            out["url"] = url
        if depth is not None:
            out["depth"] = depth
        return out

    def edge(self, u: str, v: str, index: dict[str, int]) -> list[Any]:
        d = self.h.edges[u, v]
        title = "; ".join(d["labels"][:4]) + (" …" if len(d["labels"]) > 4 else "")
        return [index[u], index[v], sorted(d["kinds"])[0], title, min(1 + d["weight"] // 2, 5)]


def view(data: SiteData) -> View:
    """The drawn graph of ``data`` (see the module's doc)."""
    g = data.g
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        if d.get("type") in PAGE_KINDS and page_path(n):
            h.add_node(n, type=d["type"], label=label(g, n), first=d.get("first"), last=d.get("last"))
    links: dict[tuple[str, str], dict[str, Any]] = {}

    def add(u: str, v: str, kind: str, text: str, date: str | None = None) -> None:
        if u not in h or v not in h or u == v:
            return
        key = (u, v) if u < v else (v, u)
        link = links.setdefault(key, {"kinds": set(), "labels": [], "weight": 0, "dates": set()})
        link["kinds"].add(kind)
        link["weight"] += 1
        if text and text not in link["labels"]:
            link["labels"].append(text)
        if date:
            link["dates"].add(date)

    post_body = {p: b for p, b, r in g.edges(data="relation") if r == POST_IN}
    posts: dict[str, list[str]] = defaultdict(list)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("article") or "")):
        r = d["relation"]
        if r == HOLDS:
            if label(g, v) not in posts[u]:
                posts[u].append(label(g, v))
            if v in post_body:
                add(u, post_body[v], "post", label(g, v), d.get("date"))
        elif r == ATTENDEE:
            vi, en = data.role_label(d.get("role") or "participant")
            add(u, v, "attendee", f"{vi} ({en})", d.get("date"))
        elif r == ORGANIZER:
            add(u, v, "organizer", "tổ chức (organised)", d.get("date"))
        elif r in DISCUSSES or r == IMPLEMENTS:
            vi, en = RELATION_LABELS.get(r, (r, r))
            add(u, v, "implements" if r == IMPLEMENTS else "discusses", f"{vi} ({en})", d.get("date"))
        elif r == ISSUER:
            add(u, v, "issuer", "ban hành (issued by)")
        elif r == SUB_ORGANIZATION_OF:
            add(u, v, "sub", "trực thuộc (part of)")
    for (u, v), link in sorted(links.items()):
        h.add_edge(u, v, **link)
    tooltips = {}
    for n, d in h.nodes(data=True):
        lines = []  # the kind's label comes first in the tooltip, from the data's ``types``
        if d["type"] == "person":
            held = sorted(posts.get(n, []), key=lambda x: (fold(x), x))
            lines += held[:TOOLTIP_POSTS] + (["…"] if len(held) > TOOLTIP_POSTS else [])
        span = " – ".join(dict.fromkeys("/".join(reversed(x.split("-"))) for x in (d.get("first"), d.get("last")) if x))
        if span:
            lines.append(span)
        tooltips[n] = "\n".join(lines)
    strength = {n: (sum(d["weight"] for d in h._adj[n].values()), len(h._adj[n])) for n in h}
    return View(h, tooltips, strength, {n: fold(d["label"]) for n, d in h.nodes(data=True)})


def neighbourhood(v: View, center: str, cap: int = PAGE_NODES, depth: int = 2) -> dict[str, Any]:
    """The network around ``center``: its neighbours, then theirs while fewer than ``cap``.

    ``shown`` and ``neighbours`` tell how many direct neighbours were drawn of how many.
    Depth 2 is chosen among the :data:`CANDIDATES` strongest links of each depth-1 node
    (:meth:`View.strongest`): all of them but a hub's, whose thousands of links a page
    would otherwise sort again for each of its neighbours' pages.
    """
    h, adj = v.h, v.h._adj
    if center not in h:
        return {"nodes": [], "edges": [], "center": center, "shown": 0, "neighbours": 0}

    def order(n: str, links: int) -> tuple:
        w, deg = v.strength[n]
        return (-links, -w, -deg, v.folded[n], n)

    first = sorted(adj[center], key=lambda n: order(n, adj[n][center]["weight"]))
    chosen = {center: 0}
    for n in first[:cap - 1]:
        chosen[n] = 1
    if depth >= 2 and len(chosen) < cap:
        into: dict[str, int] = defaultdict(int)  # a node at depth 2 -> the weight of its links to depth <= 1
        for n in chosen:
            for m in v.strongest(n):
                if m not in chosen:
                    into[m] += adj[n][m]["weight"]
        for m in sorted(into, key=lambda m: order(m, into[m]))[:cap - len(chosen)]:
            chosen[m] = 2
    ordered = sorted(chosen.items(), key=lambda x: (x[1], v.folded[x[0]], x[0]))
    index = {n: i for i, (n, _) in enumerate(ordered)}
    links = []
    for a in chosen:  # the links among the chosen: through the shorter of a's links and the chosen
        near = adj[a] if len(adj[a]) < len(chosen) else chosen
        links += [(a, b) for b in near if a < b and b in chosen and b in adj[a]]
    links.sort(key=lambda e: (center not in e, -adj[e[0]][e[1]]["weight"], e))
    links = sorted(links[:EDGES_PER_NODE * cap])
    nodes = [v.node(n, d) for n, d in ordered]
    return {"nodes": nodes, "edges": [v.edge(a, b, index) for a, b in links], "types": type_labels(nodes),
            "center": center, "shown": min(len(first), cap - 1), "neighbours": len(first)}


def type_labels(nodes: list[dict[str, Any]]) -> dict[str, str]:
    """The label of each kind among ``nodes``, as a tooltip's first line shows it."""
    return {k: f"{TYPE_LABELS[k][0]} ({TYPE_LABELS[k][1]})" for k in sorted({n["type"] for n in nodes})}


_NODE_FIELDS = ("id", "label", "type", "info", "depth", "url")


def packed(net: dict[str, Any]) -> dict[str, Any]:
    """A :func:`neighbourhood` as a page carries it: each node as ``[id, label, type, info,
    depth, url]`` (``url`` only where it is not the id plus ``.html``), each link as
    ``[from, to, kind, title, width]`` with ``title`` an index into ``titles``, where each
    distinct title is once. :func:`unpacked` gives the neighbourhood back."""
    titles: dict[str, int] = {}
    edges = [[a, b, kind, titles.setdefault(title, len(titles)), width] for a, b, kind, title, width in net["edges"]]
    nodes = [[n[k] for k in _NODE_FIELDS[:5]] + ([n["url"]] if "url" in n else []) for n in net["nodes"]]
    return {**net, "nodes": nodes, "edges": edges, "titles": list(titles)}


def unpacked(data: dict[str, Any]) -> dict[str, Any]:
    """The neighbourhood a page's :func:`packed` network stands for."""
    titles = data["titles"]
    nodes = [dict(zip(_NODE_FIELDS, n)) for n in data["nodes"]]
    return {**{k: v for k, v in data.items() if k != "titles"}, "nodes": nodes,
            "edges": [[a, b, kind, titles[t], width] for a, b, kind, t, width in data["edges"]]}


def overview(v: View, g: nx.MultiDiGraph) -> dict[str, Any]:
    """Every entity and link, with what the overview filters on: type, dates, degree, the
    bodies under each body; ``limit``: how many the overview draws before it is filtered."""
    h = v.h
    nodes = []
    ordered = sorted(h, key=lambda n: (-v.strength[n][0], v.folded[n], n))
    index = {n: i for i, n in enumerate(ordered)}
    for n in ordered:
        d = h.nodes[n]
        node = v.node(n)
        node.update(first=d.get("first"), last=d.get("last"), degree=h.degree(n))
        nodes.append(node)
    edges = []
    for a, b in sorted(h.edges()):
        dates = sorted(h.edges[a, b]["dates"])
        edges.append(v.edge(a, b, index) + ([dates[0], dates[-1]] if dates else []))
    children: dict[str, list[str]] = defaultdict(list)  # a body -> the bodies directly under it
    for a, b, r in g.edges(data="relation"):
        if r == SUB_ORGANIZATION_OF and a in h and b in h and a not in children[b]:
            children[b].append(a)
    bodies = sorted((n for n in h if h.nodes[n]["type"] == "body"), key=lambda n: (v.folded[n], n))
    return {"nodes": nodes, "edges": edges, "types": type_labels(nodes), "limit": OVERVIEW_NODES,
            "bodies": [[b, h.nodes[b]["label"]] for b in bodies],
            "children": {b: sorted(c) for b, c in sorted(children.items())}}
