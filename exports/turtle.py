"""The whole dataset as one Turtle file, for tools that do not read named graphs."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .files import atomic_open


def write_turtle(dataset: Dataset, path: str | Path) -> Path:
    """Write the union of all graphs of ``dataset`` to ``path`` as Turtle; returns the path."""
    union = Graph(bind_namespaces="none")
    for prefix, namespace in dataset.namespaces():
        union.bind(prefix, namespace, override=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    with atomic_open(path) as f:
        f.write(union.serialize(format="turtle"))
    return Path(path)
