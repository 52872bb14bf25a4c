"""What reading and extracting each source file gave, kept in the build folder so that the
next build into it reads and extracts only the files that are new or changed.

Reading, cleaning and extracting is the first step of every build and gives the same
facts for the same file under the same settings and code. A build keeps what it got in
``OUT/.cadregraph-facts.sqlite`` (a :class:`.keyed_cache.KeyedCache`), under two kinds of key:

- a source file: its path, the SHA-256 of its bytes and the reading settings (the size
  limit, ``--locality``) -> the events of reading it (notes, skipped parts, each document
  with its facts), replayed by the next build in the same order;
- a document extracted again (placed by the corpus, or renamed ``ID~2``): the hash of the
  document as extracted -> its facts.

Entries are valid only for the code and lexicons extraction depends on: the cache
records their digest and empties itself when it changes; a complete build drops the
entries it did not use.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterable

from .keyed_cache import KeyedCache

CACHE_FILE = ".cadregraph-facts.sqlite"


class FactsCache(KeyedCache):
    """The facts cache of one build folder, for one version of the extraction code.

    ``code`` is the digest of that code (see :func:`..manifest.extraction_code_digest`).
    With ``reuse=False`` nothing kept is returned (``cadregraph build --force``), but
    what this build extracts is kept for the next one.
    """

    def __init__(self, out: str | Path, code: str, reuse: bool = True) -> None:
        super().__init__(out, CACHE_FILE, code, reuse)

    @staticmethod
    def file_key(path: Path, digest: bytes, settings: Iterable[Any]) -> str:
        """The key of a source file read with ``settings`` (JSON-serialisable values)."""
        return KeyedCache.key_of("file", str(path), digest.hex(), list(settings))

    @staticmethod
    def document_key(doc: Any) -> str:
        """The key of a document (a dataclass of strings and ``None``) extracted as it is."""
        return KeyedCache.key_of("document", dataclasses.astuple(doc))
