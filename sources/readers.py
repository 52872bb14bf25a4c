"""Read articles from .txt, .html/.htm and .jsonl files into :class:`RawDocument`.

A file that cannot be read becomes a :class:`Skipped` with a reason a person can act on,
so one bad file never stops a build of many. Reading is deterministic: the paths are read
in the order given, the files of a folder in sorted order, and an article id that was
already read is skipped rather than silently merged with the first.
"""
from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .model import RawDocument, Skipped

Item = RawDocument | Skipped

# share of control/unassigned characters above which a decoded file is treated as binary
_MAX_NON_TEXT = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_JSONL_FIELDS = ("title", "url", "published", "locality")


def bundled_corpus() -> Path:
    """The sample articles shipped inside the package (the default build input)."""
    return Path(__file__).resolve().parent / "articles"


def read_paths(paths: Sequence[str | Path]) -> Iterator[Item]:
    """Every article under ``paths`` (files or folders, folders searched recursively)."""
    seen_files: set[Path] = set()
    seen_ids: dict[str, str] = {}
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
            reader = _READERS.get(file.suffix.lower())
            if reader is None:
                if named:
                    yield Skipped(str(file), f"unsupported file type {file.suffix or '(none)'!r}; "
                                             "expected .txt, .html, .htm or .jsonl")
                continue
            for item in reader(file):
                if isinstance(item, RawDocument):
                    first = seen_ids.setdefault(item.article_id, item.source_path)
                    if first != item.source_path:
                        item = Skipped(item.source_path,
                                       f"duplicate article id {item.article_id!r} (already read from {first})")
                yield item


def _folder_files(folder: Path) -> list[Path]:
    """Files under ``folder`` with a known extension, sorted; hidden entries are left out."""
    found = []
    for file in folder.rglob("*"):
        parts = file.relative_to(folder).parts
        if file.is_file() and file.suffix.lower() in _READERS and not any(p.startswith(".") for p in parts):
            found.append(file)
    return sorted(found, key=lambda f: f.relative_to(folder).as_posix())


def read_txt(path: Path) -> Iterator[Item]:
    """A plain-text article: UTF-8 (BOM allowed), the first non-empty line is its title."""
    text = _read_text(path)
    if isinstance(text, Skipped):
        yield text
        return
    yield RawDocument(article_id=path.stem, source_path=str(path), text=text, format="txt",
                      title=_first_line(text))


def read_html(path: Path) -> Iterator[Item]:
    """A saved web page: the main article text, title, canonical URL and published date."""
    import trafilatura  # imported here: slow to load and only needed for HTML

    data = _read_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a parser failure on one page must not stop the build
        detail = " ".join(str(error).split())  # one line on stderr per skipped file
        yield Skipped(str(path), f"could not parse the HTML page ({type(error).__name__}: {detail})")
        return
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc if isinstance(doc, dict) else doc.as_dict()  # trafilatura 1.x dict, 2.x Document
    text = _normalise_newlines(meta.get("text") or "").strip()
    if not text:
        yield Skipped(str(path), "no article text found in the HTML page")
        return
    yield RawDocument(article_id=path.stem, source_path=str(path), text=text, format="html",
                      title=(meta.get("title") or "").strip() or _first_line(text),
                      url=meta.get("url") or None, published=_iso_date(meta.get("date")))


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: ``id``, ``text`` and optional ``title``, ``url``, ``published``, ``locality``.

    Each article's ``source_path`` is ``file:line``; a malformed line is skipped under that
    name and the other lines are still read.
    """
    data = _read_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
            yield _jsonl_document(record, where)
        except UnicodeDecodeError as error:
            yield Skipped(where, f"not UTF-8 text (undecodable byte at column {error.start + 1})")
        except json.JSONDecodeError as error:
            yield Skipped(where, f"invalid JSON ({error.msg} at column {error.colno})")
        except ValueError as error:
            yield Skipped(where, str(error))


def _jsonl_document(record: object, where: str) -> RawDocument:
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
    fields: dict[str, str | None] = {}
    for name in _JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{name}' must be a string, found {type(value).__name__}")
        fields[name] = (value or "").strip() or None
    published = _iso_date(fields["published"])
    if fields["published"] and published is None:
        raise ValueError(f"'published' is not an ISO date (YYYY-MM-DD): {fields['published']!r}")
    text = _normalise_newlines(text)
    return RawDocument(article_id=article_id.strip(), source_path=where, text=text, format="jsonl",
                       title=fields["title"] or _first_line(text), url=fields["url"],
                       published=published, locality=fields["locality"])


def _read_bytes(path: Path) -> bytes | Skipped:
    """The file's bytes, or why they are not an article (unreadable, empty, binary)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Skipped(str(path), f"cannot read the file ({error.strerror or error})")
    if not data.strip():
        return Skipped(str(path), "empty file")
    if b"\x00" in data:
        return Skipped(str(path), "binary file (contains NUL bytes)")
    return data


def _read_text(path: Path) -> str | Skipped:
    """The file as UTF-8 text with one newline convention, or why it is not text."""
    data = _read_bytes(path)
    if isinstance(data, Skipped):
        return data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Skipped(str(path), f"not UTF-8 text (undecodable byte at offset {error.start})")
    if not text.strip():
        return Skipped(str(path), "empty file (only whitespace)")
    if _non_text_share(text) > _MAX_NON_TEXT:
        return Skipped(str(path), "binary file (mostly non-text characters)")
    return _normalise_newlines(text)


def _non_text_share(text: str) -> float:
    bad = sum(1 for ch in text if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / len(text)


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


_READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
