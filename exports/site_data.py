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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from ..graph.analysis import build_graph
from ..graph.store import GraphStore
from ..graph.tenure import Tenure, observations_from_store, tenures
from ..graph.vocab import prefixes
from ..sources.model import Article
from .files import atomic_open
from .site_paths import text_name

TEXTS_DIR = "texts"

_MATCHES = """SELECT ?fact ?g ?start ?ms ?me WHERE { GRAPH ?g {
  ?fact prov:qualifiedDerivation ?ev . ?ev cg:start ?start ; cg:matchStart ?ms ; cg:matchEnd ?me } }"""
_CONCEPTS = """SELECT DISTINCT ?s ?c WHERE { VALUES ?p { org:role cg:bodyType cg:documentKind } ?s ?p ?c }"""
_ENGLISH = """SELECT DISTINCT ?c ?label WHERE { ?c skos:prefLabel ?label FILTER (lang(?label) = "en") }"""
_ROLES = """SELECT DISTINCT ?notation ?label WHERE {
  ?c skos:inScheme cgv:roles ; skos:notation ?notation ; skos:prefLabel ?label }"""
_AUTHORS = """SELECT ?a ?author WHERE { GRAPH ?a { ?a a schema:NewsArticle ; dcterms:creator ?author } }"""


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
    matches: dict[tuple[str, str, int], tuple[int, int]] = field(default_factory=dict)
    glosses: dict[str, str] = field(default_factory=dict)  # node id -> English gloss of its title/type/kind
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (Vietnamese, English)
    texts: dict[str, str] = field(default_factory=dict)  # article id -> text as read (checked against its hash)
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
        ms, me = self.matches.get((fact or "", article, start), (None, None)) if start is not None else (None, None)
        return Evidence(article, quote, start, end, ms, me)

    def role_label(self, role: str) -> tuple[str, str]:
        return self.roles.get(role, (role, role))


def read_site(store: GraphStore, out: str | Path | None = None, held: list[Tenure] | None = None) -> SiteData:
    """Everything the pages need from ``store`` (and the article texts kept beside it in ``out``);
    ``held``: the store's tenures when the caller has them already."""
    g = build_graph(store, progress=False)
    names = prefixes(store.base)
    base = store.base
    local = lambda iri: iri[len(base):] if iri.startswith(base) else iri  # noqa: E731
    matches: dict[tuple[str, str, int], tuple[int, int]] = {}
    for row in store.query(_MATCHES, prefixes=names):
        key = (local(row["fact"].value), store.article_id(row["g"].value), int(row["start"].value))
        found = (int(row["ms"].value), int(row["me"].value))
        if key not in matches or found < matches[key]:
            matches[key] = found
    english: dict[str, set[str]] = defaultdict(set)  # two plain queries: one joined over every graph is slow
    for row in store.query(_ENGLISH, prefixes=names):
        english[row["c"].value].add(row["label"].value)
    glosses: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_CONCEPTS, prefixes=names):
        glosses[local(row["s"].value)].update(english.get(row["c"].value, ()))
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_ROLES, prefixes=names):
        roles[row["notation"].value][row["label"].language or ""] = row["label"].value
    authors: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_AUTHORS, prefixes=names):
        authors[store.article_id(row["a"].value)].append(row["author"].value)
    data = SiteData(
        g, held if held is not None else tenures(observations_from_store(store)), matches,
        {node: "; ".join(sorted(found)) for node, found in glosses.items() if found},
        {role: (labels.get("vi") or labels.get("") or role, labels.get("en") or role)
         for role, labels in roles.items()},
        authors={a: sorted(set(names_)) for a, names_ in authors.items()})
    if out is not None:
        data.texts = read_texts(Path(out), store.content_hashes(), g.graph.get("articles", {}))
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
    written = []
    for a in articles:
        path = folder / text_name(store_article_id(store, a.article_id))
        if path.is_file() and _sha256(_read(path)) == _sha256(a.original):
            continue
        with atomic_open(path, newline="") as f:
            f.write(a.original)
        written.append(path)
    keep = {text_name(store.article_id(g.value)) for g in store.article_graphs()}
    if folder.is_dir():
        for old in folder.glob("*.txt"):
            if old.name not in keep:
                old.unlink(missing_ok=True)
    return written


def read_texts(out: Path, hashes: dict[str, str], articles: Iterable[str]) -> dict[str, str]:
    """The kept texts of ``articles`` whose hash is the one the store has (any text, for an
    article the store has no hash of)."""
    found = {}
    for aid in articles:
        path = out / TEXTS_DIR / text_name(aid)
        if not path.is_file():
            continue
        try:
            text = _read(path)
        except (OSError, UnicodeDecodeError):
            continue
        if hashes.get(aid) in (None, "", _sha256(text)):
            found[aid] = text
    return found


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


