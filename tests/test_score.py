"""Extraction quality on the shared gold sets and on the reports of tests/corpus, scored by
../shared/eval/score.py.

Bars (macro F1, and no relation below 0.85): seeds >= 0.97, dev >= 0.93; each folder of
tests/corpus (reports of other provinces, districts and years) >= 0.95.
"""
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cadregraph.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path(__file__).resolve().parent / "corpus"
BARS = {"seeds": 0.97, "dev": 0.93}
CORPUS_BAR = 0.95


def _score(tables: Path, gold: Path) -> tuple[dict[str, float], float]:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--tables", str(tables),
                          "--gold", str(gold)], capture_output=True, text=True, check=True).stdout
    f1 = {}
    macro = None
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("macro F1:"):
            macro = float(parts[-1])
        elif len(parts) == 7 and parts[0] != "relation":
            f1[parts[0]] = float(parts[3])
    assert macro is not None, out
    return f1, macro


@pytest.mark.parametrize("gold_set", sorted(BARS))
def test_gold_set_meets_its_bar(gold_set, tmp_path):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared evaluation folder is not beside the repository")
    result = CliRunner().invoke(main, ["build", str(SHARED / gold_set), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    f1, macro = _score(tmp_path / "tables", SHARED / "gold" / gold_set)
    assert len(f1) == 9
    assert macro >= BARS[gold_set], f1
    assert min(f1.values()) >= 0.85, f1


@pytest.mark.parametrize("folder", ["provinces", "districts", "state", "mixed", "cities", "regions", "national", "coast", "sampler", "committees", "towns", "papers", "borders", "centre", "assorted"])
def test_reports_of_other_places_meet_their_bar(folder, tmp_path):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared evaluation folder is not beside the repository")
    result = CliRunner().invoke(main, ["build", str(CORPUS / folder), "--out", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    f1, macro = _score(tmp_path / "tables", CORPUS / "gold" / folder)
    assert len(f1) == 9
    assert macro >= CORPUS_BAR, f1
    assert min(f1.values()) >= 0.85, f1

