"""A small grammar of Vietnamese political prose over tokens: bodies, posts and names.

    body   := HEAD [UNIT [proper name]] [PARENT body] [PLACE]
    post   := TITLE body | COMPOUND ("Thành ủy viên", "TUV") | standalone TITLE
    chain  := post ((","|"và"|"kiêm") post)*
    person := [cue] [rank] (chain NAME | NAME [(","|"–"|"(") chain])

Heads, titles, units, places and surnames all come from the lexicons; this module only
knows how they combine. Parsing works on one sentence at a time (:class:`Sentence`) and
returns token spans, so the caller can turn any match into evidence offsets.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon as lx
from .free_names import FreeNameReading
from .place_grammar import PlaceReading
from .tokens import Sentence, name_word


@dataclass
class BodyRef:
    """A body as written: head, unit, parent and place, before the article fills gaps."""

    start: int
    end: int
    head: lx.Head
    unit: str | None = None
    unit_name: str | None = None  # proper name after a free unit ("Cổ phần Cấp nước Hải Phòng")
    parent: "BodyRef | None" = None
    place_noun: str | None = None  # "thành phố", "tỉnh", "quận", "huyện", ...
    place: str | None = None
    number: str | None = None
    committee_of: str | None = None  # "Ban Chấp hành Đảng bộ tỉnh" -> "Tỉnh ủy"
    parent_link: str | None = None  # the word written between the body and its parent ("thuộc")
    position: int = 0  # offset in the article text, for context lookups


@dataclass
class PostRef:
    start: int
    end: int
    title: lx.Title
    body: BodyRef | None
    compound_body: str | None = None  # "Thành ủy" for "Thành ủy viên", "@province_committee" for TUV
    appointed: bool = False


@dataclass
class PersonHit:
    start: int  # first token of the whole mention (cue included)
    name_start: int
    name_end: int
    end: int  # after the apposition
    name: str
    posts: list[PostRef] = field(default_factory=list)
    rank: str | None = None
    cue: str | None = None


@lru_cache(maxsize=1)
def _central_committee_of_organisation() -> lx.Head:
    """The head of "Ban Chấp hành Trung ương" of a mass organisation: an organ of that
    organisation, not the Party's Central Committee."""
    organ = next(h for _end, h in lx.heads().matches(["ban", "chấp", "hành"], 0) if h.group == "committee_organs")
    return dataclasses.replace(organ, vi="Ban Chấp hành Trung ương", kind="ban_chap_hanh_trung_uong")


@lru_cache(maxsize=1)
def _person_starts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words a person mention can start with: (in any case) a cue word such as
    "đồng chí"; (capitalised) a rank, a title, a compound post or a family name; either."""
    simple, compound = lx.surnames()
    cues = frozenset(k for k in lx.person_cues().root if k is not None)
    tries = (lx.ranks(), lx.titles(), lx.compound_posts(), compound)
    capitalised = frozenset(k for trie in tries for k in trie.root if k is not None) \
        | {w.casefold() for w in simple} | {w.casefold() for w in lx.middle_names()}
    return cues, capitalised, cues | capitalised


class Grammar(FreeNameReading, PlaceReading):
    """Parsers over a :class:`Sentence`; ``places`` are district names learned from the article."""

    def __init__(self, places: set[tuple[str, ...]] | None = None) -> None:
        self.places = places or set()
        self.heads = lx.heads()
        self.titles = lx.titles()
        self.compound_posts = lx.compound_posts()
        self.surnames, self.compound_surnames = lx.surnames()
        self.provinces = lx.provinces()
        self.place_nouns = lx.place_nouns()
        self.units = lx.unit_lists()
        self.verbs = lx.verb_starts()
        self.cue_starts, self.capital_starts, self.person_starts = _person_starts()
        self.person_cues = lx.person_cues()
        self.ranks = lx.ranks()
        self.province_firsts = lx.province_first_words()
        self.province_width = max(map(len, self.provinces))
        self.middle_names = lx.middle_names()
        self.eponyms = lx.eponyms()
        self.name_stops = lx.name_stops()
        self.name_stop_verbs = lx.name_stop_verbs()
        self.legal_forms = lx.legal_forms()
        # where the last post chain that led to no name ended: a caller scanning for people
        # may go on from there (a chain's inner words start no other mention)
        self.failed_chain_end = 0

    # ---- names --------------------------------------------------------------------------
    def blocks_name(self, s: Sentence, i: int) -> bool:
        """A title or body head starts here, so a name cannot go on through it."""
        words, w = s.words, s.words[i]
        if w in self.titles.firsts and self.titles.longest(words, i):
            return True
        head = next(iter(self._heads_at(s, i)), None) if w in self.heads.firsts else None
        if head is None or (head[1].capital and not s.is_cap(i)):
            return False
        # a head that is also a syllable of names ("Khoa", "Trường"), or one in lower case
        # ("sở" in "Khoa Lý luận cơ sở"), blocks only a body
        if head[1].capital or not s.is_cap(i):
            return self.body_at(s, i, need_cap=False) is not None
        return True

    def name_at(self, s: Sentence, i: int, min_len: int = 2) -> int | None:
        """End of a person's full name starting at token ``i`` (2-5 syllables), or None."""
        raw = s.raw
        n = len(raw)
        if i >= n or not name_word(raw[i]):
            return None
        if s.words[i] in self.eponyms.firsts and self.eponyms.longest(s.words, i):
            return None  # "Học viện Chính trị quốc gia Hồ Chí Minh": not a person
        compound = self.compound_surnames
        comp = compound.longest(s.words, i) if s.words[i] in compound.firsts else None
        if comp:
            j = comp[0]
            if not all(name_word(raw[k]) for k in range(i, j)):
                return None
        elif raw[i] in self.surnames or (raw[i][1:2] in ("'", "’") and raw[i][0] + "'" in self.surnames) \
                or (i + 1 < n and raw[i + 1] in self.middle_names and not self.blocks_name(s, i)):
            j = i + 1  # a family name, an opener such as "Y" or "H'", or any before "Văn", "Thị"
        else:
            return None
        while j < n and j - i < 5 and name_word(raw[j]) and not self.blocks_name(s, j):
            j += 1
        if j - i < min_len:
            return None
        return j

    def _verb_at(self, s: Sentence, i: int) -> bool:
        """A capitalised verb ("Quán triệt", "Dự") is followed by a lower-case word or ends
        the clause; a place that starts like a verb ("Kiến Xương", "Giao Thủy") is not."""
        return s.words[i] in self.verbs and not s.is_name_word(i + 1) and lx.role_after().longest(s.words, i) is not None

    def _cap_run(self, s: Sentence, i: int) -> int:
        j = i
        while j < len(s) and s.is_name_word(j) and not (j > i and self.blocks_name(s, j)):
            j += 1
        if j > i and self._verb_at(s, i):
            return i  # "Quán triệt ..." is a verb written with a capital, not a place
        return j

    # ---- bodies -------------------------------------------------------------------------
    def body_at(self, s: Sentence, i: int, need_cap: bool = True, committee: bool = False) -> BodyRef | None:
        """The body named at token ``i``; ``committee``: the words follow "Ban Chấp hành",
        so "Đảng bộ tỉnh" stands for the committee that leads it (the Tỉnh ủy)."""
        if i >= len(s.words) or s.words[i] not in self.heads.firsts or (need_cap and not s.is_cap(i)):
            return None
        for j, head in self._heads_at(s, i):
            ref = self._complete(s, i, j, head, committee)
            if ref is not None:
                ref.position = s.starts[i]
                return ref
        return None

    def _heads_at(self, s: Sentence, i: int) -> list[tuple[int, lx.Head]]:
        """The body heads written at token ``i``, longest first; a one-word form of a longer
        head is its abbreviation only in capitals ("TƯ", not "Tư" in "Nguyễn Văn Tư")."""
        return [(j, head) for j, head in self.heads.matches(s.words, i)
                if j > i + 1 or " " not in head.vi or s.raw[i].isupper()]

    def _complete(self, s: Sentence, i: int, j: int, head: lx.Head, committee: bool = False) -> BodyRef | None:
        ref = BodyRef(i, j, head)
        if head.group == "central_bodies":
            if head.kind == "trung_uong":  # "Ban Chấp hành Trung ương Hội Nông dân Việt Nam"
                org = self.body_at(s, j) if j < len(s) and s.is_cap(j) else None
                if org is not None and org.head.mass:  # the organ named as written: "Trung ương Hội ..."
                    organ = dataclasses.replace(_central_committee_of_organisation(), vi=s.span_text(i, j))
                    return BodyRef(i, org.end, organ, parent=org)
            return ref
        if head.group == "numbered_bodies":
            if j < len(s) and s.raw[j].isdigit():
                ref.number, ref.end = s.raw[j], j + 1
            return ref  # without its number: the one the report numbers elsewhere
        if head.group == "committee_organs":
            # "Ban Chấp hành Đảng bộ tỉnh" is the Tỉnh ủy itself
            if head.kind == "ban_chap_hanh" and j < len(s) and s.words[j] == "đảng" \
                    and j + 1 < len(s) and s.words[j + 1] == "bộ":
                inner = self.body_at(s, j, need_cap=False, committee=True)
                if inner:
                    inner.start = i
                    return inner
            k = j + 1 if j < len(s) and s.words[j] == "thuộc" else j  # "Ban Công tác đại biểu thuộc ..."
            parent = self.body_at(s, k, need_cap=False) if k < len(s) else None
            if parent and parent.head.group in ("party_committees", "central_bodies", "state_bodies"):
                ref.parent, ref.end, ref.parent_link = parent, parent.end, s.words[j] if k > j else None
            return ref
        # party committees and state bodies
        k = j
        if head.unit in ("party_units", "managed_units", "departments", "schools"):
            unit = self.units[head.unit].longest(s.words, k)
            if unit:
                k, (ref.unit, form) = unit
                if form == "free":
                    name_end = self.free_name(s, k)
                    if name_end > k:
                        ref.unit_name, k = s.span_text(k, name_end), name_end
                elif form == "numbered" and k < len(s) and s.raw[k].isdigit():
                    ref.unit, k = f"{ref.unit} {s.raw[k]}", k + 1  # "Đảng ủy Quân khu 3"
                elif form == "place" and k < len(s):  # "Đảng ủy xã Phúc Sơn", "Chi bộ khu phố 3"
                    name_end = k + 1 if s.raw[k].isdigit() else self._cap_run(s, k)
                    if name_end > k and self.name_at(s, k, 3) != name_end:
                        ref.unit_name, k = s.span_text(k, name_end), name_end
            elif head.kind in ("dang_bo",) and k < len(s):
                levels = lx.dang_bo_levels()
                two = " ".join(s.words[k:k + 2])  # "thị xã", "thành phố"
                width = 2 if two in levels else 1
                level = levels.get(two) or levels.get(s.words[k])
                if level and (not s.is_cap(k) or s.raw[k].rstrip(".").isupper()):  # "thành phố", "TP"
                    noun, k = s.span_text(k, k + width), k + width
                    if level in ("Quận ủy", "Huyện ủy", "Thị ủy"):
                        found = self.place_at(s, k, required=True, min_len=1)
                    else:  # "Đảng bộ tỉnh Thanh Hóa"
                        found = self.province_at(s, k)
                    if found:
                        ref.place, k = found[1], found[0]
                    if committee:
                        ref.committee_of = level
                    else:  # "Đảng bộ huyện Hòa Vang tổ chức Đại hội": the party organisation itself
                        ref.place_noun = noun
                    ref.end = k
                    return ref
            elif head.unit in ("departments", "schools"):
                return None
        elif head.unit == "free":
            if head.named and self.body_at(s, k) is not None:
                return None  # "Văn phòng Tỉnh ủy": an organ of the body that follows, not a name
            run = self.free_name(s, k)
            if run > k:
                ref.unit = s.span_text(k, run)
                self._place_out_of_name(s, ref, k, run)
                k = run
        if head.named and not ref.unit:
            return None
        # a parent body may follow: "Phòng Quản lý lữ hành Sở Du lịch"
        if head.parent == "follows":
            # "Vụ Chính quyền địa phương (Bộ Nội vụ)", "Cục Công tác đảng, Bộ Công an"
            mark = s.raw[k] if k < len(s) and s.raw[k] in "(," else ""
            parent = self.body_at(s, k + 1 if mark else k)
            national = parent is not None and (parent.head.group == "central_bodies" or (
                parent.parent is not None and parent.parent.head.group == "central_bodies"))
            if parent and mark == "," and not national and parent.head.kind not in lx.comma_parents():
                parent = None  # after a comma, only a ministry, a school or a national body is the parent
            if parent and (mark != "(" or (parent.end < len(s) and s.raw[parent.end] == ")")):
                ref.parent, k = parent, parent.end + (1 if mark == "(" else 0)
        if k + 2 < len(s) and s.raw[k] == "(" and s.raw[k + 2] == ")" and s.raw[k + 1].isupper():
            k += 3  # "Hội Cựu chiến binh (CCB) TP Cần Thơ", "Ban Quản lý các khu công nghiệp (KCN) tỉnh"
        ref.end = self._place_phrase(s, k, ref, head.place)
        return ref

    # ---- posts and people ---------------------------------------------------------------
    def post_at(self, s: Sentence, i: int, need_cap: bool) -> PostRef | None:
        words = s.words
        if i >= len(words) or (need_cap and not s.is_cap(i)):
            return None
        w = words[i]
        comp = self.compound_posts.longest(words, i) if w in self.compound_posts.firsts else None
        if comp and (comp[0] >= len(words) or words[comp[0]] != "ủy"):
            j, (title, body) = comp
            if body.startswith("organ:"):  # "UVBTV": Ủy viên of an organ, its committee after it or in the chain
                organ = BodyRef(i, j, self.heads.longest(list(lx.tokens_of(body[6:])), 0)[1], position=s.starts[i])
                parent = self.body_at(s, j, need_cap=False)
                if parent is not None and parent.head.group == "party_committees":
                    organ.parent, organ.end, j = parent, parent.end, parent.end
                return PostRef(i, j, lx.Title(title, "Member"), organ)
            return PostRef(i, j, lx.Title(title, "Member"), None, compound_body=body)
        if w not in self.titles.firsts:
            return None
        for j, title in self.titles.matches(words, i):
            body = self.body_at(s, j, need_cap=False)
            if body:
                return PostRef(i, body.end, title, body)
            if title.standalone:
                return PostRef(i, j, title, None)
            if title.of_heads and need_cap:
                name_end = self.name_at(s, j, 3)
                if name_end is not None and name_end == self._cap_run(s, j):
                    return PostRef(i, j, title, None)  # "Thứ trưởng Tăng Văn Quý": the body is in the context
            elif title.of_heads and (j >= len(words) or words[j] in (",", ";", "và", ".", ")")):
                return PostRef(i, j, title, None)  # "ông A, Phó Trưởng Đoàn và ...": the body named before
        return None

    def chain_at(self, s: Sentence, i: int, need_cap: bool) -> list[PostRef]:
        posts: list[PostRef] = []
        post = self.post_at(s, i, need_cap=need_cap)
        while post:
            posts.append(post)
            k = post.end
            if k >= len(s) or s.words[k] not in (",", "và", "kiêm", "-", "–", "—"):
                break
            post = self.post_at(s, k + 1, need_cap=False)
            # "..., Thứ trưởng Bộ Quốc phòng và Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà":
            # a post followed by a name after "và" opens the next person
            if post and s.words[k] == "và" and self.name_at(s, post.end, 3):
                break
        return posts

    def _rank_at(self, words: list[str], i: int) -> tuple[int, str] | None:
        return self.ranks.longest(words, i) if i < len(words) and words[i] in self.ranks.firsts else None

    def person_at(self, s: Sentence, i: int, cue: tuple[int, str] | None | bool = False) -> PersonHit | None:
        """The person mentioned from token ``i``; ``cue``: the cue found there, when the caller
        looked already (None for none; False: look)."""
        self.failed_chain_end = 0
        words = s.words
        n = len(words)
        w = words[i]
        if w not in self.cue_starts and not (s.is_cap(i) and (w in self.capital_starts or (
                i + 1 < n and s.raw[i + 1] in self.middle_names))):
            return None
        if cue is False:
            cue = self.person_cues.longest(words, i) if w in self.cue_starts else None
        if cue is None and not s.is_cap(i):
            return None  # "các", "đồng" without "đồng chí": a mention without a cue starts with a capital
        k = cue[0] if cue else i
        if cue and k < n and words[k] == ":":
            k += 1  # "Các đồng chí: A, ...; B, ..."
        rank = self._rank_at(words, k)
        if rank and s.is_cap(k):
            k = rank[0]
        strong = bool(cue or rank)
        # post before the name: "Bí thư Tỉnh ủy Đinh Trọng Hoàn", "đồng chí Phó Bí thư ... X"
        pre = self.chain_at(s, k, need_cap=not strong) if k < n and (
            words[k] in self.titles.firsts or words[k] in self.compound_posts.firsts) else []
        if pre:
            after = pre[-1].end
            self.failed_chain_end = after  # cleared below when a name follows
            if after < n and words[after] in (",", "-", "–"):
                after += 1  # "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố, Bùi Đức Lâm", "Tỉnh ủy- Diệp Thanh Tòng"
            # "Giám đốc Công an tỉnh, Thiếu tướng Nguyễn Văn A": a rank between post and name
            late_rank = self._rank_at(words, after)
            if late_rank and s.is_cap(after) and not rank:
                rank, after, strong = late_rank, late_rank[0], True
            end = self.name_at(s, after, 3 if not strong else 2)
            if end is None:
                return None
            self.failed_chain_end = 0
            hit = PersonHit(i, after, end, end, s.span_text(after, end), list(pre),
                            rank[1] if rank else None, cue[1] if cue else None)
        else:
            end = self.name_at(s, k, 2)
            if end is None:
                return None
            hit = PersonHit(i, k, end, end, s.span_text(k, end), [],
                            rank[1] if rank else None, cue[1] if cue else None)
        # apposition: "X, Ủy viên Thành ủy, Bí thư ..." / "X – TUV, Bí thư Quận ủy" / "X (...)"
        j = hit.name_end
        if j < len(s) and s.raw[j] in (",", "–", "-", "—", "("):
            posts = self.chain_at(s, j + 1, need_cap=False)
            # "Phó Bí thư Thành ủy A, Chủ tịch UBND thành phố B": posts followed by a name
            # are the next person's
            if posts and self.name_at(s, posts[-1].end, 3) is not None and s.raw[j] != "(":
                posts = []
            if posts:
                hit.posts.extend(posts)
                hit.end = posts[-1].end
                if s.raw[j] == "(" and hit.end < len(s) and s.raw[hit.end] == ")":
                    hit.end += 1
        if not strong and not hit.posts:
            return None
        return hit
