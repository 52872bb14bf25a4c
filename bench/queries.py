"""Latency of the research questions on a built store (used by bench/stages.py).

    python bench/queries.py OUT [--samples 20]

Opens the store of the build folder OUT, reads it once into the analysis graph and the
tenures (timed), times loading the analysis graph the build kept (what a research command
such as `cadregraph person` pays first, while the store is unchanged), then asks
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
from cadregraph.graph.tenure import holders_on, observations_from_store, tenures
from cadregraph.sources.text import ascii_fold


def _timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - t0) * 1000


def measure(out: Path, samples: int = 20, seed: int = 0) -> dict:
    """Load times (s) and per-question latencies (ms: median, max) on the store of ``out``."""
    with GraphStore.open(out) as store:
        g, load_graph_ms = _timed(build_graph, store, False)
        held, load_tenures_ms = _timed(lambda: tenures(observations_from_store(store)))
    _, load_kept_ms = _timed(load_graph, out)  # what a research command pays: the graph the build kept
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
    return {"load_graph_s": round(load_graph_ms / 1000, 2), "load_kept_graph_s": round(load_kept_ms / 1000, 2),
            "load_tenures_s": round(load_tenures_ms / 1000, 2),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "queries": latencies}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--samples", type=int, default=20)
    args = ap.parse_args(argv)
    json.dump(measure(args.out, args.samples), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
