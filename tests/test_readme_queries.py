"""Every SPARQL query of the README, run on the bundled articles and checked against the gold seeds."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.graph.sparql import solutions_json
from cadregraph.sources.readers import bundled_corpus

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GOLD = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "gold" / "seeds"


def readme_queries() -> dict[str, str]:
    """Query blocks of the README by their first line, a comment saying what they answer."""
    blocks = re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    queries = {}
    for block in blocks:
        first = block.splitlines()[0]
        assert first.startswith("# "), f"a README query starts with a comment naming it: {first!r}"
        queries[first[2:].strip()] = block
    return queries


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    if not GOLD.is_dir():
        pytest.skip(f"the gold seeds are not at {GOLD} (set SHARED to the shared folder)")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="module")
def answers(bundled_out) -> dict[str, list[dict[str, str]]]:
    out = {}
    for key, query in readme_queries().items():
        result = CliRunner().invoke(main, ["sparql", query, "--out", str(bundled_out), "--format", "json"])
        assert result.exit_code == 0, (key, result.output)
        out[key] = solutions_json(result.output)
    return out


def article_id(iri: str) -> str:
    return iri.rpartition("/article/")[2]


def test_every_readme_query_is_checked():
    assert set(readme_queries()) == set(CHECKS)


@pytest.mark.parametrize("key", sorted(readme_queries()))
def test_readme_query_answers_match_the_seeds(key, answers, gold):
    rows = answers[key]
    assert rows, f"{key}: no answer"
    CHECKS[key](rows, gold)


def _meetings(gold):
    return [(aid, m) for aid, g in gold.items() for m in g["meetings"]]


def check_attended(rows, gold):
    [(aid, meeting)] = [(a, m) for a, m in _meetings(gold) if m["date"] == "2023-11-04"]
    assert {nfc(r["name"]) for r in rows if r["role"] == "Chair"} == set(meeting["chairs"]) == {"Đào Phú Thùy Dương"}
    assert {nfc(r["name"]) for r in rows} == set(meeting["participants"])


def check_chaired(rows, gold):
    found = {(r.get("date"), nfc(r["chair"])) for r in rows}
    by_date = {m["date"]: m for _, m in _meetings(gold)}
    for date, chair in found:
        assert chair in by_date[date]["chairs"], (date, chair)
    for date, meeting in by_date.items():
        if meeting["organizer"] in ("Thành ủy Hải Phòng", "Ban Thường vụ Thành ủy Hải Phòng"):
            assert {(date, c) for c in meeting["chairs"]} <= found, date
    assert ("2023-11-04", "Đào Phú Thùy Dương") in found


def check_disseminated(rows, gold):
    for r in rows:
        [meeting] = [m for m in gold[article_id(r["article"])]["meetings"] if m["date"] == r["date"]]
        assert "Quy định 124" in meeting["directives"]
        assert r["organizer"] == meeting["organizer"]
    assert {r["date"] for r in rows} == {"2023-11-04"}


def check_posts(rows, gold):
    expected = {(aid, pos) for aid, g in gold.items() for p in g["people"] if p["name"] == "Đào Phú Thùy Dương"
                for pos in p["positions"]}
    assert {(article_id(r["article"]), nfc(r["post"])) for r in rows} == expected
    for r in rows:
        text = _article_text(article_id(r["article"]))
        assert r["quote"] in text and "Đào Phú Thùy Dương" in r["quote"]


def check_implements(rows, gold):
    expected = {(pair[0], aid) for aid, g in gold.items() for pair in g["directive_links"] if pair[1] == "Kết luận 21"}
    found = set()
    for r in rows:
        kind, number = re.fullmatch(r"(.+) số (\d+)(?:-.*)?", r["document"]).groups()
        found.add((f"{kind} {number}", article_id(r["article"])))
        [doc] = [d for d in gold[article_id(r["article"])]["directives"] if (d["kind"], d["number"]) == (kind, number)]
        assert r.get("issued") == doc["issued"]
    assert found == expected == {("Kế hoạch 122", "001_d3fe42677955c6f5")}


def check_sentence(rows, gold):
    [(aid, _)] = [(a, m) for a, m in _meetings(gold) if "Đào Phú Thùy Dương" in m["chairs"]]
    text = _article_text(aid)
    for r in rows:
        assert text[int(r["start"]):int(r["end"])] == r["quote"]
        assert "chủ trì" in r["quote"] and "Đào Phú Thùy Dương" in r["quote"]


def _article_text(aid: str) -> str:
    """The article as read: evidence offsets point into it."""
    return (bundled_corpus() / f"{aid}.txt").read_text(encoding="utf-8-sig")


CHECKS = {
    "who attended meeting X, and in what role": check_attended,
    "who chaired the meetings of body B": check_chaired,
    "which meetings disseminated directive D": check_disseminated,
    "which posts person P held, according to which articles": check_posts,
    "which documents implement Kết luận 21-KL/TW": check_implements,
    "where an article says so: the sentence behind a fact": check_sentence,
}
