"""Latency of the research questions on a built store (used by bench/stages.py).

    python bench/queries.py OUT [--samples 20]

Times loading the analysis graph and the tenures the build kept beside the store of the
build folder OUT (what a research command such as `cadregraph person` or `cadregraph
holders` pays first, while the store is unchanged) and, unless ``--kept-only``, reading
them from the store itself (what it pays after the store changed), then asks
each question for ``samples`` targets drawn with a fixed seed and reports the median and
the slowest time per question:

- person lookup: a name without diacritics resolved to one person, and their report;
- attendees of a meeting;
- directive cascade: a document, what implements it and the meetings that dealt with it;
- who held post P on date D (from the tenures);
- shortest path between two people.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from cadregraph.graph.analysis import DIRECTIVE, MEETING, PERSON, build_graph, load_graph
from cadregraph.graph.lookup import find_person
from cadregraph.graph.network import shortest_paths
from cadregraph.graph.research import attendees_report, directive_report, person_report
from cadregraph.graph.store import GraphStore
from cadregraph.graph.tenure import holders_on, load_tenures, observations_from_store, tenures
from cadregraph.sources.text import ascii_fold


def _timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - t0) * 1000


def measure(out: Path, samples: int = 20, seed: int = 0, from_store: bool = True) -> dict:
    """Load times (s) and per-question latencies (ms: median, max) on the store of ``out``;
    reading the store itself (a minute per 5,000 articles) only if ``from_store``."""
    load_graph_ms = load_tenures_ms = None
    if from_store:
        with GraphStore.open(out) as store:
            _, load_graph_ms = _timed(build_graph, store, False)
            _, load_tenures_ms = _timed(lambda: tenures(observations_from_store(store)))
    # what a research command pays while the store is unchanged: what the build kept
    g, load_kept_ms = _timed(load_graph, out)
    held, load_kept_tenures_ms = _timed(load_tenures, out)
    rng = random.Random(seed)
    of = {kind: sorted(n for n, d in g.nodes(data=True) if d.get("type") == kind) for kind in (PERSON, MEETING, DIRECTIVE)}
    people = rng.sample(of[PERSON], min(samples, len(of[PERSON])))
    questions = {
        "person lookup + report": [lambda p=p: person_report(g, find_person(g, ascii_fold(g.nodes[p].get("name") or p)).found or p)
                                   for p in people],
        "attendees of a meeting": [lambda m=m: attendees_report(g, m)
                                   for m in rng.sample(of[MEETING], min(samples, len(of[MEETING])))],
        "directive cascade": [lambda d=d: directive_report(g, d)
                              for d in rng.sample(of[DIRECTIVE], min(samples, len(of[DIRECTIVE])))],
        "holders of post P on date D": [lambda t=t: holders_on(held, t.post_id, t.first_seen)
                                        for t in rng.sample(held, min(samples, len(held)))],
        "shortest path between two people": [lambda a=a, b=b: shortest_paths(g, a, b)
                                             for a, b in zip(people, reversed(people)) if a != b],
    }
    latencies = {}
    for name, calls in questions.items():
        times = [_timed(call)[1] for call in calls]
        latencies[name] = {"median_ms": round(statistics.median(times), 2) if times else None,
                           "max_ms": round(max(times), 2) if times else None, "samples": len(times)}
    seconds = lambda ms: None if ms is None else round(ms / 1000, 2)  # noqa: E731
    return {"load_graph_s": seconds(load_graph_ms), "load_kept_graph_s": seconds(load_kept_ms),
            "load_tenures_s": seconds(load_tenures_ms), "load_kept_tenures_s": seconds(load_kept_tenures_ms),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "queries": latencies}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--kept-only", action="store_true", help="do not time reading the store itself")
    args = ap.parse_args(argv)
    json.dump(measure(args.out, args.samples, from_store=not args.kept_only), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
