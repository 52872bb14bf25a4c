"""Extraction: one cleaned article in, its people, posts, bodies, meetings and directives
out (:class:`~.model.ArticleFacts`), every fact with the sentence that states it.

The work is rule-based and offline: the grammar (:mod:`.grammar`) reads bodies, posts and
names; :mod:`.directives` and :mod:`.meetings` read documents and gatherings; this module
walks the article's body sentence by sentence, decides who took part in which meeting in
which role, and writes full names for every body with :class:`~.bodies.BodyNamer`.
"""
from __future__ import annotations

import re

from ..sources.model import Article
from ..sources.text import LOWER, UPPER, canonical
from . import lexicon as lx
from .bodies import BodyNamer, NamedBody, learn_districts
from .directives import DirectiveHit, central_series, find_directives, issuer_of_code
from .grammar import BodyRef, Grammar, PostRef
from .people import PeopleReader
from .tokens import Sentence, finditer_at, literal_starts, positions
from .meeting_dates import resolve_dates
from .meetings import find_meetings, mark_online
from .model import (ArticleFacts, BodyMention, DirectiveMention, Evidence, Meeting,
                    MeetingDirective, Participation, PersonMention, PostMention)

# the mark that ends a sentence and what follows it (tried only where a mark is: str.find
# reaches the next mark faster than the regex engine's scan for its first character)
_ENDS = ".!?…"
_BOUNDARY = re.compile(rf"[{_ENDS}][\"”’)]*(?:\s+|(?=[{UPPER}]))(?=[\"“(]?[{UPPER}0-9])")
_ABBREV_BEFORE_DOT = re.compile(r"(?:^|[\s(/])(?:[A-ZĐ]{1,4}|Tp|ThS|TS|PGS|GS|[A-ZĐ]\.[A-ZĐƯ])\.$")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``: at line breaks and at . ! ? before a capital."""
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        s = line_start
        # from the character before the line: a mark there ends a sentence at its start
        scan_from = max(line_start - 1, 0)
        for m in finditer_at(_BOUNDARY, text, literal_starts(text, _ENDS, scan_from, line_end), line_end):
            cut = m.start() + 1  # the sentence ends after its mark
            if _ABBREV_BEFORE_DOT.search(text, max(s, cut - 8), cut):
                continue
            if cut > s:
                spans.append((s, cut))
            s = m.end()
        if line_end > s and text[s:line_end].strip():
            spans.append((s, line_end))
    return spans


_LOWER_LETTER = re.compile(f"[{LOWER}]")
_UPPER_LETTER = re.compile(f"[{UPPER}]")


def _is_heading(text: str) -> bool:
    """An all-capitals line (a caption or heading): no facts are read from it."""
    if _LOWER_LETTER.search(text, 0, 24):
        return False  # running text shows a lower-case letter at once
    upper = len(_UPPER_LETTER.findall(text))
    return upper > 12 and upper > 4 * len(_LOWER_LETTER.findall(text))



class _Extractor:
    def __init__(self, article: Article) -> None:
        self.a = article
        text = article.text
        self.sentences = [Sentence(text, s, e) for s, e in
                          split_sentences(text, article.body_start, article.body_end)
                          if not _is_heading(text[s:e])]
        lowered = text.lower()
        # one-to-one for Vietnamese; where lower() would change lengths, scan the text as written
        self.low = lowered if len(lowered) == len(text) else text
        self.anchors = learn_districts(text, article.body_start, article.body_end, article.published)
        places = {tuple(lx.tokens_of(name)) for _, _, name in self.anchors}
        self.grammar = Grammar(places)
        self.quotes: dict[int, tuple[int, int, str]] = {}  # sentence start -> its span and quote

    # ---- evidence -----------------------------------------------------------------------
    def evidence(self, s: Sentence, start: int, end: int) -> Evidence:
        a = self.a
        quoted = self.quotes.get(s.start)  # a sentence states many facts: map and quote it once
        if quoted is None:
            o_start, o_end = a.original_span(s.start, s.end)
            quoted = self.quotes[s.start] = (o_start, o_end, a.original[o_start:o_end])
        m_start, m_end = a.original_span(start, end)
        return Evidence(a.article_id, *quoted, m_start, m_end)

    def token_evidence(self, s: Sentence, i: int, j: int) -> Evidence:
        return self.evidence(s, s.starts[i], s.end_of(max(i, j - 1)))

    # ---- the article --------------------------------------------------------------------
    def run(self) -> ArticleFacts:
        a, grammar = self.a, self.grammar
        directive_hits = [(si, s, find_directives(s, grammar, self.low)) for si, s in enumerate(self.sentences)]
        document_dates = frozenset(h.issued_at for _si, _s, hs in directive_hits for h in hs if h.issued_at is not None)
        drafts = find_meetings(self.sentences, grammar, self.low, document_dates)
        owner, current = [], -1
        starts = {d.sentence: n for n, d in enumerate(drafts)}
        for si in range(len(self.sentences)):
            current = starts.get(si, current)
            owner.append(current if current >= 0 else (0 if drafts else -1))
        mark_online(drafts, self.sentences, owner, self.low)

        reader = PeopleReader(grammar)
        people_hits = [(si, s, reader.scan(s)) for si, s in enumerate(self.sentences)]

        refs: list[BodyRef] = [d.organizer for d in drafts if d.organizer]
        for _si, _s, hits in people_hits:
            for h in hits:
                self._fill_organ_parents(h.posts)
                _fill_party_units(h.posts)
                refs.extend(p.body for p in h.posts if p.body)
        namer = BodyNamer(a.text, a.locality, self.anchors, refs, [d.organizer for d in drafts if d.organizer])
        self.namer = namer
        self.bodies: dict[str, BodyMention] = {}

        facts = ArticleFacts(article=a)
        # people and their posts
        people: dict[str, PersonMention] = {}
        participations: dict[tuple[int, str, str], Participation] = {}
        for si, s, hits in people_hits:
            roles = reader.roles(s, hits)
            for hit, hit_roles in zip(hits, roles):
                key = canonical(hit.name)
                ev = self.token_evidence(s, hit.start, hit.end)
                person = people.setdefault(key, PersonMention(key=key, name=key))
                person.evidence.append(ev)
                if hit.rank and hit.rank not in person.ranks:
                    person.ranks.append(hit.rank)
                for post in hit.posts:
                    pm = self._post(post, s, ev)
                    if pm and all(p.label.casefold() != pm.label.casefold() for p in person.posts):
                        person.posts.append(pm)
                mi = owner[si]
                if mi < 0:
                    continue
                if not hit_roles and (hit.posts or hit.cue):
                    hit_roles = {"participant"}
                for role in sorted(hit_roles):
                    participations.setdefault((mi, key, role), Participation(key, role, ev))
        facts.people = list(people.values())

        # directives, merged by kind and number within the article
        directives: dict[str, DirectiveMention] = {}
        previous_issued: str | None = None
        last_key: str | None = None
        meeting_links: dict[tuple[int, str], MeetingDirective] = {}
        ordered: list[tuple[int, Sentence, DirectiveHit]] = [
            (si, s, h) for si, s, hs in directive_hits for h in hs]
        # "Chỉ thị 35-CT/TU ... và Chỉ thị số 35 của Bộ Chính trị": one number, two issuers,
        # two documents; keys are settled before links between documents are read
        scopes: dict[str, str] = {}  # kind|number -> the issuer the article first gave it
        for _si, s, h in ordered:
            scope = self._scope(h)
            if scope and scopes.setdefault(h.key, scope) != scope:
                h.key = f"{h.key}|{scope}"
        for si, s, h in ordered:
            if h.same_day_as_previous and previous_issued:
                h.issued = previous_issued
            previous_issued = h.issued or previous_issued
            d = directives.get(h.key)
            ev = self.evidence(s, h.start, h.end)
            if d is None:
                d = directives[h.key] = DirectiveMention(key=h.key, kind=h.kind, number=h.number)
            d.evidence.append(ev)
            d.code = d.code or h.code
            d.issued = d.issued or h.issued
            d.subject = d.subject or h.subject
            d.term = d.term or h.term
            if h.issuer_ref is not None and d.issuer is None:
                named = self._body(h.issuer_ref, s)
                d.issuer = named.name
                d.series = d.series or central_series().get(named.name)
            if h.code and (d.issuer is None or d.issuer_level is None):
                self._issuer_from_code(d, h)
            for target in h.implements:
                if target.key != h.key and target.key not in d.implements:
                    d.implements.append(target.key)
            if h.implements_anaphora and last_key and last_key != h.key and last_key not in d.implements:
                d.implements.append(last_key)
            last_key = h.key
            mi = owner[si]
            if mi >= 0:
                meeting_links.setdefault((mi, h.key), MeetingDirective(h.key, h.relation, ev))
        facts.directives = list(directives.values())

        # meetings
        floor_dates = [d.issued for d in facts.directives if d.issued]
        resolve_dates(drafts, a.text, (a.body_start, a.body_end), a.published, floor_dates)
        for n, d in enumerate(drafts):
            s = self.sentences[d.sentence]
            organizer = self._body(d.organizer, s).name if d.organizer else None
            if organizer is None and d.continues is not None:
                organizer = facts.meetings[d.continues].organizer
            meeting = Meeting(key=f"{a.article_id}#m{n + 1}", kind=d.kind, title=d.title,
                              date=d.date, organizer=organizer, evidence=self.evidence(s, d.start, d.end),
                              online=d.online, connection_points=d.connection_points)
            meeting.participants = [p for (mi, _k, _r), p in participations.items() if mi == n]
            meeting.directives = [md for (mi, _k), md in meeting_links.items() if mi == n]
            facts.meetings.append(meeting)
        facts.bodies = list(self.bodies.values())
        return facts

    # ---- helpers ------------------------------------------------------------------------
    def _fill_organ_parents(self, posts: list[PostRef]) -> None:
        """"Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thành ủy": the Ban Thường vụ of that Thành ủy."""
        for n, post in enumerate(posts):
            body = post.body
            if body is None or body.head.group != "committee_organs" or body.parent is not None:
                continue
            for other in posts[n + 1:] + posts[:n][::-1]:
                ob = other.body
                root = ob.parent if ob is not None and ob.head.group == "committee_organs" else ob
                if root is not None and root.head.group == "party_committees":
                    body.parent = root
                    break

    def _body(self, ref: BodyRef, s: Sentence) -> NamedBody:
        named = self.namer.name(ref)
        self._register(named, self.token_evidence(s, ref.start, ref.end))
        return named

    def _register(self, named: NamedBody, ev: Evidence | None) -> str:
        key = named.name
        parent_key = self._register(named.parent, None) if named.parent else None
        bm = self.bodies.get(key)
        if bm is None:
            bm = self.bodies[key] = BodyMention(key=key, name=named.name, kind=named.kind,
                                                parent=parent_key, locality=named.locality)
        if ev is not None and ev not in bm.evidence:
            bm.evidence.append(ev)
        return key

    def _post(self, post: PostRef, s: Sentence, person_ev: Evidence) -> PostMention | None:
        ev = self.token_evidence(s, post.start, post.end)
        if post.compound_body:
            named = self.namer.committee(post.compound_body, s.starts[post.start])
            self._register(named, ev)
        elif post.body is not None:
            named = self._body(post.body, s)
        elif post.title.standalone and post.title.body:
            named = NamedBody(canonical(post.title.body), "central", None, None)
            self._register(named, ev)
            return PostMention(post.title.vi, named.name, post.title.vi, ev, post.appointed)
        elif post.title.of_heads and (ref := self._body_before(s, post.start, post.title.of_heads)):
            named = self.namer.name(ref)
            self._register(named, ev)
            head_word = named.name.split()[0]
            if post.title.vi.casefold().endswith(" " + head_word.casefold()):  # "Trưởng ban" + "Ban Quản lý ..."
                title = post.title.vi[:-len(head_word) - 1]
                return PostMention(title, named.name, f"{title} {named.name}", ev, post.appointed)
        else:
            return None
        title = post.title.vi
        label = f"{title} {named.name}"
        return PostMention(title, named.name, label, ev, post.appointed)

    def _body_before(self, s: Sentence, end: int, heads: tuple[str, ...]) -> BodyRef | None:
        """The body the report named last before token ``end`` of ``s`` (in it, or in the
        three sentences before) whose name opens with one of ``heads``: the body of a title
        written alone ("Báo cáo của Ban Quản lý các KCN tỉnh do Trưởng ban X trình bày")."""
        firsts = {h.split()[0].lower() for h in heads}
        index = next(n for n, x in enumerate(self.sentences) if x is s)
        for sentence in [s, *self.sentences[max(0, index - 3):index][::-1]]:
            stop = end if sentence is s else len(sentence)
            found = None
            for i in positions(sentence.words[:stop], firsts):
                ref = self.grammar.body_at(sentence, i)
                if ref and ref.head.vi.startswith(heads) and ref.end <= stop:
                    found = ref
            if found:
                return found
        return None

    def _scope(self, h: DirectiveHit) -> str | None:
        """Who the mention says issued the document: "central", or the issuing body's name."""
        info = issuer_of_code(h.code)
        if info and info["level"] == "central":
            return "central"
        if h.issuer_ref is not None:
            name = self.namer.name(h.issuer_ref).name
            return "central" if name.endswith("Trung ương") or h.issuer_ref.head.group == "central_bodies" else name
        return info["code"] if info else None

    def _issuer_from_code(self, d: DirectiveMention, h: DirectiveHit) -> None:
        info = issuer_of_code(h.code)
        if not info:
            return
        d.issuer_level = d.issuer_level or info["level"]
        if info["level"] == "central":
            d.series = info.get("series", "tw")
        if d.issuer:
            return
        body = info["body"]
        namer = self.namer
        if body == "@province_committee":
            d.issuer = namer.committee("@province_committee", h.start).name
        elif body.endswith("@province_committee"):
            d.issuer = body.replace("@province_committee", namer.committee("@province_committee", h.start).name)
        elif body == "@district_committee":
            kind = {"HU": "Huyện ủy", "QU": "Quận ủy", "TXU": "Thị ủy"}.get(info["code"], "Huyện ủy")
            d.issuer = namer.committee(kind, h.start).name
        elif body == "@party_committee":
            units = namer.full_party_units
            d.issuer = namer.name(units[0][1]).name if units else "Đảng ủy"
        elif body.endswith("@locality"):
            d.issuer = body.replace("@locality", f"{namer.level_noun} {namer.locality}" if namer.locality else "").strip()
        else:
            d.issuer = body


def _fill_party_units(posts: list[PostRef]) -> None:
    """"Bí thư Đảng ủy, Chỉ huy trưởng Bộ đội Biên phòng tỉnh": the Đảng ủy of the unit the
    next post of the chain names, when that unit has a party committee of its own."""
    units = lx.closed_party_units()
    for n, post in enumerate(posts):
        body = post.body
        if body is None or body.head.kind != "dang_uy" or body.unit or body.place or body.place_noun:
            continue
        for other in posts[n + 1:]:
            named = other.body.head.vi if other.body is not None and other.body.head.group == "state_bodies" else ""
            unit = max((u for u in units if named == u or named.endswith(" " + u)), key=len, default=None)
            if unit:
                body.unit = unit
                break


def extract(article: Article) -> ArticleFacts:
    """Everything the article reports: people, posts, bodies, meetings and directives."""
    return _Extractor(article).run()
