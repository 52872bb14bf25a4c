"""What extraction finds in one article: plain dataclasses, article-local keys.

Keys are local to an article (a person's key is their normalised name, a body's its full
name, a directive's ``kind|number|code``); the resolution stage turns them into stable
graph identifiers across articles. Every fact carries :class:`Evidence` pointing into
the article's *original* text, so a page can quote and highlight it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..sources.model import Article


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact, as offsets into ``Article.original``."""

    article_id: str
    start: int  # sentence start in the original text
    end: int  # sentence end (exclusive)
    quote: str  # original[start:end]
    match_start: int  # the words that carry the fact, within [start, end)
    match_end: int


@dataclass
class BodyMention:
    """A party or state body named in the article, expanded to its full name."""

    key: str
    name: str  # full name, e.g. "Ban Thường vụ Thành ủy Hải Phòng"
    kind: str  # body type from the lexicon, e.g. "ban_thuong_vu", "thanh_uy", "ubnd"
    parent: str | None = None  # key of the body it belongs to
    locality: str | None = None  # province/city (and district where named)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class PostMention:
    """A post the article gives a person: a title held in a body."""

    title: str  # from the titles lexicon, e.g. "Phó Bí thư Thường trực"
    body: str | None  # key of a BodyMention (None for titles that stand alone)
    label: str  # the full post as a phrase, e.g. "Phó Bí thư Thường trực Thành ủy Hải Phòng"
    evidence: Evidence
    appointed: bool = False  # stated as newly taken up ("giữ chức", "tân ...")


@dataclass
class PersonMention:
    key: str
    name: str
    posts: list[PostMention] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)  # "Đại tá", "Thiếu tướng", ...
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Participation:
    person: str  # PersonMention key
    role: str  # "chair", "attendee", "speaker", "presenter", "awarder", ...
    evidence: Evidence


@dataclass
class DirectiveMention:
    """A numbered party or state document."""

    key: str
    kind: str  # "Nghị quyết", "Kế hoạch", ...
    number: str  # as written without leading zeros, e.g. "45"
    code: str | None = None  # "NQ/TW", "QĐ-UBND"
    issuer: str | None = None  # body name as stated or implied by the code
    issuer_level: str | None = None  # "central", "province", "district", "party_committee", ...
    series: str | None = None  # a national issuer's numbering series: "tw" (the Party's centre), "qh", "cp"...
    issued: str | None = None  # ISO date
    subject: str | None = None  # the "về ..." phrase
    term: str | None = None  # "XIII" for "khóa XIII"
    implements: list[str] = field(default_factory=list)  # keys of documents it carries out
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class MeetingDirective:
    directive: str  # DirectiveMention key
    relation: str  # "disseminated", "implemented", "reviewed", "mentioned"
    evidence: Evidence


@dataclass
class Meeting:
    key: str  # "<article_id>#m<n>"
    kind: str  # "hội nghị", "hội thảo", "kỳ họp", ...
    title: str
    date: str | None
    organizer: str | None  # BodyMention key
    evidence: Evidence
    online: bool = False
    connection_points: list[str] = field(default_factory=list)
    participants: list[Participation] = field(default_factory=list)
    directives: list[MeetingDirective] = field(default_factory=list)


@dataclass
class ArticleFacts:
    """Everything extraction found in one article."""

    article: Article
    people: list[PersonMention] = field(default_factory=list)
    bodies: list[BodyMention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    directives: list[DirectiveMention] = field(default_factory=list)
