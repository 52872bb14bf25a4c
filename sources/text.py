"""Unicode and spelling normalisation of Vietnamese text, with a map back to the original.

Vietnamese pages mix decomposed and precomposed diacritics and two tone placements for
the open syllables oa/oe/uy ("Thành uỷ" / "Thành ủy", "hoà" / "hòa"). Extraction works on
one canonical form; evidence must still quote the original, so :func:`normalise` returns
the normalised text *and*, for every character of it, the index of the original
character it came from.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache
import unicodedata

# The tone mark on open syllables oa/oe/uy: the "old" placement puts it on the first vowel
# (hòa, thủy, ủy), the "new" one on the second (hoà, thuỷ, uỷ). cadregraph uses the old
# placement, as the gold annotations and most party portals do.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}
_MOVE: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _i, _toned_second in enumerate(_TONED[_second]):
        _MOVE[_first + _toned_second] = _TONED[_first][_i] + _second
# Not after q ("quý" is qu+ý), and only at the end of a syllable (not "hoàng", "thuyền").
_MOVE_RE = re.compile(r"(?<![qQ])(" + "|".join(_MOVE) + r")(?![^\W\d_])", re.IGNORECASE)

_FIXES = re.compile(
    r"(?P<nl>\r\n?|[\u2028\u2029\x0b\x0c\x85])"
    r"|(?P<ws>[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+)"
    r"|(?P<zw>[\u200b-\u200d\u2060\ufeff\u00ad\x00]+)"
    r"|(?P<mark>[^\W\d_]?[\u0300-\u036f]+)"
)


def _keep_case(src: str, dst: str) -> str:
    return "".join(d.upper() if s.isupper() else d for s, d in zip(src, dst))


def fold_tone(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to the first vowel (length-preserving)."""
    return _MOVE_RE.sub(lambda m: _keep_case(m.group(0), _MOVE[m.group(0).lower()]), text)


def normalise(original: str) -> tuple[str, array]:
    """Return ``(text, offset_map)``: NFC, one tone placement, tidy whitespace.

    Line breaks become ``\\n``; runs of spaces, tabs and no-break spaces become one space
    (none at the start or end of a line); zero-width characters and NULs are dropped.
    ``offset_map[i]`` is the index in ``original`` of ``text[i]``: an ``array`` of 4-byte
    integers, a tenth of a list's size, which matters when articles travel between processes.
    """
    out: list[str] = []
    omap = array("I")
    pos = 0
    n = len(original)
    for m in _FIXES.finditer(original):
        start, end = m.span()
        if start > pos:
            out.append(original[pos:start])
            omap.extend(range(pos, start))
        kind = m.lastgroup
        if kind == "nl":
            out.append("\n")
            omap.append(start)
        elif kind == "ws":
            at_line_start = start == 0 or original[start - 1] in "\r\n"
            at_line_end = end >= n or original[end] in "\r\n"
            if not (at_line_start or at_line_end):
                out.append(" ")
                omap.append(start)
        elif kind == "mark":
            composed = unicodedata.normalize("NFC", m.group())
            out.append(composed)
            # every composed character maps to the start of its cluster
            omap.extend([start] * len(composed))
        # "zw": dropped
        pos = end
    if pos < n:
        out.append(original[pos:])
        omap.extend(range(pos, n))
    text = fold_tone("".join(out))
    return text, omap


@lru_cache(maxsize=1 << 14)  # names and labels recur across sentences and articles
def canonical(text: str) -> str:
    """Normalised form of a short string (a name or label) without an offset map."""
    folded = fold_tone(unicodedata.normalize("NFC", text))
    return " ".join(folded.split())


# Vietnamese letters as regex classes (a plain "À-Ỹ" range would also take lower-case ones).
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

def word_start_alternation(forms: list[str]) -> str:
    r"""A regex alternation of ``forms`` (tried in this order), each only at a word start.

    Every branch opens with its form's first character as a literal and checks the word
    boundary right after it: ``(?<!\w.)`` one character in is ``(?<!\w)`` before it. A
    pattern whose branches all open with literals lets the regex engine skip ahead to the
    positions holding one of those characters; a leading look-around (``(?<!\w)(?:...)``)
    would make it try every branch at every position.
    """
    return "|".join(re.escape(f[0]) + r"(?<!\w.)" + re.escape(f[1:]) for f in forms)


def words_pattern(phrases: list[str], lower: bool = False) -> str:
    """A regex alternation of whole words/phrases, longest first (see
    :func:`word_start_alternation` for why the word-start test sits inside each branch)."""
    forms = sorted({p.lower() if lower else p for p in phrases}, key=len, reverse=True)
    return rf"(?:{word_start_alternation(forms)})(?!\w)"


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=1 << 16)
def ascii_fold(text: str) -> str:
    """The phrase without its diacritics, case kept, for search and slugs:
    "Đào Phú Thùy Dương" -> "Dao Phu Thuy Duong".

    ``đ`` has no decomposition in Unicode, so it is folded by hand before the marks are
    stripped; compatibility forms (full-width letters) fold to their plain letters.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
