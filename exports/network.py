"""The analysis graph (or one of its projections) for Gephi, Cytoscape and the like.

- ``graphml``: GraphML, read by Gephi, Cytoscape, yEd, igraph and ``networkx.read_graphml``;
- ``gexf``: GEXF 1.2, Gephi's own format (``networkx.read_gexf``);
- ``csv-edges``: one edge per row, with Gephi's ``Source``, ``Target``, ``Type``, ``Id``,
  ``Label`` and ``Weight`` columns, then the edge's relation, role, date and source
  (article, quote, the fact node it comes from), then the type and label of both ends, so
  a spreadsheet needs nothing else.

Nodes carry ``type`` (person, body, post, meeting, directive), ``label`` and their dates
(``date``: a meeting's or a document's own; ``first`` and ``last``: of the facts they take
part in), and the other plain attributes of :mod:`..graph.analysis`; edges their
``relation``, ``date``, ``article`` and ``quote``. Lists become ``"; "``-joined text and
missing values are left out, as both formats require. The evidence offsets are written
``quote_start`` and ``quote_end`` (GEXF reserves ``start`` and ``end`` for time spells).
"""
from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from .tables import neutralise

FORMATS = ("graphml", "gexf", "csv-edges")
_RENAMED = {"start": "quote_start", "end": "quote_end"}
_CSV_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Weight", "relation", "role", "date", "article", "quote",
                "fact", "source_type", "source_label", "target_type", "target_label"]


def write_network(g: nx.Graph, fmt: str) -> str:
    """``g`` in ``fmt`` (:data:`FORMATS`) as text."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(plain(g), prettyprint=True)) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(plain(g), version="1.2draft")) + "\n"
    if fmt == "csv-edges":
        return csv_edges(g)
    raise ValueError(f"unknown network format {fmt!r}")


def plain(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose attributes GraphML and GEXF can hold: text, numbers, booleans."""
    h = g.__class__()
    for n, data in g.nodes(data=True):
        h.add_node(n, **_plain(data))
    if g.is_multigraph():
        for u, v, k, data in g.edges(keys=True, data=True):
            h.add_edge(u, v, key=k, **_plain(data))
    else:
        for u, v, data in g.edges(data=True):
            h.add_edge(u, v, **_plain(data))
    return h


def csv_edges(g: nx.Graph) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    kind = "Directed" if g.is_directed() else "Undirected"
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for i, (u, v, key, d) in enumerate(edges):
        relation = d.get("relation") or ("co-attendance" if "meetings" in d else "posts" if "posts" in d else "")
        row = {"Source": u, "Target": v, "Type": kind, "Id": i, "fact": d.get("fact"),
               "Label": relation, "Weight": d.get("weight", 1), "relation": relation, "role": d.get("role"),
               "date": d.get("date") or d.get("first"), "article": d.get("article"), "quote": d.get("quote"),
               "source_type": g.nodes[u].get("type"), "source_label": g.nodes[u].get("label"),
               "target_type": g.nodes[v].get("type"), "target_label": g.nodes[v].get("label")}
        writer.writerow([neutralise(_text(row[c])) for c in _CSV_COLUMNS])
    return buffer.getvalue()


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if value is None or isinstance(value, dict):
            continue
        if isinstance(value, (list, tuple, set)):
            if any(isinstance(v, dict) for v in value):
                continue
            value = "; ".join(str(v) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[_RENAMED.get(key, key)] = value
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)
