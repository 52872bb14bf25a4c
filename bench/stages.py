"""Stage-by-stage build benchmark on a generated corpus (bench/corpus.py).

    python bench/stages.py --n 1000 [--n 10000] [--out bench/results] [--seed 0] [--no-plain]

For each N: generates the corpus (cached under OUT/corpus-N-sS), then runs the stages of
``cadregraph build`` one by one in this process and times each: read+clean, extract,
resolve (identities, corpus and per-article views), RDF graphs (article_graph), store load
(GraphStore.sync), tenures, Turtle export, CSV tables, site (read + write). Beside them, the
plain path: the same article graphs added to one in-memory rdflib Graph and
``serialize(format="turtle")``, reported as ratios store/plain for load and export.

Per stage: wall time, articles/s, triples/s (where triples are what the stage handles), the
process peak RSS when the stage ends (ru_maxrss: monotonic, so it is the peak so far) and the
change in resident memory over the stage. Writes OUT/results.json and OUT/results.md. A
benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

from cadregraph.exports.site import write_site  # noqa: E402
from cadregraph.exports.site_data import read_site, save_texts  # noqa: E402
from cadregraph.exports.tables import write_tables  # noqa: E402
from cadregraph.exports.turtle import write_turtle  # noqa: E402
from cadregraph.graph.extract import extract  # noqa: E402
from cadregraph.graph.identity import Curation, resolve_identities  # noqa: E402
from cadregraph.graph.rdf import article_graph  # noqa: E402
from cadregraph.graph.resolve import resolve, resolve_each  # noqa: E402
from cadregraph.graph.store import GraphStore  # noqa: E402
from cadregraph.graph.tenure import observations_from_store, tenure_graph, tenures  # noqa: E402
from cadregraph.sources.clean import prepare  # noqa: E402
from cadregraph.pipeline import default_jobs, extract_sources  # noqa: E402
from cadregraph.sources.readers import read_paths  # noqa: E402


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Timer:
    def __init__(self, n: int) -> None:
        self.n = n
        self.rows: list[dict] = []

    def run(self, stage: str, fn, triples: int | None = None):
        gc.collect()
        rss0, t0 = _rss_mb(), time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t0
        row = {"stage": stage, "wall_s": round(wall, 3), "articles_per_s": round(self.n / wall, 1) if wall else None,
               "triples": triples, "triples_per_s": round(triples / wall) if triples and wall else None,
               "peak_rss_mb": round(_peak_mb(), 1), "rss_delta_mb": round(_rss_mb() - rss0, 1), "disk_bytes": None}
        self.rows.append(row)
        return result, row


def bench(n: int, out: Path, seed: int = 0, plain: bool = True, jobs: int = 1) -> dict:
    corpus = out / f"corpus-{n}-s{seed}"
    version = hashlib.sha256((HERE / "corpus.py").read_bytes()).hexdigest()[:16]  # regenerate when the generator changes
    stamp = corpus / "GENERATOR"
    if not stamp.is_file() or stamp.read_text() != version:
        shutil.rmtree(corpus, ignore_errors=True)
        generate(n, corpus, seed)
        stamp.write_text(version)
    work = out / f"build-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t = Timer(n)
    extract(prepare(next(iter(read_paths([min((corpus / "articles").glob("*.txt"))])))))  # lexicons outside the timing

    read, _ = t.run(f"read + clean + extract ({jobs} processes)",
                    lambda: list(extract_sources([corpus / "articles"], jobs=jobs)))
    facts, articles = [f for f, _ in read], [f.article for f, _ in read]
    del read
    identities, _ = t.run("resolve identities", lambda: resolve_identities(facts, Curation.load([])))
    resolved, _ = t.run("resolve corpus", lambda: resolve(facts, identities))
    views, _ = t.run("resolve per article", lambda: resolve_each(facts, identities))
    store = GraphStore.create(work)
    try:
        graphs, _ = t.run("RDF graphs (article_graph)", lambda: [article_graph(v, store.base) for v in views])
        n_triples = sum(len(g.graph) for g in graphs)
        t.rows[-1]["triples"] = n_triples
        t.rows[-1]["triples_per_s"] = round(n_triples / t.rows[-1]["wall_s"]) if t.rows[-1]["wall_s"] else None
        _, load = t.run("store load (sync)", lambda: store.sync(iter(graphs)), n_triples)
        def derive_tenures():
            held = tenures(observations_from_store(store))
            store.put_derived("tenures", tenure_graph(held, store.base))
            return held

        held, _ = t.run("tenures", derive_tenures)
        load["disk_bytes"] = _du(work / "store")
        _, export = t.run("Turtle export (store)", lambda: write_turtle(store, work / "graph.ttl"), n_triples)
        export["disk_bytes"] = _du(work / "graph.ttl")
        site_data, _ = t.run("site: read (texts + data)", lambda: (save_texts(store, work, articles),
                                                                   read_site(store, work, held))[1])
    finally:
        store.close()
    _, row = t.run("CSV tables", lambda: write_tables(resolved, work / "tables", held))
    row["disk_bytes"] = _du(work / "tables")
    _, row = t.run("site: write pages", lambda: write_site(site_data, work / "site"))
    row["disk_bytes"] = _du(work / "site")

    ratios = {}
    if plain:
        from rdflib import Graph

        def plain_load():
            g = Graph()
            for ag in graphs:
                g += ag.graph
            return g

        g, pload = t.run("plain rdflib: load (Graph +=)", plain_load, n_triples)
        _, pexport = t.run("plain rdflib: serialize turtle",
                           lambda: g.serialize(destination=str(work / "plain.ttl"), format="turtle"), n_triples)
        pexport["disk_bytes"] = _du(work / "plain.ttl")
        del g
        ratios = {"load_store_over_plain": round(load["wall_s"] / pload["wall_s"], 2) if pload["wall_s"] else None,
                  "export_store_over_plain": round(export["wall_s"] / pexport["wall_s"], 2) if pexport["wall_s"] else None}
    return {"n": n, "seed": seed, "triples": n_triples, "stages": t.rows, "ratios": ratios,
            "corpus_bytes": _du(corpus / "articles")}


def _markdown(results: list[dict], machine: str) -> str:
    lines = ["# cadregraph stage benchmark", "", f"{machine}", "",
             "Peak RSS is the process peak when the stage ends (monotonic over the run); "
             "ΔRSS is the change in resident memory over the stage.", ""]
    for r in results:
        lines += [f"## N = {r['n']:,} (seed {r['seed']}, {r['triples']:,} article triples, "
                  f"corpus {r['corpus_bytes'] / 2**20:.1f} MB)", "",
                  "| stage | wall s | articles/s | triples/s | peak RSS MB | ΔRSS MB | on disk MB |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for s in r["stages"]:
            def f(v, fmt):
                return "" if v is None else format(v, fmt)
            disk = "" if s["disk_bytes"] is None else f"{s['disk_bytes'] / 2**20:.1f}"
            lines.append(f"| {s['stage']} | {s['wall_s']:.2f} | {f(s['articles_per_s'], ',.0f')} | "
                         f"{f(s['triples_per_s'], ',')} | {s['peak_rss_mb']:.0f} | {s['rss_delta_mb']:+.0f} | {disk} |")
        if r["ratios"]:
            lines += ["", f"Store path / plain rdflib Graph, wall time: load {r['ratios']['load_store_over_plain']}×, "
                          f"Turtle export {r['ratios']['export_store_over_plain']}×."]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 1000)")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-plain", action="store_true", help="skip the plain rdflib comparison")
    ap.add_argument("--keep", action="store_true", help="keep the build folders")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="processes for read + extract (default: cores)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    machine = (f"{dt.date.today()}: {platform.machine()}, {os.cpu_count()} cores, "
               f"{platform.python_implementation()} {platform.python_version()}; "
               f"read + extract in {args.jobs} processes, the other stages in one")
    results = []
    for n in args.n or [1000]:
        results.append(bench(n, args.out, args.seed, plain=not args.no_plain, jobs=args.jobs))
        if not args.keep:
            shutil.rmtree(args.out / f"build-{n}", ignore_errors=True)
        print(f"N={n}: done", file=sys.stderr)
    (args.out / "results.json").write_text(json.dumps({"machine": machine, "runs": results}, indent=1), encoding="utf-8")
    md = _markdown(results, machine)
    (args.out / "results.md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
