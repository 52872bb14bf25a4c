"""Posts over time: who held which post when, from dated observations.

An article that names a person with a post is one observation of that holding on the
article's date (:class:`Observation`). The observations of one person in one post make a
:class:`Tenure`, first seen on one date and last seen on another. From tenures follow
the questions researchers ask: who held a post on a date (:func:`holders_on`, with the
nearest observations and a confidence), a person's career (:func:`career`), and who
followed whom in a post (:func:`succession`).
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.namespace import ORG, PROV, RDFS, XSD

from .rdf import lines_graph
from .reading import read_observations
from .vocab import CG, VI

# Within a tenure (between first and last seen) a holder is certain; outside it the
# confidence halves with every HALF_LIFE_DAYS of distance to the nearest observation.
HALF_LIFE_DAYS = 365


@dataclass(frozen=True)
class Observation:
    person_id: str
    person_name: str
    post_id: str
    post_label: str
    date: str  # ISO date the article shows the person in the post
    article_id: str


@dataclass(frozen=True)
class Tenure:
    person_id: str
    person_name: str
    post_id: str
    post_label: str
    first_seen: str
    last_seen: str
    articles: tuple[str, ...]  # the articles that show it, in date order

    @property
    def observations(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Holding:
    """An answer to "who held post P on date D"."""

    tenure: Tenure
    confidence: float  # 1.0 inside the observed tenure, less the further from it
    nearest: str  # the observation date nearest to D
    days_away: int  # 0 inside the tenure


def observations_from_store(store) -> list[Observation]:
    """The dated observations of every article in a :class:`~.store.GraphStore` (also those
    of earlier builds), so tenures cover the whole store.

    Read graph by graph (:func:`.reading.read_observations`): a SPARQL join inside
    ``GRAPH ?article`` costs rows x articles over the store's list of graphs (2 s at 1,000
    articles, 38 s at 5,000)."""
    base = store.base
    local = lambda iri: iri[len(base):] if iri.startswith(base) else iri  # noqa: E731
    out = {Observation(local(person), name, local(post), label, date, store.article_id(graph))
           for graph, found in read_observations(store) for person, name, post, label, date in found}
    return sorted(out, key=lambda o: (o.person_id, o.post_id, o.date, o.article_id, o.person_name, o.post_label))


def load_tenures(out: str | Path) -> list[Tenure]:
    """The tenures of the build folder ``out``: those its last build kept
    (:mod:`.graph_cache`) when they still stand for the store, else read from it."""
    from .graph_cache import kept_tenures
    from .store import GraphStore

    with GraphStore.open(Path(out)) as store:
        held = kept_tenures(out, store)
        return held if held is not None else tenures(observations_from_store(store))


def tenures(obs: Iterable[Observation]) -> list[Tenure]:
    """One tenure per person and post, from its first to its last observation."""
    grouped: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in obs:
        grouped[(o.person_id, o.post_id)].append(o)
    out = []
    for (_person, _post), items in grouped.items():
        items.sort(key=lambda o: (o.date, o.article_id))
        articles = tuple(dict.fromkeys(o.article_id for o in items))
        first = items[0]
        out.append(Tenure(first.person_id, first.person_name, first.post_id, first.post_label,
                          items[0].date, items[-1].date, articles))
    return sorted(out, key=lambda t: (t.post_id, t.first_seen, t.person_id))


def holders_on(all_tenures: Sequence[Tenure], post_id: str, on: str) -> list[Holding]:
    """Who held ``post_id`` on ``on``, most likely first: a holder observed around that date
    is certain; one observed only before or after it less so, the further away the less."""
    day = dt.date.fromisoformat(on)
    found = []
    for t in all_tenures:
        if t.post_id != post_id:
            continue
        first, last = dt.date.fromisoformat(t.first_seen), dt.date.fromisoformat(t.last_seen)
        if first <= day <= last:
            away, nearest = 0, min((first, last), key=lambda d: abs((d - day).days))
        else:
            nearest = first if day < first else last
            away = abs((nearest - day).days)
        found.append(Holding(t, round(math.pow(0.5, away / HALF_LIFE_DAYS), 3), nearest.isoformat(), away))
    return sorted(found, key=lambda h: (-h.confidence, h.tenure.person_id))


def career(all_tenures: Sequence[Tenure], person_id: str) -> list[Tenure]:
    """The posts a person held, in the order they were first seen."""
    return sorted((t for t in all_tenures if t.person_id == person_id),
                  key=lambda t: (t.first_seen, t.last_seen, t.post_id))


def succession(all_tenures: Sequence[Tenure], post_id: str) -> list[Tenure]:
    """The holders of a post in the order they were first seen in it."""
    return sorted((t for t in all_tenures if t.post_id == post_id), key=lambda t: (t.first_seen, t.person_id))


def tenure_lines(all_tenures: Sequence[Tenure], base: str) -> list[str]:
    """The tenures as RDF, as the sorted, distinct N-Triples lines the store takes: a
    ``cg:Tenure`` (an ``org:Membership``) per person and post, with the dates it was first
    and last seen and the articles that show it. (Made with pyoxigraph's terms, which
    write N-Triples, instead of an rdflib graph: five times faster for the hundreds of
    thousands of triples of a large corpus.)"""
    iri = ox.NamedNode
    types = [iri(str(CG.Tenure)), iri(str(ORG.Membership))]
    is_a, member, post, label = iri(str(RDF.type)), iri(str(ORG.member)), iri(str(CG.post)), iri(str(RDFS.label))
    first, last, seen, source = (iri(str(CG.firstSeen)), iri(str(CG.lastSeen)), iri(str(CG.observations)),
                                 iri(str(PROV.wasDerivedFrom)))
    date, integer = iri(str(XSD.date)), iri(str(XSD.integer))
    lines = set()
    for t in all_tenures:
        node = iri(f"{base}tenure/{t.person_id.rpartition('/')[2]}--{t.post_id.rpartition('/')[2]}")
        facts = [(is_a, kind) for kind in types] + [
            (member, iri(base + t.person_id)), (post, iri(base + t.post_id)),
            (label, ox.Literal(f"{t.person_name}, {t.post_label}", language=VI)),
            (first, ox.Literal(t.first_seen, datatype=date)), (last, ox.Literal(t.last_seen, datatype=date)),
            (seen, ox.Literal(str(t.observations), datatype=integer))]
        facts += [(source, iri(f"{base}article/{article}")) for article in t.articles]
        lines.update(str(ox.Triple(node, p, o)) for p, o in facts)
    return sorted(lines)


def tenure_graph(all_tenures: Sequence[Tenure], base: str) -> Graph:
    """:func:`tenure_lines` as an rdflib ``Graph``."""
    return lines_graph(tenure_lines(all_tenures, base))