"""Read articles from .txt, .html/.htm and .jsonl files into :class:`RawDocument`.

A file that cannot be read becomes a :class:`Skipped` with a reason a person can act on,
so one bad file never stops a build of many: empty, binary (a PDF or an image renamed
.txt), cut inside a UTF-8 character, in a legacy encoding that cannot be told with
confidence (see :mod:`.encodings`, which converts Windows-1258, TCVN3 and VNI when it
can), larger than :data:`MAX_ARTICLE_BYTES`, a page without article text or nested too
deeply to parse, a malformed jsonl line (the other lines are still read). An unexpected
error on one file skips that file, with the error named.

What was done to a file that *was* read is passed to ``on_note(path, message)``: a
legacy encoding converted, NUL or control characters dropped, an article id changed.
Two articles with one id are both kept: the second gets ``<id>~2`` (the third ``~3``...)
and a note says so. Ids never hold ``/``, ``\\``, control characters or only dots, so an
id is always one segment of an IRI or a file name.

Reading is deterministic: the paths are read in the order given, the files of a folder
in sorted order.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .encodings import Decoded, binary_kind, decode, repair
from .model import RawDocument, Skipped

Item = RawDocument | Skipped
Note = Callable[[str, str], None]

MAX_ARTICLE_BYTES = 1_000_000
"""The largest article read, in bytes of UTF-8 text (``build --max-article-mb``).

A news report is 5-50 kB; extraction time grows faster than the length of an article
(about 20 s for 1 MB), so a larger one is skipped with its size rather than stalling the
build. A .txt file or a jsonl article's text is held to it; an HTML page may be ten times
larger (:data:`HTML_PAGE_FACTOR`), its extracted text again to this limit."""
HTML_PAGE_FACTOR = 10
JSONL_LINE_FACTOR = 8  # a jsonl line may escape every character (\\u1ea1): its text is checked after parsing
MAX_ID_CHARS = 200
MAX_HTML_DEPTH = 255  # libxml2 stops reading a page below this many nested elements

_JSONL_FIELDS = ("title", "url", "published", "locality")
# control characters no article holds: C0 except tab and line breaks, DEL, lone surrogates
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f\ud800-\udfff]")


def bundled_corpus() -> Path:
    """The sample articles shipped inside the package (the default build input)."""
    return Path(__file__).resolve().parent / "articles"


def read_paths(paths: Sequence[str | Path], max_bytes: int = MAX_ARTICLE_BYTES,
               on_note: Note | None = None) -> Iterator[Item]:
    """Every article under ``paths`` (files or folders, folders searched recursively)."""
    note: Note = on_note or _ignore
    ids = UniqueIds(note)
    for found in article_files(paths):
        if isinstance(found, Skipped):
            yield found
            continue
        for item in read_file(found, max_bytes, note):
            yield ids.unique(item) if isinstance(item, RawDocument) else item


def article_files(paths: Sequence[str | Path]) -> Iterator[Path | Skipped]:
    """The files :func:`read_paths` reads, in its order, each once; a path that is missing
    or a named file of a type no reader takes as :class:`Skipped`."""
    seen_files: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = [(f, False) for f in _folder_files(path)]
        elif path.is_file():
            files = [(path, True)]
        else:
            yield Skipped(str(path), "no such file or folder")
            continue
        for file, named in files:
            key = file.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            if file.suffix.lower() in _READERS:
                yield file
            elif named:
                yield Skipped(str(file), f"unsupported file type {file.suffix or '(none)'!r}; "
                                         "expected .txt, .html, .htm or .jsonl")


def read_file(file: Path, max_bytes: int = MAX_ARTICLE_BYTES, note: Note | None = None) -> list[Item]:
    """The articles of one file (ids as the file gives them: see :class:`UniqueIds`), or
    why it was skipped. Never raises for a bad file."""
    try:
        return list(_READERS[file.suffix.lower()](file, max_bytes, note or _ignore))
    except Exception as error:  # one file must never stop the build  # noqa: BLE001
        return [Skipped(str(file), f"could not be read ({type(error).__name__}: {_one_line(error)})")]


class UniqueIds:
    """Article ids made safe and unique, in reading order."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.first: dict[str, str] = {}  # id -> where it was first read

    def unique(self, doc: RawDocument) -> RawDocument:
        wanted = doc.article_id
        safe = safe_id(wanted)
        if safe != wanted:
            self.note(doc.source_path, f"article id {wanted!r} written {safe!r} (an id is one segment of an IRI)")
        chosen, n = safe, 1
        while chosen in self.first:
            n += 1
            chosen = f"{safe}~{n}"
        if chosen != safe:
            self.note(doc.source_path, f"duplicate article id {safe!r} (first read from {self.first[safe]}): "
                                       f"this one is {chosen!r}")
        self.first[chosen] = doc.source_path
        return doc if chosen == wanted else _replace(doc, article_id=chosen)


def safe_id(article_id: str) -> str:
    """``article_id`` as one segment of an IRI or a path: NFC, no ``/``, ``\\`` or control
    characters, not only dots, at most :data:`MAX_ID_CHARS` characters."""
    text = " ".join(unicodedata.normalize("NFC", article_id).split())
    text = _UNSAFE_ID.sub("_", text)
    if not text.strip("."):
        text = text.replace(".", "_") or "_"
    if len(text) > MAX_ID_CHARS:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        text = f"{text[:MAX_ID_CHARS - 11]}-{digest}"
    return text


def _folder_files(folder: Path) -> list[Path]:
    """Files under ``folder`` with a known extension, sorted; hidden entries are left out."""
    found = []
    for file in folder.rglob("*"):
        parts = file.relative_to(folder).parts
        if file.is_file() and file.suffix.lower() in _READERS and not any(p.startswith(".") for p in parts):
            found.append(file)
    return sorted(found, key=lambda f: f.relative_to(folder).as_posix())


# -- the readers ---------------------------------------------------------------------------

def read_txt(path: Path, max_bytes: int = MAX_ARTICLE_BYTES, note: Note | None = None) -> Iterator[Item]:
    """A plain-text article: UTF-8 (BOM allowed; UTF-16 and legacy Vietnamese encodings
    converted), the first non-empty line is its title."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    decoded = decode(data)
    if not isinstance(decoded, Decoded):
        yield Skipped(str(path), decoded.reason)
        return
    for message in decoded.notes:
        (note or _ignore)(str(path), message)
    text = _text(decoded.text, str(path), note, legacy=decoded.encoding in ("utf-8", "utf-16", "utf-32"))
    if not text.strip():
        yield Skipped(str(path), "empty file (only whitespace and control characters)")
        return
    yield RawDocument(article_id=path.stem, source_path=str(path), text=text, format="txt",
                      title=_first_line(text))


def read_html(path: Path, max_bytes: int = MAX_ARTICLE_BYTES, note: Note | None = None) -> Iterator[Item]:
    """A saved web page: the main article text, title, canonical URL and published date."""
    data = _read_bytes(path, max_bytes * HTML_PAGE_FACTOR, "page")
    if isinstance(data, Skipped):
        yield data
        return
    kind = binary_kind(data)
    if kind:
        yield Skipped(str(path), f"binary file ({kind}, not an HTML page)")
        return
    import trafilatura  # imported here: slow to load and only needed for HTML

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a parser failure on one page must not stop the build
        yield Skipped(str(path), f"could not parse the HTML page ({type(error).__name__}: {_one_line(error)})")
        return
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc if isinstance(doc, dict) else doc.as_dict()  # trafilatura 1.x dict, 2.x Document
    text = _text(_normalise_newlines(meta.get("text") or "").strip(), str(path), note, legacy=True)
    if not text.strip():
        depth = _html_depth(data)
        if depth > MAX_HTML_DEPTH:
            yield Skipped(str(path), f"no article text found: the HTML page nests {depth} elements deep, "
                                     f"more than the {MAX_HTML_DEPTH} its parser reads")
        else:
            yield Skipped(str(path), "no article text found in the HTML page")
        return
    if len(text.encode("utf-8", "replace")) > max_bytes:
        yield Skipped(str(path), _too_large(len(text.encode("utf-8", "replace")), max_bytes, "article text"))
        return
    title = _text((meta.get("title") or "").strip(), str(path), None, legacy=True)
    yield RawDocument(article_id=path.stem, source_path=str(path), text=text, format="html",
                      title=title.strip() or _first_line(text),
                      url=meta.get("url") or None, published=_iso_date(meta.get("date")))


def read_jsonl(path: Path, max_bytes: int = MAX_ARTICLE_BYTES, note: Note | None = None) -> Iterator[Item]:
    """One article per line: ``id``, ``text`` and optional ``title``, ``url``, ``published``, ``locality``.

    Each article's ``source_path`` is ``file:line``; a malformed line is skipped under that
    name and the other lines are still read. The file is read line by line, so a batch
    may be of any size; one line is held to the article limit.
    """
    limit = max_bytes * JSONL_LINE_FACTOR
    try:
        f = path.open("rb")
    except OSError as error:
        yield Skipped(str(path), f"cannot read the file ({error.strerror or error})")
        return
    with f:
        head = f.read(8)
        problem = _jsonl_head(head)
        if problem:
            yield Skipped(str(path), problem)
            return
        f.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        number, found = 0, False
        while True:
            raw = f.readline(limit + 1)
            if not raw:
                break
            number += 1
            where = f"{path}:{number}"
            if len(raw) > limit and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(f)
                yield Skipped(where, _too_large(size, limit, "jsonl line"))
                continue
            if not raw.strip():
                continue
            found = True
            last = not raw.endswith(b"\n")  # only the last line of a file can lack its end
            try:
                record = json.loads(raw.decode("utf-8"))
                yield _jsonl_document(record, where, max_bytes, note)
            except UnicodeDecodeError as error:
                yield Skipped(where, f"not UTF-8 text (undecodable byte at column {error.start + 1})")
            except json.JSONDecodeError as error:
                cut = " (the file seems cut short: its last line has no end)" if last else ""
                yield Skipped(where, f"invalid JSON ({error.msg} at column {error.colno}){cut}")
            except RecursionError:
                yield Skipped(where, "invalid JSON (nested too deeply)")
            except ValueError as error:
                yield Skipped(where, str(error))
        if not found:
            yield Skipped(str(path), "empty file")


def _jsonl_head(head: bytes) -> str | None:
    """Why a jsonl file cannot be read, from its first bytes; or ``None``."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return "a jsonl file must be UTF-8 (this one has a UTF-16 or UTF-32 byte-order mark); save it as UTF-8"
    kind = binary_kind(head)
    return f"binary file ({kind}, not text)" if kind else None


def _skip_line(f) -> int:
    """Read to the end of the current line without keeping it; returns the bytes skipped."""
    skipped = 0
    while True:
        chunk = f.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _jsonl_document(record: object, where: str, max_bytes: int, note: Note | None) -> RawDocument:
    """Check one jsonl record; a ``ValueError`` says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, found {type(record).__name__}")
    article_id = record.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id.strip():
        raise ValueError("missing 'id' (a non-empty string)")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing 'text' (a non-empty string)")
    size = len(text.encode("utf-8", "replace"))
    if size > max_bytes:
        raise ValueError(_too_large(size, max_bytes, "article text"))
    fields: dict[str, str | None] = {}
    for name in _JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{name}' must be a string, found {type(value).__name__}")
        fields[name] = " ".join(_text(value or "", where, None, legacy=False).split()) or None
    published = _iso_date(fields["published"])
    if fields["published"] and published is None:
        raise ValueError(f"'published' is not an ISO date (YYYY-MM-DD): {fields['published']!r}")
    text = _text(_normalise_newlines(text), where, note, legacy=True)
    if not text.strip():
        raise ValueError("missing 'text' (only control characters)")
    return RawDocument(article_id=article_id.strip(), source_path=where, text=text, format="jsonl",
                       title=fields["title"] or _first_line(text), url=fields["url"],
                       published=published, locality=fields["locality"])


# -- helpers -------------------------------------------------------------------------------

def _read_bytes(path: Path, limit: int, what: str = "article") -> bytes | Skipped:
    """The file's bytes, or why they are not read (unreadable, empty, too large)."""
    try:
        size = path.stat().st_size
        if size > limit:
            return Skipped(str(path), _too_large(size, limit, what))
        data = path.read_bytes()
    except OSError as error:
        return Skipped(str(path), f"cannot read the file ({error.strerror or error})")
    if not data.strip():
        return Skipped(str(path), "empty file")
    if len(data) > limit:  # grew while being read
        return Skipped(str(path), _too_large(len(data), limit, what))
    return data


def _too_large(size: int, limit: int, what: str) -> str:
    return (f"too large: {size / 1e6:.1f} MB, above the limit of {limit / 1e6:g} MB for one {what} "
            "(build --max-article-mb)")


def _text(text: str, where: str, note: Note | None, legacy: bool) -> str:
    """``text`` with one newline convention, without control characters, NFC, and converted
    from a legacy Vietnamese font encoding when it is mangled legacy text (``legacy``)."""
    text = _normalise_newlines(text).translate(_BREAKS)
    dropped = len(_CONTROLS.findall(text))
    if dropped:
        text = _CONTROLS.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)
        (note or _ignore)(where, f"dropped {dropped} control character{'s' if dropped > 1 else ''}")
    text = unicodedata.normalize("NFC", text)
    if legacy:
        text, encoding = repair(text)
        if encoding:
            (note or _ignore)(where, f"the text is {encoding.upper()} legacy-font text stored as Unicode: "
                                     "converted")
    return text


def _normalise_newlines(text: str) -> str:
    """Universal newlines, as Python's text mode reads them; offsets then count one char per break."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time string, else ``None``."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _html_depth(data: bytes) -> int:
    """How deeply the page's elements nest (an estimate: void elements are not counted)."""
    depth = deepest = 0
    for m in re.finditer(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", data):
        if m.group(2).lower() in _VOID:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
         b"track", b"wbr", b"p", b"li", b"option", b"td", b"tr", b"th"}


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


def _replace(doc: RawDocument, **changes: Any) -> RawDocument:
    from dataclasses import replace

    return replace(doc, **changes)


def _ignore(path: str, message: str) -> None:
    pass


_READERS: dict[str, Callable[[Path, int, Note | None], Iterator[Item]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
