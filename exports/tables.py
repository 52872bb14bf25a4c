"""The resolved corpus as CSV tables (the tables contract in ../shared/eval/README.md).

One file per table, UTF-8 with a header row, rows in the corpus' deterministic order.
Cells that a spreadsheet would run as a formula are neutralised, because these files
are meant to be opened in Excel or LibreOffice by people who did not write them.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable, Sequence

from ..graph.model import Evidence
from ..graph.resolved import ResolvedCorpus
from ..graph.tenure import Tenure
from ..graph.faults import point
from .files import atomic_dir, atomic_open

Row = Sequence[object]

_EVIDENCE = ("evidence_quote", "evidence_start", "evidence_end")

# file name -> columns; the first columns of each are those the contract requires
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "authors", "title", "published", "url", "locality", "source_path"),
    "people": ("person_id", "name"),
    "bodies": ("body_id", "name", "kind", "parent_id", "locality"),
    "directives": ("directive_id", "kind", "number", "code", "issued",
                   "issuer", "issuer_level", "subject", "term"),
    "meetings": ("meeting_id", "article_id", "date", "organizer_id", "kind", "title", "online"),
    "positions": ("article_id", "person_id", "position", "title", "body_id") + _EVIDENCE,
    "participation": ("meeting_id", "person_id", "role") + _EVIDENCE,
    "meeting_directives": ("meeting_id", "directive_id", "relation") + _EVIDENCE,
    "mentions": ("article_id", "entity_type", "entity_id"),
    "directive_links": ("directive_id", "implements_id", "article_id"),
    # why each mention got its id, and the pairs kept apart for a curator to look at
    "resolution": ("entity_type", "entity_id", "article_id", "written", "rule", "detail"),
    "review": ("entity_type", "first_id", "second_id", "reason"),
    # posts over time: one row per person and post, first and last seen (the whole store)
    "tenures": ("post_id", "post", "person_id", "person", "first_seen", "last_seen", "observations", "articles"),
}

_FORMULA_START = tuple("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``...).

    Plain numbers such as ``-5`` stay as they are; so do dates, which start with a digit.
    """
    if len(value) > 1 and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def _evidence(ev: Evidence | None) -> tuple[object, ...]:
    return (ev.quote, ev.start, ev.end) if ev else ("", "", "")


def _rows(resolved: ResolvedCorpus, tenures: Sequence[Tenure]) -> dict[str, Iterable[Row]]:
    """For each table, its rows (lazily) with cells in the order of :data:`COLUMNS`."""
    r = resolved
    return {
        "articles": ((a.article_id, ";".join(a.authors), a.title, a.published, a.url, a.locality,
                      a.source_path) for a in r.articles),
        "people": ((p.id, p.name) for p in r.people),
        "bodies": ((b.id, b.name, b.kind, b.parent_id, b.locality) for b in r.bodies),
        "directives": ((d.id, d.kind, d.number, d.code, d.issued, d.issuer, d.issuer_level,
                        d.subject, d.term) for d in r.directives),
        "meetings": ((m.id, m.article_id, m.date, m.organizer_id, m.kind, m.title, m.online)
                     for m in r.meetings),
        "positions": ((p.article_id, p.person_id, p.label, p.title, p.body_id) + _evidence(p.evidence)
                      for p in r.positions),
        "participation": ((p.meeting_id, p.person_id, p.role) + _evidence(p.evidence)
                          for p in r.participation),
        "meeting_directives": ((m.meeting_id, m.directive_id, m.relation) + _evidence(m.evidence)
                               for m in r.meeting_directives),
        "mentions": ((m.article_id, m.entity_type, m.entity_id) for m in r.mentions),
        "directive_links": ((d.directive_id, d.implements_id, d.article_id) for d in r.directive_links),
        "resolution": ((d.entity_type, d.entity_id, d.article_id, d.written, d.rule, d.detail)
                       for d in r.decisions),
        "review": ((f.entity_type, f.first_id, f.second_id, f.reason) for f in r.review),
        "tenures": ((t.post_id, t.post_label, t.person_id, t.person_name, t.first_seen, t.last_seen,
                     t.observations, ";".join(t.articles)) for t in tenures),
    }


def write_tables(resolved: ResolvedCorpus, folder: str | Path, tenures: Sequence[Tenure] = ()) -> list[Path]:
    """Write every table as ``folder/<table>.csv``; returns the paths written.

    ``tenures`` (see :mod:`..graph.tenure`) come from the whole store, not only this build.
    The tables are written into a temporary folder that then takes the place of
    ``folder`` in one step, so they always come from one build, even if it is killed.
    """
    folder = Path(folder)
    with atomic_dir(folder) as tmp:
        for name, rows in _rows(resolved, tenures).items():
            with atomic_open(tmp / f"{name}.csv", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(COLUMNS[name])
                writer.writerows([_cell(v) for v in row] for row in rows)
            point("dir.file")
    return [folder / f"{name}.csv" for name in COLUMNS]
