"""From the bytes of a file to text: Unicode with or without a byte-order mark, and the
legacy 8-bit encodings of Vietnamese office files, or the reason the bytes are not text.

Files reach cadregraph from browsers, office machines and half-finished downloads:

- UTF-8 (with or without BOM) is read as it is; UTF-16 and UTF-32 with a BOM, and UTF-16
  without one (every other byte NUL), are decoded;
- a file cut inside a UTF-8 character (an interrupted download or copy) is refused;
- a file that starts like a PDF, an image, an archive or an office document is refused
  by name; so is one with NUL bytes scattered through it or mostly control characters;
- bytes that are not UTF-8 are tried as the encodings Vietnamese offices used before
  Unicode: **Windows-1258** (tone marks as combining characters, normalised to NFC),
  **TCVN3** (ABC, the ``.VnTime`` fonts) and **VNI** (the ``VNI-Times`` fonts). The
  legacy font tables come from the ``viparse`` package (corpus-validated, MIT). A
  decoding is accepted only when it is *confident*: at least :data:`MIN_SHARE` of the
  words that carry a non-ASCII letter are valid Vietnamese syllables, clearly more than
  under any other candidate (:data:`MIN_MARGIN`). Otherwise the file is refused with the
  best guess named, so a person can convert it by hand.

The same test catches UTF-8 files that hold legacy text already mangled by another tool
("Céng hoµ x· héi chñ nghÜa" is TCVN3 read as Windows-1252): :func:`repair` converts
them when the conversion is confident and leaves any other text alone.

:func:`vietnamese_share` is the syllable test: onset, vowels and final consonant drawn
from Vietnamese spelling, at most one tone mark, and only the sắc or nặng tone on a
syllable that ends in p, t, c or ch.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

MIN_SHARE = 0.8  # of the words with a non-ASCII letter, the share that must be Vietnamese syllables
MIN_MARGIN = 0.2  # how far ahead of the next candidate (or of the text as it is) the winner must be
MIN_WORDS = 4  # words with a non-ASCII letter needed to judge at all
SAMPLE_CHARS = 200_000  # characters scored per candidate (decoding itself covers the whole file)
MAX_NON_TEXT = 0.05  # share of control/unassigned characters above which decoded bytes are binary

NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32", "windows-1258": "Windows-1258",
         "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

# what a binary file starts with, and what to call it
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx, .odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class Decoded:
    """Text read from bytes. ``encoding`` is a key of :data:`NAMES`; ``notes`` say what was
    done to get it (a legacy encoding converted, NUL bytes dropped) for the user to see."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotText:
    """Why the bytes are not an article's text, as one line a person can act on."""

    reason: str


def decode(data: bytes) -> Decoded | NotText:
    """The text of a file's bytes (see the module's docstring), or why there is none."""
    if not data.strip():
        return NotText("empty file")
    kind = binary_kind(data)
    if kind:
        return NotText(f"binary file ({kind}, not text)")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _unicode(data[len(bom):], codec, name, f"{NAMES[name]} with a byte-order mark")
    notes: list[str] = []
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec:
            return _unicode(data, codec, "utf-16", "UTF-16 without a byte-order mark")
        nuls = data.count(b"\x00")
        if nuls > max(16, len(data) // 1000):
            return NotText(f"binary file ({nuls} NUL bytes)")
        data = data.replace(b"\x00", b"")
        notes.append(f"dropped {nuls} NUL byte{'s' if nuls > 1 else ''}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            return NotText(f"truncated UTF-8: the file ends inside a character at byte {error.start} "
                           "(an interrupted download or copy?); fetch it again")
        return _legacy(data, error.start, notes)
    text = unicodedata.normalize("NFC", text)
    return _checked(Decoded(text, "utf-8", tuple(notes)))


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts like ("a PDF document"), or ``None``."""
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def repair(text: str) -> tuple[str, str | None]:
    """``text``, converted from TCVN3 or VNI when it is legacy text already mangled into
    Unicode and the conversion is confident; and the name of that encoding (else ``None``)."""
    sample = text[:SAMPLE_CHARS]
    share, words = vietnamese_share(sample)
    if words < MIN_WORDS or share > 1 - MIN_MARGIN:  # no conversion could do better by the margin
        return text, None
    scores = {name: vietnamese_share(_from_legacy_font(sample, name)) for name in ("tcvn3", "vni")}
    ranked = sorted(((s, w, n) for n, (s, w) in scores.items()), reverse=True)
    best, best_words, name = ranked[0]
    runner_up = max(share, ranked[1][0])
    if best_words >= MIN_WORDS and best >= MIN_SHARE and best - runner_up >= MIN_MARGIN:
        return _from_legacy_font(text, name), name
    return text, None


# -- Unicode with a BOM, UTF-16 without one ----------------------------------------------

def _unicode(data: bytes, codec: str, name: str, what: str) -> Decoded | NotText:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        return NotText(f"{what}, but not valid {NAMES[name]} (undecodable bytes at offset {error.start})")
    if not text.strip():
        return NotText("empty file (only a byte-order mark and whitespace)")
    notes = () if name == "utf-8" else (f"read as {what}",)
    return _checked(Decoded(unicodedata.normalize("NFC", text), name, notes))


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes are every other byte, as in UTF-16 text
    of a Latin-script language; else ``None``."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.4 * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _checked(decoded: Decoded) -> Decoded | NotText:
    text = decoded.text
    if not text.strip():
        return NotText("empty file (only whitespace)")
    bad = sum(n for ch, n in Counter(text).items()
              if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    if bad / len(text) > MAX_NON_TEXT:
        return NotText("binary file (mostly non-text characters)")
    return decoded


# -- legacy 8-bit encodings ---------------------------------------------------------------

def _legacy(data: bytes, bad_at: int, notes: list[str]) -> Decoded | NotText:
    """Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese with confidence."""
    candidates: dict[str, str] = {}
    try:
        candidates["windows-1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass  # a byte Windows-1258 leaves undefined: not that encoding
    surface = _surface(data)
    for name in ("tcvn3", "vni"):
        candidates[name] = _from_legacy_font(surface[:SAMPLE_CHARS], name)
    scores = {name: vietnamese_share(text[:SAMPLE_CHARS]) for name, text in candidates.items()}
    ranked = sorted(((s, w, n) for n, (s, w) in scores.items()), reverse=True)
    best, words, name = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if words >= MIN_WORDS and best >= MIN_SHARE and best - runner_up >= MIN_MARGIN:
        text = candidates[name] if name == "windows-1258" else _from_legacy_font(surface, name)
        notes.append(f"not UTF-8: read as {NAMES[name]} and converted to Unicode "
                     f"({best:.0%} of {words} accented words are Vietnamese syllables)")
        return _checked(Decoded(text, name, tuple(notes)))
    guess = ""
    if words < MIN_WORDS:
        guess = f"; only {words} accented word{'s' if words != 1 else ''}, too few to tell" if words else ""
    elif best < MIN_SHARE:
        guess = f"; best guess {NAMES[name]}, but only {best:.0%} of {words} accented words read as Vietnamese"
    else:
        guess = (f"; {NAMES[name]} reads as Vietnamese ({best:.0%} of {words} accented words), "
                 f"but so does {NAMES[ranked[1][2]]} ({runner_up:.0%})")
    return NotText(f"not UTF-8 text (undecodable byte at offset {bad_at}) and not confidently "
                   f"Windows-1258, TCVN3 or VNI{guess}; save it as UTF-8 and build again")


def _surface(data: bytes) -> str:
    """The characters a Windows machine shows for legacy font bytes: Latin-1, with the
    Windows-1252 punctuation (curly quotes, dashes) at 0x80-0x9F where it is defined."""
    return data.decode("latin-1").translate(_CP1252_C1)


_CP1252_C1 = {b: ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", "ignore"))}

# viparse's VNI table has no ẳ (a + the hỏi mark written "ú" after ă): "khẳng định" is common
# in party news, so it is filled in here, before the table is applied
_VNI_MISSING = (("aú", "ẳ"), ("AÚ", "Ẳ"))


def _from_legacy_font(surface: str, name: str) -> str:
    """``surface`` (legacy font bytes as Latin-1 characters) converted from ``name`` to NFC Unicode."""
    fix = _viparse_fix()
    if name == "vni":
        for legacy, letter in _VNI_MISSING:
            surface = surface.replace(legacy, letter)
    return fix(surface, encoding=name)


@lru_cache(maxsize=1)
def _viparse_fix():
    from viparse import fix  # imported on first need: only legacy files pay for it

    return fix


# -- the Vietnamese syllable test ---------------------------------------------------------

_TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
# onset, vowels (with glides) and final consonant of a syllable, tone marks removed
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_VOWELS = ("iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|"
           "oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y")
_SYLLABLE = re.compile(rf"{_ONSET}(?P<v>{_VOWELS})(?P<coda>ch|ng|nh|c|m|n|p|t)?")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


@lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """Whether ``word`` is spelt like one Vietnamese syllable ("nghị", "Quyết", "hoà")."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in parts if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    m = _SYLLABLE.fullmatch(base)
    if m is None:
        return False
    if m.group("coda") in ("p", "t", "c", "ch") and tones and _TONES[tones[0]] not in ("sắc", "nặng"):
        return False
    return True


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of the words with a non-ASCII letter that are Vietnamese syllables, how many
    such words). Words of plain ASCII letters are left out: every candidate encoding reads
    them alike, so they tell nothing."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(1 for w in words if is_syllable(w)) / len(words), len(words)
