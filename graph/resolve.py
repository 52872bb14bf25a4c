"""Turn article-local extraction keys into stable, readable ids shared across articles.

Ids are minted from names alone (``person/dao-phu-thuy-duong``, ``body/thanh-uy-hai-phong``,
``directive/quy-dinh-124-qd-tw``, ``meeting/<article_id>-<n>``), so the same input gives
the same ids on every build and a reader can tell what an id stands for. For now the same
id means the same entity: the first non-empty value of each attribute wins, articles
being taken in ``article_id`` order so the result does not depend on input order.

Every id of the graph is minted here (posts too: ``post/<title>--<body>``), so that the
later cross-article resolution can change them in one place. :func:`resolve_each` gives
each article's own view of the entities it names, which is what the RDF store keeps per
article.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Hashable, Iterable, Protocol, Sequence, TypeVar

from ..sources.text import ascii_fold
from .identity import Curation, Identities, resolve_identities, slugify
from .model import ArticleFacts, DirectiveMention, Evidence
from .resolved import (
    ArticleRecord,
    BodyRecord,
    DirectiveLinkRecord,
    DirectiveRecord,
    MeetingDirectiveRecord,
    MeetingRecord,
    MentionRecord,
    ParticipationRecord,
    PersonRecord,
    PositionRecord,
    ResolvedCorpus,
)


class _Entity(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Entity)
R = TypeVar("R")


def person_id(name: str) -> str:
    return f"person/{slugify(name)}"


def body_id(name: str) -> str:
    return f"body/{slugify(name)}"


def directive_id(kind: str, number: str, code: str | None = None) -> str:
    tail = f"-{slugify(code)}" if code and code.strip() else ""
    return f"directive/{slugify(kind)}-{slugify(number)}{tail}"


def meeting_id(article_id: str, n: int) -> str:
    """The ``n``-th meeting (from 1) of an article."""
    return f"meeting/{article_id}-{n}"


def post_id(title: str, body_id: str | None) -> str:
    """A post is a title in a body, whoever holds it: ``post/bi-thu--thanh-uy-hai-phong``."""
    tail = f"--{body_id.rpartition('/')[2]}" if body_id else ""
    return f"post/{slugify(title)}{tail}"


def resolve_each(facts: Sequence[ArticleFacts], identities: Identities | None = None) -> list[ResolvedCorpus]:
    """Each article's own view, in ``article_id`` order: what that article says, with the
    ids the whole corpus gives its people and documents. The RDF store keeps one view per
    article, so an article's view changes when the article, its extraction, or the
    identity of something it names does.
    """
    identities = identities if identities is not None else resolve_identities(facts)
    return [resolve([af], identities) for af in sorted(facts, key=lambda f: f.article.article_id)]


def resolve(facts: Sequence[ArticleFacts], identities: Identities | None = None,
            curation: Curation | None = None) -> ResolvedCorpus:
    """Merge the facts of all articles into one corpus of stable ids.

    ``identities`` (from :func:`~.identity.resolve_identities` over the whole corpus) say
    which mentions are one person or document; without them they are decided over
    ``facts``. Raises ``ValueError`` when a fact refers to a key its article does not
    define (an extraction bug that would otherwise silently drop the fact).
    """
    identities = identities if identities is not None else resolve_identities(facts, curation)
    out = ResolvedCorpus()
    people: dict[str, PersonRecord] = {}
    bodies: dict[str, BodyRecord] = {}
    directives: dict[str, DirectiveRecord] = {}
    mentions: set[MentionRecord] = set()
    for af in sorted(facts, key=lambda f: f.article.article_id):
        _resolve_article(af, identities, out, people, bodies, directives, mentions)
    articles = {af.article.article_id for af in facts}
    out.decisions = identities.decisions_in(articles)
    out.review = identities.review_between({p.id for p in people.values()})
    out.people = _by_id(people)
    out.bodies = _by_id(bodies)
    out.directives = _by_id(directives)
    out.positions = _unique(out.positions, lambda r: (r.article_id, r.person_id, r.label))
    out.participation = _unique(out.participation, lambda r: (r.meeting_id, r.person_id, r.role))
    out.meeting_directives = _unique(out.meeting_directives, lambda r: (r.meeting_id, r.directive_id, r.relation))
    out.directive_links = _unique(out.directive_links, lambda r: (r.directive_id, r.implements_id, r.article_id))
    out.mentions = sorted(mentions, key=lambda m: (m.article_id, m.entity_type, m.entity_id))
    return out


def _resolve_article(af: ArticleFacts, identities: Identities, out: ResolvedCorpus,
                     people: dict[str, PersonRecord], bodies: dict[str, BodyRecord],
                     directives: dict[str, DirectiveRecord], mentions: set[MentionRecord]) -> None:
    a = af.article
    aid = a.article_id
    out.articles.append(ArticleRecord(aid, a.title, a.published, a.url, a.locality, tuple(a.authors), a.source_path,
                                      a.content_hash))

    body_ids = {b.key: body_id(b.name) for b in af.bodies}
    person_ids = {p.key: identities.person.get((aid, p.key)) or person_id(p.name) for p in af.people}
    directive_ids = {d.key: identities.directive.get((aid, d.key)) or directive_id(d.kind, d.number, d.code)
                     for d in af.directives}

    def ref(table: dict[str, str], key: str, what: str) -> str:
        if key not in table:
            raise ValueError(f"article {aid}: {what} key {key!r} matches no {what} of the article")
        return table[key]

    for b in af.bodies:
        parent = ref(body_ids, b.parent, "body") if b.parent else None
        if b.name in identities.body_parent:  # the parent the corpus agrees on
            agreed = identities.body_parent[b.name]
            parent = body_id(agreed) if agreed else parent
        _merge(bodies, BodyRecord(body_ids[b.key], b.name, b.kind, parent, b.locality))
        mentions.add(MentionRecord(aid, "body", body_ids[b.key]))
    for p in af.people:
        pid = person_ids[p.key]
        _merge(people, PersonRecord(pid, p.name))
        mentions.add(MentionRecord(aid, "person", pid))
        for post in p.posts:
            bid = ref(body_ids, post.body, "body") if post.body else None
            out.positions.append(PositionRecord(aid, pid, post.title, bid, post.label, post.evidence))
    for d in af.directives:
        did = directive_ids[d.key]
        _merge(directives, DirectiveRecord(did, d.kind, d.number, d.code, d.issued, d.issuer,
                                           d.issuer_level, d.subject, d.term,
                                           body_id(d.issuer) if d.issuer and d.issuer.strip() else None))
        mentions.add(MentionRecord(aid, "directive", did))
        for target in d.implements:
            target_id = ref(directive_ids, target, "directive")
            out.directive_links.append(DirectiveLinkRecord(did, target_id, aid, _shared_sentence(d, af.directives, target)))
    for n, m in enumerate(af.meetings, start=1):
        mid = meeting_id(aid, n)
        organizer = ref(body_ids, m.organizer, "body") if m.organizer else None
        out.meetings.append(MeetingRecord(mid, aid, m.kind, m.title, m.date, organizer, m.online, m.evidence))
        mentions.add(MentionRecord(aid, "meeting", mid))
        for part in m.participants:
            out.participation.append(
                ParticipationRecord(mid, ref(person_ids, part.person, "person"), part.role, part.evidence))
        for md in m.directives:
            out.meeting_directives.append(
                MeetingDirectiveRecord(mid, ref(directive_ids, md.directive, "directive"), md.relation, md.evidence))


def _shared_sentence(doc: DirectiveMention, docs: Sequence[DirectiveMention], target: str) -> Evidence | None:
    """The first sentence that names both ``doc`` and the document ``target`` it implements.

    Extraction reads "A ... thực hiện B" within a sentence, so that sentence states the link.
    """
    spans = {(e.start, e.end) for d in docs if d.key == target for e in d.evidence}
    return next((e for e in sorted(doc.evidence, key=lambda e: e.start) if (e.start, e.end) in spans), None)


def _merge(table: dict[str, E], record: E) -> None:
    """Add ``record`` under its id, keeping earlier non-empty values and filling empty ones."""
    old = table.get(record.id)
    if old is None:
        table[record.id] = record
        return
    fill = {f.name: getattr(record, f.name) for f in dataclasses.fields(old)  # type: ignore[arg-type]
            if getattr(old, f.name) in (None, "") and getattr(record, f.name) not in (None, "")}
    if fill:
        table[record.id] = dataclasses.replace(old, **fill)  # type: ignore[type-var]


def _by_id(table: dict[str, E]) -> list[E]:
    return [table[k] for k in sorted(table)]


def _unique(rows: Iterable[R], key: Callable[[R], Hashable]) -> list[R]:
    """Rows in their first-seen order, the first of each ``key`` kept (with its evidence)."""
    seen: set[Hashable] = set()
    kept: list[R] = []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            kept.append(row)
    return kept
