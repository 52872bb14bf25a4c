"""What a research command answers, and its three renderings: a readable table, JSON, CSV.

A :class:`Report` is a few header fields (what was asked and found) and named tables.

- text: the fields as ``name: value`` lines, then each table under its heading, columns
  aligned, long cells cut at :data:`CELL` characters; the ids of linked entities are left
  out where their names are shown (JSON and CSV give every column, and cells whole);
- JSON (:meth:`Report.as_json`): one object, the header fields and then one array of row
  objects per table, keyed by the table's name; lists stay lists, missing values are ``null``;
- CSV: a header row and the rows of the one table; a report of several tables puts them
  one after another with a first column ``section`` naming the table, under the union of
  their columns. Lists are joined with ``"; "``.

Rows and columns come in a fixed order, so the same graph always gives the same output.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

CELL = 50  # characters of a cell shown in the text table


@dataclass
class Table:
    name: str  # key in JSON, section in CSV
    columns: list[str]
    rows: list[dict[str, Any]]
    title: str = ""  # heading in the text output (default: the name)
    shown: list[str] | None = None  # the columns of the text output (default: all); ids are for JSON and CSV


@dataclass
class Report:
    fields: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out = dict(self.fields)
        for t in self.tables:
            out[t.name] = [{c: row.get(c) for c in t.columns} for row in t.rows]
        return out

    def rows(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def render(report: Report, fmt: str) -> str:
    """``table`` (text), ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return to_csv(report)
    if fmt == "table":
        return to_text(report)
    raise ValueError(f"unknown format {fmt!r}")


def to_text(report: Report) -> str:
    lines = [f"{k}: {_cell(v, cut=False)}" for k, v in report.fields.items() if v not in (None, "", [])]
    for t in report.tables:
        if lines:
            lines.append("")
        lines.append(f"{t.title or t.name} ({len(t.rows)})")
        if t.rows:
            lines += _aligned(t)
    return "\n".join(lines) + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if len(report.tables) == 1:
        [t] = report.tables
        writer.writerow(t.columns)
        writer.writerows([_csv(row.get(c)) for c in t.columns] for row in t.rows)
        return buffer.getvalue()
    columns: list[str] = []
    for t in report.tables:
        columns += [c for c in t.columns if c not in columns]
    writer.writerow(["section", *columns])
    for t in report.tables:
        writer.writerows([t.name, *(_csv(row.get(c)) if c in t.columns else "" for c in columns)] for row in t.rows)
    return buffer.getvalue()


def _aligned(t: Table) -> list[str]:
    columns = t.shown or t.columns
    cells = [[_cell(row.get(c)) for c in columns] for row in t.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    return out + ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]


def _cell(value: Any, cut: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = str(round(value, 6))
    elif isinstance(value, (list, tuple)):
        text = ", ".join(_cell(v, cut=False) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if not cut or len(text) <= CELL else text[:CELL - 1] + "…"


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(round(value, 6))
    if isinstance(value, (list, tuple)):
        return "; ".join(_csv(v) for v in value)
    from ..exports.tables import neutralise  # the one rule for cells a spreadsheet would run

    return neutralise(str(value))
