"""Which mentions, across articles, are one person or one document, and why.

Extraction reads each article alone; this stage decides identities over the whole corpus:

- people: one person per name (spelling variants fold together: tone placement, case,
  spacing), unless the careers cannot be one: the same name holding posts in two
  different provinces at the same time is two people. Such pairs are kept apart and
  flagged for review.
- documents: one document per kind, number and issuer ("Nghị quyết 45", "Nghị quyết số
  45 của Bộ Chính trị" and "NQ 45-NQ/TW" are one; "Kế hoạch 30-KH/ĐU" of two Đảng ủy are
  two), and per issue date when a number is reused (Chỉ thị 35-CT/TW of 2019 and of
  2024). A mention that names no issuer joins the one document it can be.
- bodies need no decision here: extraction already writes every body's full name.

Every decision is recorded (:class:`Decision`: which rule, on what evidence) and a
curation file (:class:`Curation`) can overrule any of them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import yaml

from ..ontology import lexicon
from ..sources.text import ascii_fold, canonical
from .model import ArticleFacts, DirectiveMention, PersonMention

# Two posts in different provinces this close in time cannot be held by one person.
SAME_TIME_DAYS = 31


@lru_cache(maxsize=1 << 16)  # names and bodies recur in thousands of articles
def slugify(text: str) -> str:
    """ASCII slug of a Vietnamese phrase: ``"Đào Phú Thùy Dương"`` -> ``"dao-phu-thuy-duong"``.

    A phrase with no letters or digits at all gets a short hash, never ``""``.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(canonical(text)).lower()).strip("-")
    return slug or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def person_key(name: str) -> str:
    """The form under which spellings of one name meet: canonical tone placement, case, spaces."""
    return " ".join(canonical(name).casefold().split())


@dataclass(frozen=True)
class Decision:
    """Why a mention in an article was given its entity id."""

    entity_type: str  # "person" | "directive"
    entity_id: str
    article_id: str
    written: str  # the mention as the article writes it
    rule: str  # e.g. "same-name", "homonym-split", "issuer-from-code", "curation-same"
    detail: str = ""


@dataclass(frozen=True)
class ReviewFlag:
    """Two entities kept apart that a curator should look at (same name, other career)."""

    entity_type: str
    first_id: str
    second_id: str
    reason: str


@dataclass
class Curation:
    """Decisions made by a person: ``same`` merges ids or names; ``different`` splits a
    name into the people its article groups describe."""

    same: list[list[str]] = field(default_factory=list)
    different: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> "Curation":
        cur = cls()
        for path in paths:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path}: a curation file maps 'same' and 'different' to lists")
            for group in data.get("same") or []:
                if not isinstance(group, list) or len(group) < 2:
                    raise ValueError(f"{path}: each 'same' entry lists two or more ids or names")
                cur.same.append([str(x) for x in group])
            for entry in data.get("different") or []:
                if not isinstance(entry, dict) or "name" not in entry or "groups" not in entry:
                    raise ValueError(f"{path}: each 'different' entry has a name and groups of articles")
                cur.different.append(entry)
        return cur


@dataclass
class Identities:
    """Entity ids of every person and document mention, by (article id, extraction key)."""

    person: dict[tuple[str, str], str] = field(default_factory=dict)
    directive: dict[tuple[str, str], str] = field(default_factory=dict)
    body_parent: dict[str, str | None] = field(default_factory=dict)  # by full body name
    decisions: list[Decision] = field(default_factory=list)
    review: list[ReviewFlag] = field(default_factory=list)
    # positions of the decisions by article and of the review flags by first entity (see _among)
    _by_article: tuple = field(default=((0, 0), {}), init=False, repr=False, compare=False)
    _by_entity: tuple = field(default=((0, 0), {}), init=False, repr=False, compare=False)

    def decisions_in(self, articles: set[str]) -> list[Decision]:
        """The decisions about mentions in ``articles``, in their order: looked up, not
        filtered, since each article's view asks for its own (once per article of the corpus)."""
        return self._among(self.decisions, "_by_article", lambda d: d.article_id, articles)

    def review_between(self, ids: set[str]) -> list[ReviewFlag]:
        """The review flags whose two entities are both among ``ids``, in their order."""
        return [r for r in self._among(self.review, "_by_entity", lambda r: r.first_id, ids) if r.second_id in ids]

    def _among(self, items: list, cache: str, key: Callable[[Any], str], wanted: set[str]) -> list:
        """The ``items`` whose ``key`` is in ``wanted``, in their order, through an index of
        their positions by key kept in the field ``cache``: made when first asked for, again
        when the list was replaced or has grown since."""
        stamp, index = getattr(self, cache)
        if stamp != (id(items), len(items)):
            index = {}
            for i, item in enumerate(items):
                index.setdefault(key(item), []).append(i)
            setattr(self, cache, ((id(items), len(items)), index))
        return [items[i] for i in sorted(i for k in wanted for i in index.get(k, ()))]


def article_date(af: ArticleFacts) -> str | None:
    """When the article speaks: its publication date, else its first dated meeting."""
    if af.article.published:
        return af.article.published
    dates = sorted(m.date for m in af.meetings if m.date)
    return dates[0] if dates else None


def resolve_identities(facts: Sequence[ArticleFacts], curation: Curation | None = None) -> Identities:
    out = Identities()
    ordered = sorted(facts, key=lambda f: f.article.article_id)
    _people(ordered, curation or Curation(), out)
    _directives(ordered, out)
    _body_parents(ordered, out)
    if curation and curation.same:
        _apply_same(curation, out)
    return out


# ---- people ---------------------------------------------------------------------------------

@dataclass
class _PersonMention:
    article_id: str
    date: dt.date | None
    provinces: frozenset[str]
    mention: PersonMention


def _provinces_of(p: PersonMention, localities: dict[str, str | None]) -> frozenset[str]:
    """The provinces of the bodies the person's posts are in (national posts have none)."""
    return frozenset(loc for post in p.posts if post.body and (loc := localities.get(post.body)))


class _Career:
    """The mentions taken as one person so far, in date order, and those of the last
    :data:`SAME_TIME_DAYS` that place them in a province: only those can conflict with the
    next mention (later mentions come in date order), so a leader named in thousands of
    articles is checked against a month of them, by their sets of provinces, not against
    every earlier mention."""

    __slots__ = ("members", "recent", "recent_provinces")

    def __init__(self) -> None:
        self.members: list[_PersonMention] = []
        self.recent: deque[_PersonMention] = deque()
        self.recent_provinces: Counter[frozenset[str]] = Counter()

    def add(self, m: _PersonMention) -> None:
        self.members.append(m)
        if m.date is not None and m.provinces:
            self.recent.append(m)
            self.recent_provinces[m.provinces] += 1

    def _slide(self, day: dt.date) -> None:
        while self.recent and (day - self.recent[0].date).days > SAME_TIME_DAYS:
            old = self.recent.popleft().provinces
            self.recent_provinces[old] -= 1
            if not self.recent_provinces[old]:
                del self.recent_provinces[old]

    def conflicts(self, m: _PersonMention) -> bool:
        """Whether ``m`` (no earlier than any member) conflicts with a member (:func:`_conflict`)."""
        if m.date is None or not m.provinces:
            return False
        self._slide(m.date)
        return any(m.provinces.isdisjoint(p) for p in self.recent_provinces)

    def first_conflict(self, m: _PersonMention) -> str | None:
        """The reason of the first member (in order) that ``m`` conflicts with."""
        if m.date is None or not m.provinces:
            return None
        self._slide(m.date)
        return next((r for other in self.recent if (r := _conflict(m, other))), None)


def _conflict(a: _PersonMention, b: _PersonMention) -> str | None:
    if a.date is None or b.date is None or not a.provinces or not b.provinces:
        return None
    if abs((a.date - b.date).days) > SAME_TIME_DAYS or a.provinces & b.provinces:
        return None
    return (f"posts in {', '.join(sorted(a.provinces))} ({a.article_id}, {a.date}) and in "
            f"{', '.join(sorted(b.provinces))} ({b.article_id}, {b.date}) at the same time")


def _people(facts: Sequence[ArticleFacts], curation: Curation, out: Identities) -> None:
    groups: dict[str, list[_PersonMention]] = defaultdict(list)
    for af in facts:
        localities = {b.key: b.locality for b in af.bodies}
        when = article_date(af)
        day = dt.date.fromisoformat(when) if when else None
        for p in af.people:
            groups[person_key(p.name)].append(
                _PersonMention(af.article.article_id, day, _provinces_of(p, localities), p))
    forced = {person_key(e["name"]): [set(map(str, g)) for g in e["groups"]] for e in curation.different}
    taken: set[str] = set()  # ids already given: "Bình" and "Bính" fold to one slug
    for key in sorted(groups):
        mentions = sorted(groups[key], key=lambda m: (m.date or dt.date.max, m.article_id))
        clusters: list[list[_PersonMention]] = []
        reasons: dict[int, str] = {}
        if key in forced:
            clusters = [[] for _ in forced[key]]
            for m in mentions:
                at = next((i for i, g in enumerate(forced[key]) if m.article_id in g), 0)
                clusters[at].append(m)
            clusters = [c for c in clusters if c]
            for i in range(1, len(clusters)):
                reasons[i] = "curation-different"
        else:
            careers: list[_Career] = []
            for m in mentions:
                for c in careers:
                    if not c.conflicts(m):
                        c.add(m)
                        break
                else:
                    if careers:  # the careers cannot be one: another person of the same name
                        reasons[len(careers)] = next(r for c in careers if (r := c.first_conflict(m)))
                    careers.append(_Career())
                    careers[-1].add(m)
            clusters = [c.members for c in careers]
        ids = _person_ids(clusters, taken)
        taken.update(ids)
        for n, (cluster, pid) in enumerate(zip(clusters, ids)):
            rule = "homonym-split" if n else ("same-name" if len({m.article_id for m in mentions}) > 1 else "single")
            if reasons.get(n) == "curation-different":
                rule = "curation-different"
            for m in cluster:
                out.person[(m.article_id, m.mention.key)] = pid
                out.decisions.append(Decision("person", pid, m.article_id, m.mention.name, rule,
                                              "" if rule == "curation-different" else reasons.get(n, "")))
            if n:
                out.review.append(ReviewFlag("person", ids[0], pid, reasons[n]))


def _person_ids(clusters: list[list[_PersonMention]], taken: set[str]) -> list[str]:
    """The first person of a name keeps the plain slug; a homonym adds the province of its
    posts (and a number if that is taken too). Another name that folds to a taken slug
    ("Trần Văn Bính" after "Trần Văn Bình") takes the next free number."""
    base = f"person/{slugify(clusters[0][0].mention.name)}"
    n = 1
    while base in taken:
        n += 1
        base = f"person/{slugify(clusters[0][0].mention.name)}-{n}"
    ids = [base]
    for c in clusters[1:]:
        provinces = Counter(p for m in c for p in m.provinces)
        tail = slugify(provinces.most_common(1)[0][0]) if provinces else "2"
        pid, n = f"{base}--{tail}", 2
        while pid in ids or pid in taken:
            n += 1
            pid = f"{base}--{tail}-{n}"
        ids.append(pid)
    return ids


# ---- documents ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(kind -> kind it is the same as, kind -> usual code part, names of national bodies)."""
    lx = lexicon("directives")
    same = {canonical(k["vi"]): canonical(k.get("same_as", k["vi"])) for k in lx["kinds"]}
    code = {canonical(k["vi"]): k["code"] for k in lx["kinds"] if k.get("code")}
    central = frozenset(canonical(b["name"]) for b in lexicon("bodies")["central_bodies"]) | frozenset(
        canonical(alias) for b in lexicon("bodies")["central_bodies"] for alias in b.get("aliases", []))
    return same, code, central


@lru_cache(maxsize=1)
def _national_series() -> frozenset[str]:
    """The numbering series of national issuers other than the Party's centre ("qh", "cp"...)."""
    return frozenset(v["series"] for v in lexicon("directives")["issuers"].values() if v.get("series"))


def directive_scope(d: DirectiveMention) -> tuple[str | None, str]:
    """Who issued the document, as a scope: ``"tw"`` for the centre, else the issuing body's
    slug; None when the article does not say. Also the rule that decided it."""
    _same, _code, central = _kinds()
    if d.issuer_level == "central":
        return d.series or "tw", "issuer-from-code"
    if d.issuer:
        if d.issuer in central or d.issuer.endswith("Trung ương") or d.series:
            return d.series or "tw", "issuer-named"
        # a committee's documents are numbered by the committee, whichever of its organs
        # signs them: "của Ban Thường vụ Thành ủy" and "của Thành ủy" are one issuer
        issuer = re.sub(r"^(?:Ban Thường vụ|Thường trực|Ban Chấp hành) (?=\S+ ủy\b)", "", d.issuer)
        return slugify(issuer), ("issuer-from-code" if d.issuer_level else "issuer-named")
    return None, "no-issuer"


@dataclass
class _DocMention:
    article_id: str
    date: str | None
    scope: str | None
    scope_rule: str
    mention: DirectiveMention


def _directives(facts: Sequence[ArticleFacts], out: Identities) -> None:
    same, _code, _central = _kinds()
    groups: dict[tuple[str, str], list[_DocMention]] = defaultdict(list)
    for af in facts:
        when = article_date(af)
        for d in af.directives:
            scope, rule = directive_scope(d)
            groups[(same.get(d.kind, d.kind), d.number)].append(
                _DocMention(af.article.article_id, when, scope, rule, d))
    for (kind, number) in sorted(groups):
        mentions = groups[(kind, number)]
        scopes = sorted({m.scope for m in mentions if m.scope})
        # a mention that names no issuer joins the one scope it can belong to
        for m in mentions:
            if m.scope is None and len(scopes) == 1:
                m.scope, m.scope_rule = scopes[0], "only-issuer-of-this-number"
        for scope in sorted({m.scope for m in mentions}, key=lambda s: (s is None, s or "")):
            _one_scope(kind, number, scope, [m for m in mentions if m.scope == scope], out)


def _one_scope(kind: str, number: str, scope: str | None, mentions: list[_DocMention], out: Identities) -> None:
    """Documents of one kind, number and issuer: one per issue date. An undated mention is
    the latest one issued before its article; none issued yet means an earlier document of
    the same number (Chỉ thị 35-CT/TW of 2024 is not the one an article of 2020 cites)."""
    issued = sorted({m.mention.issued for m in mentions if m.mention.issued})
    assigned: list[tuple[_DocMention, str | None, str]] = []
    for m in mentions:
        when, rule = m.mention.issued, m.scope_rule
        if when is None and issued:
            earlier = [d for d in issued if m.date is None or d <= m.date]
            if earlier:
                when = earlier[-1]
                rule += ", latest-issued-before-the-article" if len(issued) > 1 else ", issued-before-the-article"
            else:
                rule += ", issued-after-the-article: an earlier document"
        assigned.append((m, when, rule))
    documents = {when for _m, when, _r in assigned}
    code = _usual_code(kind, scope, mentions)  # once for all: a directive may be cited in thousands of articles
    for m, when, rule in assigned:
        did = _directive_id(kind, number, scope, when if len(documents) > 1 else None, code)
        out.directive[(m.article_id, m.mention.key)] = did
        out.decisions.append(Decision("directive", did, m.article_id,
                                      f"{m.mention.kind} {m.mention.number}" + (f"-{m.mention.code}" if m.mention.code else ""),
                                      rule))


def _usual_code(kind: str, scope: str | None, mentions: list[_DocMention]) -> str | None:
    """The code the mentions of a document give most, else the central code of its kind."""
    _same, usual, _central = _kinds()
    codes = Counter(m.mention.code for m in mentions if m.mention.code)
    if codes:
        return codes.most_common(1)[0][0]
    return f"{usual[kind]}/TW" if scope == "tw" and kind in usual else None


def _directive_id(kind: str, number: str, scope: str | None, issued: str | None, code: str | None) -> str:
    """``directive/nghi-quyet-45-nq-tw``; a local document adds its issuer
    (``directive/ke-hoach-30-kh-du--dang-uy-khu-kinh-te-hai-phong``), a reused number its year."""
    parts = [slugify(kind), slugify(number)] + ([slugify(code)] if code else [])
    did = "directive/" + "-".join(parts)
    if scope and scope != "tw" and not (code and scope in _national_series()):
        did += f"--{scope}"  # a national series other than the Party's is told by its code
    if issued:
        did += f"-{issued[:4]}"
    return did


# ---- bodies -------------------------------------------------------------------------------

def _body_parents(facts: Sequence[ArticleFacts], out: Identities) -> None:
    """One parent per body, the one most articles give (the first named on a tie), so the
    hierarchy is the same whichever article is read."""
    votes: dict[str, Counter[str | None]] = defaultdict(Counter)
    for af in facts:
        for b in af.bodies:
            votes[b.name][b.parent] += 1
    for name, counter in votes.items():
        named = [(n, p) for p, n in counter.items() if p]
        out.body_parent[name] = max(named, key=lambda x: x[0])[1] if named else None


# ---- curation -------------------------------------------------------------------------------

def _apply_same(curation: Curation, out: Identities) -> None:
    """Merge the entities a curator says are one, under the first one's id. A name stands
    for the first entity of that name (a homonym kept apart is named by its id)."""
    names: dict[str, list[str]] = defaultdict(list)
    for d in out.decisions:
        if d.entity_id not in names[person_key(d.written)]:
            names[person_key(d.written)].append(d.entity_id)
    for group in curation.same:
        ids: list[str] = []
        for item in group:
            found = [item] if "/" in item else names.get(person_key(item), [])[:1]
            ids.extend(i for i in found if i not in ids)
        if len(ids) < 2:
            continue
        target = ids[0]
        rename = set(ids[1:])
        for table in (out.person, out.directive):
            for k, v in table.items():
                if v in rename:
                    table[k] = target
        out.decisions = [Decision(d.entity_type, target, d.article_id, d.written, "curation-same", f"was {d.entity_id}")
                         if d.entity_id in rename else d for d in out.decisions]
        out.review = [r for r in out.review if not ({r.first_id, r.second_id} <= set(ids))]
