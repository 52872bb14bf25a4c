"""Finding people, meetings, documents and bodies in the analysis graph from what a user types.

Vietnamese names are matched with or without diacritics and in any case: both sides are
folded (:func:`fold`: ``"Đào Phú Thùy Dương"`` -> ``"dao phu thuy duong"``). A query is
tried against every entity of the asked type in tiers, and the first tier that finds
anything decides:

1. the id (``person/dao-phu-thuy-duong``, its last part, or the full IRI);
2. a name or label equal to the query, diacritics kept (case and spacing ignored);
3. equal once both are folded;
4. every word of the query among the words of the entity (a meeting's words include its
   organiser, kind, place and date; a document's its kind's initials, ``NQ``, and its code);
5. close spelling (``difflib`` ratio of the folded forms of at least :data:`FUZZY`).

One entity in that tier: found. Several: they are the candidates, and the caller says the
query is ambiguous. A meeting can also be asked for by date: ``2023-11-04``,
``04/11/2023``, or a month or year (``2023-11``).
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Iterable

import networkx as nx

from ..sources.text import ascii_fold
from .analysis import BODY, DIRECTIVE, HOLDS, MEETING, PERSON, label

FUZZY = 0.85  # how close a misspelt name must be (difflib ratio, 0..1) to count as a match
_IGNORED = {"so"}  # "số" in "Nghị quyết số 45" (and as typed without it)


@dataclass(frozen=True)
class Candidate:
    id: str
    label: str
    detail: str = ""  # what tells it apart: a person's posts, a meeting's date and organiser...

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "detail": self.detail}


@dataclass
class Match:
    """What a query found: ``found`` when one entity matches, else the ``candidates`` (maybe none)."""

    query: str
    type: str
    found: str | None = None
    candidates: list[Candidate] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without diacritics, spacing collapsed: ``"Đào  Phú Thùy DƯƠNG"`` -> ``"dao phu thuy duong"``."""
    return " ".join(ascii_fold(text).casefold().split())


def words(text: str) -> list[str]:
    """The folded words and numbers of ``text``; ``-`` and ``/`` separate them (``124-QĐ/TW``)."""
    return [w for w in re.findall(r"[0-9a-z]+", fold(text)) if w not in _IGNORED]


def find_person(g: nx.MultiDiGraph, query: str) -> Match:
    return _find(g, query, PERSON, _names, _person_detail)


def find_body(g: nx.MultiDiGraph, query: str) -> Match:
    return _find(g, query, BODY, _names, lambda g, n: str(g.nodes[n].get("body_type") or ""))


def find_directive(g: nx.MultiDiGraph, query: str) -> Match:
    return _find(g, query, DIRECTIVE, _names, lambda g, n: str(g.nodes[n].get("date") or ""),
                 extra=_directive_words)


def find_meeting(g: nx.MultiDiGraph, query: str) -> Match:
    day = _as_date(query)
    if day is not None:
        hits = [n for n, d in _nodes(g, MEETING) if str(d.get("date") or "").startswith(day)]
        return _decide(g, query, MEETING, hits, _meeting_detail)
    return _find(g, query, MEETING, _names, _meeting_detail, extra=_meeting_words)


# -- matching ---------------------------------------------------------------------------

Names = Callable[[nx.MultiDiGraph, str], list[str]]
Detail = Callable[[nx.MultiDiGraph, str], str]


def _find(g: nx.MultiDiGraph, query: str, kind: str, names: Names, detail: Detail,
          extra: Names | None = None) -> Match:
    q = query.strip()
    nodes = list(_nodes(g, kind))
    q_case, q_fold, q_words = " ".join(q.casefold().split()), fold(q), words(q)
    tiers: list[Callable[[str], bool]] = [
        lambda n: q in (n, g.nodes[n].get("iri"), n.rpartition("/")[2]),
        lambda n: any(" ".join(x.casefold().split()) == q_case for x in names(g, n)),
        lambda n: any(fold(x) == q_fold or (words(x) == q_words and q_words) for x in names(g, n)),
        lambda n: bool(q_words) and set(q_words) <= {w for x in names(g, n) + (extra(g, n) if extra else [])
                                                      for w in words(x)},
        lambda n: len(q_fold) >= 4 and any(SequenceMatcher(None, q_fold, fold(x)).ratio() >= FUZZY
                                           for x in names(g, n)),
    ]
    if not q:
        return Match(query, kind)
    for test in tiers:
        hits = [n for n, _ in nodes if test(n)]
        if hits:
            return _decide(g, query, kind, hits, detail)
    return Match(query, kind)


def _decide(g: nx.MultiDiGraph, query: str, kind: str, hits: list[str], detail: Detail) -> Match:
    if len(hits) == 1:
        return Match(query, kind, found=hits[0])
    found = [Candidate(n, label(g, n), detail(g, n)) for n in hits]
    if kind == MEETING:  # by date (the detail starts with it), then name
        return Match(query, kind, candidates=sorted(found, key=lambda c: (c.detail, fold(c.label), c.id)))
    return Match(query, kind, candidates=sorted(found, key=lambda c: (fold(c.label), c.detail, c.id)))


# the nodes of each type, listed once per graph: a session (the Python API, a notebook) asks
# many questions of one graph, and listing 100,000 nodes took 17 ms of each lookup
_BY_TYPE: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, list[str]]]] = weakref.WeakKeyDictionary()


def _nodes(g: nx.MultiDiGraph, kind: str) -> Iterable[tuple[str, dict]]:
    listed = _BY_TYPE.get(g)
    if listed is None or listed[0] != len(g):  # a graph that gained or lost nodes is listed again
        by_type: dict[str, list[str]] = {}
        for n, t in g.nodes(data="type"):
            by_type.setdefault(t, []).append(n)
        listed = _BY_TYPE[g] = (len(g), by_type)
    return ((n, g.nodes[n]) for n in listed[1].get(kind, ()) if g.nodes[n].get("type") == kind)


def _names(g: nx.MultiDiGraph, node: str) -> list[str]:
    data = g.nodes[node]
    return [str(v) for v in (data.get("label"), data.get("name"), data.get("alt")) if v]


def _person_detail(g: nx.MultiDiGraph, node: str) -> str:
    posts = sorted({label(g, post) for _, post, r in g.out_edges(node, data="relation") if r == HOLDS}, key=fold)
    return "; ".join(posts[:3]) + ("; …" if len(posts) > 3 else "")


def _meeting_detail(g: nx.MultiDiGraph, node: str) -> str:
    data = g.nodes[node]
    organizer = data.get("organizer")
    return " ".join(x for x in (str(data.get("date") or ""), label(g, organizer) if organizer in g else "") if x)


def _meeting_words(g: nx.MultiDiGraph, node: str) -> list[str]:
    data = g.nodes[node]
    organizer = data.get("organizer")
    return [str(v) for v in (data.get("kind"), data.get("location"), data.get("date"),
                             label(g, organizer) if organizer in g else None) if v]


def _directive_words(g: nx.MultiDiGraph, node: str) -> list[str]:
    data = g.nodes[node]
    kind = str(data.get("kind") or "")
    initials = "".join(w[0] for w in words(kind))  # "Nghị quyết" -> "nq"
    return [str(v) for v in (kind, initials, data.get("number"), data.get("code")) if v]


def _as_date(query: str) -> str | None:
    """An ISO date, month or year for a query that is one (``04/11/2023`` -> ``2023-11-04``)."""
    q = query.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", q):
        return q
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", q)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", q)
    if m:
        return f"{m[2]}-{int(m[1]):02d}"
    return None
