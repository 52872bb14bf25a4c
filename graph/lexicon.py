"""Compiled views of the YAML lexicons for the extractor: token tries, sets and maps,
matched against the tokenised sentences of :mod:`.tokens`.

Everything linguistic lives in ``ontology/lexicons/*.yaml``; this module only turns those
lists into structures that are fast to match (a trie over lower-cased tokens, with every
abbreviated variant of a phrase: "Ủy ban nhân dân" is also reached by "UBND").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..ontology import lexicon
from ..sources.text import canonical
from .tokens import TOKEN

def tokens_of(phrase: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in TOKEN.findall(canonical(phrase)))


def first_words(phrases) -> frozenset[str]:
    """The first (lower-cased) token of each phrase: a sentence none of whose words is in
    this set cannot contain any of the phrases (a C-level set test, cheaper than a regex)."""
    return frozenset(tokens_of(p)[0] for p in phrases if tokens_of(p))


def last_words(phrases) -> frozenset[str]:
    """The last (lower-cased) token of each phrase."""
    return frozenset(tokens_of(p)[-1] for p in phrases if tokens_of(p))


class Trie:
    """Longest-match lookup of token sequences (lower-cased) carrying payloads.

    ``firsts`` holds the first token of every entry: a caller can test a word against it
    (or find candidates with :func:`positions`) before calling a lookup.
    """

    __slots__ = ("root", "firsts")

    def __init__(self) -> None:
        self.root: dict = {}
        self.firsts: set[str] = set()

    def add(self, toks: tuple[str, ...], payload: Any) -> None:
        if toks:
            self.firsts.add(toks[0])
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault(None, []).append(payload)

    def matches(self, words: list[str], i: int) -> list[tuple[int, Any]]:
        """All (end, payload) of entries starting at ``words[i]``, longest first."""
        if i >= len(words) or words[i] not in self.root:
            return []
        node, j, out = self.root, i, []
        while j < len(words) and words[j] in node:
            node = node[words[j]]
            j += 1
            if None in node:
                out.extend((j, p) for p in node[None])
        out.reverse()
        return out

    def longest(self, words: list[str], i: int) -> tuple[int, Any] | None:
        """The longest entry starting at ``words[i]`` as (end, payload), or None."""
        node = self.root
        if i >= len(words) or words[i] not in node:
            return None
        best, j, n = None, i, len(words)
        while j < n:
            node = node.get(words[j])
            if node is None:
                break
            j += 1
            if None in node:
                best = (j, node[None][0])
        return best


@lru_cache(maxsize=1)
def _abbreviations() -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    table = lexicon("abbreviations")
    pairs = [(tokens_of(full), [tokens_of(a) for a in abbrs]) for full, abbrs in table.items()]
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


def variants(phrase: str) -> list[tuple[str, ...]]:
    """Token sequences of ``phrase`` and of every abbreviated way to write it."""
    base = tokens_of(phrase)
    out = {base}
    changed = True
    while changed:
        changed = False
        for seq in list(out):
            for full, abbrs in _abbreviations():
                n = len(full)
                for k in range(len(seq) - n + 1):
                    if seq[k:k + n] == full:
                        for a in abbrs:
                            new = seq[:k] + a + seq[k + n:]
                            if new not in out:
                                out.add(new)
                                changed = True
        if len(out) > 64:  # enough: abbreviations do not stack deeper in practice
            break
    return sorted(out)


@dataclass(frozen=True)
class Title:
    vi: str
    en: str
    standalone: bool = False
    body: str | None = None  # implied body of a standalone title
    of_heads: tuple[str, ...] = ()  # alone before a name: held in the last body opening with one of these


@dataclass(frozen=True)
class Head:
    """A body head from the grammar in bodies.yaml."""

    group: str  # party_committees | committee_organs | central_bodies | state_bodies | numbered_bodies
    vi: str
    kind: str
    en: str
    place: str = "none"
    style: str = "noun"
    unit: str = "none"
    parent: str | None = None
    named: bool = False  # a proper name must follow the head ("Bộ Nội vụ", not "Bộ")
    capital: bool = False  # written with a capital only ("Vụ Pháp chế"; "vụ" ends "Nội vụ")
    mass: bool = False  # a mass organisation (its "Ban Chấp hành Trung ương" is its own)


@lru_cache(maxsize=1)
def titles() -> Trie:
    trie = Trie()
    for t in lexicon("titles")["titles"]:
        title = Title(canonical(t["vi"]), t["en"], bool(t.get("standalone")), t.get("body"),
                      tuple(canonical(h) for h in t.get("of_heads", ())))
        for v in variants(t["vi"]):
            trie.add(v, title)
    return trie


@lru_cache(maxsize=1)
def compound_posts() -> Trie:
    trie = Trie()
    for c in lexicon("titles")["compound_posts"]:
        body = canonical(c["body"]) if c.get("body") else "organ:" + canonical(c["organ"])
        for v in variants(c["form"]):
            trie.add(v, (canonical(c["title"]), body))
    return trie


def _words_trie(phrases: list[str]) -> Trie:
    """A trie whose payload is the canonical phrase itself."""
    trie = Trie()
    for p in phrases:
        trie.add(tokens_of(p), canonical(p))
    return trie


@lru_cache(maxsize=1)
def ranks() -> Trie:
    return _words_trie(lexicon("titles")["ranks"])


@lru_cache(maxsize=1)
def person_cues() -> Trie:
    return _words_trie(lexicon("titles")["person_cues"])


@lru_cache(maxsize=1)
def heads() -> Trie:
    bodies = lexicon("bodies")
    trie = Trie()
    for group in ("party_committees", "committee_organs", "state_bodies", "numbered_bodies"):
        for e in bodies[group]:
            head = Head(group, canonical(e["head"]), e["kind"], e["en"], e.get("place", "none"),
                        e.get("style", "noun"), e.get("unit", "none"), e.get("parent") or e.get("of"),
                        bool(e.get("named")), bool(e.get("capital")), bool(e.get("mass")))
            for v in variants(e["head"]):
                trie.add(v, head)
    for e in bodies["central_bodies"]:
        head = Head("central_bodies", canonical(e["name"]), e["kind"], e["en"])
        for name in [e["name"], *e.get("aliases", [])]:
            for v in variants(name):
                trie.add(v, head)
    return trie


@lru_cache(maxsize=1)
def unit_lists() -> dict[str, Trie]:
    bodies = lexicon("bodies")
    out: dict[str, Trie] = {}
    for key in ("party_units", "managed_units", "schools"):
        trie = Trie()
        for u in bodies[key]:
            form = "numbered" if u.get("numbered") else "place" if u.get("place") else "free" if u.get("free") else "closed"
            for v in variants(u["name"]):
                trie.add(v, (canonical(u["name"]), form))
        out[key] = trie
    trie = Trie()
    for d in bodies["departments"]:
        for v in variants(d):  # "Nông nghiệp và PTNT"
            trie.add(v, (canonical(d), "closed"))
    out["departments"] = trie
    return out


@lru_cache(maxsize=1)
def name_stops() -> frozenset[str]:
    """Words that end a body's proper name written in free form."""
    return frozenset(canonical(w).lower() for w in lexicon("bodies")["name_stops"])


@lru_cache(maxsize=1)
def closed_party_units() -> frozenset[str]:
    """Party units named by a fixed word alone ("Công an", "Bộ đội Biên phòng"), no name after."""
    return frozenset(canonical(u["name"]) for u in lexicon("bodies")["party_units"]
                     if not (u.get("free") or u.get("place") or u.get("numbered")))


@lru_cache(maxsize=1)
def name_stop_verbs() -> Trie:
    """Verbs that, in lower case, end a body's proper name written in free form."""
    return _words_trie(lexicon("bodies")["name_stop_verbs"])


@lru_cache(maxsize=1)
def legal_forms() -> Trie:
    """Legal forms of an enterprise between its head and its name ("cổ phần", "TNHH")."""
    return _words_trie(lexicon("bodies")["legal_forms"])


@lru_cache(maxsize=1)
def comma_parents() -> frozenset[str]:
    """Kinds of body that, after a comma, are the parent of the body before them."""
    return frozenset(lexicon("bodies")["comma_parents"])


@lru_cache(maxsize=1)
def dang_bo_levels() -> dict[str, str]:
    return {canonical(k).lower(): canonical(v) for k, v in lexicon("bodies")["dang_bo_levels"].items()}


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], Trie]:
    """Family names, and the words that open a name as one does (``openers``: "Y Kôn Byă")."""
    lx = lexicon("surnames")
    simple = frozenset(canonical(s) for s in [*lx["simple"], *lx.get("openers", [])])
    compound = Trie()
    for c in lx["compound"]:
        compound.add(tokens_of(c), canonical(c))
    return simple, compound


@lru_cache(maxsize=1)
def appointment_cues() -> Trie:
    """Words before a post a person takes up ("được bầu làm"), except "tân", which stands before the post."""
    return _words_trie([c for c in lexicon("titles")["appointment_cues"] if c != "tân"])


@lru_cache(maxsize=1)
def eponyms() -> Trie:
    """Names of people that name places, bodies and ideas: never a person of a report."""
    return _words_trie(lexicon("titles").get("eponyms", []))


@lru_cache(maxsize=1)
def middle_names() -> frozenset[str]:
    """Middle names after which any capitalised syllable before them is a family name."""
    return frozenset(canonical(w) for w in lexicon("surnames").get("middle_names", []))


@lru_cache(maxsize=1)
def provinces() -> dict[tuple[str, ...], tuple[str, str]]:
    """Token sequence of a province name or alias -> (canonical name, level)."""
    out = {}
    for p in lexicon("places")["provinces"]:
        # a name that is not a place by itself ("Hồ Chí Minh") is one only as its aliases write it
        for n in [*([p["name"]] if p.get("bare", True) or p["level"] == "country" else []), *p.get("aliases", [])]:
            out[tokens_of(n)] = (canonical(p["name"]), p["level"])
    return out


@lru_cache(maxsize=1)
def province_first_words() -> frozenset[str]:
    """The first token of every province name or alias."""
    return frozenset(key[0] for key in provinces() if key)


@lru_cache(maxsize=1)
def province_levels() -> dict[str, str]:
    return {canonical(p["name"]): p["level"] for p in lexicon("places")["provinces"]}


@lru_cache(maxsize=1)
def written_places() -> dict[str, str]:
    """Province or city -> how a body name ends with it ("Hồ Chí Minh" -> "Thành phố Hồ Chí Minh")."""
    return {canonical(p["name"]): canonical(p["written"]) for p in lexicon("places")["provinces"] if p.get("written")}


@lru_cache(maxsize=1)
def place_nouns() -> Trie:
    trie = Trie()
    for noun, level in lexicon("places")["place_nouns"].items():
        for v in variants(noun):
            trie.add(v, (canonical(noun), level))
    return trie


def phrase_trie(phrases_by_key: dict[str, list[str]]) -> Trie:
    trie = Trie()
    for key, phrases in phrases_by_key.items():
        for p in phrases:
            trie.add(tokens_of(p), key)
    return trie


@lru_cache(maxsize=1)
def role_after() -> Trie:
    return phrase_trie(lexicon("roles")["after_person"])


@lru_cache(maxsize=1)
def role_before() -> Trie:
    return phrase_trie(lexicon("roles")["before_person"])


@lru_cache(maxsize=1)
def chair_openers() -> Trie:
    """Words that, opening a sentence, make the people it lists chairs."""
    return _words_trie(lexicon("roles")["chair_openers"])


@lru_cache(maxsize=1)
def attendance_cues() -> Trie:
    """Phrases that open a list of people, with the role they give: attendee or chair."""
    roles = lexicon("roles")
    kinds = [*lexicon("meetings")["kinds"], "buổi lễ", "phiên khai mạc"]

    def expanded(phrases: list[str]) -> list[str]:  # "{kind}": every kind of gathering
        return [p.replace("{kind}", k) for p in phrases for k in (kinds if "{kind}" in p else [""])]

    return phrase_trie({"attendee": expanded(roles["attendance_cues"]), "chair": expanded(roles["chair_cues"])})


@lru_cache(maxsize=1)
def verb_starts() -> frozenset[str]:
    """First words of role verbs: a capitalised one ("Quán triệt") is not a place name."""
    out = set()
    for phrases in lexicon("roles")["after_person"].values():
        for p in phrases:
            out.add(tokens_of(p)[0])
    return frozenset(out)
