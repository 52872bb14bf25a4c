"""The benchmark corpus generator (bench/corpus.py), the stage benchmark (bench/stages.py) and the
quality benchmark (bench/quality.py) keep working.

The benchmarks themselves are not tests; this runs them at N = 60 (and 30).
"""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cadregraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
N = 60


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / f"corpus-{N}-s0"
    _load("corpus").generate(N, out, seed=0)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_corpus_is_deterministic_for_a_seed(corpus, tmp_path):
    generate = _load("corpus").generate
    assert _files(generate(N, tmp_path / "again", seed=0)) == _files(corpus)
    assert _files(generate(N, tmp_path / "other", seed=1)) != _files(corpus)


def _date_or_none(value) -> bool:
    return value is None or (isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-")


def test_the_gold_follows_the_format(corpus):
    golds = sorted((corpus / "gold").glob("*.json"))
    assert len(golds) == N == len(list((corpus / "articles").glob("*.txt")))
    names = set()
    for path in golds:
        g = json.loads(path.read_text(encoding="utf-8"))
        assert set(g) == {"article", "locality", "published", "authors", "people", "optional_people", "meetings",
                          "directives", "directive_links"}
        assert g["article"] == path.stem and (corpus / "articles" / f"{path.stem}.txt").is_file()
        assert _date_or_none(g["published"]) and all(isinstance(a, str) for a in g["authors"])
        people = {p["name"] for p in g["people"]}
        assert all(p["positions"] and all(isinstance(x, str) for x in p["positions"]) for p in g["people"])
        labels = {f"{d['kind']} {d['number']}" for d in g["directives"]}
        for d in g["directives"]:
            assert set(d) == {"kind", "number", "code", "issued"} and d["number"].isdigit()
            assert _date_or_none(d["issued"])
        for m in g["meetings"]:
            assert set(m) == {"date", "organizer", "chairs", "participants", "directives"}
            assert _date_or_none(m["date"]) and set(m["chairs"]) <= set(m["participants"]) <= people
            assert set(m["directives"]) <= labels
            if g["published"] and m["date"]:
                assert m["date"] <= g["published"]
        assert all(a in labels and b in labels for a, b in g["directive_links"])
        names |= people
    assert len(names) > 30  # a pool of people, not a handful


def test_the_extraction_scores_well_on_the_corpus(corpus, tmp_path):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared evaluation folder is not beside the repository")
    result = CliRunner().invoke(main, ["build", str(corpus / "articles"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--tables", str(tmp_path / "tables"),
                          "--gold", str(corpus / "gold")], capture_output=True, text=True, check=True).stdout
    macro = float(out.strip().splitlines()[-1].split()[-1])
    assert macro >= 0.9, out


def test_the_stage_benchmark_writes_its_results(corpus, capsys):
    out = corpus.parent
    _load("stages").main(["--n", str(N), "--out", str(out)])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    run = results["runs"][0]
    assert run["n"] == N and run["triples"] > 0
    stages = {s["stage"] for s in run["stages"]}
    assert {"store load (sync)", "stored graphs made from the lines written (the build does it as it loads)",
            "Turtle export + site data + tenures (from the stored graphs)",
            "Turtle export alone, read from the store (not in the build)", "CSV tables", "site: write pages"} <= stages
    assert any(s.startswith("read + clean + extract") for s in stages)
    assert run["ratios"]["load_store_over_plain"] > 0
    assert "| read + clean + extract (" in (out / "results.md").read_text(encoding="utf-8")
    assert [b["stage"] for b in run["builds"]] == ["whole build, read -> site (cadregraph build)",
                                                   "build again, nothing changed", "build with 100 new articles"]
    assert run["builds"][1]["output"].endswith(": unchanged") and "100 added" in run["builds"][2]["output"]
    assert all(q["samples"] > 0 and q["median_ms"] >= 0 for q in run["queries"]["queries"].values())
    assert not (out / f"build-{N}").exists()
    assert run["built_site"]["pages"] > 0 and run["queries"]["load_graph_s"] is not None
    whole, unchanged, added = run["builds"]
    assert [s[0] for s in whole["steps"]][0] == "read + clean + extract" and unchanged["steps"] == []
    assert len(added["steps"]) == len(whole["steps"]) and "| site pages |" in (out / "results.md").read_text("utf-8")

    # another size, whole builds only: added beside the first run, the store itself not read for the questions
    _load("stages").main(["--n", "30", "--whole-only", "30", "--out", str(out), "--no-plain"])
    runs = json.loads((out / "results.json").read_text(encoding="utf-8"))["runs"]
    assert [r["n"] for r in runs] == [30, N] and runs[1] == run | {"measured": runs[1]["measured"]}
    small = runs[0]
    assert small["stages"] == [] and len(small["builds"]) == 3 and small["built_site"]["pages"] > 0
    assert small["queries"]["load_graph_s"] is None and small["queries"]["load_kept_tenures_s"] is not None
    assert "## N = 30 " in (out / "results.md").read_text(encoding="utf-8")


def test_the_quality_benchmark_scores_each_size(tmp_path):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared evaluation folder is not beside the repository")
    _load("quality").main(["--n", "30", "--n", str(N), "--out", str(tmp_path), "--jobs", "1", "--shared", str(SHARED)])
    results = json.loads((tmp_path / "quality.json").read_text(encoding="utf-8"))
    assert [r["n"] for r in results] == [30, N]
    for r in results:
        assert r["macro_f1"] >= 0.9 and r["relations"]["people"]["f1"] >= 0.9
    md = (tmp_path / "quality.md").read_text(encoding="utf-8")
    assert "| **macro F1** |" in md and f"macro F1 at N={N:,} minus N=30:" in md
