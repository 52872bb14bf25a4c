"""The analysis graph, its projections, centralities, communities, paths and network exports,
on the bundled articles (built once per session). Entities are found by name, not by id."""
from __future__ import annotations

import io
import csv

import networkx as nx
import pytest
from hypothesis import event, given, settings, strategies as st

from cadregraph.exports.network import write_network
from cadregraph.graph.analysis import (
    BODY,
    FACTS,
    NODE_TYPES,
    PERSON,
    STRUCTURE,
    between,
    build_graph,
    label,
    load_graph,
    period_bound,
)
from cadregraph.graph.lookup import find_body, find_directive, find_meeting, find_person, fold, words
from cadregraph.graph.network import (
    co_attendance,
    communities,
    directive_cascade,
    pagerank,
    person_body,
    rank,
    shortest_paths,
)
from cadregraph.graph.store import GraphStore
from cadregraph.sources.readers import bundled_corpus

DUONG = "Đào Phú Thùy Dương"
MEETING_2023_11_04 = {"Đào Phú Thùy Dương", "Nguyễn Công Thành", "Phạm Ngọc Điền", "Dương Thị Thùy Trang"}


@pytest.fixture(scope="module")
def g(bundled_out) -> nx.MultiDiGraph:
    return load_graph(bundled_out, progress=False)


def person(g, name: str) -> str:
    found = find_person(g, name).found
    assert found, name
    return found


def text_of(article: str) -> str:
    return (bundled_corpus() / f"{article}.txt").read_text(encoding="utf-8-sig")


def names(g, nodes) -> set[str]:
    return {label(g, n) for n in nodes}


def test_nodes_and_edges_are_typed_and_facts_quote_their_article(g):
    assert {t for _, t in g.nodes(data="type")} == set(NODE_TYPES)
    assert {r for _, _, r in g.edges(data="relation")} <= FACTS | STRUCTURE
    assert len(g.graph["articles"]) == 5
    facts = [d for _, _, d in g.edges(data=True) if d["relation"] in FACTS]
    assert facts
    for d in facts:
        assert d["article"] in g.graph["articles"]
        assert d["quote"] and text_of(d["article"])[d["start"]:d["end"]] == d["quote"]
    meeting = find_meeting(g, "2023-11-04").found
    assert g.nodes[meeting]["date"] == "2023-11-04" and g.nodes[meeting]["type"] == "meeting"
    assert label(g, g.nodes[meeting]["organizer"]) == "Đảng ủy Khu kinh tế Hải Phòng"


def test_the_graph_is_the_same_on_every_read(g, bundled_out):
    with GraphStore.open(bundled_out) as store:
        again = build_graph(store, progress=False)
    assert list(again.nodes(data=True)) == list(g.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_attendance_edges_carry_roles(g):
    meeting = find_meeting(g, "2023-11-04").found
    roles = {(label(g, p), r) for _, p, r in g.out_edges(meeting, data="role") if r}
    assert {n for n, _ in roles} == MEETING_2023_11_04
    assert {n for n, r in roles if r == "chair"} == {DUONG}


def test_progress_is_shown_only_when_asked(bundled_out, capsys):
    with GraphStore.open(bundled_out) as store:
        build_graph(store, progress=False)
        assert capsys.readouterr().err == ""
        build_graph(store, progress=True)
    assert "reading the graph" in capsys.readouterr().err


def test_co_attendance_is_weighted_by_meetings_shared(g):
    h = co_attendance(g)
    assert {t for _, t in h.nodes(data="type")} == {"person"}
    duong = person(g, DUONG)
    assert names(h, h[duong]) == {"Nguyễn Công Thành", "Phạm Ngọc Điền", "Dương Thị Thùy Trang", "Bùi Ngọc Hải",
                                  "Lê Trung Kiên"}
    edge = h.edges[duong, person(g, "Nguyễn Công Thành")]
    assert edge["weight"] == 1 and [g.nodes[m]["date"] for m in edge["meetings"]] == ["2023-11-04"]
    assert not h.has_edge(duong, person(g, "Lê Văn Thành"))


def test_person_body_links_people_to_the_bodies_of_their_posts(g):
    h = person_body(g)
    body = find_body(g, "Đảng ủy Khu kinh tế Hải Phòng").found
    edge = h.edges[person(g, DUONG), body]
    assert names(g, edge["posts"]) == {"Bí thư Đảng ủy Khu kinh tế Hải Phòng"}
    assert (edge["first"], edge["last"]) == ("2023-11-04", "2024-01-21")


def test_directive_cascade_goes_down_to_meetings_and_their_organisers(g):
    kl21 = find_directive(g, "21-KL/TW").found
    h = directive_cascade(g, kl21)
    assert names(h, h.successors(kl21)) == {"Kế hoạch số 122-KH/TU", label(g, find_meeting(g, "2022-04-06").found)}
    meeting = find_meeting(g, "2022-04-06").found
    assert names(h, h.successors(meeting)) == {"Ban Thường vụ Thành ủy Hải Phòng"}
    assert h.edges[kl21, meeting]["relation"] == "disseminates"
    assert set(h) < set(directive_cascade(g))


def test_a_period_keeps_its_facts_and_what_they_hang_on(g):
    assert between(g) is g
    h = between(g, "2019-01-01", "2019-12-31")
    assert sorted(d for n, d in h.nodes(data="date") if h.nodes[n]["type"] == "meeting") == ["2019-07-10", "2019-07-11"]
    assert all(d is None or "2019" <= d < "2020" for _, _, d in h.edges(data="date"))
    # article 003 reports its people's posts on 2020-02-26: outside, so Lê Văn Thành holds nothing here
    assert not [p for _, p, r in h.out_edges(person(g, "Lê Văn Thành"), data="relation") if r == "holds"]
    assert "Thành ủy Hải Phòng" in names(h, h)  # the organiser of a kept meeting, and parent of kept bodies
    assert DUONG not in names(h, h)


def test_period_bounds():
    assert period_bound("2019") == "2019-01-01" and period_bound("2019", end=True) == "2019-12-31"
    assert period_bound("2024-02", end=True) == "2024-02-29" and period_bound("2023-2-5") == "2023-02-05"
    for bad in ("2019-13", "2023-02-30", "yesterday", "04/11/2023"):
        with pytest.raises(ValueError):
            period_bound(bad)


def test_pagerank_matches_the_closed_form():
    # a path a-b-c: x_b = (1-α)/3 + α(x_a + x_c), x_a = x_c = (1-α)/3 + α x_b / 2
    scores = pagerank(nx.path_graph(["a", "b", "c"]))
    assert scores["b"] == pytest.approx(0.135 / 0.2775, abs=1e-8)
    assert scores["a"] == pytest.approx(scores["c"]) == pytest.approx(0.05 + 0.425 * 0.135 / 0.2775, abs=1e-8)
    weighted = nx.Graph()
    weighted.add_edge("hub", "x", weight=3)
    weighted.add_edge("hub", "y", weight=1)
    weighted.add_node("alone")  # a node without edges spreads its score over every node
    scores = pagerank(weighted)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert scores["hub"] > scores["x"] > scores["y"] > scores["alone"]


def test_rankings(g):
    [top] = rank(g, "degree", "person", "co-attendance", top=1)
    assert (top.label, top.neighbours) == (DUONG, 5)
    for by in ("degree", "betweenness", "pagerank", "eigenvector"):
        ranked = rank(g, by, "person", top=None)
        assert len(ranked) == 13 and all(r.type == "person" for r in ranked)
        assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
        assert ranked == rank(g, by, "person", top=None)


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_communities_of_co_attendance(g, method):
    if method == "leiden":
        pytest.importorskip("leidenalg")
    found = communities(g, method, seed=0)
    assert found == communities(g, method, seed=0)
    assert [len(c.members) for c in found] == [6, 3, 3, 1]
    first = found[0]
    assert names(g, first.members) == MEETING_2023_11_04 | {"Bùi Ngọc Hải", "Lê Trung Kiên"}
    assert [g.nodes[m]["date"] for m in first.meetings] == ["2023-11-04", "2024-01-21"]
    assert "Đảng ủy Khu kinh tế Hải Phòng" in names(g, first.bodies)
    assert "Quy định số 124-QĐ/TW" in names(g, first.directives)


def test_shortest_paths_between_people_with_evidence(g):
    duong, thanh = person(g, DUONG), person(g, "Nguyễn Công Thành")
    [[first, second]] = shortest_paths(g, duong, thanh)
    assert first.relation == "took part in (chair)" and second.relation == "had among its participants (attendee)"
    assert g.nodes[first.target]["date"] == "2023-11-04"
    chains = shortest_paths(g, duong, person(g, "Lê Văn Thành"))
    assert chains and all(len(c) == 4 for c in chains)
    for chain in chains:
        assert chain[0].source == duong and chain[-1].target == person(g, "Lê Văn Thành")
        for step in chain:
            ev = step.evidence
            assert ev["quote"] and text_of(ev["article"])[ev["start"]:ev["end"]] == ev["quote"]
    assert shortest_paths(g, duong, person(g, "Lê Văn Thành"), via=("meeting",)) == []


def test_lookup_folds_vietnamese():
    assert fold("  Đào  Phú Thùy DƯƠNG ") == "dao phu thuy duong"
    assert words("Quy định số 124-QĐ/TW") == ["quy", "dinh", "124", "qd", "tw"]


def test_lookup(g):
    duong = person(g, DUONG)
    for query in ("dao phu thuy duong", "ĐÀO PHÚ THÙY DƯƠNG", "Dao Phu Thuy Duong", "dao phu thuy duon", duong,
                  g.nodes[duong]["iri"]):
        assert find_person(g, query).found == duong, query
    ambiguous = find_person(g, "thanh")
    assert ambiguous.found is None and [c.label for c in ambiguous.candidates] == ["Lê Văn Thành", "Nguyễn Công Thành"]
    assert find_person(g, "nobody at all").candidates == []
    assert label(g, find_directive(g, "124-QĐ/TW").found) == "Quy định số 124-QĐ/TW"
    assert find_directive(g, "nq 45").found == find_directive(g, "Nghị quyết 45").found
    assert find_meeting(g, "04/11/2023").found == find_meeting(g, "2023-11-04").found
    assert [c.detail[:10] for c in find_meeting(g, "2019").candidates] == ["2019-07-10", "2019-07-11"]
    assert label(g, find_body(g, "thanh uy hai phong").found) == "Thành ủy Hải Phòng"  # the exact name wins
    assert len(find_body(g, "khu kinh te").candidates) >= 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back(g, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    path.write_text(write_network(g, fmt), encoding="utf-8")
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    duong = person(g, DUONG)
    node = back.nodes[duong]
    assert (node["type"], node["label"], node["first"], node["last"]) == ("person", DUONG, "2023-11-04", "2024-01-21")
    meeting = back.nodes[find_meeting(g, "2023-11-04").found]
    assert meeting["date"] == "2023-11-04"
    edge = next(d for _, _, d in back.out_edges(duong, data=True) if d["relation"] == "holds")
    assert edge["quote"] and edge["quote_end"] > edge["quote_start"]
    co = tmp_path / f"co.{fmt}"
    co.write_text(write_network(co_attendance(g), fmt), encoding="utf-8")
    back = nx.read_graphml(co) if fmt == "graphml" else nx.read_gexf(co)
    assert back.number_of_edges() == co_attendance(g).number_of_edges()


def test_csv_edges(g):
    rows = list(csv.DictReader(io.StringIO(write_network(g, "csv-edges"))))
    assert len(rows) == g.number_of_edges()
    assert list(rows[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    chair = [r for r in rows if r["role"] == "chair" and r["target_label"] == DUONG]
    assert chair and chair[0]["source_type"] == "meeting" and chair[0]["quote"]
    assert len({r["Id"] for r in rows}) == len(rows)


def test_a_document_implemented_in_two_articles_cascades_once(g):
    from cadregraph.graph.research import directive_report

    kl21 = find_directive(g, "21-KL/TW").found
    plan, _, key, data = next((u, v, k, d) for u, v, k, d in g.in_edges(kl21, keys=True, data=True)
                              if d["relation"] == "implements")
    h = g.copy()
    h.add_edge(plan, kl21, key=f"{key}-again", **{**data, "article": "another-article"})  # a second article states it
    once, twice = directive_report(g, kl21), directive_report(h, kl21)
    assert [t.rows for t in twice.tables][-1] == [t.rows for t in once.tables][-1]


@settings(max_examples=400, deadline=None)
@given(st.integers(2, 9), st.integers(1, 8), st.lists(st.tuples(st.integers(0, 8), st.integers(0, 7)), min_size=6,
                                                      max_size=30),
       st.lists(st.sampled_from(["An", "Bình"]), min_size=17, max_size=17))
def test_shortest_paths_are_every_shortest_path_in_name_order(n_people, n_meetings, attended, names):
    """The search from both ends finds the paths a search over the whole graph finds, in
    the order of their names then ids (namesakes included)."""
    from cadregraph.graph.network import _paths_in_name_order, _projection

    g = nx.MultiDiGraph()
    for i in range(n_people):
        g.add_node(f"person/p{i}", type="person", label=names[i])
    for j in range(n_meetings):
        g.add_node(f"meeting/m{j}", type="meeting", label=f"Hội nghị {names[9 + j]}")
    for i, j in attended:
        if i < n_people and j < n_meetings:
            g.add_edge(f"meeting/m{j}", f"person/p{i}", key=f"{i}-{j}", relation="attendee", role="attendee")
    h = _projection(g, frozenset({"person", "meeting"}))
    a, b = "person/p0", "person/p1"
    try:
        expected = sorted(nx.all_shortest_paths(nx.Graph(h), a, b), key=lambda p: ([fold(label(g, n)) for n in p], p))
    except nx.NetworkXNoPath:
        expected = []
    assert list(_paths_in_name_order(g, h, a, b)) == expected
    event("several shortest paths" if len(expected) > 1 else "one or none")


def test_a_lookup_lists_a_graph_again_once_it_gained_nodes():
    """The nodes of each type are listed once per graph (many questions, one graph), and
    again when it changed."""
    g = nx.MultiDiGraph()
    g.add_node("person/nguyen-van-an", type=PERSON, label="Nguyễn Văn An", name="Nguyễn Văn An")
    g.add_node("body/huyen-uy-an-lao", type=BODY, label="Huyện ủy An Lão")
    assert find_person(g, "nguyen van an").found == "person/nguyen-van-an"
    assert find_person(g, "Huyện ủy An Lão").found is None  # a body is not a person
    g.add_node("person/tran-thi-binh", type=PERSON, label="Trần Thị Bình", name="Trần Thị Bình")
    assert find_person(g, "tran thi binh").found == "person/tran-thi-binh"
