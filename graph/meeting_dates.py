"""The dates of meetings: a day and month get their year from the publication date, else
from the years the report names.

"Ngày 11/7" in an article published on 2020-02-26 is 2019-07-11: a report is published on
or after the day it reports. Without a publication date, the years the report names vote
(:func:`year_votes`, with the hints of ``ontology/lexicons/meetings.yaml``), and without
those, the years of the full dates it writes.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..ontology import lexicon
from ..sources.dates import find_dates, iso_date, resolve_year
from .meetings import MeetingDraft
from .tokens import finditer_at, literal_starts


@lru_cache(maxsize=1)
def _hints() -> dict:
    lx = lexicon("meetings")
    return {"late_from": lx["late_from"], **_year_hints(lx["year_hints"])}


def _year_hints(hints: dict[str, list[str]]) -> dict[str, re.Pattern]:
    """The patterns of :func:`year_votes`, each ending right before a year, from the lexicon's
    ``year_hints`` (matched in any case on the original text)."""
    alt = lambda key: "|".join(r"\s+".join(map(re.escape, w.split()))  # noqa: E731
                               for w in sorted(hints[key], key=len, reverse=True))
    flags = re.IGNORECASE
    return {
        "year_period": re.compile(rf"(?:{alt('period')})\s*(?:năm|/)\s*$", flags),
        "year_plan": re.compile(rf"(?:{alt('plan')})[^.;,]{{0,30}}năm\s*$", flags),
        "year_review": re.compile(rf"(?:{alt('review')})[^.;,]{{0,30}}năm\s*$|^\s*năm\s*$", flags),
        "year_no_vote": re.compile(rf"(?:{alt('no_vote')})\s*$|(?:{alt('horizon')})[^.;]{{0,10}}$"
                                   rf"|(?<!\w)(?:{alt('future')})(?!\w)[^.;,]*$", flags),
    }


_CENTURIES = ("19", "20")  # a year opens with one of these
_YEAR = re.compile(rf"(?<![\d/.\-–])((?:{'|'.join(_CENTURIES)})\d\d)(?![\d])(?!\s*[-–—]\s*(?:19|20)\d\d)")
_RANGE_END = re.compile(r"(?:19|20)\d\d\s*[-–—]\s*$")
_IN_FULL_DATE = re.compile(r"[/.\-]\d{1,2}[/.\-]?$")


def year_votes(text: str, start: int, end: int, month: int) -> dict[int, float]:
    """Votes for the year of a meeting held in ``month``, from the years the report names.

    A review of year Y ("tổng kết công tác năm Y") is held late in Y or early in Y+1; a plan
    for Y ("nhiệm vụ năm Y") late in Y-1 or during Y; a period of Y ("6 tháng đầu năm Y")
    in Y. Years in ranges ("nhiệm kỳ 2020 - 2025") say nothing about the date.
    """
    vocab = _hints()
    late = month >= vocab["late_from"]
    period, plan, review, no_vote = (vocab[k] for k in ("year_period", "year_plan", "year_review", "year_no_vote"))
    votes: dict[int, float] = defaultdict(float)
    for m in finditer_at(_YEAR, text, literal_starts(text, _CENTURIES, start, end), end):
        before = text[max(start, m.start() - 60):m.start()]
        if _RANGE_END.search(before) or no_vote.search(before):
            continue
        if _IN_FULL_DATE.search(before):
            continue  # part of a full date
        y = int(m.group(1))
        line_start = before.rfind("\n")
        sentence_start = max(before.rfind(". "), line_start)
        if period.search(before):
            votes[y] += 3
        elif plan.search(before):
            votes[y - 1 if month >= 10 else y] += 2
        elif review.search(before[sentence_start + 1:] if sentence_start >= 0 else before):
            votes[y if late else y + 1] += 2
        else:
            votes[y] += 1
    return votes


def _full_date_years(text: str, body: tuple[int, int]) -> dict[int, float]:
    """When nothing votes for a year: the years of the full dates the report writes, the
    latest first ("kỷ niệm 84 năm (3/2/1930 - 3/2/2014), sáng 2/2, ...")."""
    years = {d.year for d in find_dates(text, body[0], body[1]) if d.year}
    return {y: 1.0 for y in years}


def resolve_dates(drafts: list[MeetingDraft], text: str, body: tuple[int, int],
                  published: str | None, floor_dates: list[str]) -> None:
    """Give every draft an ISO date: its own year, the publication date, or the context."""
    previous: str | None = None
    votes_by_month: dict[int, dict[int, float]] = {}  # one scan of the body per month, not per meeting
    for d in drafts:
        if d.same_day:
            d.date = previous
        elif d.day is not None:
            if d.day.year:
                d.date = d.day.iso()
            elif published:
                y = resolve_year(d.day.day, d.day.month, published)
                d.date = iso_date(y, d.day.month, d.day.day) if y else None
            else:
                if d.day.month not in votes_by_month:
                    votes_by_month[d.day.month] = year_votes(text, body[0], body[1], d.day.month)
                votes = votes_by_month[d.day.month] or _full_date_years(text, body)
                floor = max(floor_dates) if floor_dates else None
                ranked = sorted(votes.items(), key=lambda kv: (-kv[1], -kv[0]))
                for y, _w in ranked:
                    iso = iso_date(y, d.day.month, d.day.day)
                    if iso and (floor is None or iso >= floor):
                        d.date = iso
                        break
        previous = d.date or previous
