"""Posts over time: tenures from dated observations, holders on a date, careers, successions."""

from click.testing import CliRunner
from rdflib import Literal, namespace

from cadregraph.cli import main
from cadregraph.graph.store import GraphStore
from cadregraph.graph.tenure import (Observation, career, holders_on, observations_from_store, succession,
                                     tenure_graph, tenure_lines, tenures)
from cadregraph.graph.vocab import CG

BT = "post/bi-thu--thanh-uy-hai-phong"


def _obs(person, date, article, post=BT, label="Bí thư Thành ủy Hải Phòng"):
    return Observation(f"person/{person}", person.replace("-", " ").title(), post, label, date, article)


OBS = [_obs("le-van-thanh", "2019-07-11", "a1"), _obs("le-van-thanh", "2020-02-26", "a2"),
       _obs("tran-luu-quang", "2022-04-06", "a3"), _obs("tran-luu-quang", "2021-08-01", "a4"),
       _obs("tran-luu-quang", "2021-08-01", "a4", post="post/uy-vien--ban-chap-hanh-trung-uong-dang",
            label="Ủy viên Ban Chấp hành Trung ương Đảng")]


def test_a_tenure_runs_from_first_to_last_observation():
    t = {x.person_id: x for x in tenures(OBS) if x.post_id == BT}
    assert (t["person/le-van-thanh"].first_seen, t["person/le-van-thanh"].last_seen) == ("2019-07-11", "2020-02-26")
    assert t["person/tran-luu-quang"].articles == ("a4", "a3")  # in date order
    assert t["person/tran-luu-quang"].observations == 2


def test_holders_on_a_date_with_confidence():
    inside = holders_on(tenures(OBS), BT, "2021-12-01")
    assert inside[0].tenure.person_id == "person/tran-luu-quang" and inside[0].confidence == 1.0
    assert inside[0].days_away == 0
    between = holders_on(tenures(OBS), BT, "2021-05-01")  # 92 days before Quang, 430 after Thành
    assert [h.tenure.person_id for h in between] == ["person/tran-luu-quang", "person/le-van-thanh"]
    assert 0 < between[1].confidence < between[0].confidence < 1
    assert (between[0].nearest, between[0].days_away) == ("2021-08-01", 92)
    assert between[1].nearest == "2020-02-26"


def test_succession_and_career():
    assert [t.person_id for t in succession(tenures(OBS), BT)] == ["person/le-van-thanh", "person/tran-luu-quang"]
    # both first seen on 2021-08-01; the shorter-seen post comes first
    assert [t.post_id for t in career(tenures(OBS), "person/tran-luu-quang")] == [
        "post/uy-vien--ban-chap-hanh-trung-uong-dang", BT]


def test_tenure_lines_are_the_store_lines_of_the_tenure_graph():
    from cadregraph.graph.store import graph_lines

    held = tenures(OBS)
    lines = tenure_lines(held, "https://example.org/id/")
    assert lines == sorted(set(lines)) and len(lines) > 8 * len(held) - 1
    assert graph_lines(tenure_graph(held, "https://example.org/id/")) == lines  # rdflib reads back the same
    assert any(line.endswith('"2"^^<http://www.w3.org/2001/XMLSchema#integer>') for line in lines)
    assert '"Le Van Thanh, Bí thư Thành ủy Hải Phòng"@vi' in "\n".join(lines)


def test_tenure_graph():
    g = tenure_graph(tenures(OBS), "https://example.org/id/")
    node = next(g.subjects(CG.firstSeen, Literal("2019-07-11", datatype=namespace.XSD.date)))
    assert str(node) == "https://example.org/id/tenure/le-van-thanh--bi-thu--thanh-uy-hai-phong"
    assert g.value(node, CG.observations).toPython() == 2


def test_the_bundled_corpus_shows_the_succession_of_hai_phong_secretaries(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--out", str(out)]).exit_code == 0
    with GraphStore.open(out) as store:
        held = tenures(observations_from_store(store))
    assert [(t.person_name, t.first_seen) for t in succession(held, BT)] == [
        ("Lê Văn Thành", "2020-02-26"), ("Trần Lưu Quang", "2022-04-06")]
    table = (out / "tables" / "tenures.csv").read_text(encoding="utf-8")
    assert "person/dao-phu-thuy-duong" in table
    result = CliRunner().invoke(main, ["holders", "Bí thư Thành ủy Hải Phòng", "--on", "2021-06-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if "Lê Văn Thành" in ln or "Trần Lưu Quang" in ln]
    assert len(lines) == 2 and "Trần Lưu Quang" in lines[0]  # the nearer observation first
    missing = CliRunner().invoke(main, ["holders", "Bí thư Tỉnh ủy Lạng Sơn", "--out", str(out)])
    assert missing.exit_code == 1 and "no post" in missing.output.lower()
