"""From a raw document to a clean :class:`Article`: normalised text, the part of it that
is the report, and the article's metadata (title, publication date, authors, locality).

Portals wrap a report in furniture: "Print ... Gốc" around the date line, a QR code block,
"Tin khác" and teaser lines of other stories, cookie banners. Those lines are recognised
from the noise lexicon and kept out of the body, so that nothing in them becomes a fact.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

from ..ontology import lexicon
from .dates import find_dates
from .model import Article, RawDocument
from .text import LOWER, UPPER, canonical, normalise, words_pattern

_SENTENCE_END = ("." , "!", "?", "…", ":", ";")
_CAP = f"[{UPPER}]"
_LOW = f"[{LOWER}]"
_NAME_WORD = f"{_CAP}{_LOW}*"
_PEN_NAME = f"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}"
# "Hoàng Tùng. Ảnh: Đàm Thanh", "Thu Hà – Ảnh: Quang Huy", "Tuyết Trinh"
_BYLINE = re.compile(
    rf"^(?:(?:Bài|Tin|Bài và ảnh|Tin, ảnh|Bài, ảnh)\s*:\s*)?(?P<a>{_PEN_NAME})"
    rf"(?:\s*(?:[.,\-–—]\s*|\s)\(?\s*(?:Ảnh|Video|Ảnh và video)\s*:\s*(?P<b>{_PEN_NAME})\s*\)?)?\s*\.?$"
)


@lru_cache(maxsize=1)
def _noise():
    lx = lexicon("noise")
    fold = lambda xs: tuple(canonical(x).casefold() for x in xs)  # noqa: E731
    return {k: fold(lx.get(k, [])) for k in
            ("line_exact", "line_prefix", "trailer_start", "header_words", "source_prefix")}


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


def is_noise_line(line: str) -> bool:
    key = line.strip().casefold()
    nz = _noise()
    return bool(key) and (key in nz["line_exact"] or key.startswith(nz["line_prefix"]))


def _is_trailer_start(line: str) -> bool:
    return line.strip().casefold().startswith(_noise()["trailer_start"])


def _is_teaser(line: str) -> bool:
    """A teaser of another story: a cut-off line ending in an ellipsis."""
    s = line.rstrip()
    return s.endswith(("…", "...")) and len(s) < 300


def _strip_header_words(line: str) -> str:
    s = line
    for w in _noise()["header_words"]:
        s = re.sub(rf"(?i)(?<!\w){re.escape(w)}(?!\w)", " ", s)
    return " ".join(s.split())


def _is_date_line(line: str) -> bool:
    """A short header line that is only a date and time ("Thứ Tư, 06/04/2022 11:05")."""
    s = _strip_header_words(line)
    if not s or len(s) > 60:
        return False
    dates = [d for d in find_dates(s) if d.year]
    if not dates:
        return False
    rest = s[:dates[0].start] + s[dates[0].end:]
    rest = re.sub(r"\d{1,2}\s*[:hg]\s*\d{2}(?:'|\s*phút)?|GMT[+\-]?\d*|[|,\-–—:()]", " ", rest)
    words = rest.split()
    # what may remain: a weekday ("Thứ Tư", "Chủ nhật") or a place ("Hải Phòng")
    return len(words) <= 4


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _byline(line: str) -> tuple[str, ...] | None:
    line = line.strip()
    if line.isupper() and len(line) <= 40:
        line = line.title()  # "THU HƯƠNG" -> "Thu Hương"
    m = _BYLINE.match(line)
    if not m:
        return None
    names = tuple(n for n in (m.group("a"), m.group("b")) if n)
    # a pen name is two to four words ("Tuyết Trinh"); a single word is too weak a signal
    if any(len(n.split()) < 2 for n in names):
        return None
    return names


_ADMIN_BEFORE = re.compile(
    r"(?:tỉnh|thành phố|TP\.?|Tp\.?|Thành ủy|Tỉnh ủy|Thành đoàn|Tỉnh đoàn|HĐND|UBND|ĐBQH|Đoàn đại biểu Quốc hội)\s*$",
    re.IGNORECASE)


def province_mentions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, canonical name) of every province or city the text names, in order."""
    rx, spelling = _provinces()
    end = len(text) if end is None else end
    return [(m.start(), spelling[m.group()]) for m in rx.finditer(text, start, end)]


def detect_locality(text: str) -> str | None:
    """The province or city the article is about, or None when the text does not say.

    A name in an administrative phrase ("Tỉnh ủy Quảng Ninh", "thành phố Hải Phòng", a
    dateline "Hải Phòng, ngày ...") counts two, a bare one ("chiến sĩ Điện Biên") one; it
    takes two to name the locality. Ties go to the name written first.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    rx, spelling = _provinces()
    for m in rx.finditer(text):
        name = spelling[m.group()]
        before = text[max(0, m.start() - 40):m.start()]
        dateline = re.match(r"\s*,\s*ngày", text[m.end():m.end() + 12])
        counts[name] += 2 if (_ADMIN_BEFORE.search(before) or dateline) else 1
        first.setdefault(name, m.start())
    best = max(counts, key=lambda n: (counts[n], -first[n]), default=None)
    return best if best and counts[best] >= 2 else None


def prepare(raw: RawDocument) -> Article:
    """Normalise a raw document and find its body, title, date, authors and locality."""
    text, omap = normalise(raw.text)
    text = fix_typos(text)
    spans = _lines(text)
    content = [i for i, (a, b) in enumerate(spans) if text[a:b].strip()]

    # --- the end: page furniture, teasers and the byline --------------------------------
    end_idx = len(spans)  # first line index that is not body
    for i in content:
        if _is_trailer_start(text[spans[i][0]:spans[i][1]]):
            end_idx = i
            break
    body_lines = [i for i in content if i < end_idx]
    # trailing noise, teasers, source lines, and the byline just above them
    authors: tuple[str, ...] = ()
    while body_lines:
        i = body_lines[-1]
        line = text[spans[i][0]:spans[i][1]]
        if is_noise_line(line) or _is_teaser(line) or line.strip().casefold().startswith(_noise()["source_prefix"]):
            body_lines.pop()
            continue
        names = _byline(line)
        if names and not authors:
            authors = names
            body_lines.pop()
        break
    if not authors:
        # a byline followed by teasers without a "Tin khác" heading (they end in "…")
        for j in range(len(body_lines) - 1, max(len(body_lines) - 12, -1), -1):
            line = text[spans[body_lines[j]][0]:spans[body_lines[j]][1]]
            names = _byline(line)
            after = [text[spans[k][0]:spans[k][1]] for k in body_lines[j + 1:]]
            if names and after and all(_is_teaser(x) or is_noise_line(x) for x in after):
                authors = names
                del body_lines[j:]
                break

    # --- the start: date lines, noise, the title ----------------------------------------
    published = raw.published
    # a .txt reader's title is only its first line; the header is read here instead
    title = (raw.title or "").strip() if raw.format != "txt" else ""
    start_pos = 0
    k = 0
    while k < len(body_lines) and k < 4:
        line = text[spans[body_lines[k]][0]:spans[body_lines[k]][1]]
        if is_noise_line(line):
            k += 1
            continue
        if _is_date_line(line):
            if published is None:
                published = next(d.iso() for d in find_dates(_strip_header_words(line)) if d.year)
            k += 1
            continue
        stripped = line.strip()
        is_title_like = not stripped.endswith(_SENTENCE_END) and len(stripped) <= 300
        if title and canonical(stripped) == canonical(title):
            k += 1  # the page repeats its title at the top of the text
            continue
        if raw.format == "txt" and is_title_like and not title:
            title = stripped
            k += 1
            continue
        break
    if k < len(body_lines):
        start_pos = spans[body_lines[k]][0]
        end_pos = spans[body_lines[-1]][1]
    else:
        start_pos = end_pos = len(text)
    if not title:
        first = text[start_pos:end_pos].split("\n", 1)[0]
        title = first[:120].rsplit(" ", 1)[0] + "…" if len(first) > 120 else first

    locality = raw.locality or detect_locality(title + "\n" + text[:end_pos])
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
