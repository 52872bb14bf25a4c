"""Check a store against the SHACL shapes of ``ontology/shapes.ttl`` (with pySHACL)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph

from .store import GraphStore, to_rdflib
from .vocab import SHAPES_FILE


@dataclass(frozen=True)
class Validation:
    conforms: bool
    triples: int  # size of the union that was checked
    report: str  # pySHACL's text report ("Conforms: True" or every violation)
    results: Graph  # the SHACL validation report as RDF


def union_graph(store: GraphStore) -> Graph:
    """Every graph of the store (articles and vocabulary) merged into one rdflib graph."""
    g = Graph()
    for q in store.quads():
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def validate_graph(data: Graph) -> Validation:
    """Validate ``data`` as it is: no inference, every type the shapes need is stated."""
    from pyshacl import validate as shacl  # heavy import: only when validating

    conforms, results, text = shacl(data, shacl_graph=shapes(), inference="none", advanced=True,
                                    allow_warnings=False)
    return Validation(bool(conforms), len(data), str(text), results)


def validate_store(store: GraphStore) -> Validation:
    return validate_graph(union_graph(store))


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")
