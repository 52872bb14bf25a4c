"""What reading and extracting each source file gave, kept in the build folder so that the
next build into it reads and extracts only the files that are new or changed.

Reading, cleaning and extracting is the first step of every build and gives the same
facts for the same file under the same settings and code. A build keeps what it got in
``OUT/.cadregraph-facts.sqlite`` (SQLite from the standard library: one file, keyed
lookups, nothing to install), under two kinds of key:

- a source file: its path, the SHA-256 of its bytes and the reading settings (the size
  limit, ``--locality``) -> the events of reading it (notes, skipped parts, each document
  with its facts), replayed by the next build in the same order;
- a document extracted again (placed by the corpus, or renamed ``ID~2``): the hash of the
  document as extracted -> its facts.

Entries are valid only for the code and lexicons extraction depends on: the cache
records their digest and empties itself when it changes. A complete build drops the
entries it did not use, so the cache holds the sources of the last build and no more.

Values are pickles (compressed): a pickle can run code when it is read, so this file is
read only from the build folder (trust it as you trust that folder), like the kept graph
of :mod:`.graph_cache`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import sqlite3
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

CACHE_FILE = ".cadregraph-facts.sqlite"
_LOOKUP_BATCH = 500  # keys per SELECT ... IN (...): under SQLite's limit on parameters


class FactsCache:
    """The facts cache of one build folder, for one version of the extraction code.

    ``code`` is the digest of that code (see :func:`..manifest.extraction_code_digest`).
    With ``reuse=False`` nothing kept is returned (``cadregraph build --force``), but
    what this build extracts is kept for the next one.
    """

    def __init__(self, out: str | Path, code: str, reuse: bool = True) -> None:
        self.path = Path(out) / CACHE_FILE
        self.reuse = reuse
        self.used: set[str] = set()  # keys this build read or wrote: the rest go at drop_unused()
        self.hits = self.misses = 0
        self.not_kept = 0  # values computed but not kept (their file changed while it was read)
        self._db: sqlite3.Connection | None = None
        db = self._connection()
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        row = db.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
        if row is None or row[0] != code:
            with db:  # one transaction (sqlite3's own: committed, or rolled back on an error)
                db.execute("DELETE FROM entries")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (code,))

    # ---- keys ---------------------------------------------------------------------------
    @staticmethod
    def file_key(path: Path, digest: bytes, settings: Iterable[Any]) -> str:
        """The key of a source file read with ``settings`` (JSON-serialisable values)."""
        text = json.dumps(["file", str(path), digest.hex(), list(settings)], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    @staticmethod
    def document_key(doc: Any) -> str:
        """The key of a document (a dataclass of strings and ``None``) extracted as it is."""
        text = json.dumps(["document", dataclasses.astuple(doc)], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    # ---- reading and writing ------------------------------------------------------------
    def present(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` the cache holds (none when not reusing)."""
        if not self.reuse:
            return set()
        return {k for batch in _batches(keys) for (k,) in self._select("key", batch)}

    def values(self, keys: list[str]) -> Iterator[Any]:
        """The values of ``keys`` (all present), in order, read a batch at a time."""
        for batch in _batches(keys):
            rows = dict(self._select("key, value", batch))
            for key in batch:
                self.used.add(key)
                self.hits += 1
                yield pickle.loads(zlib.decompress(rows[key]))

    def put(self, items: list[tuple[str, Any]]) -> None:
        """Keep each (key, value), in one transaction."""
        rows = [(key, zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)) for key, value in items]
        db = self._connection()
        with db:
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)
        self.used.update(key for key, _ in items)
        self.misses += len(items)

    def drop_unused(self) -> None:
        """Drop every entry this build neither read nor wrote (call once it completed; the
        cache may have been closed since)."""
        db = self._connection()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY) WITHOUT ROWID")
        with db:
            db.execute("DELETE FROM used")
            db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
            dropped = db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)").rowcount
        if dropped > len(self.used):  # most of the file is free pages: give them back
            db.execute("VACUUM")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> FactsCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        """The open connection, opened again if the cache was closed."""
        if self._db is None:
            self._db = sqlite3.connect(self.path)
        return self._db

    def _select(self, columns: str, keys: list[str]) -> sqlite3.Cursor:
        marks = ",".join("?" * len(keys))
        return self._connection().execute(f"SELECT {columns} FROM entries WHERE key IN ({marks})", keys)


def _batches(keys: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(keys), _LOOKUP_BATCH):
        yield keys[i:i + _LOOKUP_BATCH]
