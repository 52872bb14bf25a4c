"""``OUT/graph.ttl``: the whole store as one Turtle file, for tools that do not read named graphs."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..graph.store import GraphStore
from .files import atomic_open
from .rdf_formats import to_turtle


def write_turtle(store: GraphStore, path: str | Path, tap: Callable[[str, list[ox.Quad]], None] | None = None,
                 before_derived: Callable[[], None] | None = None) -> Path:
    """Write the union of the store's graphs to ``path`` as Turtle with readable prefixes
    (whole or not at all). ``tap`` and ``before_derived``: see
    :meth:`..graph.store.GraphStore.triples`; a build reads the site's data from the quads
    this export reads, and derives the tenures before their graph is written."""
    with atomic_open(path, newline="\n") as f:
        to_turtle(store, f, tap=tap, before_derived=before_derived)
    return Path(path)
