"""The site of a build: ``OUT/site``, static pages that open from disk or any web server.

``cadregraph build`` writes it, ``cadregraph site`` writes it again from the store without
reading the articles, ``cadregraph serve`` serves it on 127.0.0.1. What it holds:

- ``index.html``: counts, the date range, and the people, bodies, meetings, documents and
  articles, in tables that sort by name and date; on every page a search box that finds
  them with or without diacritics, in any case (``assets/search-index.js``);
- a page per person, body, meeting and document (``person/<id>.html``...), with its
  network, and per article (``article/<id>.html``) with its text and its facts; a hub
  with more links than its page draws gets ``network/<kind>/<id>.html`` ("show more");
- ``overview.html``: the whole graph, filtered by type, period and body, and limited to the
  most connected entities above :data:`.site_network.OVERVIEW_NODES`;
- ``assets/``: one copy of vis-network (shipped inside pyvis), ``site.css`` and ``site.js``,
  linked relatively by every page.

No page loads anything from the network (no CDN, no fonts, no bootstrap), every text from
an article is escaped wherever it lands (see :mod:`.site_html`), and the folder is
replaced in one step (:func:`.files.atomic_dir`), so a reader never sees half a site; a
file someone put beside ``index.html`` stays, the generated folders are replaced whole.
"""
from __future__ import annotations

import gc
import importlib.util
import multiprocessing
import re
import shutil
import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from ..graph.analysis import HOLDS, label
from ..graph.lookup import fold
from ..graph.pool import process_pool
from .files import atomic_dir
from .site_data import SiteData, read_site, save_texts, site_from_store
from .site_html import script_json_parts
from .site_index import LIST_KINDS, LIST_ROWS, SitePages, article_facts
from .site_network import PAGE_NODES, View, overview, view
from .site_paths import (
    ARTICLE_DIR,
    ASSETS_DIR,
    LISTS_DIR,
    NETWORK_DIR,
    PAGE_KINDS,
    article_path,
    network_path,
    page_path,
)

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_JS = "vis-network.min.js"
# the folders of a site, each written whole: a page an older site had and this one has not (an
# entity or article no longer in the store) is gone with the old folder
_GENERATED = (*PAGE_KINDS, ARTICLE_DIR, NETWORK_DIR, ASSETS_DIR, LISTS_DIR)


class SiteError(Exception):
    """The site cannot be written (vis-network is missing from the pyvis installed)."""


@dataclass
class SiteReport:
    folder: Path
    pages: int = 0
    bytes: int = 0
    largest: tuple[str, int] = ("", 0)
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)  # path in the site -> bytes

    def __str__(self) -> str:
        return (f"{self.pages} pages, {self.bytes / 1e6:.1f} MB (largest {self.largest[0]}, "
                f"{self.largest[1] / 1e3:.0f} KB) in {self.seconds:.2f} s")


def write_site(data: SiteData, folder: str | Path, jobs: int = 1) -> SiteReport:
    """Write the whole site for ``data`` (see :func:`.site_data.read_site`) into ``folder``;
    the pages of entities and articles in ``jobs`` processes (the same files for any number)."""
    started = time.perf_counter()
    folder = Path(folder)
    vis = vis_network_js()
    v = view(data)
    pages = SitePages(data, v)
    report = SiteReport(folder)
    with atomic_dir(folder) as tmp:
        def put(path: str, text: str | Iterable[str], page: bool = True) -> None:
            _record(report, path, _write(tmp, path, text), page)

        for sub in _GENERATED:  # every folder of the site, even empty: an old one is never carried over
            (tmp / sub).mkdir()
        shutil.copyfile(vis, tmp / ASSETS_DIR / VIS_JS)
        for asset in ("site.css", "site.js"):
            shutil.copyfile(ASSETS / asset, tmp / ASSETS_DIR / asset)
        for path in (VIS_JS, "site.css", "site.js"):
            report.sizes[f"{ASSETS_DIR}/{path}"] = (tmp / ASSETS_DIR / path).stat().st_size
        for path, size in _write_pages(_PageWork(tmp, pages, v, *article_facts(data.g)), jobs):
            _record(report, path, size, True)
        put(f"{ASSETS_DIR}/search-index.js",  # written entry by entry: tens of MB for 100,000 articles
            chain(["window.cgSearch="], script_json_parts(search_index(data, v)), [";\n"]), False)
        over = overview(v, data.g)
        put(f"{ASSETS_DIR}/overview-data.js", chain(["window.cgOverview="], script_json_parts(over), [";\n"]), False)
        put("overview.html", pages.overview("overview.html", len(over["nodes"]), over["limit"]))
        counts = {k: sum(1 for n in v.h if v.h.nodes[n]["type"] == k) for k in PAGE_KINDS}
        listed = [(kind, vi, en) for kind, vi, en in LIST_KINDS if counts[kind] > LIST_ROWS]
        if len(data.articles) > LIST_ROWS:
            listed.append(("article", "Bài viết", "articles"))
        for kind, vi, en in listed:  # what the index lists only in part, on pages of their own
            for path, html in pages.list_pages(kind, vi, en):
                put(path, html)
        dates = sorted({d for _, _, d in data.g.edges(data="date") if d})
        put("index.html", pages.index(counts, dates[0] if dates else None, dates[-1] if dates else None))
    report.bytes = sum(report.sizes.values())
    report.largest = max(((p, s) for p, s in report.sizes.items() if p.endswith(".html")), key=lambda x: x[1],
                         default=("", 0))
    report.seconds = time.perf_counter() - started
    return report


def _record(report: SiteReport, path: str, size: int, page: bool) -> None:
    # two ids with one file name cannot happen (see site_paths): a second one would overwrite the first
    assert path not in report.sizes, f"two pages at {path}"
    report.sizes[path] = size
    report.pages += page


def _write(folder: Path, path: str, text: str | Iterable[str]) -> int:
    """Write ``text`` (or its parts, one after the other) at ``path`` in ``folder``; its size."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(target, "wb") as f:
        for part in [text] if isinstance(text, str) else text:
            size += f.write(part.encode("utf-8"))
    return size


# -- the pages of entities and articles, in processes --------------------------------------------

PAGES_PER_TASK = 200  # pages a worker writes at a time; below two tasks' worth, no pool


@dataclass
class _PageWork:
    """What the pages of entities and articles are written from: forked into the workers."""

    folder: Path
    pages: SitePages
    v: View
    facts: dict[str, list]  # article -> the facts it states (:func:`.site_index.article_facts`)
    meetings: dict[str, list[str]]  # article -> the meetings it reports

    def tasks(self) -> list[tuple[str, list[str]]]:
        entities, articles = sorted(self.v.h), sorted(self.pages.data.articles)
        return [(kind, items[i:i + PAGES_PER_TASK]) for kind, items in (("entity", entities), ("article", articles))
                for i in range(0, len(items), PAGES_PER_TASK)]

    def write(self, task: tuple[str, list[str]]) -> list[tuple[str, int]]:
        kind, items = task
        written = []
        for item in items:
            if kind == "article":
                written.append(self._put(article_path(item), self.pages.article(
                    item, self.facts.get(item, []), self.meetings.get(item, []))))
                continue
            written.append(self._put(page_path(item) or "", getattr(self.pages, self.v.h.nodes[item]["type"])(item)))
            if self.v.h.degree(item) > PAGE_NODES - 1:
                written.append(self._put(network_path(item) or "", self.pages.more(item)))
        return written

    def _put(self, path: str, text: str) -> tuple[str, int]:
        return path, _write(self.folder, path, text)


_FORKED: _PageWork | None = None  # the work of the pool being run, as the forked workers find it


def _write_forked(task: tuple[str, list[str]]) -> list[tuple[str, int]]:
    assert _FORKED is not None
    return _FORKED.write(task)


def _write_pages(work: _PageWork, jobs: int) -> Iterator[tuple[str, int]]:
    """Write the pages of ``work``; each page's path and size, in the order of a one-process run.

    Pages are pure functions of the data, so they can be written in any process: with
    ``jobs`` > 1 (and fork, which hands the workers the data without copying it) a pool
    writes them task by task."""
    global _FORKED
    tasks = work.tasks()
    if jobs <= 1 or len(tasks) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            yield from work.write(task)
        return
    _FORKED = work
    gc.freeze()  # the collector leaves the data alone in the workers: their pages stay shared
    try:
        with process_pool(jobs) as pool:
            for written in pool.map(_write_forked, tasks):
                yield from written
    finally:
        _FORKED = None
        gc.unfreeze()


def search_index(data: SiteData, v: View) -> list[dict[str, str]]:
    """What the search box searches: every entity with a page and every article, each with its
    name folded (no diacritics, lower case), more words to match (posts, organiser, code,
    date), a line telling it apart, and its page."""
    g = data.g
    out = []
    for n in sorted(v.h, key=lambda n: (fold(v.h.nodes[n]["label"]), n)):
        d = g.nodes[n]
        kind = d["type"]
        extra: list[str] = [str(d.get(k)) for k in ("alt", "code", "number", "kind", "date") if d.get(k)]
        if kind == "person":
            posts = sorted({label(g, p) for _, p, r in g.out_edges(n, data="relation") if r == HOLDS},
                           key=lambda x: (fold(x), x))
            detail = "; ".join(posts[:2]) + ("; …" if len(posts) > 2 else "")
            extra += posts
        elif kind == "meeting":
            org = d.get("organizer")
            detail = " · ".join(x for x in (d.get("date"), label(g, org) if org in g else None) if x)
            extra.append(detail)
        elif kind == "directive":
            detail = " · ".join(x for x in (d.get("date"), d.get("subject")) if x)
        else:
            detail = str(d.get("body_type") or "")
        out.append({"t": kind, "l": label(g, n), "f": fold(label(g, n)), "x": fold(" ".join(extra)),
                    "d": detail[:120], "u": page_path(n) or ""})
    for aid, a in sorted(data.articles.items()):
        title = a.get("title") or aid
        out.append({"t": "article", "l": title, "f": fold(title), "x": fold(f"{aid} {a.get('date') or ''}"),
                    "d": a.get("date") or "", "u": article_path(aid)})
    return out


def vis_network_js() -> Path:
    """The copy of vis-network (standalone, minified) shipped in the pyvis package."""
    spec = importlib.util.find_spec("pyvis")
    roots = list(spec.submodule_search_locations or []) if spec else []
    found = [p for root in roots for p in Path(root).rglob(VIS_JS)]

    def version(p: Path) -> tuple[int, ...]:
        m = re.search(r"vis-(\d+)\.(\d+)\.(\d+)", str(p))
        return tuple(int(x) for x in m.groups()) if m else (0,)

    if not found:
        raise SiteError("vis-network.min.js is not in the installed pyvis package: reinstall pyvis (pip install pyvis)")
    return max(found, key=lambda p: (version(p), "templates" not in p.parts, str(p)))


__all__ = ["SiteData", "SiteError", "SiteReport", "read_site", "save_texts", "search_index", "site_from_store",
           "vis_network_js", "write_site"]
