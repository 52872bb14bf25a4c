"""The store's graph in the standard RDF serialisations, one writer per format.

``ttl`` and ``nt`` carry triples only: they hold the union of the store's graphs (the
articles and the vocabulary). ``trig``, ``nq`` and ``jsonld`` keep the named graphs, so
each article's facts stay in the graph named by the article. Every output is the same for
the same store: Turtle graph by graph, TriG sorted by rdflib, N-Triples and N-Quads
line by line.
Turtle, TriG and JSON-LD use the prefixes of :func:`..graph.vocab.prefixes` (one per
vocabulary and one per kind of id: ``person:dao-phu-thuy-duong``); JSON-LD compacts with
the documented context ``ontology/context.jsonld``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Callable

from rdflib import Dataset, Graph, URIRef

from ..graph.store import GraphStore, to_rdflib
from ..graph.vocab import CONTEXT_FILE, bind_prefixes, prefixes
from .files import atomic_open

Writer = Callable[[GraphStore, IO[str]], None]


def to_turtle(store: GraphStore, out: IO[str]) -> None:
    """The union of the graphs as Turtle, with readable prefixes, graph by graph (the
    vocabulary, the articles, the derived graphs), a triple several articles state written
    once: the same bytes as the ``graph.ttl`` a build writes
    (:meth:`.stored_graphs.StoredGraphs.write_turtle`, one graph in memory at a time)."""
    from .stored_graphs import StoredGraphs

    graphs = StoredGraphs(store.base)
    out.flush()
    graphs.write_turtle(graphs.read(store, store.graphs()), out.buffer)
    out.buffer.flush()


def to_trig(store: GraphStore, out: IO[str]) -> None:
    """Every graph as a named graph, in TriG."""
    out.write(dataset(store).serialize(format="trig"))


def to_nquads(store: GraphStore, out: IO[str]) -> None:
    """Every quad on a line, sorted: diffable, and streamable into any quad store."""
    for line in sorted({f"{q} .\n" for q in store.quads()}):
        out.write(line)


def to_ntriples(store: GraphStore, out: IO[str]) -> None:
    """The union of the graphs as sorted N-Triples lines (a triple stated twice is written once)."""
    for line in sorted({f"{q.triple} .\n" for q in store.quads()}):
        out.write(line)


def to_jsonld(store: GraphStore, out: IO[str]) -> None:
    """Every graph as a named graph in JSON-LD, compacted with :func:`jsonld_context`."""
    text = dataset(store).serialize(format="json-ld", context=jsonld_context(store.base), auto_compact=True)
    out.write(text if text.endswith("\n") else text + "\n")


FORMATS: dict[str, tuple[Writer, str]] = {
    "ttl": (to_turtle, "Turtle: the union of all graphs"),
    "trig": (to_trig, "TriG: one named graph per article"),
    "nq": (to_nquads, "N-Quads: one named graph per article, a quad per line"),
    "nt": (to_ntriples, "N-Triples: the union of all graphs, a triple per line"),
    "jsonld": (to_jsonld, "JSON-LD: one named graph per article, with the documented @context"),
}


def export(store: GraphStore, fmt: str, path: str | Path) -> Path:
    """Write the store in ``fmt`` to ``path`` (whole or not at all); returns the path."""
    writer = FORMATS[fmt][0]
    with atomic_open(path, newline="\n") as f:
        writer(store, f)
    return Path(path)


def dataset(store: GraphStore) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds, store.base)
    graphs: dict[str, Graph] = {}
    for q in store.quads():
        name = q.graph_name.value
        if name not in graphs:
            graphs[name] = ds.graph(URIRef(name))
        graphs[name].add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return ds


def jsonld_context(base: str) -> dict:
    """The documented context of ``ontology/context.jsonld`` plus a prefix per kind of id under ``base``."""
    with CONTEXT_FILE.open(encoding="utf-8") as f:
        context = dict(json.load(f)["@context"])
    for prefix, ns in prefixes(base).items():
        context.setdefault(prefix, ns)
    return context
