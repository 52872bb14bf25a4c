"""A build, stage by stage: read -> extract -> resolve -> store -> exports.

``cadregraph build`` is a thin shell over :func:`build`. The stages:

1. read, clean and extract each article (:mod:`.sources`, :mod:`.graph.extract`) in a
   pool of ``jobs`` worker processes, over chunks of files taken in reading order and
   gathered in that order: the result is the same for any number of jobs. Ids are made
   unique in the parent (an article whose id it changes is extracted again there).
2. place the articles that never name their city (:mod:`.graph.locality`; extracted
   again in the pool), decide who is who over the whole corpus (:mod:`.graph.identity`)
   and resolve every fact to ids;
3. write each article's named graph into the store, touching only what changed
   (:mod:`.graph.store`);
4. take each stored graph once (:func:`export_turtle_reading_site`): ``graph.ttl`` is
   written from the same graphs the site's data and the tenures over the whole store are
   read from, each graph read when the build wrote it or kept from the last build
   (:mod:`.exports.stored_graphs`: the store itself is read only for graphs met the first
   time); then the article texts, the tables and the site (its pages written by
   ``jobs`` processes too).

A build whose inputs and settings are those of the last complete build into the same
folder stops after step 0: it hashes the source files, finds nothing changed, and
leaves the outputs as they are (see :class:`Manifest`). A file of an earlier build that
is unchanged is not read or extracted again (:mod:`.graph.facts_cache`). Source files
that change while a build reads them are neither kept in the cache nor in the manifest:
the next build reads them again.
"""
from __future__ import annotations

import dataclasses
import gc
import os
import resource
import time
from array import array
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from .graph.facts_cache import FactsCache
from .graph.pool import process_pool
from .graph.identity import Curation
from .graph.model import ArticleFacts
from .manifest import Manifest, extraction_code_digest, file_digest
from .sources.model import RawDocument, Skipped
from .sources.readers import MAX_ARTICLE_BYTES, UniqueIds, article_files, read_file

if TYPE_CHECKING:
    from .exports.site_data import SiteData
    from .exports.stored_graphs import StoredGraph, StoredGraphs
    from .graph.store import GraphStore

CHUNK_FILES = 64  # files a worker reads and extracts at a time

Note = Callable[[str, str], None]


def default_jobs() -> int:
    """Worker processes for extraction: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class BuildOptions:
    """What ``cadregraph build`` was asked to do (see its ``--help``)."""

    sources: Sequence[Path]
    out: Path
    locality: str | None = None
    base: str | None = None
    prune: bool = False
    curation_files: Sequence[Path] = ()
    curation: Curation | None = None  # read from curation_files when not given
    wait: float = 0.0
    max_bytes: int = MAX_ARTICLE_BYTES
    jobs: int | None = None  # processes reading and extracting, and writing pages; None: default_jobs()
    force: bool = False  # build even when nothing changed


@dataclass
class BuildSummary:
    """What a build did: counts for its one-line report, and the store's sync report."""

    articles: int = 0
    people: int = 0
    bodies: int = 0
    meetings: int = 0
    directives: int = 0
    skipped: list[str] = field(default_factory=list)  # "PATH: REASON"
    notes: list[str] = field(default_factory=list)  # "PATH: MESSAGE"
    store: str = ""
    unchanged: bool = False  # nothing changed since the last build: nothing was written
    # files (and documents extracted again with a place or id) extracted, and those whose
    # facts were taken from the last build's (the facts cache: not read or extracted again)
    extracted: int = 0
    reused: int = 0
    # each step of the build: [step, wall seconds, peak RSS of the build process in MB when it ended]
    steps: list[list] = field(default_factory=list)


class _StepClock:
    """Times the steps of a build into :attr:`BuildSummary.steps` (``cadregraph build --timings``)."""

    def __init__(self, summary: BuildSummary) -> None:
        self.summary, self.started = summary, time.perf_counter()

    def done(self, step: str) -> None:
        now = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
        self.summary.steps.append([step, round(now - self.started, 3), round(peak, 1)])
        self.started = now


# -- step 1: read, clean, extract -----------------------------------------------------------

def extract_sources(sources: Sequence[Path], max_bytes: int = MAX_ARTICLE_BYTES, locality: str | None = None,
                    jobs: int = 1, on_note: Note | None = None,
                    on_skip: Callable[[Skipped], None] | None = None, cache: FactsCache | None = None,
                    digests: Mapping[str, bytes] | None = None) -> Iterator[tuple[ArticleFacts, RawDocument]]:
    """The facts of every article under ``sources`` in reading order, each with the document
    it was read as (ids unique, ``locality`` applied). The facts' article keeps its
    original text but not the cleaned one nor its offset map, which nothing after
    extraction reads and which a large build could not hold. With a ``cache``, a file it
    holds is not read again: its notes, skips and facts are replayed from there (files are
    looked up by their SHA-256: in ``digests`` when the caller hashed them already)."""
    note, skip = on_note or (lambda path, message: None), on_skip or (lambda item: None)
    ids = UniqueIds(note)
    files = []
    for found in article_files(sources):
        if isinstance(found, Skipped):
            skip(found)
        else:
            files.append(found)
    for events in _file_events(files, max_bytes, locality, jobs, cache, digests or {}):
        for kind, *rest in events:
            if kind == "note":
                note(*rest)
            elif kind == "skip":
                skip(rest[0])
            else:
                doc, facts = rest
                unique = ids.unique(doc)
                if unique is not doc:  # an id changed here: extract again under it
                    facts = next(extract_documents([unique], 1, cache))
                yield facts, unique


def _file_events(files: list[Path], max_bytes: int, locality: str | None, jobs: int,
                 cache: FactsCache | None, known: Mapping[str, bytes]) -> Iterator[list[tuple]]:
    """What reading and extracting each of ``files`` gave, in order: from ``cache`` where
    it holds the file, else from the pool (and then kept in ``cache``, unless the file
    changed between its hashing here and its reading there: its facts would be kept
    under bytes they were not read from)."""
    def read(todo: list[tuple[Path, bytes | None]]) -> Iterator[tuple[list[tuple], bool]]:
        chunks = _chunks([f for f, _ in todo])
        done = (r for per_file in _map(partial(_extract_chunk, max_bytes=max_bytes, locality=locality),
                                       chunks, jobs) for r in per_file)
        for (_, digest), (read_digest, events) in zip(todo, done):
            yield events, read_digest == digest

    if cache is None:
        return (events for events, _ in read([(f, None) for f in files]))
    digests = [known.get(str(f)) or file_digest(f) for f in files]
    keys = [cache.file_key(f, d, [max_bytes, locality]) for f, d in zip(files, digests)]
    return cache.through(keys, list(zip(files, digests)), read, CHUNK_FILES)


def _chunks(items: list) -> list[list]:
    return [items[i:i + CHUNK_FILES] for i in range(0, len(items), CHUNK_FILES)]


def _map(fn: Callable, chunks: list, jobs: int) -> Iterator:
    """``fn(chunk)`` for each chunk, in order; in ``jobs`` processes when that helps."""
    if jobs <= 1 or len(chunks) <= 1:
        yield from map(fn, chunks)
        return
    with process_pool(jobs) as pool:
        yield from pool.map(fn, chunks)


def extract_documents(docs: list[RawDocument], jobs: int = 1,
                      cache: FactsCache | None = None) -> Iterator[ArticleFacts]:
    """The facts of documents already read (articles placed by the corpus, extracted again
    with their locality), in order, in ``jobs`` processes; from ``cache`` where it holds
    them (and kept there)."""
    def extract(todo: list[RawDocument]) -> Iterator[ArticleFacts]:
        return (facts for chunk in _map(_extract_each, _chunks(todo), jobs) for facts in chunk)

    if cache is None:
        return extract(docs)
    return cache.through([cache.document_key(doc) for doc in docs], docs,
                         lambda todo: ((facts, True) for facts in extract(todo)), CHUNK_FILES)


def _extract_each(docs: list[RawDocument]) -> list[ArticleFacts]:
    return [_extract(doc) for doc in docs]


def _extract_chunk(files: list[Path], max_bytes: int, locality: str | None) -> list[tuple[bytes | None, list[tuple]]]:
    """Read and extract ``files`` in a worker: for each, the hash of the bytes it was read
    from (``None`` if they changed while it was read) and what happened, in order, as
    plain tuples."""
    done = []
    for file in files:
        events: list[tuple] = []
        note = lambda path, message: events.append(("note", path, message))  # noqa: E731
        before = file_digest(file)
        for item in read_file(file, max_bytes, note):
            if isinstance(item, Skipped):
                events.append(("skip", item))
                continue
            if locality:
                item = dataclasses.replace(item, locality=locality)
            events.append(("doc", item, _extract(item)))
        done.append((before if file_digest(file) == before else None, events))
    return done


def _extract(doc: RawDocument) -> ArticleFacts:
    from .graph.extract import extract
    from .sources.clean import prepare

    facts = extract(prepare(doc))
    facts.article = dataclasses.replace(facts.article, text="", offset_map=array("I"))
    return facts


# -- the whole build ------------------------------------------------------------------------

def build(options: BuildOptions, on_note: Note | None = None,
          on_skip: Callable[[Skipped], None] | None = None) -> BuildSummary:
    """Run a build into ``options.out`` (under its build lock); see the module's docstring.

    Python's cycle collector is paused while it runs: a build holds millions of small
    objects (facts, triples, pages) that reference counting frees, and each full collection
    would walk all of them again (13% of a build of 10,000 articles, more the larger)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build(options, on_note, on_skip)
    finally:
        if paused:
            gc.enable()


def _build(options: BuildOptions, on_note: Note | None, on_skip: Callable[[Skipped], None] | None) -> BuildSummary:
    from .exports.site import save_texts, write_site
    from .exports.stored_graphs import StoredGraphs, open_cache as open_graphs_cache
    from .exports.tables import write_tables
    from .graph.identity import resolve_identities
    from .graph.locality import relocate
    from .graph.rdf import article_graph
    from .graph.resolve import resolve, resolve_each
    from .graph.graph_cache import keep as keep_graph
    from .graph.locks import BuildLock
    from .graph.store import GraphStore, StoreError

    summary = BuildSummary()
    out = Path(options.out)

    def note(path: str, message: str) -> None:
        summary.notes.append(f"{path}: {message}")
        if on_note:
            on_note(path, message)

    def skip(item: Skipped) -> None:
        summary.skipped.append(f"{item.source_path}: {item.reason}")
        if on_skip:
            on_skip(item)

    curation = options.curation or Curation.load(list(options.curation_files))
    with BuildLock(out, options.wait) as lock:
        if lock.interrupted:
            note(str(out), f"the build started {lock.interrupted.get('started', '?')} "
                           f"(pid {lock.interrupted.get('pid', '?')}) did not finish; this one completes its work")
        stored = GraphStore.stored_base(out)  # a folder built under another base: say so before reading
        if options.base is not None and stored is not None and stored != options.base:
            raise StoreError(f"{out / 'store'} holds a graph minted under {stored}; build with --base {stored}, "
                             "or into another --out folder")
        manifest = Manifest.of(options, stored)
        saved = manifest.last_summary(out) if not options.force and not lock.interrupted else None
        last = _summary(saved) if saved is not None else None
        if last is not None:  # the same inputs and settings as the last complete build
            for line in last.notes:
                if on_note:
                    on_note(*line.split(": ", 1))
            for line in last.skipped:
                if on_skip:
                    on_skip(Skipped(*line.split(": ", 1)))
            return dataclasses.replace(last, unchanged=True, store=f"{out / 'store'}: unchanged")

        clock = _StepClock(summary)
        facts, unplaced = [], {}
        with FactsCache(out, extraction_code_digest(), reuse=not options.force) as cache:
            for af, doc in extract_sources(options.sources, options.max_bytes, options.locality,
                                           options.jobs or default_jobs(), note, skip, cache, manifest.digests):
                facts.append(af)
                if af.article.locality is None:
                    unplaced[doc.article_id] = doc  # the corpus may tell where it is
            facts = relocate(facts, lambda pairs: extract_documents(
                [dataclasses.replace(unplaced[aid], locality=loc) for aid, loc in pairs],
                options.jobs or default_jobs(), cache))
        summary.extracted, summary.reused = cache.misses, cache.hits
        del unplaced
        clock.done("read + clean + extract")
        identities = resolve_identities(facts, curation)
        resolved = resolve(facts, identities)
        clock.done("resolve")
        with GraphStore.create(out, options.base, options.wait) as store, \
                open_graphs_cache(out, reuse=not options.force) as graphs_cache:  # readers wait only from here on
            graphs = StoredGraphs(store.base, graphs_cache)
            report = store.sync(graphs.keep(article_graph(view, store.base) for view in resolve_each(facts, identities)),
                                prune=options.prune)
            clock.done("RDF graphs + store load")
            pages = export_turtle_reading_site(store, out, graphs)
            held = pages.tenures
            clock.done("Turtle export + site data + tenures")
            keep_graph(out, store, pages.g, held)  # research commands read them instead of the store
            save_texts(store, out, (f.article for f in facts))  # OUT/texts: the article pages' text
            clock.done("analysis graph and texts kept")
        write_tables(resolved, out / "tables", held)
        clock.done("CSV tables")
        write_site(pages, out / "site", options.jobs or default_jobs())
        clock.done("site pages")
        summary.articles, summary.people, summary.bodies = (len(resolved.articles), len(resolved.people),
                                                            len(resolved.bodies))
        summary.meetings, summary.directives = len(resolved.meetings), len(resolved.directives)
        summary.store = f"{out / 'store'}: {report}"
        if not cache.not_kept:
            manifest.save(out, dataclasses.asdict(summary))
        else:  # some outputs stand for bytes other than those hashed: no "nothing changed" next time
            Manifest.forget(out)
            note(str(out), "source files changed while this build read them: the next build reads them again")
        cache.drop_unused()  # the facts of files this build did not read
        cache.close()
        graphs_cache.drop_unused()  # graphs the store no longer holds as they were
        graphs_cache.close()
    return summary


def export_turtle_reading_site(store: GraphStore, out: Path, graphs: StoredGraphs | None = None) -> SiteData:
    """``OUT/graph.ttl`` and the site's data from one pass over the store's graphs, each taken
    from ``graphs``' cache when it holds it (only new and changed graphs are read).

    The site's reader takes each graph's reading as the Turtle is written; the tenures it
    gives are put in the store, and written, after the articles. The tenures graph the last
    build left adds nothing to what the site reads (tested). Article texts are read as
    their pages are written."""
    from .exports.site_data import site_data
    from .exports.stored_graphs import StoredGraphs
    from .exports.turtle import write_turtle
    from .graph.analysis import StoreReader
    from .graph.tenure import tenure_lines

    graphs = graphs or StoredGraphs(store.base)
    reader, pages = StoreReader(store, observations=True), None

    def in_order() -> Iterator[StoredGraph]:
        nonlocal pages
        for graph in graphs.read(store, store.graphs(derived=False)):
            reader.add(graph.reading)
            yield graph
        pages = site_data(store, reader.finish(), out)
        tenures = tenure_lines(pages.tenures, store.base)
        store.put_derived("tenures", tenures)
        others = [g for g in store.derived_graphs() if g.value != f"{store.base}graph/tenures"]
        yield graphs.of_lines(f"{store.base}graph/tenures", tenures)
        yield from graphs.read(store, others)

    write_turtle(graphs, in_order(), Path(out) / "graph.ttl")
    assert pages is not None  # the articles come before the derived graphs
    return pages


def _summary(saved: dict) -> BuildSummary | None:
    """The summary a manifest saved, if it is one this code can read."""
    try:
        return BuildSummary(**saved)
    except TypeError:
        return None
