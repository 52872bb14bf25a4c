"""A cache of values by key in one SQLite file of the build folder, for one version of the
code that computes them: what lets a build redo only the work whose inputs changed.

Two caches use it: the facts of each source file (:mod:`.facts_cache`) and what the exports
take from each stored graph (:mod:`..exports.stored_graphs`). SQLite comes with Python: one
file, keyed lookups in batches, a transaction per write, nothing to install.

The cache records the digest of the code its values depend on and empties itself when
it changes. A complete build drops the entries it did not use (:meth:`KeyedCache.drop_unused`),
so the file holds what the last build used and no more.

Values are pickles (compressed): a pickle can run code when it is read, so these files
are read only from the build folder (trust them as you trust that folder), like the kept
graph of :mod:`.graph_cache`.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

_LOOKUP_BATCH = 500  # keys per SELECT ... IN (...): under SQLite's limit on parameters


class KeyedCache:
    """The values kept in ``OUT/name`` for the code of digest ``code``.

    With ``reuse=False`` nothing kept is returned (``cadregraph build --force``), but what
    this build computes is kept for the next one. ``hits`` and ``misses`` count the values
    read and the values put.
    """

    def __init__(self, out: str | Path, name: str, code: str, reuse: bool = True) -> None:
        self.path = Path(out) / name
        self.reuse = reuse
        self.used: set[str] = set()  # keys this build read or wrote: the rest go at drop_unused()
        self.hits = self.misses = 0
        self.not_kept = 0  # values computed but not kept (their input changed while it was read)
        self._db: sqlite3.Connection | None = None
        db = self._connection()
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        row = db.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
        if row is None or row[0] != code:
            with db:  # one transaction (sqlite3's own: committed, or rolled back on an error)
                db.execute("DELETE FROM entries")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (code,))

    @staticmethod
    def key_of(*parts: Any) -> str:
        """A key made of JSON-serialisable ``parts`` (a SHA-256: keys of one length)."""
        text = json.dumps(parts, ensure_ascii=False)
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

    def mark_used(self, keys: Iterable[str]) -> None:
        """Count ``keys`` as used by this build without reading their values (see :meth:`drop_unused`)."""
        self.used.update(keys)

    def through(self, keys: list[str], items: list, compute: Callable[[list], Iterator[tuple[Any, bool]]],
                batch: int = 64) -> Iterator[Any]:
        """The values of ``items``, in order: each one the cache holds under the item's key
        taken from there; the others from ``compute(those items)`` (all at once, so that a
        pool can share them), which gives each value and whether it may be kept. What is
        computed is kept ``batch`` values at a time."""
        held = self.present(keys)
        kept = self.values([k for k in keys if k in held])
        fresh = compute([item for item, key in zip(items, keys) if key not in held])
        pending: list[tuple[str, Any]] = []
        for key in keys:
            if key in held:
                yield next(kept)
                continue
            value, keep = next(fresh)
            if keep:
                pending.append((key, value))
            else:
                self.not_kept += 1
            if len(pending) >= batch:
                self.put(pending)
                pending = []
            yield value
        if pending:
            self.put(pending)

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

    def __enter__(self) -> KeyedCache:
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
