"""Entity resolution against gold annotations: duplicates and false merges.

    python bench/resolution_quality.py [--set seeds --set dev] [--shared ../shared]

Builds the articles of the gold sets together (one corpus), then, for people, bodies
(meeting organisers) and documents, compares the graph's entities with the gold ones:

- duplicate rate: gold entities that the graph splits into several nodes;
- false-merge rate: graph nodes that stand for several gold entities.

Gold files name entities per article; across articles a gold person is a name (folded
as the scorer folds it), a gold body a full organiser name, a gold document its kind,
number and issuer (from its code, with the article's locality for local codes) and its
issue year; a document given without code or date is the one of that kind and number
issued before the article, when there is exactly one. Prints a table; exits 1 when the
rates are not both zero and --strict is given.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from cadregraph.sources.text import canonical

_KIND_SAME = {"chương trình hành động": "chương trình", "thông báo kết luận": "thông báo"}


def _name(text: str) -> str:
    return " ".join(canonical(text).casefold().split())


def _label(text: str) -> str:
    s = _name(text)
    s = re.sub(r"\bubnd\b", "ủy ban nhân dân", s)
    s = re.sub(r"\bhđnd\b", "hội đồng nhân dân", s)
    s = re.sub(r"\bmặt trận tổ quốc việt nam\b", "mặt trận tổ quốc", s)
    return s


def _kind(kind: str) -> str:
    k = _name(kind)
    return _KIND_SAME.get(k, k)


def _table(folder: Path, name: str) -> list[dict]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _gold_documents(golds: list[dict]) -> dict[tuple[str, str, str], tuple]:
    """(article, kind, number) -> gold identity of the document."""
    stated = {}
    for g in golds:
        when = g.get("published") or min((m["date"] for m in g["meetings"] if m.get("date")), default=None)
        for d in g["directives"]:
            code = d.get("code") or ""
            issuer = re.split(r"[/-]", code)[-1] if code else ""
            scope = issuer if issuer in ("TW", "BTGTW") else (f"{issuer}:{g.get('locality')}" if issuer else "")
            stated[(g["article"], _kind(d["kind"]), str(int(d["number"])))] = (
                _kind(d["kind"]), str(int(d["number"])), scope, (d.get("issued") or "")[:4], when)
    # a document written without code or date is the one issued before the article
    full = defaultdict(set)
    for kind, number, scope, year, _when in stated.values():
        if scope and year:
            full[(kind, number)].add((scope, year))
    out = {}
    for key, (kind, number, scope, year, when) in stated.items():
        if not (scope and year):
            fits = [(s, y) for s, y in full[(kind, number)]
                    if (not scope or s == scope) and (not year or y == year) and (when is None or y <= when[:4])]
            if len(fits) == 1:
                scope, year = fits[0]
        out[key] = (kind, number, scope, year)
    return out


def measure(shared: Path, sets: list[str]) -> dict[str, dict[str, float]]:
    golds = [json.loads(p.read_text(encoding="utf-8"))
             for s in sets for p in sorted((shared / "gold" / s).glob("*.json"))]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "cadregraph.cli", "build", *[str(shared / s) for s in sets],
                        "--out", str(out)], check=True, capture_output=True)
        tables = out / "tables"
        people = {r["person_id"]: _name(r["name"]) for r in _table(tables, "people")}
        bodies = {r["body_id"]: r["name"] for r in _table(tables, "bodies")}
        docs = {r["directive_id"]: r for r in _table(tables, "directives")}
        meetings = _table(tables, "meetings")
        mentions = _table(tables, "mentions")

    by_article: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        by_article[m["article_id"]][m["entity_type"]].add(m["entity_id"])
    gold_docs = _gold_documents(golds)
    pairs: dict[str, list[tuple[object, str]]] = defaultdict(list)  # type -> (gold key, predicted id)
    for g in golds:
        art = g["article"]
        for p in g["people"]:
            for pid in by_article[art]["person"]:
                if people.get(pid) == _name(p["name"]):
                    pairs["people"].append((_name(p["name"]), pid))
        # the n-th meeting of the gold and the n-th of the graph with that date are one meeting
        predicted = defaultdict(list)
        for m in meetings:
            if m["article_id"] == art:
                predicted[m["date"]].append(m)
        seen = defaultdict(int)
        for gm in g["meetings"]:
            date = gm.get("date") or ""
            n, seen[date] = seen[date], seen[date] + 1
            if gm.get("organizer") and n < len(predicted[date]) and predicted[date][n]["organizer_id"]:
                pairs["bodies"].append((_label(gm["organizer"]), predicted[date][n]["organizer_id"]))
        for (a, kind, number), gold_key in gold_docs.items():
            if a != art:
                continue
            for did in by_article[art]["directive"]:
                d = docs[did]
                if _kind(d["kind"]) == kind and d["number"] == number:
                    pairs["documents"].append((gold_key, did))
    report = {}
    for kind, items in pairs.items():
        by_gold, by_pred = defaultdict(set), defaultdict(set)
        for gold_key, pred in items:
            by_gold[gold_key].add(pred)
            by_pred[pred].add(gold_key)
        dup = [k for k, v in by_gold.items() if len(v) > 1]
        merged = [k for k, v in by_pred.items() if len(v) > 1]
        report[kind] = {"gold": len(by_gold), "nodes": len(by_pred),
                        "duplicates": len(dup), "duplicate_rate": len(dup) / max(1, len(by_gold)),
                        "false_merges": len(merged), "false_merge_rate": len(merged) / max(1, len(by_pred)),
                        "examples": [str(sorted(by_gold[k])) for k in dup[:3]] + [f"{k}: {sorted(map(str, by_pred[k]))}"
                                                                             for k in merged[:3]]}
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--set", dest="sets", action="append", help="gold set(s) to build together (default: seeds, dev)")
    ap.add_argument("--strict", action="store_true", help="exit 1 unless every rate is zero")
    args = ap.parse_args()
    sets = args.sets or ["seeds", "dev"]
    report = measure(args.shared, sets)
    print(f"resolution on {' + '.join(sets)}")
    print(f"{'entities':<10} {'gold':>5} {'nodes':>6} {'dup':>4} {'dup rate':>9} {'merged':>7} {'merge rate':>11}")
    for kind, r in report.items():
        print(f"{kind:<10} {r['gold']:>5} {r['nodes']:>6} {r['duplicates']:>4} {r['duplicate_rate']:>9.3f} "
              f"{r['false_merges']:>7} {r['false_merge_rate']:>11.3f}")
        for ex in r["examples"]:
            print(f"    {ex}")
    bad = any(r["duplicates"] or r["false_merges"] for r in report.values())
    return 1 if args.strict and bad else 0


if __name__ == "__main__":
    sys.exit(main())
