"""``OUT/graph.ttl``: the whole store as one Turtle file, for tools that do not read named graphs."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .files import atomic_open
from .stored_graphs import StoredGraph, StoredGraphs


def write_turtle(graphs: StoredGraphs, read: Iterable[StoredGraph], path: str | Path) -> Path:
    """Write the union of the graphs ``read`` to ``path`` as Turtle with readable prefixes
    (whole or not at all; see :meth:`.stored_graphs.StoredGraphs.write_turtle`)."""
    with atomic_open(path, newline="\n") as f:
        f.flush()
        graphs.write_turtle(read, f.buffer)
        f.buffer.flush()
    return Path(path)
