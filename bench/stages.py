"""Build benchmark on a generated corpus (bench/corpus.py): stage by stage, whole builds, questions.

    python bench/stages.py --n 1000 [--n 10000] [--out bench/results] [--seed 0] [--jobs 2]
                           [--no-plain] [--whole-only N] [--keep]

For each N: generates the corpus (cached under OUT/corpus-N-sS, with 100 more articles in
OUT/corpus-N-sS-plus100), then

1. runs the stages of ``cadregraph build`` one by one in this process and times each:
   read + clean + extract (in ``--jobs`` processes), resolve (identities, corpus and
   per-article views), RDF graphs, store load, the stored graphs made from the lines
   written, Turtle export with the site's data and the tenures (from the stored graphs, as
   the build does), the Turtle export alone read from the store, texts kept, CSV tables, site
   pages (in ``--jobs`` processes); beside them the plain path: the same triples parsed into one
   in-memory rdflib Graph and ``serialize(format="turtle")``, as ratios store/plain;
2. runs ``cadregraph build`` as a command three times: from nothing, again with nothing
   changed, and with the 100 more articles added;
3. asks the research questions of bench/queries.py on the store that leaves.

(2 and 3 run first, while this process is small: on Linux a child's peak RSS counts from
the size of the process it was started from.)

Per stage: wall time, articles/s, triples/s (where triples are what the stage handles), peak
RSS, change in resident memory, size on disk. Writes OUT/results.json and OUT/results.md
after each step, so a long run cut off keeps what it measured; the runs of other sizes
already in OUT/results.json are kept (each says when and where it was measured). With
``--whole-only N`` the questions use what the build kept and do not also read the store
itself (a minute per 5,000 articles). A benchmark, not a test: it asserts nothing.
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
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from queries import measure as query_latencies  # noqa: E402

from cadregraph.exports.site import write_site  # noqa: E402
from cadregraph.exports.site_data import save_texts  # noqa: E402
from cadregraph.exports.tables import write_tables  # noqa: E402
from cadregraph.exports.rdf_formats import export as export_rdf  # noqa: E402
from cadregraph.exports.stored_graphs import CACHE_FILE, StoredGraphs, open_cache  # noqa: E402
from cadregraph.graph.extract import extract  # noqa: E402
from cadregraph.graph.identity import Curation, resolve_identities  # noqa: E402
from cadregraph.graph.rdf import article_graph  # noqa: E402
from cadregraph.graph.resolve import resolve, resolve_each  # noqa: E402
from cadregraph.graph.store import GraphStore  # noqa: E402
from cadregraph.sources.clean import prepare  # noqa: E402
from cadregraph.pipeline import default_jobs, export_turtle_reading_site, extract_sources  # noqa: E402
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


def _corpus(folder: Path, n: int, seed: int, first: int = 0) -> Path:
    """The generated corpus in ``folder``, made again when the generator changed."""
    version = hashlib.sha256((HERE / "corpus.py").read_bytes()).hexdigest()[:16]
    stamp = folder / "GENERATOR"
    if not stamp.is_file() or stamp.read_text() != version:
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder, seed, first)
        stamp.write_text(version)
    return folder


def _cli_build(stage: str, n: int, sources: list[Path], out: Path, jobs: int) -> dict:
    """``cadregraph build`` in a process of its own: wall time and the peak RSS of the
    largest process (the build or one of its workers)."""
    cmd = [sys.executable, "-m", "cadregraph.cli", "build", *map(str, sources), "--out", str(out), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.stdout.close(), proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{stderr}")
    steps = []  # the build's own timing of its steps (`cadregraph build --timings` prints the same)
    if not stdout.startswith("nothing changed"):  # else the manifest holds the last build's
        try:
            steps = json.loads((out / ".cadregraph-manifest.json").read_text(encoding="utf-8"))["summary"]["steps"]
        except (OSError, ValueError, KeyError):
            pass
    return {"stage": stage, "steps": steps, "wall_s": round(wall, 3), "articles_per_s": round(n / wall, 1) if wall else None,
            "triples": None, "triples_per_s": None, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "rss_delta_mb": None, "disk_bytes": _du(out / "store") if (out / "store").exists() else None,
            "output": next((line for line in stdout.splitlines() if line.startswith("store ")), stdout.strip()),
            "extraction": next((line for line in stdout.splitlines() if line.startswith("extraction: ")), None)}


def _site_stats(site: Path) -> dict:
    """How many pages a site has and their average size (the shared assets aside)."""
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    return {"pages": len(sizes), "average_page_kb": round(sum(sizes) / len(sizes) / 1024, 1) if sizes else None}


def end_to_end(n: int, corpus: Path, extra: Path, work: Path, jobs: int, result: dict, saved) -> None:
    """Whole builds by the command into ``result["builds"]``: from nothing (and the site it
    wrote), again with nothing changed, then with the 100 articles of ``extra`` added;
    ``saved()`` after each."""
    out = work / "e2e"
    result["builds"].append(_cli_build("whole build, read -> site (cadregraph build)", n, [corpus / "articles"],
                                       out, jobs))
    result["built_site"] = _site_stats(out / "site")
    saved()
    result["builds"].append(_cli_build("build again, nothing changed", n, [corpus / "articles"], out, jobs))
    saved()
    result["builds"].append(_cli_build("build with 100 new articles", 100, [corpus / "articles", extra / "articles"],
                                       out, jobs))
    saved()


def bench(n: int, out: Path, seed: int = 0, plain: bool = True, jobs: int = 1, stages: bool = True,
          queries: bool = True, saved=lambda result: None, measured: str = "") -> dict:
    """The stages one by one (unless not ``stages``), whole builds by the command, and the
    research questions on the store those builds leave (unless not ``queries``; reading the
    store itself as well only with the stages). ``saved(result)`` after each step."""
    corpus = _corpus(out / f"corpus-{n}-s{seed}", n, seed)
    extra = _corpus(out / f"corpus-{n}-s{seed}-plus100", 100, seed + 1, first=n)
    work = out / f"build-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result = {"n": n, "seed": seed, "jobs": jobs, "measured": measured, "corpus_bytes": _du(corpus / "articles"),
              "triples": None, "stages": [], "ratios": {}, "builds": [], "queries": None}
    # the whole builds first, while this process is small: a child's peak RSS starts from its parent's
    end_to_end(n, corpus, extra, work, jobs, result, lambda: saved(result))
    if queries:
        result["queries"] = query_latencies(work / "e2e", from_store=stages)
        saved(result)
    shutil.rmtree(work / "e2e", ignore_errors=True)
    if stages:
        result.update(_stages(n, corpus, work, jobs, plain))
        saved(result)
    return result


def _stages(n: int, corpus: Path, work: Path, jobs: int, plain: bool) -> dict:
    t = Timer(n)
    extract(prepare(next(iter(read_paths([min((corpus / "articles").glob("*.txt"))])))))  # lexicons outside the timing

    read, _ = t.run(f"read + clean + extract ({jobs} processes)",
                    lambda: list(extract_sources([corpus / "articles"], jobs=jobs)))
    facts, articles = [f for f, _ in read], [f.article for f, _ in read]
    del read
    identities, _ = t.run("resolve identities", lambda: resolve_identities(facts, Curation.load([])))
    resolved, _ = t.run("resolve corpus", lambda: resolve(facts, identities))
    views, _ = t.run("resolve per article", lambda: resolve_each(facts, identities))
    store, cache = GraphStore.create(work), open_cache(work)
    try:
        graphs, row = t.run("RDF graphs (article_graph)", lambda: [article_graph(v, store.base) for v in views])
        del views
        n_triples = sum(len(g) for g in graphs)
        row["triples"] = n_triples
        row["triples_per_s"] = round(n_triples / row["wall_s"]) if row["wall_s"] else None
        _, load = t.run("store load (sync)", lambda: store.sync(iter(graphs)), n_triples)
        load["disk_bytes"] = _du(work / "store")
        stored = StoredGraphs(store.base, cache)
        _, row = t.run("stored graphs made from the lines written (the build does it as it loads)",
                       lambda: list(stored.keep(graphs)), n_triples)
        row["disk_bytes"] = _du(work / CACHE_FILE)
        site_data, row = t.run("Turtle export + site data + tenures (from the stored graphs)",
                               lambda: export_turtle_reading_site(store, work, stored), n_triples)
        held = site_data.tenures
        row["disk_bytes"] = _du(work / "graph.ttl")
        # the Turtle export on its own, read from the store (`cadregraph export`), against the plain path
        _, export = t.run("Turtle export alone, read from the store (not in the build)",
                          lambda: export_rdf(store, "ttl", work / "alone.ttl"), n_triples)
        t.run("article texts kept", lambda: save_texts(store, work, articles))
    finally:
        store.close()
        cache.close()
    _, row = t.run("CSV tables", lambda: write_tables(resolved, work / "tables", held))
    row["disk_bytes"] = _du(work / "tables")
    _, row = t.run("site: write pages", lambda: write_site(site_data, work / "site", jobs))
    row["disk_bytes"] = _du(work / "site")
    site = _site_stats(work / "site")
    del site_data, resolved, facts, articles

    ratios = {}
    if plain:
        from rdflib import Graph

        def plain_load():
            g = Graph()
            for ag in graphs:
                g.parse(data="".join(f"{line} .\n" for line in ag.lines), format="nt")
            return g

        g, pload = t.run("plain rdflib: load (Graph.parse of each article)", plain_load, n_triples)
        _, pexport = t.run("plain rdflib: serialize turtle",
                           lambda: g.serialize(destination=str(work / "plain.ttl"), format="turtle"), n_triples)
        pexport["disk_bytes"] = _du(work / "plain.ttl")
        del g
        ratios = {"load_store_over_plain": round(load["wall_s"] / pload["wall_s"], 2) if pload["wall_s"] else None,
                  "export_store_over_plain": round(export["wall_s"] / pexport["wall_s"], 2) if pexport["wall_s"] else None}
    return {"triples": n_triples, "stages": t.rows, "ratios": ratios, "site": site}


def _row(s: dict) -> str:
    def f(v, fmt):
        return "" if v is None else format(v, fmt)
    disk = "" if s["disk_bytes"] is None else f"{s['disk_bytes'] / 2**20:.1f}"
    return (f"| {s['stage']} | {s['wall_s']:.2f} | {f(s['articles_per_s'], ',.0f')} | {f(s['triples_per_s'], ',')} | "
            f"{s['peak_rss_mb']:.0f} | {f(s['rss_delta_mb'], '+.0f')} | {disk} |")


def _markdown(results: list[dict], machine: str) -> str:
    lines = ["# cadregraph stage benchmark", "", f"{machine}", "",
             "Stages: one after the other in one process; peak RSS is that process's peak when the stage "
             "ends (monotonic), ΔRSS the change over the stage. Whole builds: `cadregraph build` in a "
             "process of its own; peak RSS of its largest process.", ""]
    header = ["| stage | wall s | articles/s | triples/s | peak RSS MB | ΔRSS MB | on disk MB |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        triples = f"{r['triples']:,} article triples, " if r["triples"] else ""
        lines += [f"## N = {r['n']:,} (seed {r['seed']}, {triples}corpus {r['corpus_bytes'] / 2**20:.1f} MB)", ""]
        if r.get("measured") and r["measured"] != machine:
            lines += [f"Measured {r['measured']}.", ""]
        if r.get("note"):  # what a reader of these figures must know about how they were taken
            lines += [r["note"], ""]
        if r["stages"]:
            lines += [*header, *(_row(s) for s in r["stages"]), ""]
            if r["ratios"]:
                lines += [f"Store path / plain rdflib Graph, wall time: load {r['ratios']['load_store_over_plain']}×, "
                          f"Turtle export {r['ratios']['export_store_over_plain']}×.", ""]
            if r.get("site"):
                lines += [f"Site: {r['site']['pages']:,} pages, {r['site']['average_page_kb']} KB on average "
                          "(beyond the shared assets).", ""]
        lines += ["Whole builds:", "", *header, *(_row(s) for s in r["builds"]), ""]
        for b in r["builds"]:
            if b.get("steps"):
                said = f" ({b['extraction']})" if b.get("extraction") else ""
                lines += [f"Steps of \"{b['stage']}\"{said}, as the build timed them:", "",
                          "| step | wall s | share | peak RSS MB (build process) |", "| --- | ---: | ---: | ---: |",
                          *(f"| {name} | {sec:.2f} | {100 * sec / b['wall_s']:.0f}% | {peak:,.0f} |"
                            for name, sec, peak in b["steps"]), ""]
        if r.get("built_site"):
            lines += [f"Site of the whole build: {r['built_site']['pages']:,} pages, "
                      f"{r['built_site']['average_page_kb']} KB on average (beyond the shared assets).", ""]
        if r["queries"]:
            q = r["queries"]
            store = (f"reading the store into the analysis graph {q['load_graph_s']} s and the tenures "
                     f"{q['load_tenures_s']} s; " if q.get("load_graph_s") is not None else "")
            lines += [f"Research questions on that store ({q['nodes']:,} nodes, {q['edges']:,} edges; {store}"
                      f"what the build kept: the graph {q.get('load_kept_graph_s')} s, the tenures "
                      f"{q.get('load_kept_tenures_s')} s; once):",
                      "", "| question | median ms | slowest ms | samples |", "| --- | ---: | ---: | ---: |",
                      *(f"| {name} | {v['median_ms']} | {v['max_ms']} | {v['samples']} |"
                        for name, v in q["queries"].items()), ""]
    whole = {r["n"]: r["builds"][0]["wall_s"] for r in results if r["builds"]}
    if len(whole) > 1:
        sizes = sorted(whole)
        lines += ["Growth of the whole build: " + ", ".join(
            f"time({b:,}) / time({a:,}) = {whole[b] / whole[a]:.1f} for {b / a:.0f}× the articles"
            for a, b in zip(sizes, sizes[1:])), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 1000)")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-plain", action="store_true", help="skip the plain rdflib comparison")
    ap.add_argument("--keep", action="store_true", help="keep the build folders")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="processes for read + extract (default: cores)")
    ap.add_argument("--whole-only", type=int, action="append", default=[], metavar="N",
                    help="for this N (also given with --n) only the whole builds and the questions, not the stages")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    machine = (f"{dt.date.today()}: {platform.machine()}, {os.cpu_count()} cores, "
               f"{platform.python_implementation()} {platform.python_version()}; "
               f"read + extract and the site pages in {args.jobs} processes, the other stages in one")
    sizes = args.n or [1000]
    earlier = _earlier_runs(args.out / "results.json", sizes)
    results: list[dict] = []

    def save(partial: dict | None = None) -> str:
        runs = sorted(earlier + results + ([partial] if partial is not None else []), key=lambda r: r["n"])
        (args.out / "results.json").write_text(json.dumps({"machine": machine, "runs": runs}, indent=1),
                                               encoding="utf-8")
        md = _markdown(runs, machine)
        (args.out / "results.md").write_text(md, encoding="utf-8")
        return md

    for n in sizes:
        results.append(bench(n, args.out, args.seed, plain=not args.no_plain, jobs=args.jobs,
                             stages=n not in args.whole_only, saved=save, measured=machine))
        if not args.keep:
            shutil.rmtree(args.out / f"build-{n}", ignore_errors=True)
        print(f"N={n}: done", file=sys.stderr)
    print(save())


def _earlier_runs(path: Path, sizes: list[int]) -> list[dict]:
    """The runs of other sizes in an earlier results file, to keep beside the new ones."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        runs, machine = earlier["runs"], earlier.get("machine", "")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    return [{"measured": machine, **r} for r in runs if isinstance(r, dict) and r.get("n") not in sizes]


if __name__ == "__main__":
    main()
