"""Extraction quality at scale: the scorer's macro F1 on generated corpora of several sizes.

    python bench/quality.py --n 1000 --n 100000 [--out bench/results] [--seed 0] [--jobs 2]
                            [--shared ../shared]

For each N: the generated corpus (bench/corpus.py, cached as in bench/stages.py), read,
cleaned and extracted in ``--jobs`` processes, resolved, written as the CSV tables (no
store: the scorer reads only the tables) and scored by ``SHARED/eval/score.py`` against the
corpus's own gold files. Prints and saves (OUT/quality.json, OUT/quality.md) the F1 of each
relation and the macro F1 per N, and the difference of each N from the smallest: the bar
is that a corpus 100 times larger scores within 0.02 of the small one (no step of the
extraction or the resolution degrades with the number of articles). A benchmark, not a
test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stages import _corpus  # noqa: E402

from cadregraph.exports.tables import write_tables  # noqa: E402
from cadregraph.graph.identity import Curation, resolve_identities  # noqa: E402
from cadregraph.graph.resolve import resolve  # noqa: E402
from cadregraph.pipeline import default_jobs, extract_sources  # noqa: E402

_ROW = re.compile(r"^(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$")


def score(tables: Path, gold: Path, shared: Path) -> dict:
    """The scorer's rows (relation -> P, R, F1) and its macro F1, read from its output."""
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--tables", str(tables),
                           "--gold", str(gold)], capture_output=True, text=True, check=True)
    relations = {}
    macro = None
    for line in done.stdout.splitlines():
        if m := _ROW.match(line.strip()):
            relations[m[1]] = {"p": float(m[2]), "r": float(m[3]), "f1": float(m[4])}
        elif line.startswith("macro F1:"):
            macro = float(line.split(":")[1])
    if macro is None:
        raise RuntimeError(f"no macro F1 in the scorer's output:\n{done.stdout}\n{done.stderr}")
    return {"relations": relations, "macro_f1": macro}


def measure(n: int, out: Path, seed: int, jobs: int, shared: Path) -> dict:
    corpus = _corpus(out / f"corpus-{n}-s{seed}", n, seed)
    t0 = time.perf_counter()
    facts = [f for f, _ in extract_sources([corpus / "articles"], jobs=jobs)]
    extracted = time.perf_counter() - t0
    resolved = resolve(facts, resolve_identities(facts, Curation.load([])))
    tables = out / f"quality-{n}-s{seed}" / "tables"
    write_tables(resolved, tables)
    built = time.perf_counter() - t0
    del facts, resolved
    result = {"n": n, "seed": seed, "extract_s": round(extracted, 1), "tables_s": round(built, 1),
              **score(tables, corpus / "gold", shared)}
    print(f"N={n}: macro F1 {result['macro_f1']:.3f} ({built:.0f} s)", file=sys.stderr)
    return result


def markdown(results: list[dict]) -> str:
    relations = sorted({r for res in results for r in res["relations"]})
    lines = ["# Extraction quality on generated corpora", "",
             "| relation | " + " | ".join(f"F1 N={r['n']:,}" for r in results) + " |",
             "| --- | " + " | ".join("---:" for _ in results) + " |"]
    for rel in relations:
        lines.append(f"| {rel} | " + " | ".join(
            f"{res['relations'][rel]['f1']:.3f}" if rel in res["relations"] else "" for res in results) + " |")
    lines.append("| **macro F1** | " + " | ".join(f"**{r['macro_f1']:.3f}**" for r in results) + " |")
    base = results[0]
    lines += ["", *(f"macro F1 at N={r['n']:,} minus N={base['n']:,}: {r['macro_f1'] - base['macro_f1']:+.3f} "
                    f"(read + extract {r['extract_s']} s, with resolution and tables {r['tables_s']} s)"
                    for r in results[1:])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 1000 and 10000)")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="processes for read + extract (default: cores)")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared",
                    help="the folder holding eval/score.py (default: ../shared beside the repository)")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").is_file():
        ap.error(f"no eval/score.py under {args.shared}; give --shared")
    args.out.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.out, args.seed, args.jobs, args.shared) for n in sorted(args.n or [1000, 10000])]
    (args.out / "quality.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    md = markdown(results)
    (args.out / "quality.md").write_text(md + "\n", encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
