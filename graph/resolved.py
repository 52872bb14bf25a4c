"""The corpus after resolution: one row per entity or fact, with stable ids.

These rows are what every export reads (RDF, CSV, HTML), so they are flat, typed and
ordered; the extraction dataclasses in :mod:`.model` stay article-local.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .identity import Decision, ReviewFlag
from .model import Evidence


@dataclass(frozen=True)
class ArticleRecord:
    article_id: str
    title: str
    published: str | None
    url: str | None
    locality: str | None
    authors: tuple[str, ...]
    source_path: str
    content_hash: str = ""  # sha256 of the text as read: tells a changed article from an unchanged one


@dataclass(frozen=True)
class PersonRecord:
    id: str
    name: str


@dataclass(frozen=True)
class BodyRecord:
    id: str
    name: str
    kind: str
    parent_id: str | None = None
    locality: str | None = None


@dataclass(frozen=True)
class DirectiveRecord:
    id: str
    kind: str
    number: str
    code: str | None = None
    issued: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    subject: str | None = None
    term: str | None = None
    issuer_id: str | None = None  # the issuing body's id, minted from ``issuer`` like any body's


@dataclass(frozen=True)
class MeetingRecord:
    id: str
    article_id: str
    kind: str
    title: str
    date: str | None
    organizer_id: str | None
    online: bool
    evidence: Evidence | None = None


@dataclass(frozen=True)
class PositionRecord:
    """A post an article gives a person: ``label`` is the full post as a phrase."""

    article_id: str
    person_id: str
    title: str
    body_id: str | None
    label: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class ParticipationRecord:
    meeting_id: str
    person_id: str
    role: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class MeetingDirectiveRecord:
    meeting_id: str
    directive_id: str
    relation: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class DirectiveLinkRecord:
    """``directive_id`` carries out ``implements_id``, as stated by ``article_id``."""

    directive_id: str
    implements_id: str
    article_id: str
    evidence: Evidence | None = None  # the first sentence of the article that names both documents


@dataclass(frozen=True)
class MentionRecord:
    article_id: str
    entity_type: str  # "person" | "body" | "meeting" | "directive"
    entity_id: str


@dataclass
class ResolvedCorpus:
    """Everything the exports need, each list in a deterministic order."""

    articles: list[ArticleRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    bodies: list[BodyRecord] = field(default_factory=list)
    directives: list[DirectiveRecord] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)
    positions: list[PositionRecord] = field(default_factory=list)
    participation: list[ParticipationRecord] = field(default_factory=list)
    meeting_directives: list[MeetingDirectiveRecord] = field(default_factory=list)
    directive_links: list[DirectiveLinkRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # why each mention got its id
    review: list[ReviewFlag] = field(default_factory=list)  # pairs kept apart, for a curator
