"""The research commands on the bundled articles: exact answers, exit codes, --json and --csv
shapes, diacritics, periods, network exports. Entities are named as a user would, not by id."""
from __future__ import annotations

import csv
import io
import json
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.graph import analysis
from cadregraph.sources.readers import bundled_corpus

DUONG = "Đào Phú Thùy Dương"
COMMANDS = ("person", "meeting", "attended", "attendees", "directive", "body", "path", "rank", "communities", "stats")
READ = analysis.load_graph
_graphs: dict[str, object] = {}


@pytest.fixture(autouse=True)
def read_each_store_once(monkeypatch):
    """The commands read the graph of a folder once for the whole module (the reading is tested
    in test_analysis.py, and here by test_output_is_quiet_when_piped): the tests stay fast."""
    def load(out, progress=None):
        if str(out) not in _graphs:
            _graphs[str(out)] = READ(out, progress)
        return _graphs[str(out)]

    monkeypatch.setattr(analysis, "load_graph", load)


def run(out, *args: str):
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2 mixes stderr into output by default
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [*args, "--out", str(out)])


def as_json(out, *args: str) -> dict:
    result = run(out, *args, "--json")
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def as_csv(out, *args: str) -> list[dict[str, str]]:
    result = run(out, *args, "--csv")
    assert result.exit_code == 0, result.output + result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    for text in ("Exit status", "1  nothing found", "--json", "--csv", "--from", "--to", "--out"):
        assert text in result.output, (command, text)


def test_attendees_of_the_4_november_2023_meeting(bundled_out):
    report = as_json(bundled_out, "attendees", "--meeting", "2023-11-04")
    assert report["date"] == "2023-11-04" and report["meeting"].startswith("meeting/")
    first, *others = report["attendees"]
    assert (first["name"], first["role"]) == (DUONG, "chair")
    assert first["roles"][0] == "chair" and "Đào Phú Thùy Dương" in first["quote"]
    assert [(a["name"], a["role"]) for a in others] == [
        ("Dương Thị Thùy Trang", "presenter"), ("Phạm Ngọc Điền", "presenter"), ("Nguyễn Công Thành", "attendee")]
    rows = as_csv(bundled_out, "attendees", "--meeting", "04/11/2023")
    assert list(rows[0]) == ["person", "name", "role", "roles", "article", "quote"]
    assert [r["name"] for r in rows] == [DUONG, "Dương Thị Thùy Trang", "Phạm Ngọc Điền", "Nguyễn Công Thành"]
    assert rows[0]["roles"].startswith("chair; ")
    text = run(bundled_out, "attendees", "--meeting", "2023-11-04").stdout
    assert "Participants (main role first) (4)" in text and "Đào Phú Thùy Dương    chair" in text


def test_attended_finds_a_person_without_diacritics(bundled_out):
    report = as_json(bundled_out, "attended", "--person", "dao phu thuy duong")
    assert report["name"] == DUONG
    assert [(m["date"], m["roles"][0], m["organizer_label"]) for m in report["meetings"]] == [
        ("2023-11-04", "chair", "Đảng ủy Khu kinh tế Hải Phòng"),
        ("2024-01-21", "speaker", "Đảng ủy Khu kinh tế Hải Phòng")]
    assert as_json(bundled_out, "attended", "--person", "ĐÀO PHÚ THÙY DƯƠNG") == report
    later = as_json(bundled_out, "attended", "--person", "Dao Phu Thuy Duong", "--from", "2024")
    assert [m["date"] for m in later["meetings"]] == ["2024-01-21"]
    none = run(bundled_out, "attended", "--person", DUONG, "--to", "2023-06")
    assert none.exit_code == 1 and "no person matches" in none.stderr  # she is in no fact before


def test_person(bundled_out):
    report = as_json(bundled_out, "person", "dao phu thuy duong")
    assert list(report) == ["id", "name", "articles", "posts", "meetings", "co_attendees", "directives_presented"]
    assert report["name"] == DUONG and len(report["articles"]) == 2
    assert [(p["date"], p["label"]) for p in report["posts"]] == [
        ("2023-11-04", "Bí thư Đảng ủy Khu kinh tế Hải Phòng"), ("2023-11-04", "Ủy viên Thành ủy Hải Phòng"),
        ("2024-01-21", "Bí thư Đảng ủy Khu kinh tế Hải Phòng")]
    text = bundled_corpus() / f"{report['posts'][0]['article']}.txt"
    assert report["posts"][0]["quote"] in text.read_text(encoding="utf-8-sig")
    assert [m["date"] for m in report["meetings"]] == ["2023-11-04", "2024-01-21"]
    assert [(c["name"], c["shared"]) for c in report["co_attendees"]] == [
        ("Bùi Ngọc Hải", 1), ("Dương Thị Thùy Trang", 1), ("Lê Trung Kiên", 1), ("Nguyễn Công Thành", 1),
        ("Phạm Ngọc Điền", 1)]
    presented = as_json(bundled_out, "person", "Phạm Ngọc Điền")["directives_presented"]
    assert {d["label"] for d in presented} == {"Quy định số 124-QĐ/TW", "Kế hoạch số 30-KH/ĐU"}
    rows = as_csv(bundled_out, "person", DUONG)
    assert list(rows[0])[0] == "section"
    assert [r["section"] for r in rows].count("posts") == 3 and [r["section"] for r in rows].count("meetings") == 2


def test_an_ambiguous_or_unknown_name_exits_1(bundled_out):
    ambiguous = run(bundled_out, "person", "thanh")
    assert ambiguous.exit_code == 1 and ambiguous.stdout == ""
    assert "'thanh' matches 2 persons" in ambiguous.stderr
    assert "Lê Văn Thành" in ambiguous.stderr and "Nguyễn Công Thành" in ambiguous.stderr
    listed = run(bundled_out, "person", "thanh", "--json")
    assert listed.exit_code == 1
    assert [c["label"] for c in json.loads(listed.stdout)["candidates"]] == ["Lê Văn Thành", "Nguyễn Công Thành"]
    assert run(bundled_out, "person", "nguyen cong thanh").exit_code == 0
    unknown = run(bundled_out, "person", "Hồ Chí Minh")
    assert unknown.exit_code == 1 and "no person matches 'Hồ Chí Minh'" in unknown.stderr


def test_directive_nghi_quyet_45_and_its_meetings(bundled_out):
    report = as_json(bundled_out, "directive", "Nghị quyết 45")
    assert (report["kind"], report["number"]) == ("Nghị quyết", "45")
    assert [(m["date"], m["relation"], m["depth"]) for m in report["meetings"]] == [
        ("2019-07-10", "carriesOut", 0), ("2019-07-11", "carriesOut", 0)]
    assert [m["organizer_label"] for m in report["meetings"]] == [
        "Đảng ủy Khối các cơ quan thành phố Hải Phòng", "Thành ủy Hải Phòng"]
    assert as_json(bundled_out, "directive", "nghi quyet 45") == report
    later = as_json(bundled_out, "directive", "Nghị quyết 45", "--from", "2019-07-11")
    assert [m["date"] for m in later["meetings"]] == ["2019-07-11"]


def test_directive_by_code_and_its_cascade(bundled_out):
    q124 = as_json(bundled_out, "directive", "124-QĐ/TW")
    assert (q124["label"], q124["issued"], q124["issuer_label"]) == (
        "Quy định số 124-QĐ/TW", "2023-10-04", "Ban Chấp hành Trung ương Đảng")
    assert [(m["date"], m["relation"]) for m in q124["meetings"]] == [("2023-11-04", "disseminates")]
    kl21 = as_json(bundled_out, "directive", "Kết luận 21")
    assert [d["label"] for d in kl21["implemented_by"]] == ["Kế hoạch số 122-KH/TU"]
    assert [(m["date"], m["relation"], m["via_label"], m["depth"]) for m in kl21["meetings"]] == [
        ("2022-04-06", "disseminates", "Kết luận số 21-KL/TW", 0), ("2022-04-06", "carriesOut", "Kế hoạch số 122-KH/TU", 1)]
    assert kl21["meetings"][1]["via"] == kl21["implemented_by"][0]["directive"]
    kh122 = as_json(bundled_out, "directive", "122-KH/TU")
    assert [d["label"] for d in kh122["implements"]] == ["Kết luận số 21-KL/TW"]
    assert run(bundled_out, "directive", "Nghị quyết 9999").exit_code == 1


def test_meeting_by_date_words_or_id(bundled_out):
    report = as_json(bundled_out, "meeting", "04/11/2023")
    assert (report["date"], report["organizer_label"], report["online"]) == (
        "2023-11-04", "Đảng ủy Khu kinh tế Hải Phòng", False)
    assert [p["name"] for p in report["attendees"]][0] == DUONG and len(report["attendees"]) == 4
    assert {(d["label"], d["relation"]) for d in report["directives"]} == {
        ("Quy định số 124-QĐ/TW", "disseminates"), ("Kế hoạch số 30-KH/ĐU", "carriesOut")}
    assert [s["article"] for s in report["sources"]] == ["000_31a0101c8cf72da8"]
    assert as_json(bundled_out, "meeting", report["id"]) == report
    assert as_json(bundled_out, "meeting", "tong ket")["date"] == "2024-01-21"
    several = run(bundled_out, "meeting", "2019")
    assert several.exit_code == 1 and "matches 2 meetings" in several.stderr
    assert several.stderr.index("2019-07-10") < several.stderr.index("2019-07-11")


def test_body(bundled_out):
    report = as_json(bundled_out, "body", "thanh uy hai phong")
    assert report["label"] == "Thành ủy Hải Phòng" and report["type"] == "Thành ủy"
    secretaries = [(p["name"], p["first"]) for p in report["posts"] if p["label"] == "Bí thư Thành ủy Hải Phòng"]
    assert secretaries == [("Lê Văn Thành", "2020-02-26"), ("Trần Lưu Quang", "2022-04-06")]
    assert {(b["label"], b["depth"]) for b in report["sub_bodies"]} >= {
        ("Đảng ủy Khu kinh tế Hải Phòng", 1), ("Ban Thường vụ Đảng ủy Khu kinh tế Hải Phòng", 2)}
    assert [m["date"] for m in report["meetings"]] == ["2019-07-11"]
    issued = as_json(bundled_out, "body", "Ban Chấp hành Trung ương Đảng")["issued"]
    assert {d["label"] for d in issued} == {"Kết luận số 21-KL/TW", "Quy định số 124-QĐ/TW"}


def test_path_steps_carry_evidence(bundled_out):
    report = as_json(bundled_out, "path", "dao phu thuy duong", "le van thanh")
    assert (report["from_name"], report["to_name"], report["length"], report["paths"]) == (
        DUONG, "Lê Văn Thành", 4, 3)
    for step in report["steps"]:
        text = (bundled_corpus() / f"{step['article']}.txt").read_text(encoding="utf-8-sig")
        assert step["quote"] and step["quote"] in text
    assert [s["step"] for s in report["steps"] if s["path"] == 1] == [1, 2, 3, 4]
    short = as_json(bundled_out, "path", DUONG, "Nguyễn Công Thành")
    assert [(s["relation"], s["date"]) for s in short["steps"]] == [
        ("took part in (chair)", "2023-11-04"), ("had among its participants (attendee)", "2023-11-04")]
    rows = as_csv(bundled_out, "path", DUONG, "Nguyễn Công Thành")
    assert list(rows[0]) == ["path", "step", "from", "from_label", "relation", "to", "to_label", "date", "article",
                             "quote"]
    apart = run(bundled_out, "path", DUONG, "Lê Văn Thành", "--via", "meeting")
    assert apart.exit_code == 1 and "nothing connects Đào Phú Thùy Dương and Lê Văn Thành" in apart.stderr
    assert run(bundled_out, "path", DUONG, "dao phu thuy duong").exit_code == 2


def test_rank(bundled_out):
    report = as_json(bundled_out, "rank", "--by", "degree", "--type", "person", "--network", "co-attendance",
                     "--top", "1")
    assert report["ranking"] == [{"rank": 1, "id": report["ranking"][0]["id"], "type": "person", "label": DUONG,
                                  "score": 0.416667, "neighbours": 5}]
    for by in ("betweenness", "pagerank", "eigenvector"):
        rows = as_csv(bundled_out, "rank", "--by", by, "--type", "meeting", "--top", "3")
        assert len(rows) == 3 and {r["type"] for r in rows} == {"meeting"}
        assert [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True)
    assert run(bundled_out, "rank", "--by", "fame").exit_code == 2


def test_communities(bundled_out):
    report = as_json(bundled_out, "communities")
    assert (report["method"], report["seed"], report["communities"]) == ("louvain", 0, 3)
    first = [m["name"] for m in report["members"] if m["community"] == 1]
    assert first == ["Bùi Ngọc Hải", "Đào Phú Thùy Dương", "Dương Thị Thùy Trang", "Lê Trung Kiên",
                     "Nguyễn Công Thành", "Phạm Ngọc Điền"]
    shared = [(s["kind"], s["date"]) for s in report["shared"] if s["community"] == 1 and s["kind"] == "meeting"]
    assert shared == [("meeting", "2023-11-04"), ("meeting", "2024-01-21")]
    assert as_json(bundled_out, "communities", "--min-size", "1")["communities"] == 4
    assert run(bundled_out, "communities", "--min-size", "7").exit_code == 1


def test_communities_by_leiden(bundled_out, monkeypatch):
    pytest.importorskip("leidenalg")
    leiden = as_json(bundled_out, "communities", "--method", "leiden")
    assert (leiden["method"], leiden["communities"]) == ("leiden", 3)
    assert leiden["members"] == as_json(bundled_out, "communities")["members"]  # here both find the components
    monkeypatch.setitem(sys.modules, "leidenalg", None)  # not installed
    missing = run(bundled_out, "communities", "--method", "leiden")
    assert missing.exit_code == 2 and "pip install 'cadregraph[leiden]'" in missing.stderr


def test_stats(bundled_out):
    report = as_json(bundled_out, "stats")
    assert (report["articles"], report["first"], report["last"]) == (5, "2019-07-10", "2024-01-21")
    assert {t["type"]: t["count"] for t in report["types"]}["meeting"] == 5
    assert len(report["most_connected"]) == 10
    period = as_json(bundled_out, "stats", "--from", "2019", "--to", "2019")
    assert (period["articles"], period["first"], period["last"]) == (2, "2019-07-10", "2019-07-11")
    assert {t["type"]: t["count"] for t in period["types"]}["meeting"] == 2
    text = run(bundled_out, "stats").stdout
    assert text.startswith("articles: 5\nfirst: 2019-07-10\nlast: 2024-01-21\n")
    empty = run(bundled_out, "stats", "--from", "2030")
    assert empty.exit_code == 1 and "the graph is empty in this period" in empty.stderr


@pytest.mark.parametrize("args", [
    ("stats", "--from", "2024", "--to", "2019"),
    ("stats", "--from", "2019-13"),
    ("person", DUONG, "--json", "--csv"),
    ("attended",),
    ("export", "--format", "ttl", "--from", "2019"),
    ("communities", "--method", "girvan"),
])
def test_usage_errors_exit_2(bundled_out, args):
    assert run(bundled_out, *args).exit_code == 2


def test_no_graph_exits_1(tmp_path):
    result = run(tmp_path / "nothing", "stats")
    assert result.exit_code == 1 and "no graph in" in result.stderr


def test_output_is_quiet_when_piped(bundled_out, monkeypatch):
    monkeypatch.setattr(analysis, "load_graph", READ)  # read from the store, progress bar included
    result = run(bundled_out, "stats")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network(bundled_out, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    result = run(bundled_out, "export", "--format", fmt, "-o", str(path))
    assert result.exit_code == 0 and f"{fmt} (entities) -> {path}" in result.stderr
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert {d["type"] for _, d in g.nodes(data=True)} == {"person", "body", "post", "meeting", "directive"}
    assert g.number_of_nodes() == 61 and all(d["label"] for _, d in g.nodes(data=True))
    dates = sorted(d["date"] for _, d in g.nodes(data=True) if d["type"] == "meeting")
    assert dates == ["2019-07-10", "2019-07-11", "2022-04-06", "2023-11-04", "2024-01-21"]
    co = tmp_path / f"co.{fmt}"
    assert run(bundled_out, "export", "--format", fmt, "--network", "co-attendance", "--from", "2023",
               "-o", str(co)).exit_code == 0
    g = nx.read_graphml(co) if fmt == "graphml" else nx.read_gexf(co)
    assert {d["label"] for _, d in g.nodes(data=True)} == {
        DUONG, "Nguyễn Công Thành", "Phạm Ngọc Điền", "Dương Thị Thùy Trang", "Bùi Ngọc Hải", "Lê Trung Kiên"}


def test_export_csv_edges(bundled_out):
    result = run(bundled_out, "export", "--format", "csv-edges", "--network", "person-body")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["source_type"], r["target_type"], r["Type"]) for r in rows} == {("person", "body", "Undirected")}
    duong = [r for r in rows if r["source_label"] == DUONG and r["target_label"] == "Đảng ủy Khu kinh tế Hải Phòng"]
    assert duong and duong[0]["date"] == "2023-11-04"


def test_the_cli_names_what_the_modules_define():
    """cli.py repeats a few names so that `cadregraph --help` imports nothing heavy."""
    import cadregraph.cli as cli
    from cadregraph.exports.network import FORMATS
    from cadregraph.graph.analysis import NODE_TYPES

    assert cli.NODE_TYPES == NODE_TYPES and cli.NETWORK_FORMATS == FORMATS
    assert "networkx" not in cli.__dict__ and "pyoxigraph" not in cli.__dict__
