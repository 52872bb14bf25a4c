"""Vietnamese date expressions: "06/04/2022", "5-9", "ngày 20 tháng 10 năm 2023", and the
spans of days an event runs over: "7 và 8/12", "từ ngày 24 đến 26/10", "7-8/12" (read as
their first day).

Shared by the cleaning stage (publication dates) and extraction (meeting and issue dates).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# 6/4, 06/04/2022, 5-9, 24-1-2019, 04.11.2023; the year is optional
NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])(?P<d>[0-3]?\d)\s?(?P<sep>[/.\-])\s?(?P<m>[01]?\d)"
    r"(?:(?P=sep)(?P<y>(?:19|20)\d\d))?(?![\d]|[/.\-]\d)"
)
# ngày 20 tháng 10 năm 2023 / ngày 20 tháng 10
WORDED_DATE = re.compile(
    r"ngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s*(?:năm|,)\s*(?P<y>(?:19|20)\d\d))?",
    re.IGNORECASE,
)


# a span of days with one month, "7-8/12", "24–26/10/2019": read as its first day
SPAN_DATE = re.compile(
    r"(?<![\d/.\-])(?P<d>[0-3]?\d)\s?[-–]\s?(?P<last>[0-3]?\d)\s?/\s?(?P<m>[01]?\d)"
    r"(?:/(?P<y>(?:19|20)\d\d))?(?![\d]|[/.\-]\d)"
)
# the first day of a span written before the date of its last day: "7 và 8/12", "6 đến
# ngày 8/12", "24 - 26/10", "(15 và 16/7)"
_SPAN_FIRST_DAY = re.compile(r"(?<![\d/.\-])(?P<d>[0-3]?\d)\s*(?:và|đến|tới|[-–])\s*(?:ngày\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def iso(self, year: int | None = None) -> str | None:
        y = self.year if self.year is not None else year
        return iso_date(y, self.month, self.day) if y is not None else None


def iso_date(year: int, month: int, day: int) -> str | None:
    """ISO string for a real calendar date, None for impossible ones (31/02)."""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return year is None or iso_date(year, month, day) is not None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every plausible date in ``text[start:end]``, in order of position."""
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    for rx in (WORDED_DATE, SPAN_DATE, NUMERIC_DATE):
        for m in rx.finditer(text, start, end):
            d, mo = int(m.group("d")), int(m.group("m"))
            y = int(m.group("y")) if m.group("y") else None
            if rx is SPAN_DATE and not d < int(m.group("last")) <= 31:
                continue
            if _valid(d, mo, y):
                found.append(DateMatch(m.start(), m.end(), d, mo, y))
    found.sort(key=lambda x: x.start)
    # a worded date and a numeric one can overlap only if a number was read twice
    result: list[DateMatch] = []
    for dm in found:
        if result and dm.start < result[-1].end:
            continue
        result.append(_span_start(text, dm, result[-1].end if result else start))
    return result


def _span_start(text: str, dm: DateMatch, floor: int) -> DateMatch:
    """``dm``, or the span of days it ends ("7 và 8/12") as that span's first day."""
    m = _SPAN_FIRST_DAY.search(text, max(floor, dm.start - 16), dm.start)
    if m is None:
        return dm
    first = int(m.group("d"))
    if not 1 <= first < dm.day or not _valid(first, dm.month, dm.year):
        return dm
    return DateMatch(m.start(), dm.end, first, dm.month, dm.year)


def resolve_year(day: int, month: int, published: str | None) -> int | None:
    """Year of a day/month written without one, from the publication date.

    A report is published on or after the day it reports, so the date is the latest
    one not after publication: "11/7" in an article of 2020-02-26 is 2019-07-11.
    """
    if not published:
        return None
    pub = _dt.date.fromisoformat(published)
    year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    if iso_date(year, month, day) is None:  # 29/02 in a non-leap year
        return None
    return year
