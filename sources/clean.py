"""From a raw document to a clean :class:`Article`: normalised text, the part of it that
is the report, and the article's metadata (title, publication date, authors, locality).

Portals wrap a report in furniture: "Print ... Gốc" around the date line, breadcrumbs, a
QR code block, "Tin khác" and teaser lines of other stories, cookie banners. Those lines
are recognised from the noise lexicon (:mod:`.furniture`) and kept out of the body, so
that nothing in them becomes a fact.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

from ..ontology import lexicon
from .furniture import is_noise_line, is_trailer_start, lead_byline, read_header, read_trailer
from .model import Article, RawDocument
from .text import UPPER, canonical, normalise, words_pattern

_CAP = f"[{UPPER}]"


@lru_cache(maxsize=1)
def _typos() -> list[tuple[re.Pattern, str]]:
    fixes = lexicon("bodies").get("typos", {}) or {}
    return [(re.compile(rf"(?<!\w){re.escape(canonical(wrong))}(?!\w)"), canonical(right))
            for wrong, right in fixes.items() if len(canonical(wrong)) == len(canonical(right))]


@lru_cache(maxsize=1)
def _provinces() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every province and city name (and alias), and the canonical name of
    each spelling. A name followed by another capitalised word is part of a longer proper
    name ("Điện Biên Phủ" is a battle, not the province)."""
    spelling: dict[str, str] = {}
    for p in lexicon("places")["provinces"]:
        for n in [*([p["name"]] if p.get("bare", True) else []), *p.get("aliases", [])]:
            spelling[canonical(n)] = canonical(p["name"])
    return re.compile(rf"{words_pattern(list(spelling))}(?! {_CAP})"), spelling


def fix_typos(text: str) -> str:
    """Correct known misspellings of body names ("Thanh ủy" -> "Thành ủy"), same length."""
    for rx, right in _typos():
        text = rx.sub(right, text)
    return text


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_ADMIN_BEFORE = re.compile(
    r"(?:tỉnh|thành phố|TP\.?|Tp\.?|Thành ủy|Tỉnh ủy|Thành đoàn|Tỉnh đoàn|HĐND|UBND|ĐBQH|Đoàn đại biểu Quốc hội)\s*$",
    re.IGNORECASE)


def province_mentions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, canonical name) of every province or city the text names, in order."""
    rx, spelling = _provinces()
    end = len(text) if end is None else end
    return [(m.start(), spelling[m.group()]) for m in rx.finditer(text, start, end)]


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Middle names and family names: a place name right after one is part of a person's name."""
    names = lexicon("surnames")
    return (frozenset(canonical(w) for w in names.get("middle_names", [])),
            frozenset(canonical(w) for w in names["simple"]))


def detect_locality(text: str) -> str | None:
    """The province or city the article is about, or None when the text does not say.

    A name in an administrative phrase ("Tỉnh ủy Quảng Ninh", "thành phố Hải Phòng", a
    dateline "Hải Phòng, ngày ...") counts two, a bare one ("chiến sĩ Điện Biên") one; it
    takes two to name the locality. Ties go to the name written first.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    rx, spelling = _provinces()
    middle, surnames = _name_words()
    for m in rx.finditer(text):
        name = spelling[m.group()]
        before = text[max(0, m.start() - 40):m.start()]
        last = before.split()[-1:] or [""]
        if last[0] in middle or last[0] in surnames:
            continue  # "Ma Thị Hà Giang": a person's name, not the province
        dateline = re.match(r"\s*,\s*ngày", text[m.end():m.end() + 12])
        counts[name] += 2 if (_ADMIN_BEFORE.search(before) or dateline) else 1
        first.setdefault(name, m.start())
    best = max(counts, key=lambda n: (counts[n], -first[n]), default=None)
    return best if best and counts[best] >= 2 else None


def as_of(locality: str | None, published: str | None) -> str | None:
    """The unit ``locality`` was on the day ``published``: Huế before 2025 is Thừa Thiên Huế
    (``since`` and ``was`` in the places lexicon; an undated article is taken as recent)."""
    if locality is None or published is None:
        return locality
    for p in lexicon("places")["provinces"]:
        if canonical(p["name"]) == locality and p.get("was") and published < str(p["since"]):
            return canonical(p["was"])
    return locality


def prepare(raw: RawDocument) -> Article:
    """Normalise a raw document and find its body, title, date, authors and locality."""
    text, omap = normalise(raw.text)
    text = fix_typos(text)
    spans = _lines(text)
    content = [i for i, (a, b) in enumerate(spans) if text[a:b].strip()]

    line_of = lambda i: text[spans[i][0]:spans[i][1]]  # noqa: E731
    # --- the end: the first "Tin khác" heading, then page furniture and the byline --------
    end_idx = len(spans)  # first line index that is not body
    for i in content:
        if is_trailer_start(line_of(i)):
            end_idx = i
            break
    body_lines = [i for i in content if i < end_idx]
    end, authors = read_trailer([line_of(i) for i in body_lines])
    del body_lines[end:]

    # --- the start: date lines, furniture, the title, a byline ---------------------------
    # a .txt reader's title is only its first line; the header is read here instead
    title = (raw.title or "").strip() if raw.format != "txt" else ""
    head = read_header([line_of(i) for i in body_lines], title, raw.published, find_title=raw.format == "txt")
    title, published, k = head.title, head.published, head.start
    authors = authors or head.authors
    if not authors:  # "Bài: Minh Hiền" under the lead
        authors = next((names for i in body_lines[k:k + 3] if (names := lead_byline(line_of(i)))), ())
    if k < len(body_lines):
        start_pos = spans[body_lines[k]][0]
        end_pos = spans[body_lines[-1]][1]
    else:
        start_pos = end_pos = len(text)
    if not title:
        first = text[start_pos:end_pos].split("\n", 1)[0]
        title = first[:120].rsplit(" ", 1)[0] + "…" if len(first) > 120 else first

    locality = raw.locality or as_of(detect_locality(title + "\n" + text[:end_pos]), published)
    return Article(
        article_id=raw.article_id,
        source_path=raw.source_path,
        original=raw.text,
        text=text,
        offset_map=omap,
        title=canonical(title),
        body_start=start_pos,
        body_end=end_pos,
        published=published,
        authors=tuple(canonical(a) for a in authors),
        locality=canonical(locality) if locality else None,
        url=raw.url,
        content_hash=hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
    )
