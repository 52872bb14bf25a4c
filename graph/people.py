"""The people a sentence names, with their posts, and the part each takes in the meeting.

A mention is read by the grammar (:meth:`.grammar.Grammar.person_at`): a cue, a rank, posts
before or after the name. Here the mentions of a sentence are gathered, with the ways
Vietnamese reports list people:

- "đồng chí A, B và C": names after one cue;
- "các đồng chí Phó Bí thư Tỉnh ủy: A, Chủ tịch HĐND tỉnh; B, Chủ tịch UBND tỉnh": a post
  shared by everyone the list after the colon names;
- "A và B, Phó Chủ tịch HĐND tỉnh": a post after two names joined by "và" is both's;

and the roles are read from the words after each person ("chủ trì", "dự, chủ trì"), from
a cue that opens a list ("Dự hội nghị có", "Chủ tọa kỳ họp gồm"), or shared along a list
whose last member's verb says what all did ("Các đồng chí: A, ...; B, ... đồng chủ trì").
"""
from __future__ import annotations

from . import lexicon as lx
from .grammar import Grammar, PersonHit, PostRef
from .tokens import Sentence, positions

# words between a person and the verb of their role ("đồng chí X, ... đã phát biểu")
_SKIP_ADVERBS = {"đã", "cũng", "sẽ", "lên", "tiếp", "tục", "trực", "tiếp", "đến", "vừa", "thay", "mặt"}
_LIST_MARKS = (",", "và", ";")
_PLURAL_CUES = ("các đồng chí", "các ông", "các bà", "các đảng viên", "các")


class PeopleReader:
    """Reads the people of sentences with one article's :class:`.grammar.Grammar`."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar

    # ---- mentions -----------------------------------------------------------------------
    def scan(self, s: Sentence) -> list[PersonHit]:
        """Every person named in the sentence (a mention starts with a capital or a cue word)."""
        hits: list[PersonHit] = []
        i, n = 0, len(s.raw)
        grammar = self.grammar
        cues = grammar.cue_starts
        words, raw = s.words, s.raw
        if grammar.surnames.isdisjoint(raw) and grammar.compound_surnames.firsts.isdisjoint(s.vocabulary):
            return hits  # every mention has a name, and every name a family name
        person_cues = grammar.person_cues
        middle = grammar.middle_names
        for start in positions(words, grammar.person_starts):
            if raw[start] in middle and start - 1 >= i and s.is_name_word(start - 1) \
                    and raw[start - 1] not in middle and not grammar.blocks_name(s, start - 1):
                start -= 1  # "Sần Thị Mai": a family name the lexicon does not list
            if start < i:
                continue  # inside the last mention
            capital = raw[start][0].isupper()
            cue = person_cues.longest(words, start) if words[start] in cues else None
            if cue is None and not capital:
                continue  # "hội nghị", "Đảng bộ": a cue's first word alone, or a capital start in lower case
            hit = grammar.person_at(s, start, cue)
            if hit is None:
                listed = self._shared_post_list(s, start, cue)
                if listed:
                    hits.extend(listed)
                    i = listed[-1].end
                    continue
                pair = self._pair_sharing_posts(s, start) if capital and cue is None else None
                if pair:
                    hits.append(pair)
                    i = pair.end
                    continue
                i = max(start + 1, grammar.failed_chain_end)
                continue
            self._appointments(s, hit)
            hits.append(hit)
            i = hit.end
            if start and words[start - 1] == "các" and hit.name_start > start and hit.end == hit.name_end:
                # "các Phó Chủ tịch HĐND tỉnh A, B": the post written before the first name is every one's
                more = self._names_sharing(s, hit)
                hits.extend(more)
                i = more[-1].end if more else i
            # "đồng chí A, B và C": names listed after one cue, without posts
            while hit.cue and not hit.posts and i + 1 < n and words[i] in (",", "và"):
                partner = self._pair_sharing_posts(s, hit.name_start, hit) if words[i] == "và" else None
                if partner:  # "các đồng chí A và B, Phó Chủ tịch HĐND tỉnh": A shares B's posts
                    break
                end = grammar.name_at(s, i + 1, 2)
                if end is None or (end < n and words[end] not in (",", "và", ";", ".", ")")
                                   and not lx.role_after().longest(words, end)):
                    break
                hit = PersonHit(i + 1, i + 1, end, end, s.span_text(i + 1, end), cue=hit.cue)
                hits.append(hit)
                i = end
        return hits

    def _pair_sharing_posts(self, s: Sentence, start: int, hit: PersonHit | None = None) -> PersonHit | None:
        """"A và B, Phó Chủ tịch HĐND tỉnh": the name at ``start`` (or ``hit``, a name with a
        cue) takes the posts written after the next name, when only "và" lies between."""
        grammar, words = self.grammar, s.words
        end = hit.name_end if hit is not None else grammar.name_at(s, start, 2)
        if end is None or end + 1 >= len(words) or words[end] != "và":
            return None
        partner = grammar.person_at(s, end + 1)
        if partner is None or not partner.posts or partner.name_start != end + 1:
            return None
        if hit is not None:
            hit.posts.extend(partner.posts)
            return hit
        return PersonHit(start, start, end, end, s.span_text(start, end), list(partner.posts))

    def _names_sharing(self, s: Sentence, hit: PersonHit) -> list[PersonHit]:
        """The names listed right after ``hit`` (", B và C"), each with its posts."""
        grammar, words = self.grammar, s.words
        out: list[PersonHit] = []
        k = hit.end
        while k + 1 < len(words) and words[k] in (",", "và"):
            end = grammar.name_at(s, k + 1, 2)
            if end is None or (end < len(words) and words[end] not in (",", "và", ";", ".") and
                               not lx.role_after().longest(words, end)):
                break
            out.append(PersonHit(k + 1, k + 1, end, end, s.span_text(k + 1, end), list(hit.posts)))
            k = end
        return out

    def _shared_post_list(self, s: Sentence, start: int, cue: tuple[int, str] | None) -> list[PersonHit] | None:
        """"các đồng chí Phó Bí thư Tỉnh ủy: A, Chủ tịch HĐND tỉnh; B, ...", "các Phó Bí thư
        Tỉnh ủy: A, B": the people listed after the colon (``cue``, if any, opens the mention
        at ``start``), each with the shared post and their own."""
        grammar, words = self.grammar, s.words
        at = cue[0] if cue else start
        if at >= len(words) or words[at] not in grammar.titles.firsts:
            return None
        shared = grammar.chain_at(s, at, need_cap=False)
        if not shared or shared[-1].end >= len(words) or words[shared[-1].end] != ":":
            return None
        hits: list[PersonHit] = []
        k = shared[-1].end + 1
        while k < len(words):
            hit = grammar.person_at(s, k)
            if hit is None or hit.name_start != k:
                end = grammar.name_at(s, k, 2)
                if end is None:
                    break
                hit = PersonHit(k, k, end, end, s.span_text(k, end))
            hit.posts[:0] = [PostRef(p.start, p.end, p.title, p.body, p.compound_body, p.appointed) for p in shared]
            hit.cue = cue[1] if cue else "các"
            hits.append(hit)
            k = hit.end
            if k + 1 >= len(words) or words[k] not in _LIST_MARKS:
                break
            k += 1
        return hits or None

    def _appointments(self, s: Sentence, hit: PersonHit) -> None:
        """"... giữ chức Bí thư Huyện ủy Kiến Xương", "... được bầu làm Phó Chủ tịch": a post
        the person takes up (the cues are the titles lexicon's appointment_cues)."""
        cues = lx.appointment_cues()
        for k in range(hit.end, min(len(s), hit.end + 10)):
            found = cues.longest(s.words, k) if s.words[k] in cues.firsts else None
            if found:
                posts = self.grammar.chain_at(s, found[0], need_cap=False)
                for p in posts:
                    p.appointed = True
                hit.posts.extend(posts)
                return
            if s.words[k] in (";", ".", "đồng", "ông", "bà"):
                return
        if hit.cue == "tân":
            for p in hit.posts:
                p.appointed = True

    # ---- roles --------------------------------------------------------------------------
    def roles(self, s: Sentence, hits: list[PersonHit]) -> list[set[str]]:
        """The roles of each of ``hits`` in the meeting the sentence reports on."""
        after_trie, cue_trie = lx.role_after(), lx.attendance_cues()
        words = s.words
        roles: list[set[str]] = [set() for _ in hits]
        # the list-opening cues of the sentence and the roles they give ("Dự hội nghị có"); a
        # person takes the role of the last one before them
        cues: list[tuple[int, str, int]] = []
        for i in positions(words, cue_trie.firsts) if hits else ():
            found = cue_trie.longest(words, i)
            if found and (not cues or i >= cues[-1][2]):
                role = found[1]
                if not cues and role == "attendee" and lx.chair_openers().longest(words, 0):
                    role = "chair"  # "Chủ trì tại điểm cầu Thành ủy có các đồng chí: ..."
                cues.append((i, role, found[0]))
        first_cue = cues[0][0] if cues else len(s.raw)
        for n, hit in enumerate(hits):
            k = hit.end
            while k < len(s) and (words[k] in (",", "–", "-") or words[k] in _SKIP_ADVERBS):
                k += 1
            found = after_trie.longest(words, k)
            title = self.grammar.titles.longest(words, k) if not found and words[k:k + 1] and \
                words[k] in self.grammar.titles.firsts else None
            if title:  # ", Trưởng đoàn chủ trì": a title whose body is left unsaid, then the verb
                found = after_trie.longest(words, title[0])
            if found:
                roles[n].add(found[1])
                # "Đối với bà X, Phó Chủ tịch UBND TP yêu cầu": the posts belong to the
                # (unnamed) speaker of a new clause, not to X, the object of "với"
                before = words[hit.start - 1] if hit.start else ""
                if hit.posts and before in ("với", "cho", "của") and found[1] in ("speaker", "presenter", "chair") \
                        and hit.name_end < hit.end and words[hit.name_end] == ",":
                    hit.posts = [p for p in hit.posts if p.start < hit.name_start]
                    roles[n].discard(found[1])
                # "dự, chủ trì hội nghị và trao quyết định": several verbs, several roles
                j = found[0]
                while j + 1 < len(words) and words[j] in (",", "và") and (more := after_trie.longest(words, j + 1)):
                    roles[n].add(more[1])
                    j = more[0]
            if any(p.appointed for p in hit.posts):
                roles[n].add("appointee")
            cue_role = next((role for i, role, _end in reversed(cues) if i < hit.start), None)
            if cue_role:
                roles[n].add(cue_role)
            if hit.start >= 1 and words[hit.start - 1] == "cho" and \
                    any(w in ("trao", "tặng") for w in words[:hit.start]):
                roles[n].add("recipient")
        self._share_along_lists(s, hits, roles)
        if first_cue > (hits[0].start if hits else 0):
            self._chairs_of_a_list(s, hits, roles)
        return roles

    @staticmethod
    def _chairs_of_a_list(s: Sentence, hits: list[PersonHit], roles: list[set[str]]) -> None:
        """"Bí thư Tỉnh ủy A; các Phó Bí thư Tỉnh ủy: B, C đồng chủ trì hội nghị": a list of
        people closed by a verb of chairing, nothing but marks and posts between them, all chair."""
        if len(hits) < 2 or "chair" not in roles[-1]:
            return
        verbs = lx.role_after()
        words = s.words
        for n in range(len(hits) - 2, -1, -1):
            a, b = hits[n].end, hits[n + 1].start
            if a >= b or words[a] not in (",", ";", "và") or roles[n] - {"attendee"} \
                    or any(words[k] in verbs.firsts and verbs.longest(words, k) for k in range(a, b)):
                return  # not one list: a clause of its own between them
        for r in roles[:-1]:
            r.add("chair")

    @staticmethod
    def _share_along_lists(s: Sentence, hits: list[PersonHit], roles: list[set[str]]) -> None:
        """"A, ... và đồng chí B, ... đồng chủ trì": A shares B's role; so does everyone of a
        list opened by "Các đồng chí:" and closed by one verb ("A, ...; B, ... đồng chủ trì")."""
        words = s.words
        plural = bool(hits) and hits[0].cue in _PLURAL_CUES
        for n in range(len(hits) - 2, -1, -1):
            k = hits[n].end
            joined = k < len(s) and words[k] in ("và", "cùng") and hits[n + 1].start == k + 1
            listed = plural and k < len(s) and words[k] in (";", ",") and hits[n + 1].start == k + 1
            if joined or listed:
                shared = {r for r in roles[n + 1] if r != "attendee"}
                if not (roles[n] - {"attendee"}):
                    roles[n] |= shared
