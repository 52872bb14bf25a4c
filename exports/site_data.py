"""What the site is written from: the graph of a build folder's store, read once.

The pages cover every article of the store (not only those of the last build), so they
are written from the store itself: the analysis graph of :mod:`..graph.analysis` (people,
bodies, posts, meetings, documents and every fact with its sentence), the tenures of
:mod:`..graph.tenure` (first and last seen in each post), the matched words of each
sentence (``cg:matchStart``, ``cg:matchEnd``) to highlight them, and the English labels
of titles, body types, document kinds and roles to gloss them.

Article texts are not in the store. ``cadregraph build`` keeps each article's text as read
(the text evidence offsets point into) in ``OUT/texts/<article>.txt`` (:func:`save_texts`);
``cadregraph site`` reads them back. A text whose SHA-256 is not the store's
``cg:contentHash`` for that article (edited by hand, left from another build) is not
used: the article's page then shows its facts and sentences without the full text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import networkx as nx

from ..graph.analysis import StoreReading, match_key, read_store, unpacked
from ..graph.store import GraphStore
from ..graph.tenure import Observation, Tenure, tenures
from ..sources.model import Article
from .files import atomic_open, remove_stale
from .site_paths import text_name

TEXTS_DIR = "texts"


@dataclass(frozen=True)
class Evidence:
    """The sentence behind a fact: offsets into the article's text, the matched words within."""

    article: str
    quote: str
    start: int | None
    end: int | None
    match_start: int | None = None
    match_end: int | None = None

    @property
    def anchor(self) -> str | None:
        """The id of the sentence on its article's page."""
        return f"ev-{self.start}-{self.end}" if self.start is not None and self.end is not None else None


@dataclass
class SiteData:
    """The store's graph and what the pages add to it; see the module's doc."""

    g: nx.MultiDiGraph
    tenures: list[Tenure] = field(default_factory=list)
    matches: dict[str, int] = field(default_factory=dict)  # fact@article -> its matched words, packed
    glosses: dict[str, str] = field(default_factory=dict)  # node id -> English gloss of its title/type/kind
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (Vietnamese, English)
    texts: Mapping[str, str] = field(default_factory=dict)  # article id -> text as read (checked against its hash)
    authors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        return self.g.graph.get("articles", {})

    def evidence(self, fact: str | None, data: dict[str, Any]) -> Evidence | None:
        """The sentence of an edge (or of a meeting's ``evidence`` entry) ``data`` of ``fact``."""
        article, quote = data.get("article"), data.get("quote")
        if not article or quote is None:
            return None
        start, end = data.get("start"), data.get("end")
        found = self.matches.get(match_key(fact, article)) if fact and start is not None else None
        ms, me = unpacked(found) if found is not None else (None, None)
        return Evidence(article, quote, start, end, ms, me)

    def role_label(self, role: str) -> tuple[str, str]:
        return self.roles.get(role, (role, role))


def read_site(store: GraphStore, out: str | Path | None = None, held: list[Tenure] | None = None) -> SiteData:
    """Everything the pages need from ``store`` (and the article texts kept beside it in ``out``);
    ``held``: the store's tenures when the caller has them already.

    One pass over the store's graphs (:func:`..graph.analysis.read_store`) gives the graph and
    the rest; the texts are read when a page needs one (:class:`KeptTexts`), so that memory
    does not grow with them."""
    return site_data(store, read_store(store, progress=False, observations=held is None), out, held)


def site_data(store: GraphStore, r: StoreReading, out: str | Path | None = None,
              held: list[Tenure] | None = None) -> SiteData:
    """:func:`read_site` from what the store's graphs state (``r``), however they were read."""
    english = {c: labels.get("en", set()) for c, labels in r.concept_labels.items()}
    glosses = {}
    for node, concepts in sorted(r.concept_uses.items()):
        found = set().union(*(english.get(c, set()) for c in concepts))
        if found:
            glosses[node] = "; ".join(sorted(found))
    if held is None:
        held = tenures(Observation(*o) for o in sorted(r.observations))
    data = SiteData(
        r.g, held, r.matches, glosses,
        {role: (labels.get("vi") or labels.get("") or role, labels.get("en") or role)
         for role, labels in sorted(r.roles.items())},
        authors={a: sorted(set(names)) for a, names in r.authors.items() if names})
    if out is not None:
        data.texts = KeptTexts(Path(out), store.content_hashes())
    return data


def site_from_store(out: str | Path) -> SiteData:
    """:func:`read_site` for the build folder ``out`` (waits for a build writing it)."""
    with GraphStore.open(Path(out)) as store:
        return read_site(store, out)


# -- article texts --------------------------------------------------------------------------

def store_article_id(store: GraphStore, article_id: str) -> str:
    """The id the store gives an article read as ``article_id`` (its IRI's last part)."""
    from ..graph.rdf import Minter

    return store.article_id(str(Minter(store.base).article(article_id)))


def save_texts(store: GraphStore, out: str | Path, articles: Iterable[Article]) -> list[Path]:
    """Keep the text of each of ``articles`` in ``out/texts/``; drop the texts of articles the
    store no longer has (``build --prune``). Returns the files written."""
    folder = Path(out) / TEXTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale(folder)
    written = []
    for a in articles:
        path = folder / text_name(store_article_id(store, a.article_id))
        if path.is_file() and _sha256(_read(path)) == _sha256(a.original):
            continue
        with atomic_open(path, newline="", durable=False) as f:  # KeptTexts uses a text only when its hash is right
            f.write(a.original)
        written.append(path)
    keep = {text_name(store.article_id(g.value)) for g in store.article_graphs()}
    if folder.is_dir():
        for old in folder.glob("*.txt"):
            if old.name not in keep:
                old.unlink(missing_ok=True)
    return written


class KeptTexts(Mapping[str, str]):
    """The kept texts of ``out/texts``, by article id, each read when asked for and used only
    when its hash is the one the store has (any text, for an article the store has no hash
    of); a text missing, unreadable or changed is not there. Nothing is held in memory: a
    site of 100,000 articles reads each text once, for its page."""

    def __init__(self, out: Path, hashes: dict[str, str]) -> None:
        self.folder, self.hashes = Path(out) / TEXTS_DIR, hashes

    def __getitem__(self, aid: str) -> str:
        path = self.folder / text_name(aid)
        try:
            text = _read(path)
        except (OSError, UnicodeDecodeError):
            raise KeyError(aid) from None
        if self.hashes.get(aid) not in (None, "", _sha256(text)):
            raise KeyError(aid)
        return text

    def __iter__(self) -> Iterator[str]:
        return (aid for aid in sorted(self.hashes) if aid in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, aid: object) -> bool:
        try:
            self[aid]  # type: ignore[index]
        except KeyError:
            return False
        return True


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


