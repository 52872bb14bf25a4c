"""Sentences as tokens, and finding where to look in them fast.

:class:`Sentence` holds the tokens of one sentence (words of letters and digits, single
marks), lower-cased for the lexicons' tries (:mod:`.lexicon`) and with their offsets in
the article's text for evidence. The helpers find candidate positions with C-level
string and set operations, so the parsers and regexes run only where a match can start.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, compress
from operator import add

# words (letters and digits; an apostrophe inside a name joins it: "H'Mlen"), single marks
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def literal_starts(text: str, literals, start: int, end: int) -> list[int]:
    """Sorted offsets in ``text[start:end]`` where one of ``literals`` begins.

    ``str.find`` scans in C many times faster than a regex that tries every position, so
    a pattern whose matches all open with one of a few literals is best tried only there
    (:func:`finditer_at`).
    """
    found = set()
    for literal in literals:
        pos = text.find(literal, start, end)
        while pos >= 0:
            found.add(pos)
            pos = text.find(literal, pos + 1, end)
    return sorted(found)


def finditer_at(rx: re.Pattern, text: str, starts: list[int], end: int):
    """The matches of ``rx.finditer(text, starts[0], end)``, tried only at ``starts``: the
    same matches when every match of ``rx`` begins at one of those offsets."""
    after = -1
    for pos in starts:
        if pos >= after:
            m = rx.match(text, pos, end)
            if m is not None:
                after = m.end()
                yield m


class PhrasePattern:
    """A compiled pattern each match of which opens, at a word start, with one of ``phrases``
    (lower case), tried in a sentence only where such a phrase begins.

    ``str.find`` lists where the phrases begin (:func:`literal_starts`) and the pattern is
    tried there alone: the same matches as a scan of every character, where a pattern of
    many phrases that open with common letters costs the regex engine a try of several
    branches at most positions. When the pattern also ends each phrase's first word (a
    space or a word end follows it in every match: ``whole_first_word``), that word is one
    of the sentence's words, and only the phrases whose first word the sentence has are
    looked for.
    """

    __slots__ = ("rx", "_phrases", "_by_first", "_firsts")

    def __init__(self, pattern: str, phrases: list[str], whole_first_word: bool = True) -> None:
        self.rx = re.compile(pattern)
        self._phrases = list(phrases)
        by_first: dict[str, list[str]] = {}
        for phrase in phrases:
            by_first.setdefault(TOKEN.findall(phrase)[0], []).append(phrase)
        self._by_first = by_first
        self._firsts = frozenset(by_first) if whole_first_word else None

    def starts(self, text: str, s: "Sentence", start: int, end: int) -> list[int]:
        """Offsets in ``text[start:end]`` (inside the sentence ``s``) where a match can begin."""
        if self._firsts is None:
            return literal_starts(text, self._phrases, start, end)
        by_first = self._by_first
        return literal_starts(text, [p for w in self._firsts & s.vocabulary for p in by_first[w]], start, end)

    def finditer(self, text: str, s: "Sentence", start: int | None = None, end: int | None = None):
        """``rx.finditer(text, start, end)``; ``text`` is the article's text (lower-cased)
        and the span defaults to the sentence's."""
        start = s.start if start is None else start
        end = s.end if end is None else end
        return finditer_at(self.rx, text, self.starts(text, s, start, end), end)

    def search(self, text: str, s: "Sentence", start: int | None = None, end: int | None = None) -> re.Match | None:
        """``rx.search(text, start, end)``, as :meth:`finditer`."""
        return next(self.finditer(text, s, start, end), None)


def positions(words: list[str], vocabulary: frozenset[str] | set[str]) -> list[int]:
    """Indices of the words that are in ``vocabulary``, in order: the membership tests and
    the selection run in C (``map``, ``compress``), not as a Python test on every word."""
    return list(compress(range(len(words)), map(vocabulary.__contains__, words)))


class _LowerCase(dict):
    """Token -> its lower case, filled on first sight: a dictionary lookup costs less than
    ``str.lower`` on a Vietnamese syllable, and every sentence shares the same few thousand
    lower-cased strings (whose hashes are then cached for the set tests of the parsers)."""

    limit = 1 << 16  # emptied when it grows past this: corpora of any size stay bounded

    def __missing__(self, token: str) -> str:
        lowered = self[token] = token.lower()
        return lowered


_LOWER = _LowerCase()


class Sentence:
    """Tokens of one sentence with their offsets in the article's normalised text.

    ``words`` are the tokens lower-cased. Tokens are read off ``str.split()``: most
    whitespace-separated chunks are one word (which ``isalnum()`` tells in C) or a word and
    a mark; only the others go through the token regex, a fraction of the cost of running
    it over every character. ``starts`` are computed on first use: many sentences never
    need them. (Slots, not an instance dict: attribute reads in the parsers are faster.)
    """

    __slots__ = ("text", "start", "end", "raw", "words", "_split", "_starts", "_vocabulary")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        raw: list[str] = []
        split: list[tuple[int, int]] = []  # (first token, token count) of each chunk of several
        add, tokens = raw.append, TOKEN.findall
        chunks = text[start:end].split()
        for chunk in chunks:
            if chunk.isalnum():
                add(chunk)
            elif chunk[:-1].isalnum() and chunk[-1] != "_":  # "word," (the common case)
                split.append((len(raw), 2))
                add(chunk[:-1])
                add(chunk[-1])
            else:
                parts = tokens(chunk)
                split.append((len(raw), len(parts)))
                raw += parts
        self.raw = raw
        if len(_LOWER) > _LOWER.limit:
            _LOWER.clear()
        self.words: list[str] = list(map(_LOWER.__getitem__, raw))
        self._split = split
        self._starts: list[int] | None = None
        self._vocabulary: frozenset[str] | None = None

    @property
    def vocabulary(self) -> frozenset[str]:
        """The set of ``words``: the parsers first ask whether a sentence has any word of a
        small lexicon set, and a set against a set is answered from the smaller one (a
        list is walked whole), so the set is made once per sentence for all those tests."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(self.words)
        return self._vocabulary

    @property
    def starts(self) -> list[int]:
        """Offset of each token in the text."""
        if self._starts is None:
            self._starts = token_starts(self.text, self.start, self.end, self.raw, self._split)
        return self._starts

    def token_from(self, offset: int) -> int:
        """Index of the first token at or after ``offset`` in the text (``len`` if none)."""
        return bisect_left(self.starts, offset)

    def token_at(self, offset: int) -> int | None:
        """Index of the token that starts exactly at ``offset``, if one does."""
        i = bisect_left(self.starts, offset)
        return i if i < len(self.raw) and self.starts[i] == offset else None

    def end_of(self, i: int) -> int:
        return self.starts[i] + len(self.raw[i])

    def is_cap(self, i: int) -> bool:
        return self.raw[i][0].isupper()

    def __len__(self) -> int:
        return len(self.raw)

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i]:self.end_of(j - 1)] if j > i else ""

    def is_name_word(self, i: int) -> bool:
        return i < len(self.raw) and name_word(self.raw[i])


def token_starts(text: str, start: int, end: int, tokens: list[str], split: list[tuple[int, int]]) -> list[int]:
    """Offsets in ``text`` of the ``tokens`` of ``text[start:end]``, given the chunks of
    ``str.split()`` that were ``split`` into several tokens (first token, count).

    In normalised text one space separates the chunks and nothing the tokens of a chunk,
    so each token starts where the one before started, plus its length and the gap after
    it (1 or 0): running sums computed in C (``accumulate``). When they do not end one
    past ``end`` the spacing is other, and each token is found after the one before it.
    """
    gaps = bytearray(b"\1") * len(tokens)
    for first, n in split:
        gaps[first:first + n - 1] = bytes(n - 1)
    starts = list(accumulate(map(add, map(len, tokens), gaps), initial=start))
    if starts.pop() != end + 1:
        return _found_starts(text, start, tokens)
    return starts


def _found_starts(text: str, start: int, tokens: list[str]) -> list[int]:
    """Token offsets by finding each token after the last (only whitespace lies between)."""
    starts, pos, find = [], start, text.find
    for token in tokens:
        pos = find(token, pos)
        starts.append(pos)
        pos += len(token)
    return starts


@lru_cache(maxsize=1 << 16)
def name_word(t: str) -> bool:
    """A capitalised syllable ("Thùy"), not an acronym ("TUV") or a number (cached: the
    parsers ask about the same few hundred tokens again and again)."""
    if not t.isalpha():
        if t[1:2] not in ("'", "’") or not t[2:].isalpha():
            return False
        t = t[0] + t[2:].lower()  # "H'Mlen", "H'Hen": one syllable of a name
    return t[0].isupper() and len(t) <= 8 and (len(t) == 1 or t[1:].islower())
