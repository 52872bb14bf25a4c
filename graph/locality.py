"""The locality of an article that does not name it, from the rest of the corpus.

Many reports never write their city: "Thành ủy tổ chức Hội nghị ... đồng chí Lương Quốc
Thịnh, Bí thư Thành ủy". Another article of the corpus that names him "Bí thư Thành ủy
Hải Phòng" says which Thành ủy that is. :func:`infer_localities` lets every official of
such an article vote for the provinces their posts are in elsewhere, and repeats until
nothing changes (an article placed in a round can place others in the next).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable, Sequence

from functools import lru_cache

from ..ontology import lexicon
from .identity import person_key
from .model import ArticleFacts

ROUNDS = 4


@lru_cache(maxsize=1)
def _national_kinds() -> frozenset[str]:
    """Kinds of bodies that are no province's (the Politburo, a Military Region, a ministry)."""
    bodies = lexicon("bodies")
    return frozenset([b["kind"] for b in bodies["central_bodies"]] + [b["kind"] for b in bodies["numbered_bodies"]]
                     + [b["kind"] for b in bodies["state_bodies"] if b.get("place") == "none"])


def _provinces_by_person(facts: Sequence[ArticleFacts], placed: dict[str, str]) -> dict[str, Counter[str]]:
    """Person key -> provinces their posts are in, over articles whose locality is known;
    a local body an article left unplaced is in the province the article was placed in."""
    national = _national_kinds()
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for af in facts:
        aid = af.article.article_id
        if aid not in placed:
            continue
        localities = {b.key: b.locality or (None if b.kind in national else placed[aid]) for b in af.bodies}
        for p in af.people:
            for loc in {localities.get(post.body) for post in p.posts if post.body}:
                if loc:
                    seen[person_key(p.name)][loc] += 1
    return seen


def infer_localities(facts: Sequence[ArticleFacts]) -> dict[str, str]:
    """Article id -> inferred locality, for the articles without one that the corpus places.

    An article is placed when the officials it names hold posts in one province only
    elsewhere in the corpus, or in one province by a clear majority (two thirds of the
    votes, at least two people).
    """
    known = {af.article.article_id: af.article.locality for af in facts if af.article.locality}
    inferred: dict[str, str] = {}
    for _ in range(ROUNDS):
        by_person = _provinces_by_person(facts, {**known, **inferred})
        placed = {}
        for af in facts:
            aid = af.article.article_id
            if aid in known or aid in inferred:
                continue
            votes: Counter[str] = Counter()
            for p in af.people:
                provinces = by_person.get(person_key(p.name))
                if provinces:
                    votes[provinces.most_common(1)[0][0]] += 1
            if not votes:
                continue
            (best, n), total = votes.most_common(1)[0], sum(votes.values())
            if n == total or (n >= 2 and n * 3 >= total * 2):
                placed[aid] = best
        if not placed:
            break
        inferred.update(placed)
    return inferred


def relocate(facts: list[ArticleFacts],
             reextract: Callable[[list[tuple[str, str]]], Iterable[ArticleFacts]]) -> list[ArticleFacts]:
    """``facts`` with every article the corpus places extracted again with its locality, so
    its short body names are completed. ``reextract`` takes every (article id, locality) at
    once and gives their facts in that order (a build spreads them over its processes)."""
    inferred = infer_localities(facts)
    pairs = [(af.article.article_id, inferred[af.article.article_id]) for af in facts
             if af.article.article_id in inferred]
    again = dict(zip((aid for aid, _ in pairs), reextract(pairs)))
    return [again.get(af.article.article_id, af) for af in facts]
