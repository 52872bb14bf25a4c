"""Plain data passed from the source readers to the rest of the pipeline."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    ``text`` is the article text as read (for HTML: the extracted article text); it is the
    *original* text that evidence offsets point into.
    """

    article_id: str
    source_path: str
    text: str
    format: str  # "txt" | "html" | "jsonl"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date when the source states it (jsonl, html meta)
    locality: str | None = None  # set by the source to override detection


@dataclass(frozen=True)
class Skipped:
    """A file (or jsonl line) that could not be read, and why."""

    source_path: str
    reason: str


@dataclass
class Article:
    """A cleaned article, ready for extraction.

    ``text`` is normalised (NFC, one tone placement, tidy whitespace) and has the same
    line structure as ``original``; ``to_original(i)`` maps an index of ``text`` to the
    index of ``original`` it came from, so evidence can quote the source exactly.
    ``body_start``/``body_end`` delimit the part of ``text`` that carries the report: the
    header lines (dates, "Print", title) before it and the byline, page furniture and
    teasers of other stories after it are kept out of the facts.
    """

    article_id: str
    source_path: str
    original: str
    text: str
    offset_map: Sequence[int]
    title: str
    body_start: int
    body_end: int
    published: str | None = None
    authors: tuple[str, ...] = ()
    locality: str | None = None
    url: str | None = None
    content_hash: str = ""
    noise_lines: tuple[str, ...] = field(default=(), repr=False)

    @property
    def body(self) -> str:
        return self.text[self.body_start:self.body_end]

    def to_original(self, index: int) -> int:
        """Index into ``original`` of the character at ``index`` of ``text`` (or its end)."""
        if index >= len(self.offset_map):
            return len(self.original)
        return self.offset_map[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` onto ``original``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1
