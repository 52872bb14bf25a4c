"""The persistent RDF store of a build: a pyoxigraph (RocksDB) store under ``OUT/store``.

The store holds one named graph per article, named by the article's IRI (see
:mod:`.rdf`), and two graphs of vocabulary: the ontology (``ontology/cadregraph.ttl``) and
the concepts read from the lexicons. Its default graph is a catalog that no query or
export sees: the base ids are minted under, and for every graph a digest of its triples
and, for articles, the hash of the text it was built from.

Building is incremental: a graph whose digest is the one in the catalog is left alone
(the same article, extracted the same way); a changed one is replaced, graph and catalog
entry in one SPARQL update, so an interrupted build leaves every article either as it was
or as it is now; a new article is added. Articles the build did not read stay, unless it
asks to prune them. :meth:`GraphStore.verify` checks every graph against its digest.

Locks: :mod:`.locks` (one build at a time; readers wait while a build writes).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .bulk_load import BulkWriter
from .faults import point
from .locks import STORE_LOCK, Busy, FileLock, StoreError, read_wait
from .rdf import ArticleGraph, lines_digest
from .vocab import DEFAULT_BASE, LEXICON_GRAPH, ONTOLOGY, lexicon_graph, normalise_base, ontology_graph

STORE_DIR = "store"
_META = "https://cadregraph.org/store#"
_STORE = ox.NamedNode(_META + "this")
_BASE = ox.NamedNode(_META + "base")
_DIGEST = ox.NamedNode(_META + "digest")
_CONTENT = ox.NamedNode(_META + "contentHash")
_KIND = ox.NamedNode(_META + "kind")
_ARTICLE, _VOCABULARY, _DERIVED = "article", "vocabulary", "derived"
BATCH_TRIPLES = 200_000  # triples of new articles written together
# new articles in one build above which they are bulk-loaded: a day's news stays all-or-nothing
# in transactions; a corpus loads 2-3x faster in a third of the memory and of the disk
# (1,000 generated articles: 420 MB -> 136 MB on disk, build peak RSS 819 -> 476 MB)
BULK_ARTICLES = 100
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class NoGraph(StoreError):
    """There is no graph in the output folder yet."""


@dataclass
class SyncReport:
    """What a build did to the store, by article id."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    total: int = 0  # articles in the store afterwards

    def __str__(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.replaced)} replaced", f"{len(self.unchanged)} unchanged"]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        return f"{self.total} articles ({', '.join(parts)})"


class GraphStore:
    """A build's store. Open it with :meth:`create` (to build) or :meth:`open` (to read)."""

    def __init__(self, store: ox.Store, path: Path, base: str, read_only: bool) -> None:
        self._store = store
        self.path = path
        self.base = base
        self.read_only = read_only
        self._lock: FileLock | None = None
        # the catalog as this (writing) store last read or wrote it: a build asks for it
        # several times, and each query reads every graph's entry
        self._known_catalog: dict[str, tuple[str, str]] | None = None

    @classmethod
    def create(cls, out: Path, base: str | None = None, wait: float = 0.0) -> GraphStore:
        """The store of ``out`` for writing, made if missing.

        ``base`` must be the one the store was first built with; ``None`` means that one
        (or :data:`.vocab.DEFAULT_BASE` for a new store). Waits up to ``wait`` seconds for
        readers (or another writer) to let go of the store.
        """
        path = Path(out) / STORE_DIR
        path.mkdir(parents=True, exist_ok=True)
        lock = FileLock(Path(out) / STORE_LOCK, exclusive=True)
        if not lock.acquire(wait):
            holder = lock.holder()
            raise Busy(f"another cadregraph command is writing {out} (pid {holder}); try again later"
                       if holder else f"{out} is being read by another cadregraph command; try again later")
        try:
            store = _open(path, read_only=False)
            old = _catalog_base(store)
            base = normalise_base(base) if base is not None else old or DEFAULT_BASE
            if old is None:
                store.update(f"INSERT DATA {{ {_STORE} {_BASE} {ox.Literal(base)} }}")
            elif old != base:
                del store
                raise StoreError(f"{path} holds a graph minted under {old}; build with --base {old}, "
                                 "or into another --out folder")
        except BaseException:
            lock.release()
            raise
        made = cls(store, path, base, read_only=False)
        made._lock = lock
        return made

    @classmethod
    def open(cls, out: Path, wait: float | None = None) -> GraphStore:
        """The store of ``out`` for reading; :class:`NoGraph` when nothing was built there.

        While a build writes the store, waits for it up to ``wait`` seconds (default
        ``$CADREGRAPH_WAIT``, else :data:`READ_WAIT`), then raises :class:`Busy`.
        """
        path = Path(out) / STORE_DIR
        if not path.is_dir() or not any(path.iterdir()):
            raise NoGraph(f"no graph in {out}; run `cadregraph build` first")
        wait = read_wait() if wait is None else wait
        lock = FileLock(Path(out) / STORE_LOCK, exclusive=False)
        who = lambda: f" (pid {pid})" if (pid := lock.holder()) else ""  # noqa: E731
        if not lock.acquire(wait, lambda: print(f"waiting for the build writing {out}{who()} to finish "
                                                f"(at most {wait:g} s)", file=sys.stderr, flush=True)):
            raise Busy(f"a build is writing {out}{who()}; try again when it has finished (waited {wait:g} s)")
        try:
            store = _open(path, read_only=True)
            base = _catalog_base(store)
            if base is None:
                raise NoGraph(f"no graph in {out}; run `cadregraph build` first")
        except BaseException:
            lock.release()
            raise
        opened = cls(store, path, base, read_only=True)
        opened._lock = lock
        return opened

    @staticmethod
    def stored_base(out: Path) -> str | None:
        """The base the store of ``out`` was built with (``None`` for a new folder)."""
        try:
            with GraphStore.open(out) as store:
                return store.base
        except NoGraph:
            return None

    def close(self) -> None:
        """Release the store (and its lock) now rather than when the object is collected."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def sync(self, graphs: Iterable[ArticleGraph], prune: bool = False) -> SyncReport:
        """Bring the store up to date with ``graphs`` (and the vocabulary), touching only what changed.

        A changed article is replaced in one transaction; new articles are added in batches
        of about :data:`BATCH_TRIPLES` triples, each batch in one transaction, or, when the
        build brings more than :data:`BULK_ARTICLES` of them, with RocksDB's bulk loader
        (several times faster; a batch's catalog entries are written only once its graphs
        are, and graphs an interrupted bulk load left without an entry are dropped by the
        next build). With ``prune``, articles in the store that are not among ``graphs``
        are dropped.
        """
        report = SyncReport()
        catalog = self._catalog()
        self._drop_uncatalogued(catalog)
        self._put(ONTOLOGY, graph_lines(ontology_graph()), _VOCABULARY, None, catalog)
        self._put(LEXICON_GRAPH, graph_lines(lexicon_graph()), _VOCABULARY, None, catalog)
        seen: set[str] = set()
        batch: list[tuple[ArticleGraph, str]] = []
        pending = 0
        with BulkWriter(self._store) as writer:
            for ag in graphs:
                name = str(ag.iri)
                if name in seen:
                    raise ValueError(f"article {ag.article_id} given twice")
                seen.add(name)
                digest = ag.digest
                old = catalog.get(name)
                if old is not None and old[1] == digest:
                    report.unchanged.append(ag.article_id)
                elif old is not None:
                    writer.wait()  # no graph is dropped while the bulk loader writes
                    self._put(ag.iri, ag.lines, _ARTICLE, ag.content_hash, catalog, digest)
                    report.replaced.append(ag.article_id)
                else:
                    batch.append((ag, digest))
                    pending += len(ag.lines)
                    report.added.append(ag.article_id)
                    if pending >= BATCH_TRIPLES:
                        self._add(batch, catalog, writer if len(report.added) > BULK_ARTICLES else None)
                        batch, pending = [], 0
            if batch:
                self._add(batch, catalog, writer if len(report.added) > BULK_ARTICLES else None)
        if prune:
            for iri, (kind, _) in sorted(catalog.items()):
                if kind == _ARTICLE and iri not in seen:
                    self._store.update(f"DROP SILENT GRAPH <{iri}> ; DELETE WHERE {{ <{iri}> ?p ?o }}")
                    del catalog[iri]
                    report.removed.append(self.article_id(iri))
        report.total = sum(1 for kind, _ in catalog.values() if kind == _ARTICLE)
        self._store.flush()
        return report

    def put_derived(self, name: str, graph: Graph | Iterable[str]) -> str:
        """Store a graph derived from the whole store (e.g. ``tenures``) as ``BASE graph/NAME``,
        replacing the last one unless it is unchanged; returns what happened. ``graph`` is an
        rdflib ``Graph`` or N-Triples lines."""
        lines = graph_lines(graph) if isinstance(graph, Graph) else sorted(set(graph))
        outcome = self._put(URIRef(f"{self.base}graph/{name}"), lines, _DERIVED, None, self._catalog())
        self._store.flush()
        return outcome

    def _put(self, name: URIRef, lines: Sequence[str], kind: str, content_hash: str | None,
             catalog: dict[str, tuple[str, str]], digest: str | None = None) -> str:
        """Replace the graph ``name`` by the sorted N-Triples ``lines`` unless it is already
        that, graph and catalog entry in one transaction; returns what happened."""
        digest = digest or lines_digest(lines)
        old = catalog.get(str(name))
        if old is not None and old[1] == digest:
            return "unchanged"
        g = f"<{name}>"
        data = " .\n".join(lines)
        self._store.update(
            f"DROP SILENT GRAPH {g} ;\n"
            f"DELETE WHERE {{ {g} ?p ?o }} ;\n"
            f"INSERT DATA {{ {' . '.join(_entry(g, kind, digest, content_hash))} . GRAPH {g} {{\n"
            f"{data}{' .' if data else ''}\n}} }}")
        point("store.put")
        catalog[str(name)] = (kind, digest)
        return "added" if old is None else "replaced"

    def _add(self, batch: list[tuple[ArticleGraph, str]], catalog: dict[str, tuple[str, str]],
             bulk: BulkWriter | None) -> None:
        """Add the graphs of new articles: graphs and catalog entries in one transaction, or,
        given a ``bulk`` writer, bulk-loaded by it, the graphs first and the entries after them."""
        graphs = "".join(f"{line} <{ag.iri}> .\n" for ag, _ in batch for line in ag.lines)
        entries = "".join(f"{e} .\n" for ag, digest in batch
                          for e in _entry(f"<{ag.iri}>", _ARTICLE, digest, ag.content_hash))
        if bulk is not None:
            bulk.put(graphs.encode("utf-8"), entries.encode("utf-8"), len(batch))
        else:
            self._store.load((graphs + entries).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            for _ in batch:
                point("store.put")
        for ag, digest in batch:
            catalog[str(ag.iri)] = (_ARTICLE, digest)

    def _drop_uncatalogued(self, catalog: dict[str, tuple[str, str]]) -> None:
        """Drop the graphs the catalog does not list: what a bulk load that was cut off left."""
        for g in list(self._store.named_graphs()):
            if g.value not in catalog:
                self._store.remove_graph(g)

    # -- reading ---------------------------------------------------------------------------

    def verify(self) -> list[str]:
        """What is wrong with the store, one line each; empty when every graph the catalog
        lists holds exactly the triples of its digest and no graph is missing from it."""
        problems = []
        catalog = self._catalog()
        for name, (kind, digest) in sorted(catalog.items()):
            if lines_digest(self.lines(ox.NamedNode(name))) != digest:
                problems.append(f"{kind} graph <{name}> does not hold the triples its catalog digest names")
        for g in self._store.named_graphs():
            if g.value not in catalog:
                problems.append(f"graph <{g.value}> is not in the catalog")
        if _catalog_base(self._store) is None:
            problems.append("the catalog names no base")
        return problems

    def _catalog(self) -> dict[str, tuple[str, str]]:
        """Graph IRI -> (kind, digest) for every graph the catalog lists.

        A writing store, which no other process writes while it is open (the build lock),
        reads it once and keeps it: the writers given the dict update it as they write."""
        if self._known_catalog is not None:
            return self._known_catalog
        rows = self._store.query(f"SELECT ?g ?k ?d WHERE {{ ?g {_KIND} ?k ; {_DIGEST} ?d }}")
        catalog = {r["g"].value: (r["k"].value, r["d"].value) for r in rows}
        if not self.read_only:
            self._known_catalog = catalog
        return catalog

    def article_graphs(self) -> list[ox.NamedNode]:
        """The named graphs of the articles, sorted."""
        return _of_kind(self._catalog(), _ARTICLE)

    def graphs(self, derived: bool = True) -> list[ox.NamedNode]:
        """Every graph queries and exports see: the vocabulary, the articles, then what is
        derived from the articles (tenures) unless not ``derived``."""
        catalog = self._catalog()
        vocab = [ox.NamedNode(str(ONTOLOGY)), ox.NamedNode(str(LEXICON_GRAPH))]
        found = [g for g in vocab if self._store.contains_named_graph(g)] + _of_kind(catalog, _ARTICLE)
        return found + _of_kind(catalog, _DERIVED) if derived else found

    def derived_graphs(self) -> list[ox.NamedNode]:
        """The graphs derived from the whole store (``BASE graph/NAME``), sorted."""
        return _of_kind(self._catalog(), _DERIVED)

    def article_id(self, graph_iri: str) -> str:
        prefix = f"{self.base}article/"
        return graph_iri[len(prefix):] if graph_iri.startswith(prefix) else graph_iri

    def state(self) -> str:
        """A digest of everything the store holds: every graph of its catalog, its kind and
        the digest of its triples. Any build that changes a graph changes it."""
        return lines_digest([f"{g} {kind} {digest}" for g, (kind, digest) in sorted(self._catalog().items())])

    def graph_digests(self) -> dict[str, str]:
        """Graph IRI -> the digest of its triples (:func:`.rdf.lines_digest`), for every graph."""
        return {g: digest for g, (_, digest) in self._catalog().items()}

    def content_hashes(self) -> dict[str, str]:
        """Article id -> hash of the text its graph was built from."""
        rows = self._store.query(f"SELECT ?g ?h WHERE {{ ?g {_CONTENT} ?h }}")
        return {self.article_id(r["g"].value): r["h"].value for r in rows}

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """The quads of ``graph``, or of every graph of :meth:`graphs` (never the catalog)."""
        for g in [graph] if graph is not None else self.graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)

    def lines(self, graph: ox.NamedNode) -> list[str]:
        """The triples of ``graph`` as the sorted, distinct N-Triples lines its digest is made of."""
        return sorted({str(q.triple) for q in self._store.quads_for_pattern(None, None, None, graph)})

    def query(self, sparql: str, prefixes: dict[str, str] | None = None):
        """Run a SPARQL query over the union of :meth:`graphs`; ``GRAPH ?g`` names the article.

        Returns pyoxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.
        Raises ``SyntaxError`` for a query that does not parse.

        ``GRAPH ?g`` ranges over the store's named graphs, which are exactly those of
        :meth:`graphs` (the catalog is the default graph; a graph a cut-off bulk load left is
        the one exception until the next build drops it): passing the list instead makes
        Oxigraph check it at every join, rows x articles. The default graph is the union of
        :meth:`graphs` (never the catalog, even when there is no graph yet).
        """
        graphs = self.graphs()
        return self._store.query(sparql, prefixes=prefixes, default_graph=graphs or [ox.NamedNode(_META + "none")])


def _of_kind(catalog: dict[str, tuple[str, str]], kind: str) -> list[ox.NamedNode]:
    """The graphs of the catalog of one kind, sorted."""
    return sorted((ox.NamedNode(g) for g, (k, _) in catalog.items() if k == kind), key=lambda n: n.value)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
    """A pyoxigraph term as an rdflib one."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"no rdflib term for {term!r}")


def _term(node: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib term as a pyoxigraph one (the graph has no blank nodes)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)
    raise TypeError(f"the graph has a {type(node).__name__}: ids are IRIs, never blank nodes")


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store {path}: {e} (is another cadregraph command using it?)") from e


def _entry(graph: str, kind: str, digest: str, content_hash: str | None) -> list[str]:
    """The catalog triples of the graph ``graph`` (in N-Triples form)."""
    entry = [f"{graph} {_KIND} {ox.Literal(kind)}", f"{graph} {_DIGEST} {ox.Literal(digest)}"]
    if content_hash:
        entry.append(f"{graph} {_CONTENT} {ox.Literal(content_hash)}")
    return entry


def graph_lines(graph: Graph) -> list[str]:
    """An rdflib graph as the sorted, distinct N-Triples lines the store digests."""
    return sorted({str(ox.Triple(*(_term(t) for t in triple))) for triple in graph})


def _catalog_base(store: ox.Store) -> str | None:
    for quad in store.quads_for_pattern(_STORE, _BASE, None, ox.DefaultGraph()):
        return quad.object.value
    return None
