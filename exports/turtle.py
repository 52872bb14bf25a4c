"""``OUT/graph.ttl``: the whole store as one Turtle file, for tools that do not read named graphs."""
from __future__ import annotations

from pathlib import Path

from ..graph.store import GraphStore
from .rdf_formats import export


def write_turtle(store: GraphStore, path: str | Path) -> Path:
    """Write the union of the store's graphs to ``path`` as Turtle with readable prefixes."""
    return export(store, "ttl", path)
