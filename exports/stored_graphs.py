"""What the exports take from each graph of the store, read once and kept by its digest.

``graph.ttl`` and the site's data are made from every graph of the store: the Turtle of
its triples and its reading (:func:`..graph.reading.read_graph`). Reading a graph back
from Oxigraph is what costs (about 50 k quads/s here; parsing the same quads from
N-Triples is four times faster), and most graphs are the same from one build to the next.
So each graph is read once into a :class:`StoredGraph` — from the N-Triples lines a build
writes into the store, or from the store the first time it is met — and kept in
``OUT/.cadregraph-graphs.sqlite`` (a :class:`..graph.keyed_cache.KeyedCache`) under the
graph's name and digest. A later build takes the unchanged graphs from there: one that
adds 100 articles reads 100 graphs, not the store.

A :class:`StoredGraph` is made from the graph's sorted N-Triples lines whichever way the
graph came, so its Turtle and its reading depend on the graph only: ``graph.ttl`` of a
folder updated build after build is byte for byte that of a folder built from nothing.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox

from ..graph.keyed_cache import KeyedCache
from ..graph.rdf import ArticleGraph, Minter, lines_digest
from ..graph.reading import GraphReading, index_of, read_graph
from ..graph.store import GraphStore
from ..graph.vocab import prefixes

CACHE_FILE = ".cadregraph-graphs.sqlite"
_BATCH = 256  # graphs looked up, made and kept together


@dataclass
class StoredGraph:
    """One graph as the exports take it."""

    name: str  # the graph's IRI
    reading: GraphReading  # what the site's data and the tenures read from it
    turtle: bytes  # the triples of its article-scoped subjects, as Turtle without prefix lines
    shared: tuple[str, ...]  # its other triples, as N-Triples lines: other graphs may state them too


class StoredGraphs:
    """The stored graphs of one build folder under ``base``, kept in ``cache`` when given
    (see :func:`open_cache`)."""

    def __init__(self, base: str, cache: KeyedCache | None = None) -> None:
        self.base, self.cache = base, cache
        self.prefixes = prefixes(base)
        self.header = _prefix_lines(self.prefixes)  # what every Turtle chunk opens with
        self.scoped = tuple(base + kind for kind in Minter.ARTICLE_SCOPED)

    def make(self, name: str, lines: Sequence[str]) -> StoredGraph:
        """The graph ``name`` from its sorted, distinct N-Triples ``lines``."""
        triples = list(_parsed(lines))
        scoped, shared = [], []
        for triple, line in zip(triples, lines):
            subject = triple.subject
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(self.scoped):
                scoped.append(triple)
            else:
                shared.append(line)
        return StoredGraph(name, read_graph(name, index_of(triples)), self._chunk(scoped), tuple(shared))

    def keep(self, graphs: Iterable[ArticleGraph]) -> Iterator[ArticleGraph]:
        """``graphs``, passed on unchanged, after keeping in the cache those it does not
        hold yet (made from the lines at hand: the store need not be read for them)."""
        if self.cache is None:
            yield from graphs
            return
        batch: list[ArticleGraph] = []
        for ag in graphs:
            batch.append(ag)
            if len(batch) >= _BATCH:
                yield from self._keep(batch)
                batch = []
        yield from self._keep(batch)

    def _keep(self, batch: list[ArticleGraph]) -> list[ArticleGraph]:
        assert self.cache is not None
        keys = [self.key(str(ag.iri), ag.digest) for ag in batch]
        held = self.cache.present(keys)
        made = [(key, self.make(str(ag.iri), ag.lines)) for ag, key in zip(batch, keys) if key not in held]
        if made:
            self.cache.put(made)
        self.cache.mark_used(held)
        return batch

    def of_lines(self, name: str, lines: Sequence[str]) -> StoredGraph:
        """The graph ``name`` of ``lines`` (as :meth:`make`), from the cache when it holds it."""
        [graph] = self._through([name], [lines_digest(lines)], lambda todo: (lines for _ in todo))  # kept once read
        return graph

    def read(self, store: GraphStore, graphs: Sequence[ox.NamedNode]) -> Iterator[StoredGraph]:
        """``graphs`` of ``store``, in order: from the cache where it holds them, else read
        from the store (and kept)."""
        digests = store.graph_digests()
        names = [g.value for g in graphs]
        return self._through(names, [digests[n] for n in names],
                             lambda todo: (store.lines(ox.NamedNode(n)) for n in todo))

    def write_turtle(self, graphs: Iterable[StoredGraph], out: BinaryIO) -> None:
        """The union of ``graphs`` as Turtle: the prefixes, then graph by graph its
        article-scoped triples and those of its other triples no graph before it stated
        (memory grows with those, not with the store)."""
        out.write(self.header)
        seen: set[str] = set()
        for graph in graphs:
            out.write(graph.turtle)
            new = [line for line in graph.shared if line not in seen]
            if new:
                seen.update(new)
                out.write(self._chunk(_parsed(new)))

    def _chunk(self, triples: Iterable[ox.Triple]) -> bytes:
        """``triples`` as Turtle statements with this base's prefixes, without the prefix lines."""
        turtle = _turtle(triples, self.prefixes)
        if not turtle:
            return turtle
        assert turtle.startswith(self.header)  # pyoxigraph writes every prefix, in one order, first
        return turtle[len(self.header):]

    def key(self, name: str, digest: str) -> str:
        return KeyedCache.key_of("graph", name, digest)

    def _through(self, names: list[str], digests: list[str],
                 lines_of: Callable[[list[str]], Iterator[Sequence[str]]]) -> Iterator[StoredGraph]:
        def made(todo: list[str]) -> Iterator[tuple[StoredGraph, bool]]:
            return ((self.make(name, lines), True) for name, lines in zip(todo, lines_of(todo)))

        if self.cache is None:
            return (graph for graph, _ in made(names))
        keys = [self.key(n, d) for n, d in zip(names, digests)]
        return self.cache.through(keys, names, made, _BATCH)


def open_cache(out: str | Path, reuse: bool = True) -> KeyedCache:
    """The stored graphs' cache of the build folder ``out``, for this code and this pyoxigraph
    (whose Turtle writer makes the chunks); ``reuse=False``: ``cadregraph build --force``."""
    from ..manifest import code_digest

    return KeyedCache(out, CACHE_FILE, f"{code_digest()} pyoxigraph {ox.__version__}", reuse)


def _parsed(lines: Iterable[str]) -> Iterator[ox.Triple]:
    """N-Triples lines (without their final `` .``) as pyoxigraph triples, in their order."""
    return ox.parse("".join(f"{line} .\n" for line in lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def _turtle(triples: Iterable[ox.Triple], names: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    ox.serialize(triples, buffer, format=ox.RdfFormat.TURTLE, prefixes=names)
    return buffer.getvalue()


def _prefix_lines(names: dict[str, str]) -> bytes:
    """The lines pyoxigraph opens a Turtle document with for the prefixes ``names`` (it writes
    them with the first triple, in an order of its own)."""
    any_triple = ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    lines = _turtle([any_triple], names).splitlines(keepends=True)
    return b"".join(line for line in lines if line.startswith(b"@prefix"))
