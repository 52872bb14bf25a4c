"""Run the real cleaning and extraction on a text written in a test."""
from __future__ import annotations

from cadregraph.graph.extract import extract
from cadregraph.graph.model import ArticleFacts
from cadregraph.sources.clean import prepare
from cadregraph.sources.model import RawDocument


def facts_of(text: str, article_id: str = "t", locality: str | None = None,
             published: str | None = None) -> ArticleFacts:
    raw = RawDocument(article_id, f"{article_id}.txt", text, "txt", locality=locality, published=published)
    return extract(prepare(raw))


def posts(facts: ArticleFacts) -> dict[str, list[str]]:
    return {p.name: [x.label for x in p.posts] for p in facts.people}


def roles(facts: ArticleFacts, meeting: int = 0) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for part in facts.meetings[meeting].participants:
        out.setdefault(part.person, set()).add(part.role)
    return out


def directives(facts: ArticleFacts) -> dict[str, object]:
    return {f"{d.kind} {d.number}": d for d in facts.directives}
