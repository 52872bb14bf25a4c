"""Numbered party and state documents: "Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp
hành Trung ương Đảng khóa XIII về ...", "Nghị quyết 45", "NQ 28", "Quyết định số 2315/QĐ-UBND".

Kinds, shorthands, code issuers and the verbs that tie a document to a meeting or to
another document are in ``ontology/lexicons/directives.yaml``.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology import lexicon
from ..sources.dates import find_dates
from ..sources.text import canonical, words_pattern
from .grammar import Grammar
from .lexicon import last_words
from .tokens import PhrasePattern, Sentence, positions

_DATE_AFTER = re.compile(r",?\s*(?:ban hành\s+)?ngày\s+")
_SAME_DAY_AFTER = re.compile(r",?\s*cùng ngày")
_ISSUER_AFTER = re.compile(r",?\s*của\s+")
_TERM_AFTER = re.compile(r"\s*\(?\s*(?:khóa|khoá)\s+(?P<t>[IVXLC]+)\)?")
_SUBJECT_AFTER = re.compile(r",?\s*(?:về|về việc)\s+")
_CODE_PARTS = re.compile(r"\s?[/\-]\s?")
_CODE = r"[A-ZĐ][A-Za-zĐđƯư.]{0,5}(?:\s?[/\-]\s?[A-ZĐƯ][A-Za-zĐđƯư.]{0,9}\d{0,2}){1,2}"
# "Nghị quyết số 26, 27, 28-NQ/TW", "Kết luận 21 và 22-KL/TW": more numbers of the same
# kind sharing the code written after the last
_MORE_NUMBERS = re.compile(rf"(?P<more>(?:\s*,\s*\d{{1,5}})*\s*(?:,|và)\s*\d{{1,5}})\s?[-/]\s?(?P<code>{_CODE})")


def _either_case(word: str) -> str:
    first = word[0]
    return f"[{first.upper()}{first.lower()}]{re.escape(word[1:])}"


@lru_cache(maxsize=1)
def _patterns():
    lx = lexicon("directives")
    kinds = sorted((canonical(k["vi"]) for k in lx["kinds"]), key=len, reverse=True)
    shorthand = {canonical(k): canonical(v) for k, v in lx["shorthand"].items()}
    kind_alt = "|".join(_either_case(k) for k in kinds)
    short_alt = "|".join(re.escape(k) for k in sorted(shorthand, key=len, reverse=True))
    rx = re.compile(
        rf"(?<![\w])(?:(?P<kind>{kind_alt})|(?P<short>{short_alt}))\s+(?:số\s*)?"
        rf"(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,5}})(?![\d,.]\d)"  # "1.245-QĐ/TU": 1245
        rf"(?:\s?/\s?(?P<year>(?:19|20)\d\d)(?=\s?/))?"
        rf"(?:\s?[-/]\s?(?P<code>{_CODE}|(?<=\d/)[A-ZĐ]{{2,6}}\d{{0,2}}(?![\w/])))?"
    )
    kind_by_fold = {k.casefold(): k for k in kinds}
    issuers = {canonical(k): v for k, v in lx["issuers"].items()}
    # phrases case-folded once here, not at every mention
    relations = [(phrase.casefold(), rel) for phrase, rel in sorted(
        ((canonical(p), rel) for rel, ps in lx["relations"].items() for p in ps), key=lambda x: -len(x[0]))]
    implements = [(p, p.casefold()) for p in sorted((canonical(p) for p in lx["implements"]), key=len, reverse=True)]
    anaphora = [canonical(a) for a in lx["anaphora"]]
    kind_anaphora = re.compile(rf"(?P<kind>{kind_alt})\s+(?:{'|'.join(anaphora)})(?!\w)")
    # a fast lower-case pre-scan: where a kind (or shorthand) is followed by a number
    forms = [k.lower() for k in [*kinds, *shorthand]]
    finder = PhrasePattern(rf"{words_pattern(forms)}\s+(?:số\s*)?\d", forms)
    lasts = last_words([*kinds, *shorthand])
    return rx, kind_by_fold, shorthand, issuers, relations, implements, kind_anaphora, finder, lasts


@lru_cache(maxsize=1)
def _titled_pattern() -> tuple[re.Pattern, frozenset[str]]:
    """Documents named between their kind and their number ("Luật Thủ đô số 39/2024/QH15"),
    and the first words of their kinds (a sentence without one has none)."""
    kinds = sorted((canonical(k["vi"]) for k in lexicon("directives")["kinds"] if k.get("titled")),
                   key=len, reverse=True)
    rx = re.compile(rf"(?<!\w)(?P<kind>{'|'.join(map(re.escape, kinds))})\s+(?P<title>[A-ZĐ][^\d,.;:()]{{1,80}}?)"
                    rf"\s+số\s*(?P<num>\d{{1,5}})\s?/\s?(?:19|20)\d\d\s?/\s?(?P<code>[A-ZĐ]{{2,8}}\d{{0,2}})(?![\w/])")
    return rx, frozenset(k.split()[0].lower() for k in kinds)


def _titled(s: Sentence, grammar: Grammar) -> list["DirectiveHit"]:
    rx, firsts = _titled_pattern()
    if firsts.isdisjoint(s.vocabulary) or "số" not in s.vocabulary:
        return []
    return [_read_hit(s, grammar, DirectiveHit(m.start(), m.end(), m.group("kind"), str(int(m.group("num"))),
                                               m.group("code")))
            for m in rx.finditer(s.text, s.start, s.end)]


def _read_hit(s: Sentence, grammar: Grammar, hit: "DirectiveHit") -> "DirectiveHit":
    """``hit`` with what its tail says (date, issuer, term, subject) and how the sentence deals with it."""
    _read_tail(s, hit, grammar)
    hit.relation = _relation_before(s.text, hit.start, s.start)
    return hit


def _clean_code(code: str) -> str:
    """A code as written, without its spaces or a sentence's full stop ("NQ/ TW." -> "NQ/TW")."""
    return re.sub(r"\s+", "", code).rstrip(".")


@dataclass
class DirectiveHit:
    """A document mention in the normalised text, with what its tail says about it."""

    start: int
    end: int
    kind: str
    number: str
    code: str | None = None
    issued: str | None = None
    issued_at: int | None = None  # offset of the issue date written after the number ("ngày 25/10/2021")
    issuer: str | None = None  # a body name as written, or from the code
    issuer_ref: object | None = None  # grammar.BodyRef when the text names the issuer
    issuer_code: str | None = None
    subject: str | None = None
    term: str | None = None
    same_day_as_previous: bool = False
    implements: list["DirectiveHit"] = field(default_factory=list)
    implements_anaphora: bool = False
    relation: str = "mentioned"

    key: str = ""  # the article's key of the document: kind|number, and the issuer when two differ

    def __post_init__(self) -> None:
        self.key = self.key or f"{self.kind}|{self.number}"



@lru_cache(maxsize=1)
def central_series() -> dict[str, str]:
    """National issuers' names -> the series their documents are numbered in ("tw", "qh"...)."""
    return {canonical(v["body"]): v.get("series", "tw") for v in lexicon("directives")["issuers"].values()
            if v["level"] == "central"}


def issuer_of_code(code: str | None) -> dict | None:
    """What the issuer part of a code says ("KL/TW" -> central; "QĐ-UBND" -> UBND)."""
    if not code:
        return None
    part = _issuer_part(code)
    return {"code": part, **_patterns()[3][part]} if part else None  # (rx, kinds, shorthand, issuers, ...)


@lru_cache(maxsize=4096)
def _issuer_part(code: str) -> str | None:
    """The part of a code that names its issuer, if the lexicon knows it."""
    issuers = _patterns()[3]
    parts = [p for p in _CODE_PARTS.split(code) if p]
    for part in reversed(parts[1:] or parts):  # "NQ-UBTVQH14", "QH15": a term may follow
        for name in (part, part.rstrip("0123456789")):
            if name in issuers:
                return name
    return None


def _relation_before(text: str, start: int, floor: int) -> str:
    window = text[max(floor, start - 80):start].casefold()
    best, best_pos = "mentioned", -1
    for phrase, rel in _patterns()[4]:
        pos = window.rfind(phrase)
        if pos > best_pos:
            best, best_pos = rel, pos
    return best


def find_directives(s: Sentence, grammar: Grammar, low: str | None = None) -> list[DirectiveHit]:
    """Numbered documents in the sentence; ``low`` is the article text lower-cased, if at hand."""
    rx, kind_by_fold, shorthand, _issuers, _rel, implements, kind_anaphora, finder, lasts = _patterns()
    text = s.text
    hits: list[DirectiveHit] = _titled(s, grammar)
    if lasts.isdisjoint(s.vocabulary) or not _number_follows(s.words, lasts):
        return hits  # no kind of document followed by a number
    low = low if low is not None else text.lower()
    for m0 in finder.finditer(low, s):
        m = rx.match(text, m0.start(), s.end)
        if m is None:
            continue
        code = _clean_code(m.group("code")) if m.group("code") else None
        if m.group("kind") and m.group("kind")[0].islower() and not code and "số" not in m.group(0):
            continue  # "kết luận 6 đảng viên có vi phạm": a verb and a count, not a document
        kind = kind_by_fold[m.group("kind").casefold()] if m.group("kind") else shorthand[m.group("short")]
        more = _MORE_NUMBERS.match(text, m.end(), s.end) if not code else None
        if more:
            code = _clean_code(more.group("code"))
        hit = _read_hit(s, grammar, DirectiveHit(m.start(), more.end() if more else m.end(), kind,
                                                 str(int(m.group("num").replace(".", ""))), code))
        hits.append(hit)
        for number in re.findall(r"\d+", more.group("more")) if more else ():
            hits.append(dataclasses.replace(hit, number=str(int(number)), implements=[], key=""))
    hits.sort(key=lambda h: h.start)
    # "A ... thực hiện B" / "A ... thực hiện Nghị quyết này": A carries out B
    for a, b in zip(hits, hits[1:] + [None]):
        limit = b.start if b else s.end
        low = text[a.end:limit].casefold()
        found = max(((low.rfind(folded), p) for p, folded in implements), key=lambda x: x[0])
        if found[0] < 0:
            continue
        after = a.end + found[0] + len(found[1])
        rest = text[after:limit]
        if b and not rest.strip():
            a.implements.append(b)
        elif kind_anaphora.match(text, after + len(rest) - len(rest.lstrip())):
            a.implements_anaphora = True
    return hits


def _number_follows(words: list[str], lasts: frozenset[str]) -> bool:
    """Whether a word that ends a kind of document is followed by a number or "số": the
    only places the finder can match, told from the words without scanning characters."""
    n = len(words)
    for j in positions(words, lasts):
        following = words[j + 1] if j + 1 < n else ""
        if following[:1].isdecimal() or following.startswith("số"):
            return True
    return False


def _read_tail(s: Sentence, hit: DirectiveHit, grammar: Grammar) -> None:
    """Issue date, issuer, term and subject written after the number."""
    text = s.text
    pos = hit.end
    m = _DATE_AFTER.match(text, pos)
    if m:
        dates = find_dates(text, m.end(), min(s.end, m.end() + 22))
        if dates and dates[0].start == m.end():
            hit.issued_at = dates[0].start  # the document's date, never an event's
            if dates[0].year:
                hit.issued = dates[0].iso()
                pos = dates[0].end
    else:
        m = _SAME_DAY_AFTER.match(text, pos)
        if m:
            hit.same_day_as_previous = True
            pos = m.end()
    m = _ISSUER_AFTER.match(text, pos)
    if m:
        idx = s.token_at(m.end())
        if idx is not None:
            ref = grammar.body_at(s, idx, need_cap=False)
            if ref:
                hit.issuer_ref = ref
                pos = s.end_of(ref.end - 1)
    m = _TERM_AFTER.match(text, pos)
    if m:
        hit.term = m.group("t")
        pos = m.end()
    m = _SUBJECT_AFTER.match(text, pos)
    if m:
        stop = _subject_stop().search(text, m.end(), s.end)
        subj_end = stop.start() if stop else s.end
        subject = text[m.end():subj_end].strip(" ,")
        if 3 <= len(subject) <= 300:
            hit.subject = subject
    code_issuer = issuer_of_code(hit.code)
    if code_issuer:
        hit.issuer_code = code_issuer["code"]


@lru_cache(maxsize=1)
def _subject_stop() -> re.Pattern:
    """Where a "về ..." subject ends: a clause break or the next document."""
    kinds = "|".join(_either_case(canonical(k["vi"])) for k in lexicon("directives")["kinds"])
    return re.compile(rf";|\.(?:\s|$)|,\s+(?:và\s+)?(?={kinds})|\s+và\s+(?:{kinds})\s+(?:số\s*)?\d|\s+\((?=\d)")

