"""Extraction throughput on one core: articles per second of ``extract()`` alone.

    python bench/extraction.py [PATHS...] [--rounds 5] [--seconds 2]

Reads the articles once (default: the bundled sample corpus and, when present, the
shared dev set), cleans them once, then times extraction alone in this single process
(CPU time, best of several rounds, so other load on the machine matters less). Also
prints the cleaning rate for reference. A benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from cadregraph.graph.extract import extract
from cadregraph.sources.clean import prepare
from cadregraph.sources.model import Skipped
from cadregraph.sources.readers import bundled_corpus, read_paths


def _rate(fn, items, rounds: int, seconds: float) -> float:
    best = 0.0
    for _ in range(rounds):
        start, n = time.process_time(), 0
        while time.process_time() - start < seconds:
            for item in items:
                fn(item)
            n += len(items)
        best = max(best, n / (time.process_time() - start))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    paths = args.paths or [bundled_corpus()]
    raws = [r for r in read_paths(paths) if not isinstance(r, Skipped)]
    articles = [prepare(r) for r in raws]
    size = sum(len(a.original) for a in articles) / max(1, len(articles))
    extract(articles[0])  # load the lexicons outside the timing
    x_rate = _rate(extract, articles, args.rounds, args.seconds)
    p_rate = _rate(prepare, raws, max(1, args.rounds // 2), args.seconds / 2)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, one process")
    print(f"articles: {len(articles)} (mean {size:,.0f} characters) from {', '.join(map(str, paths))}")
    print(f"extract: {x_rate:,.0f} articles/s (CPU time, best of {args.rounds})")
    print(f"prepare: {p_rate:,.0f} articles/s (cleaning, for reference)")


if __name__ == "__main__":
    main()
