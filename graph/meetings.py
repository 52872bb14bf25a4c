"""Meetings an article reports as held: "Sáng 6/4, Ban Thường vụ Thành ủy tổ chức Hội
nghị ...", "Chiều cùng ngày, đồng chí X dự Hội nghị ... do Quận ủy Y tổ chức".

A meeting is opened by a sentence that dates an event (a time of day or "ngày" with a
day/month, or "cùng ngày") and says that a body holds, or a person attends, a gathering
(the kinds and verbs are in ``ontology/lexicons/meetings.yaml``). The sentences that follow,
up to the next such sentence, report on it. Their years: :mod:`.meeting_dates`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology import lexicon
from ..sources.dates import DateMatch, find_dates
from ..sources.text import canonical, word_start_alternation, words_pattern
from .grammar import BodyRef, Grammar
from .lexicon import first_words, last_words
from .tokens import PhrasePattern, Sentence


def _firsts(words: list[str]) -> str:
    return re.escape("".join(sorted({w[0] for w in words})))


@lru_cache(maxsize=1)
def _vocab():
    lx = lexicon("meetings")
    # patterns are lower-case and run over the article's lower-cased text (much faster
    # than re.IGNORECASE on Vietnamese letters)
    alt = lambda xs: "|".join(re.escape(canonical(x).lower()) for x in sorted(xs, key=len, reverse=True))  # noqa: E731
    # the same, each phrase only at a word start (a form the regex engine can skip ahead on)
    word_alt = lambda xs: word_start_alternation([canonical(x).lower() for x in sorted(xs, key=len, reverse=True)])  # noqa: E731
    kinds = alt(lx["kinds"])
    times = alt(lx["times_of_day"])
    same = alt(lx["same_day"])
    low = lambda xs: [canonical(x).lower() for x in xs]  # noqa: E731
    kind_words = words_pattern(low(lx["kinds"]))
    # the patterns a sentence is searched with open with one of a list of phrases (the
    # second argument of PhrasePattern): they are tried only where such a phrase begins
    opening = lambda xs, tail="": PhrasePattern(words_pattern(low(xs)) + tail, low(xs))  # noqa: E731
    return {
        "kind": re.compile(kind_words),
        # every way of reporting a gathering names a kind of gathering or an implicit verb
        "any": opening([*lx["kinds"], *lx["implicit_kinds"]]),
        "hold": opening(lx["hold_verbs"], rf"\s+(?:(?:{alt(lx['kind_qualifiers'])})\s+)?(?P<kind>{kinds})(?!\w)"),
        "attend": opening(lx["attend_verbs"], rf"\s+(?P<kind>{kinds})(?!\w)"),
        "by": re.compile(rf"(?:{word_start_alternation(['do'])})\s+(?=\S)"),
        "passive_kind": PhrasePattern(rf"(?P<kind>{word_alt(lx['kinds'])})(?!\w)", low(lx["kinds"])),
        "passive_verb": opening(lx["passive_verbs"]),
        "passive_words": first_words(lx["passive_verbs"]),
        "implicit": PhrasePattern(rf"(?P<kind>{word_alt(lx['implicit_kinds'])})(?!\w)", low(lx["implicit_kinds"])),
        "implicit_kinds": {canonical(k).lower(): canonical(v) for k, v in lx["implicit_kinds"].items()},
        "venue_words": re.compile(rf"(?<!\w)(?:{alt(lx['venue_words'])})\s*$"),
        "noun_markers": frozenset(low(lx["noun_markers"])),
        "gap": frozenset(w for x in low(lx["organizer_gap"]) for w in x.split()),
        "term": re.compile(rf"(?:{alt(lx['term_words'])})\s+(?:[ivxlc]+(?!\w)|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)"),
        "co_link": re.compile(rf"(?<!\w)(?:{alt(lx['co_organizer_links'])})(?!\w)"),
        "sent_delegation": re.compile(rf"(?:(?:{alt(lx['delegation_senders'])})\s+)?(?:{alt(lx['delegations'])})(?!\w)"),
        "delegation": re.compile(rf"(?<!\w)(?:{alt(lx['delegations'])})(?:\s+số\s+\d+)?\s+của\s+"),
        "planned": re.compile(rf"(?<!\w)(?:{alt(lx['planned'])})\s+$"),
        "anaphora": re.compile(rf"\s*(?:(?:{alt(lx['anaphora'])})\s*)?$"),
        "trigger_words": first_words([*lx["kinds"], *lx["implicit_kinds"]]),
        "date_words": first_words([*lx["times_of_day"], *lx["same_day"], *lx["days"], "ngày"]),
        # the last word of every online phrase, of the connection point (the words a
        # sentence must have for the patterns to match, told without scanning characters)
        "online_words": last_words(lx["online"]),
        "point_words": last_words([lx["connection_point"]]),
        "dated": _dated(lx),
        "same_day": PhrasePattern(
            rf"(?=[{_firsts(low([*lx['times_of_day'], *lx['same_day']]))}])(?<!\w)(?:(?:{times})\s+)?(?:{same})(?!\w)",
            low([*lx["times_of_day"], *lx["same_day"]])),
        "online": opening(lx["online"]),
        "point": re.compile(rf"{re.escape(lx['connection_point'])}\s+(?P<p>[^,;.]{{2,60}}?)(?=\s+(?:có|với|và)\s|[,;.]|$)"),
    }


def _dated(lx: dict) -> PhrasePattern:
    """Where a sentence dates an event: the words that open the date, ending right before
    its first digit ("Sáng 6/4", "Chiều ngày 5-9", "Sáng nay (12/10)", "Hôm qua (25/4)",
    "Trong 2 ngày (7 và 8/12)": the day of a span is read by :func:`..sources.dates.find_dates`),
    tried only where one of those words begins."""
    low = lambda xs: [canonical(x).lower() for x in xs]  # noqa: E731
    alt = lambda xs: "|".join(r"\s+".join(map(re.escape, x.split())) for x in sorted(low(xs), key=len, reverse=True))  # noqa: E731
    pattern = (rf"(?<!\w)(?:(?:{alt(lx['times_of_day'])})(?:\s+(?:{alt(lx['day_words'])}))?\s*(?:\(|ngày\s+)?"
               rf"|ngày\s*\(?\s*|(?:{alt(lx['days'])})\s*\(?)(?=\d)")
    # "Sáng6/4": a time of day runs on into the day as one word, so phrases are looked for
    # as letters, not as the sentence's words
    return PhrasePattern(pattern, sorted({*low(lx["times_of_day"]), "ngày", *low(lx["days"])}), whole_first_word=False)


_DIGIT = re.compile(r"\d")


@dataclass
class MeetingDraft:
    sentence: int  # index of the sentence that opens it
    kind: str
    title: str
    day: DateMatch | None
    same_day: bool
    organizer: BodyRef | None
    start: int  # offsets of the matched words in the text
    end: int
    online: bool = False
    connection_points: list[str] = field(default_factory=list)
    date: str | None = None
    # the draft before it, whose organizer is named again by the first word of its name alone
    # ("Chiều cùng ngày, Đoàn tiếp tục tiếp xúc cử tri ...": the same Đoàn ĐBQH)
    continues: int | None = None


def _dates_in(s: Sentence, low: str, document_dates: frozenset[int] = frozenset()) -> list[DateMatch]:
    """Dates introduced as the time of an event: "Sáng 6/4", "Chiều ngày 5-9", "Ngày 20 tháng
    10 năm 2023"; not the dates documents were issued on ("Nghị quyết số 39-NQ/TW ngày
    18/7/2023": their offsets are ``document_dates``)."""
    out = []
    for m in _vocab()["dated"].finditer(low, s):
        dates = find_dates(s.text, m.start(), min(s.end, m.end() + 30))
        if dates and m.start() <= dates[0].start <= m.end() and dates[0].start not in document_dates \
                and not (out and out[-1].end == dates[0].end):  # "từ ngày 7 đến ngày 8/12": one date
            out.append(dates[0])
    return out


def _event_date(s: Sentence, low: str, event_at: int, document_dates: frozenset[int]) -> DateMatch | None:
    """The event's date: the nearest one before the verb, else the first after it."""
    dates = _dates_in(s, low, document_dates)
    before = [d for d in dates if d.end <= event_at]
    if before:
        return before[-1]
    return dates[0] if dates else None


def _organizer(s: Sentence, grammar: Grammar, verb_at: int, floor: int, low: str) -> BodyRef | None:
    """The body written right before the verb ("..., Ban Thường vụ Thành ủy tổ chức"), its
    term or an adverb between them ("HĐND tỉnh khóa XVIII tổ chức", "Tỉnh ủy đã họp"); of
    two bodies that organize together ("A phối hợp với B tổ chức"), the first."""
    verb_tok = s.token_from(verb_at)
    floor_tok = s.token_from(floor)
    if floor_tok == len(s.raw):
        floor_tok = 0
    if "gồm" in s.words[floor_tok:verb_tok]:  # "Đoàn ĐBQH tỉnh gồm ông A, ... và ông B, ... đã tiếp xúc cử tri"
        verb_tok = floor_tok + s.words[floor_tok:verb_tok].index("gồm")
    for i in range(floor_tok, verb_tok):
        if not s.is_cap(i):
            continue
        ref = grammar.body_at(s, i)
        if ref and _gap_end(s, ref.end, verb_tok, low, grammar) == verb_tok:
            return _first_of_partners(s, grammar, ref, floor_tok, low) or ref
    return None


def _gap_end(s: Sentence, j: int, limit: int, low: str, grammar: Grammar) -> int:
    """Where the words that may stand between an organizer and its verb end, from token ``j``:
    adverbs, its term, an aside, the delegation it sends, its province after a comma
    ("Đảng ủy phường Phan Rang, tỉnh Khánh Hòa tổ chức")."""
    v = _vocab()
    words = s.words
    while j < limit:
        w = words[j]
        if w in v["gap"] or w == ",":
            j += 1
        elif j and words[j - 1] == "," and (noun := grammar.place_nouns.longest(words, j)) \
                and noun[1][1] in ("province", "city_or_town") and (province := grammar.province_at(s, noun[0])):
            j = province[0]  # ", tỉnh Khánh Hòa"
        elif (sent := v["sent_delegation"].match(low, s.starts[j])) is not None:
            j = s.token_from(sent.end())  # "... tổ chức đoàn công tác làm việc với"
        elif w == "(":
            close = next((k for k in range(j + 1, min(limit, j + 10)) if words[k] == ")"), None)
            if close is None:
                break
            j = close + 1
        else:
            m = v["term"].match(low, s.starts[j])
            if m is None:
                break
            j = s.token_from(m.end())
    return j


def _first_of_partners(s: Sentence, grammar: Grammar, ref: BodyRef, floor_tok: int, low: str) -> BodyRef | None:
    """The body named before ``ref`` when they organize together ("A phối hợp với B", "A
    phối hợp với UBND, B tổ chức")."""
    links = list(_vocab()["co_link"].finditer(low, s.starts[floor_tok], s.starts[ref.start]))
    if not links:
        return None
    link = links[0]
    link_tok = s.token_from(link.start())
    for i in range(floor_tok, link_tok):
        if s.is_cap(i):
            partner = grammar.body_at(s, i)
            if partner and _gap_end(s, partner.end, link_tok, low, grammar) == link_tok:
                return partner
    return None


def _names_again(s: Sentence, floor: int, verb_at: int, earlier: BodyRef | None) -> bool:
    """Whether the subject before the verb is only the first word of the body that held the
    meeting before ("Chiều cùng ngày, Đoàn tiếp tục ...", after the Đoàn ĐBQH's first one)."""
    if earlier is None:
        return False
    gap = _vocab()["gap"]
    subject = [i for i in range(s.token_from(floor), s.token_from(verb_at))
               if s.words[i] not in gap and s.words[i] != ","]
    return len(subject) == 1 and s.is_cap(subject[0]) and s.words[subject[0]] == earlier.head.vi.split()[0].lower()


def _delegation_of(s: Sentence, grammar: Grammar, start: int, end: int, low: str) -> BodyRef | None:
    """The body whose delegation ("Đoàn công tác của Bộ Nội vụ") acts in ``text[start:end]``."""
    m = _vocab()["delegation"].search(low, start, end)
    if m is None:
        return None
    idx = s.token_at(m.end())
    return grammar.body_at(s, idx, need_cap=False) if idx is not None else None


def _by_organizer(s: Sentence, grammar: Grammar, after: int) -> BodyRef | None:
    for m in _vocab()["by"].finditer(s.text, after, s.end):
        idx = s.token_at(m.end())
        if idx is not None:
            ref = grammar.body_at(s, idx, need_cap=False)
            if ref:
                return ref
    return None


@dataclass
class _Passive:
    """A gathering named first and held after ("Hội nghị ... diễn ra sáng 14/3"), shaped
    like a regex match (kind span, and the end of the verb)."""

    kind_match: re.Match
    verb_end: int
    bare: bool = False  # the gathering named without a title: the one already reported
    re = None  # not produced by one pattern

    def group(self, name: str) -> str:
        return self.kind_match.group(name)

    def start(self, name: str | int = 0) -> int:
        return self.kind_match.start(name)

    def end(self, name: str | int = 0) -> int:
        return self.kind_match.end(name) if name else self.verb_end


def _passive(v: dict, low: str, s: Sentence) -> _Passive | None:
    if v["passive_words"].isdisjoint(s.vocabulary):
        return None
    verb = v["passive_verb"].search(low, s)
    if verb is None:
        return None
    kind = None
    for m in v["passive_kind"].finditer(low, s, max(s.start, verb.start() - 220), verb.start()):
        if not re.search(r"[.;]", low[m.end():verb.start()]) and not _at_venue(v, low, m.start(), s.start):
            kind = m
            break
    if kind is None or _planned(v, low, s, verb.start()):
        return None
    return _Passive(kind, verb.end(), bare=bool(v["anaphora"].match(low, kind.end(), verb.start())))


def _planned(v: dict, low: str, s: Sentence, verb_at: int) -> bool:
    """Whether the verb at ``verb_at`` tells of a gathering still to come ("sẽ tổ chức")."""
    return bool(v["planned"].search(low, max(s.start, verb_at - 16), verb_at))


def _dated_subject(v: dict, low: str, s: Sentence, document_dates: frozenset[int]) -> _Passive | None:
    """"Chiều 21/7, Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ thị xã đã bầu ...": a
    gathering named as the subject right after the date, whatever it then did."""
    dates = _dates_in(s, low, document_dates)
    if not dates:
        return None
    after = dates[0].end
    m = v["passive_kind"].search(low, s, after, s.end)
    if m is None or m.start() > after + 3 or low[after:m.start()].strip(" ,") or _at_venue(v, low, m.start(), s.start):
        return None
    title_end = re.compile(r"[,;.]|\s(?:đã|đang|sẽ|vừa)\s").search(low, m.end(), s.end)
    end = title_end.start() if title_end else s.end
    # a gathering with a title of its own ("Hội nghị lần thứ nhất Ban Chấp hành ..."), not the
    # one being reported named again ("Ngày 30-12, hội nghị đã biểu quyết ...")
    if not s.text[m.start()].isupper() or len(low[m.end():end].split()) < 2:
        return None
    return _Passive(m, end)


def _at_venue(v: dict, low: str, at: int, floor: int) -> bool:
    """Whether the gathering named at ``at`` is part of a place's name ("Trung tâm Hội nghị")."""
    return bool(v["venue_words"].search(low, max(floor, at - 16), at))


def _implicit(v: dict, low: str, s: Sentence) -> re.Match | None:
    """The first verb that is a gathering by itself ("làm việc với"), not as a noun ("kỳ họp")."""
    for m in v["implicit"].finditer(low, s):
        before = low[max(s.start, m.start() - 8):m.start()].split()
        if not before or before[-1] not in v["noun_markers"]:
            return m
    return None


def _first_body(s: Sentence, grammar: Grammar, start: int, end: int) -> BodyRef | None:
    """The first body named in ``text[start:end]`` ("Hội nghị Ban Chấp hành Đảng bộ tỉnh")."""
    for i in range(s.token_from(start), s.token_from(end)):
        if s.is_cap(i):
            ref = grammar.body_at(s, i)
            if ref:
                return ref
    return None


def find_meetings(sentences: list[Sentence], grammar: Grammar, low: str,
                  document_dates: frozenset[int] = frozenset()) -> list[MeetingDraft]:
    """Meetings reported in ``sentences``; ``low`` is the article text lower-cased and
    ``document_dates`` the offsets of the dates documents were issued on (no event's)."""
    v = _vocab()
    drafts: list[MeetingDraft] = []
    for idx, s in enumerate(sentences):
        # a meeting names a kind of gathering and is dated: a day/month, or "cùng ngày"
        if v["trigger_words"].isdisjoint(s.vocabulary) or v["date_words"].isdisjoint(s.vocabulary) \
                or not (_DIGIT.search(low, s.start, s.end) or "cùng" in s.words) \
                or not v["any"].search(low, s):
            continue
        passive = _passive(v, low, s)
        if passive is not None and passive.bare and drafts:
            passive = None  # "Kỳ họp diễn ra trong 3 ngày": the meeting being reported
        active = [m for m in (v["hold"].search(low, s), v["attend"].search(low, s)) if m]
        # "UBND tỉnh sẽ tổ chức Hội nghị đối thoại ...": a plan, and so is every gathering it names
        planned = [m for m in active if _planned(v, low, s, m.start())]
        found = [m for m in (*active, passive, _implicit(v, low, s))
                 if m and m not in planned and not any(p.start() <= m.start("kind") < p.end() for p in planned)]
        if not found:
            subject = _dated_subject(v, low, s, document_dates)
            if subject is None:
                continue
            found = [subject]
        event = min(found, key=lambda m: m.start("kind"))
        day = _event_date(s, low, event.start(), document_dates)
        same = v["same_day"].search(low, s, s.start, event.start()) if day is None else None
        if day is None and same is None:
            continue
        floor = day.end if day and day.end <= event.start() else (same.end() if same else s.start)
        kind_text = event.group("kind")
        organizer = None
        if event.re is v["hold"].rx or event.re is v["implicit"].rx:
            organizer = _organizer(s, grammar, event.start(), floor, low) \
                or _delegation_of(s, grammar, max(floor, s.start), event.start(), low)
        if organizer is None:
            organizer = _by_organizer(s, grammar, event.end("kind"))
        if organizer is None and (isinstance(event, _Passive) or event.re is v["attend"].rx):
            # "Hội nghị Ban Chấp hành Đảng bộ tỉnh ... diễn ra", "chủ trì hội nghị Ban Thường vụ Tỉnh ủy"
            title_end = re.compile(r"[.;,]").search(s.text, event.end("kind"), s.end)
            organizer = _first_body(s, grammar, event.end("kind"),
                                    event.end() if isinstance(event, _Passive) else (title_end.start() if title_end else s.end))
        if organizer is None and event.re is v["implicit"].rx:
            organizer = _first_body(s, grammar, event.end("kind"), s.end)
        if event.re is v["implicit"].rx:
            kind, title = v["implicit_kinds"][kind_text], s.text[event.start("kind"):event.end("kind")]
        else:
            kind = kind_text
            title_end = re.compile(r"\.(?:\s|$)|;").search(s.text, event.start("kind"), s.end)
            title = s.text[event.start("kind"):title_end.start() if title_end else s.end].strip()
        drafts.append(MeetingDraft(idx, kind, title[:300], day, day is None, organizer,
                                   (day.start if day else same.start()), event.end()))
        if organizer is None and len(drafts) > 1 and _names_again(s, floor, event.start(), drafts[-2].organizer):
            drafts[-1].continues = len(drafts) - 2
    if not drafts:
        # an undated report: the first sentence where a body holds a gathering
        for idx, s in enumerate(sentences):
            hold = v["hold"].search(low, s)
            if hold:
                organizer = _organizer(s, grammar, hold.start(), s.start, low)
                title_end = re.compile(r"\.(?:\s|$)|;").search(s.text, hold.start("kind"), s.end)
                title = s.text[hold.start("kind"):title_end.start() if title_end else s.end].strip()
                drafts.append(MeetingDraft(idx, hold.group("kind"), title[:300], None,
                                           False, organizer, hold.start(), hold.end()))
                break
    return drafts


def mark_online(drafts: list[MeetingDraft], sentences: list[Sentence], owner: list[int], low: str) -> None:
    """Flag online meetings and collect their connection points ("điểm cầu quận Kiến An")."""
    v = _vocab()
    for si, s in enumerate(sentences):
        mi = owner[si]
        if mi < 0:
            continue
        d = drafts[mi]
        if not v["online_words"].isdisjoint(s.vocabulary) and v["online"].search(low, s):
            d.online = True
        if v["point_words"].isdisjoint(s.vocabulary):
            continue
        for m in v["point"].finditer(low, s.start, s.end):
            point = " ".join(s.text[m.start("p"):m.end("p")].split())
            if point not in d.connection_points and not point[0].isdigit():
                d.connection_points.append(point)
