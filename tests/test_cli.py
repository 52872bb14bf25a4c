from __future__ import annotations

import csv
import json
import hashlib
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.graph.model import ArticleFacts, PersonMention
from cadregraph.sources.model import Article, RawDocument

ARTICLE = ("Huyện ủy Kiến Thụy tổng kết công tác xây dựng Đảng\n"
           "Ngày 28/12/2023, Huyện ủy Kiến Thụy tổ chức hội nghị tổng kết. "
           "Đồng chí Phạm Văn Mười, Bí thư Huyện ủy, chủ trì hội nghị.\n")


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2 mixes stderr into output by default
    except TypeError:
        return CliRunner()


@pytest.fixture
def stub_pipeline(monkeypatch):
    """Stand-ins for prepare/extract, so the wiring is tested whatever the extractor finds."""
    seen: list[RawDocument] = []

    def prepare(raw: RawDocument) -> Article:
        seen.append(raw)
        return Article(raw.article_id, raw.source_path, raw.text, raw.text, list(range(len(raw.text))),
                       raw.title or "", 0, len(raw.text), locality=raw.locality,
                       content_hash=hashlib.sha256(raw.text.encode("utf-8")).hexdigest())

    def extract(article: Article) -> ArticleFacts:
        return ArticleFacts(article, people=[PersonMention("phạm văn mười", "Phạm Văn Mười")])

    monkeypatch.setitem(sys.modules, "cadregraph.sources.clean", types.SimpleNamespace(prepare=prepare))
    monkeypatch.setitem(sys.modules, "cadregraph.graph.extract", types.SimpleNamespace(extract=extract))
    return seen


def articles(tmp_path: Path, bad: bool) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kien-thuy.txt").write_text(ARTICLE, encoding="utf-8")
    if bad:
        (folder / "trong.txt").write_text("", encoding="utf-8")
    return folder


def test_help_lists_commands_and_exit_codes():
    result = runner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output
    result = runner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert "3  some input was skipped" in result.output
    assert "--locality" in result.output and "--base" in result.output and "--prune" in result.output
    for command in ("export", "sparql", "push", "validate"):
        result = runner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Exit status" in result.output and "--out" in result.output, command


def test_version():
    from cadregraph import __version__

    result = runner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_missing_path_is_a_usage_error(tmp_path):
    result = runner().invoke(main, ["build", str(tmp_path / "khong-co"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2


def test_build_writes_outputs_and_reports_skips(stub_pipeline, tmp_path):
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(articles(tmp_path, bad=True)), "--out", str(out),
                                    "--locality", "Hải Phòng"])
    assert result.exit_code == 3, result.output
    assert result.stderr.strip() == f"skipped {tmp_path / 'in' / 'trong.txt'}: empty file"
    assert result.stdout.splitlines() == [f"1 articles, 1 people, 0 bodies, 0 meetings, 0 directives -> {out}",
                                          f"store {out / 'store'}: 1 articles (1 added, 0 replaced, 0 unchanged)"]
    assert [raw.locality for raw in stub_pipeline] == ["Hải Phòng"]
    assert (out / "store").is_dir()
    for f in ("graph.ttl", "site/index.html", *(f"tables/{t}.csv" for t in ("articles", "people", "mentions"))):
        assert (out / f).is_file(), f
    with (out / "tables" / "people.csv").open(encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == [{"person_id": "person/pham-van-muoi", "name": "Phạm Văn Mười"}]


def test_build_exit_zero_when_everything_is_read(stub_pipeline, tmp_path):
    result = runner().invoke(main, ["build", str(articles(tmp_path, bad=False)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_build_with_the_real_extractor(tmp_path):
    pytest.importorskip("cadregraph.graph.extract")
    pytest.importorskip("cadregraph.sources.clean")
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(articles(tmp_path, bad=True)), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert "trong.txt: empty file" in result.stderr
    assert (out / "graph.ttl").is_file() and (out / "tables" / "people.csv").is_file()


def test_build_timings_name_each_step_and_are_kept(tmp_path):
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(articles(tmp_path, bad=False)), "--out", str(out), "--timings"])
    assert result.exit_code == 0, result.output
    printed = [line.split("  ")[0].strip() for line in result.stderr.splitlines()]
    steps = ["read + clean + extract", "resolve", "RDF graphs + store load", "Turtle export + site data + tenures",
             "analysis graph and texts kept", "CSV tables", "site pages"]
    assert printed == steps, result.stderr
    kept = json.loads((out / ".cadregraph-manifest.json").read_text(encoding="utf-8"))["summary"]["steps"]
    assert [s[0] for s in kept] == steps and all(s[1] >= 0 and s[2] > 0 for s in kept)
    again = runner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(out), "--timings"])
    assert again.exit_code == 0 and "nothing changed" in again.output and again.stderr == ""


def test_default_build_reads_the_bundled_corpus(tmp_path, monkeypatch):
    pytest.importorskip("cadregraph.graph.extract")
    pytest.importorskip("cadregraph.sources.clean")
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 articles,")
    with (tmp_path / "out" / "tables" / "articles.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 5


def test_build_is_incremental_and_reading_commands_find_it(stub_pipeline, tmp_path, monkeypatch):
    folder = articles(tmp_path, bad=False)
    monkeypatch.chdir(tmp_path)  # the default --out, as for every reading command
    assert runner().invoke(main, ["build", str(folder)]).exit_code == 0
    again = runner().invoke(main, ["build", str(folder)])
    assert again.exit_code == 0
    assert again.stdout.splitlines()[0] == "nothing changed since the last build into out (use --force to build anyway)"
    forced = runner().invoke(main, ["build", str(folder), "--force"])
    assert forced.stdout.splitlines()[1] == "store out/store: 1 articles (0 added, 0 replaced, 1 unchanged)"
    (folder / "kien-thuy.txt").write_text(ARTICLE.replace("28/12/2023", "29/12/2023"), encoding="utf-8")
    (folder / "an-lao.txt").write_text(ARTICLE.replace("Kiến Thụy", "An Lão"), encoding="utf-8")
    changed = runner().invoke(main, ["build", str(folder)])
    assert changed.stdout.splitlines()[1] == "store out/store: 2 articles (1 added, 1 replaced, 0 unchanged)"
    found = runner().invoke(main, ["sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }",
                                   "--format", "csv"])
    assert found.stdout.splitlines() == ["n", "2"]
    assert runner().invoke(main, ["validate"]).exit_code == 0
    pruned = runner().invoke(main, ["build", str(folder / "an-lao.txt"), "--prune"])
    assert pruned.stdout.splitlines()[1:] == ["store out/store: 1 articles (0 added, 0 replaced, 1 unchanged, 1 removed)",
                                              "extraction: 1 kept from the last build, 0 new or changed"]


def test_build_keeps_the_folders_base(stub_pipeline, tmp_path):
    folder, out = articles(tmp_path, bad=False), tmp_path / "out"
    assert runner().invoke(main, ["build", str(folder), "--out", str(out), "--base", "https://example.org/id"]).exit_code == 0
    assert runner().invoke(main, ["build", str(folder), "--out", str(out)]).exit_code == 0
    other = runner().invoke(main, ["build", str(folder), "--out", str(out), "--base", "https://other.example/"])
    assert other.exit_code == 1 and "minted under https://example.org/id/" in other.stderr
    bad = runner().invoke(main, ["build", str(folder), "--out", str(out), "--base", "not an iri"])
    assert bad.exit_code == 2


def test_validate(stub_pipeline, tmp_path):
    out = tmp_path / "out"
    none = runner().invoke(main, ["validate", "--out", str(out)])
    assert none.exit_code == 1 and f"no graph in {out}; run `cadregraph build` first" in none.stderr
    runner().invoke(main, ["build", str(articles(tmp_path, bad=False)), "--out", str(out)])
    ok = runner().invoke(main, ["validate", "--out", str(out)])
    assert ok.exit_code == 0 and "conforms to the shapes" in ok.stdout
