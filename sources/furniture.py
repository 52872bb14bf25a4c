"""Page furniture around a report: what portals print before and after the article.

Before the report: a "Print | Chia sẻ | Cỡ chữ" bar, a breadcrumb ("Trang chủ > Tin tức >
Xây dựng Đảng"), a section name ("Chính trị"), the date line in one of many forms
("Thứ Sáu, 20/07/2018 17:05", "Cập nhật: 08:15 ngày 12/10/2019", "Chính trị | 06/10/2023
07:30 | In bài viết"), the title, sometimes a byline. After it: the byline ("Thu Hà - Văn
Dũng", "Minh Châu (TTXVN)", "Bài, ảnh: Viết Thành"), view counts, share bars, "Tin liên
quan" and teasers of other stories.

:func:`read_header` and :func:`read_trailer` classify those lines with the words of the
noise lexicon (``ontology/lexicons/noise.yaml``); :func:`..clean.prepare` keeps what lies
between them as the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology import lexicon
from .dates import find_dates
from .text import LOWER, UPPER, canonical

_SENTENCE_END = (".", "!", "?", "…", ":", ";")
_CAP = f"[{UPPER}]"
_LOW = f"[{LOWER}]"
_NAME_WORD = f"{_CAP}{_LOW}*"
_PEN_NAME = f"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}"
# what a byline may say after the names: the agency or the office of the writer
_AFFILIATION = r"(?:\s*\([^()]{1,60}\))?"
# "Hoàng Tùng. Ảnh: Đàm Thanh", "Thu Hà – Ảnh: Quang Huy", "Thu Hà - Văn Dũng",
# "Minh Châu (TTXVN)", "Bài, ảnh: Viết Thành"
_BYLINE = re.compile(
    rf"^(?:(?P<lead>Bài và ảnh|Tin và ảnh|Tin, ảnh|Bài, ảnh|Bài/ảnh|Tin/ảnh|Bài|Tin)\s*:\s*)?"
    rf"(?P<a>{_PEN_NAME}){_AFFILIATION}"
    rf"(?:\s*(?:[.,\-–—]\s*|\s)\(?\s*(?:(?:Ảnh|Video|Ảnh và video)\s*:\s*)?(?P<b>{_PEN_NAME})\s*\)?{_AFFILIATION})?\s*\.?$"
)
_TIME = re.compile(r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*:\s*\d{2})?(?:'|\s*phút)?|GMT\s*[+\-]?\s*\d*|\[[^\]]*\]")
_SEPARATORS = re.compile(r"\s*(?:\||›|»|>|\s/\s|\t|\s{3,})\s*")
_BREADCRUMB = re.compile(r"\S\s*(?:>|»|›)\s*\S|\S\s/\s\S")


@lru_cache(maxsize=1)
def noise() -> dict[str, tuple[str, ...]]:
    """The noise lexicon's lists, normalised and case-folded."""
    lx = lexicon("noise")
    fold = lambda xs: tuple(canonical(x).casefold() for x in xs)  # noqa: E731
    lists = {k: fold(lx.get(k, []) or []) for k in
             ("line_exact", "line_prefix", "trailer_start", "header_words", "source_prefix",
              "furniture_words", "section_words")}
    lists["furniture_words"] = tuple(sorted(lists["furniture_words"], key=len, reverse=True))
    return lists


def is_noise_line(line: str) -> bool:
    key = line.strip().casefold()
    nz = noise()
    return bool(key) and (key in nz["line_exact"] or key.startswith(nz["line_prefix"]))


def is_trailer_start(line: str) -> bool:
    return line.strip().casefold().startswith(noise()["trailer_start"])


def is_source_line(line: str) -> bool:
    """A short line naming the portal or the source rather than an author ("Theo TTXVN"),
    not a sentence that opens with the same word ("Theo báo cáo của ...")."""
    s = line.strip()
    return len(s) <= 80 and s.casefold().startswith(noise()["source_prefix"])


def is_teaser(line: str) -> bool:
    """A teaser of another story: a cut-off line ending in an ellipsis, or a listed headline
    ("- Hòa Vang triển khai ...", "› Tiên Yên kết nạp đảng viên")."""
    s = line.rstrip()
    return (s.endswith(("…", "...")) and len(s) < 300) or (s[:2] in ("- ", "› ", "» ", "• ") and len(s) < 200)


def strip_header_words(line: str) -> str:
    s = line
    for w in noise()["header_words"]:
        s = re.sub(rf"(?i)(?<!\w){re.escape(w)}(?!\w)", " ", s)
    return " ".join(s.split())


def _is_furniture_segment(segment: str) -> bool:
    """A button or link ("Chia sẻ", "Cỡ chữ: A- A A+", "Lượt xem: 862"), or nothing."""
    key = " ".join(segment.strip(" :.-–—()").casefold().split())
    if not key:
        return True
    nz = noise()
    if key in nz["line_exact"] or key.startswith(nz["line_prefix"]):
        return True
    for word in nz["furniture_words"]:  # longest first
        if key.startswith(word) and (len(key) == len(word) or not key[len(word)].isalnum()):
            rest = key[len(word):].strip(" :")
            if all(t in ("a-", "a", "a+") or t.replace(".", "").replace(",", "").isdigit() or t in nz["furniture_words"]
                   for t in rest.split()):
                return True
    return False


def is_furniture_line(line: str) -> bool:
    """A bar of links and buttons: "Print | Chia sẻ | Cỡ chữ: A- A A+", "Chia sẻ  Facebook  Zalo"."""
    segments = [s for s in _SEPARATORS.split(line.strip()) if s.strip()]
    return bool(segments) and all(_is_furniture_segment(s) for s in segments)


def is_breadcrumb(line: str) -> bool:
    """"Trang chủ > Tin tức > Xây dựng Đảng", "Trang chủ / Thời sự / Chính trị"."""
    s = line.strip()
    if s.casefold().startswith(("trang chủ", "home")):
        return True
    if not _BREADCRUMB.search(s) or s.endswith(_SENTENCE_END):
        return False
    parts = [p for p in re.split(r"\s*(?:>|»|›|\s/\s)\s*", s) if p]
    return len(parts) >= 2 and all(len(p.split()) <= 6 for p in parts)


def is_section_label(line: str) -> bool:
    """A section name above the title: "Chính trị", "Quốc phòng - An ninh", "Tin tức - Sự
    kiện | Xây dựng Đảng": short parts, with no sentence and no number."""
    s = line.strip()
    if not s or s.endswith(_SENTENCE_END) or any(c.isdigit() for c in s):
        return False
    words = noise()["section_words"]
    parts = [p for p in re.split(r"\s*(?:\||›|»|>|\s/\s|\t|\s{3,}|\s[-–]\s)\s*", s) if p]
    return all(len(p.split()) <= 3 or p.casefold() in words for p in parts) and len(re.findall(r"\w+", s)) <= 8


def date_of_line(line: str) -> str | None:
    """The ISO date of a header line that is only a date and time, with weekday, furniture or
    a section name around it ("Thứ Tư, 06/04/2022 11:05", "Chính trị | 06/10/2023 07:30 |
    In bài viết"); None for any other line."""
    s = strip_header_words(line)
    if not s or len(s) > 90:
        return None
    dates = [d for d in find_dates(s) if d.year]
    if not dates:
        return None
    first = dates[0]
    rest = s[:first.start] + " | " + s[first.end:]
    rest = _TIME.sub(" ", rest)
    kept = [seg for seg in _SEPARATORS.split(rest) if not _is_furniture_segment(seg)]
    words = " ".join(re.sub(r"[,\-–—:()|]", " ", seg) for seg in kept).split()
    # what may remain: a weekday ("Thứ Tư", "Chủ nhật"), a place ("Hải Phòng") or a section
    if len(words) > 4 and not all(is_section_label(seg) for seg in kept):
        return None
    return first.iso()


def byline(line: str) -> tuple[str, ...] | None:
    """The writers a byline names, or None for any other line."""
    line = line.strip()
    if len(line) > 100:
        return None
    if not any(c.islower() for c in re.sub(r"(?i)^(bài|tin)[^:]*:|ảnh\s*:|\([^)]*\)", "", line)):
        line = " ".join(w.capitalize() if w.isupper() else w for w in line.split())  # "THU HƯƠNG" -> "Thu Hương"
    m = _BYLINE.match(line)
    if not m:
        return None
    names = tuple(n for n in (m.group("a"), m.group("b")) if n)
    # a pen name is two to four words ("Tuyết Trinh"); a single word is too weak a signal
    if any(len(n.split()) < 2 for n in names):
        return None
    return names


def is_title_like(line: str) -> bool:
    s = line.strip()
    return not s.endswith(_SENTENCE_END) and len(s) <= 300


@dataclass
class Header:
    """What the lines before the report say: where the report starts (an index into the
    body lines), its title, publication date and writers."""

    start: int = 0
    title: str = ""
    published: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)


_HEADER_LINES = 10  # lines before the report where a portal prints its furniture


def read_header(lines: list[str], title: str = "", published: str | None = None,
                find_title: bool = True) -> Header:
    """Read the furniture lines that open ``lines`` (the non-empty lines of a page).

    The report starts at the first line that is none of: noise, a bar of buttons, a
    breadcrumb, a section name, a date line, a byline, or the title (the first line of
    five words or more that does not end a sentence; a page may print it once more).
    """
    head = Header(title=title, published=published)
    k = 0
    while k < len(lines) and k < _HEADER_LINES:
        line = lines[k].strip()
        if is_noise_line(line) or is_furniture_line(line) or is_breadcrumb(line) or is_source_line(line):
            k += 1
            continue
        date = date_of_line(line)
        if date is not None:
            head.published = head.published or date
            k += 1
            continue
        if head.title and canonical(line) == canonical(head.title):
            k += 1  # the page repeats its title at the top of the text
            continue
        if is_title_like(line) and len(line.split()) >= 5 and "|" not in line and not head.title \
                and find_title and not is_section_label(line):
            head.title = line
            k += 1
            continue
        names = byline(line)
        if names and not head.authors:
            head.authors = names
            k += 1
            continue
        if is_title_like(line) and (is_section_label(line) or len(line.split()) < 3):
            k += 1  # "Chính trị", "SGGPO": a section or the portal's mark
            continue
        break
    head.start = k
    return head


def read_trailer(lines: list[str]) -> tuple[int, tuple[str, ...]]:
    """Where the report ends in ``lines`` (an index: the first line after it) and the writers
    its byline names. ``lines`` already stop before the first "Tin khác" heading."""
    end = len(lines)
    authors: tuple[str, ...] = ()
    while end:
        line = lines[end - 1]
        if is_noise_line(line) or is_teaser(line) or is_source_line(line) or is_furniture_line(line):
            end -= 1
            continue
        names = byline(line)
        if names:
            authors = names
            end -= 1
        elif _is_initials(line):
            end -= 1  # "BBT", "PV", "N.H": an editor's mark
        break
    if not authors:
        # a byline followed by teasers without a "Tin khác" heading (they end in "…")
        for j in range(end - 1, max(end - 12, -1), -1):
            names = byline(lines[j])
            after = lines[j + 1:end]
            if names and after and all(is_teaser(x) or is_noise_line(x) for x in after):
                return j, names
    return end, authors


def _is_initials(line: str) -> bool:
    s = line.strip()
    return 1 < len(s) <= 6 and s.replace(".", "").isupper() and s.replace(".", "").isalpha()


def lead_byline(line: str) -> tuple[str, ...] | None:
    """A byline inside the report that says so: "Bài: Minh Hiền", "Bài, ảnh: Hữu Huấn"."""
    m = _BYLINE.match(line.strip())
    if m and m.group("lead"):
        return byline(line)
    return None
