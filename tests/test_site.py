"""The site (``OUT/site``): pages for every entity and article of the store, evidence
highlighted and linked, escaping, safe file names, offline, size and speed, and the
``site`` and ``serve`` commands. The browser tests are in test_browser_site.py."""
from __future__ import annotations

import copy
import html
import json
import os
import pickle
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st
from site_helpers import (
    HOSTILE_BODY,
    HOSTILE_NAME,
    HOSTILE_TEXT,
    IMG,
    PAYLOADS,
    SCRIPT,
    WEB,
    Parsed,
    build_store,
    hostile_facts,
    large_facts,
    linked,
    pages,
)

from cadregraph.cli import main
from cadregraph.exports.site import search_index, site_from_store, vis_network_js, write_site
from cadregraph.exports import site_html, site_pages, site_pieces
from cadregraph.exports.site_html import esc
from cadregraph.exports.site_html import article_text, script_json, script_json_parts, shown
from cadregraph.exports.site_data import Evidence
from cadregraph.exports.site_network import PAGE_NODES, neighbourhood, packed, unpacked, view
from cadregraph.exports.site_paths import PAGE_KINDS, article_path, list_path, page_path, safe_name, text_name
from cadregraph.graph.lookup import fold
from cadregraph.graph.research import body_report, directive_report, person_report

DUONG = "person/dao-phu-thuy-duong"


@pytest.fixture(scope="module")
def bundled_site(bundled_out):
    return bundled_out / "site"


@pytest.fixture(scope="module")
def bundled_data(bundled_out):
    return site_from_store(bundled_out)


# -- what the pages hold ---------------------------------------------------------------------

def test_every_entity_and_article_has_a_page(bundled_site, bundled_data):
    g = bundled_data.g
    found = pages(bundled_site)
    for n, t in g.nodes(data="type"):
        if t in PAGE_KINDS:
            assert page_path(n) in found, n
    for aid in g.graph["articles"]:
        assert article_path(aid) in found, aid
    assert {"index.html", "overview.html"} <= set(found)
    kinds = {p.split("/")[0] for p in found if "/" in p}
    assert kinds <= {*PAGE_KINDS, "article", "network", "lists"}


def test_index_counts_dates_and_sortable_lists(bundled_site, bundled_data):
    page = (bundled_site / "index.html").read_text(encoding="utf-8")
    parsed = Parsed(page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    for kind in PAGE_KINDS:
        n = sum(1 for _, t in bundled_data.g.nodes(data="type") if t == kind)
        assert re.search(rf'<a href="#{kind}"><b>{n}</b>', page), kind
    assert '<time datetime="2019-07-10">10/07/2019</time>' in page  # the first date of the facts
    assert '<time datetime="2024-01-21">21/01/2024</time>' in page  # and the last
    assert 'href="person/dao-phu-thuy-duong.html"' in page
    assert 'href="directive/quy-dinh-124-qd-tw.html"' in page
    sortable = [a for tag, a in parsed.elements if tag == "th" and a.get("data-sort")]
    assert {a["data-sort"] for a in sortable} >= {"text", "date"}
    assert sum(1 for tag, a in parsed.elements if tag == "table" and "sortable" in (a.get("class") or "")) == 5
    assert 'class="q"' in page  # the search box


def test_person_page_career_meetings_co_attendees(bundled_site, bundled_out, bundled_data):
    page = (bundled_site / page_path(DUONG)).read_text(encoding="utf-8")
    text = Parsed(page).plain
    report = person_report(bundled_data.g, DUONG)
    for row in report.tables[0].rows:  # every post, as in `cadregraph person`
        assert row["label"] in text
    assert "Secretary, Party Committee" in text  # English gloss of the title and body type
    meetings = report.tables[1].rows
    assert meetings and all(f'href="../{page_path(m["meeting"])}"' in page for m in meetings)
    assert "Chủ trì" in text and "Chair" in text  # her role, glossed
    for row in report.tables[2].rows:  # co-attendees
        assert f'href="../{page_path(row["person"])}"' in page
    # the timeline: first 04/11/2023, last 21/01/2024 in the post she held in both articles
    assert re.search(r"Bí thư Đảng ủy Khu kinh tế Hải Phòng</b>.*?04/11/2023</time> – <time[^>]*>21/01/2024", page)


def test_body_page_posts_holders_sub_bodies_meetings(bundled_site, bundled_data):
    body = "body/thanh-uy-hai-phong"
    page = (bundled_site / page_path(body)).read_text(encoding="utf-8")
    text = Parsed(page).plain
    report = body_report(bundled_data.g, body)
    posts, subs, meetings = report.tables[0].rows, report.tables[1].rows, report.tables[2].rows
    for row in posts:
        assert row["label"] in text
        if row["holder"]:
            assert f'href="../{page_path(row["holder"])}"' in page
    assert subs and all(f'href="../{page_path(r["body"])}"' in page for r in subs)
    assert all(f'href="../{page_path(r["meeting"])}"' in page for r in meetings)
    # the holders of Bí thư Thành ủy in order: Lê Văn Thành (2020), then Trần Lưu Quang (2022)
    i = page.index("<h3>Bí thư Thành ủy Hải Phòng")
    section = page[i:page.index("</table>", i)]
    assert section.index("Lê Văn Thành") < section.index("Trần Lưu Quang")


def test_meeting_page_participants_by_role_and_documents(bundled_site):
    page = (bundled_site / "meeting/000_31a0101c8cf72da8-1.html").read_text(encoding="utf-8")
    text = Parsed(page).plain
    assert "04/11/2023" in text and 'href="../body/dang-uy-khu-kinh-te-hai-phong.html"' in page
    chair = page.index("<h3>Chủ trì")
    assert page.index("Đào Phú Thùy Dương", chair) < page.index("<h3>", chair + 1)  # under the chair heading
    assert 'href="../directive/quy-dinh-124-qd-tw.html"' in page and "quán triệt" in text


def test_directive_page_implements_and_meetings_in_date_order(bundled_site, bundled_data):
    d = "directive/ket-luan-21-kl-tw"
    page = (bundled_site / page_path(d)).read_text(encoding="utf-8")
    assert 'href="../directive/ke-hoach-122-kh-tu--thanh-uy-hai-phong.html"' in page  # Kế hoạch 122-KH/TU
    report = directive_report(bundled_data.g, "directive/nghi-quyet-45-nq-tw")
    page45 = (bundled_site / page_path("directive/nghi-quyet-45-nq-tw")).read_text(encoding="utf-8")
    meetings = [r["meeting"] for r in report.tables[2].rows]
    assert len(meetings) == 2
    positions = [page45.index(f'href="../{page_path(m)}"') for m in meetings]
    assert positions == sorted(positions)  # in date order, as `cadregraph directive`


def test_every_fact_quotes_its_sentence_with_the_match_highlighted(bundled_site, bundled_data):
    page = (bundled_site / page_path(DUONG)).read_text(encoding="utf-8")
    # the post as the sentence says it, marked, and linked to that sentence in the article
    assert "<mark>Bí thư Đảng ủy Khu kinh tế Hải Phòng</mark>" in page
    links = re.findall(r'href="(\.\./article/[^"#]+\.html#ev-\d+-\d+)"', page)
    assert links
    g = bundled_data.g
    facts = [d for _, _, d in g.out_edges(DUONG, data=True)] + [d for _, _, d in g.in_edges(DUONG, data=True)]
    assert all(d.get("quote") for d in facts)
    for d in facts:  # every sentence shows, and its link goes to it
        ev = bundled_data.evidence(d.get("fact"), d)
        assert f"#ev-{ev.start}-{ev.end}" in page


def test_links_and_anchors_resolve(bundled_site):
    """Every relative link of every page leads to a page of the site, and to an anchor it has."""
    found = pages(bundled_site)
    ids = {path: Parsed(text).ids for path, text in found.items()}
    checked = 0
    for path, text in found.items():
        for tag, attrs in Parsed(text).elements:
            href = attrs.get("href") or attrs.get("src")
            if not href or href.startswith("data:"):
                continue
            assert not WEB.match(href), (path, href)
            target, fragment = linked(path, href)
            if not target:  # an anchor on this page
                target = path
            assert (bundled_site / target).is_file(), (path, href)
            if fragment and target.endswith(".html"):
                assert fragment in ids[target], (path, href)
            checked += 1
    assert checked > 500


def test_article_page_text_with_sentences_marked(bundled_site, bundled_out, bundled_data):
    aid = "000_31a0101c8cf72da8"
    page = (bundled_site / article_path(aid)).read_text(encoding="utf-8")
    original = (bundled_out / "texts" / text_name(aid)).read_text(encoding="utf-8")
    parsed = Parsed(page)
    body = page[page.index('<div class="text">'):]
    plain = html.unescape(re.sub(r"<[^>]+>", "", body.split("</div>")[0]))
    assert " ".join(plain.split()) == " ".join(original.split())  # the whole text
    anchors = [i for i in parsed.ids if i.startswith("ev-")]
    g = bundled_data.g
    stated = {f"ev-{d['start']}-{d['end']}" for _, _, d in g.edges(data=True)
              if d.get("article") == aid and d.get("quote")}
    stated |= {f"ev-{e['start']}-{e['end']}" for _, m in g.nodes(data=True) for e in m.get("evidence", [])
               if e["article"] == aid}
    assert len(stated) >= 5 and set(anchors) == stated  # every sentence that states a fact, marked
    for anchor in anchors:  # each marked sentence is the one its offsets name
        start, end = map(int, anchor[3:].split("-"))
        sentence = original[start:end]
        at = body.index(f'id="{anchor}"')
        assert sentence.split()[0] in body[at:at + 400]
    assert "↓ trong toàn văn" in page  # facts link to their sentence below
    assert "Đào Phú Thùy Dương" in parsed.plain and "<mark>" in body


def test_article_text_marks_offsets_and_ignores_wrong_ones():
    text = "Tiêu đề\nCâu một có A. Câu hai có B.\nHết."
    ok = Evidence("a", text[8:21], 8, 21, 19, 20)
    wrong = Evidence("a", "không có", 22, 35, 22, 25)  # the quote is not at these offsets
    outside = Evidence("a", "x", 100, 120, 100, 101)
    html = article_text(text, [ok, wrong, outside])
    assert html.count('class="anchor"') == 1 and 'id="ev-8-21"' in html
    assert '<span class="ev">Câu một có </span>' in html and "<mark>A</mark>" in html
    assert html.count("<p>") == 3
    assert article_text("<b>x</b>", []) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


def test_network_of_a_page_is_capped_with_a_show_more_page(bundled_site, bundled_data):
    v = view(bundled_data)
    hub = max(v.h, key=v.h.degree)
    small = neighbourhood(v, hub, cap=5)
    assert len(small["nodes"]) == 5 and small["shown"] == 4 and small["neighbours"] == v.h.degree(hub)
    assert small["nodes"][0]["id"] == hub and {n["depth"] for n in small["nodes"][1:]} == {1}
    full = neighbourhood(v, DUONG)
    depths = {n["id"]: n["depth"] for n in full["nodes"]}
    assert all(depths[n] == 1 for n in v.h[DUONG]) and 2 in depths.values()  # depth 2 while there is room
    assert len(full["nodes"]) <= PAGE_NODES
    assert all(0 <= e[0] < len(full["nodes"]) and 0 <= e[1] < len(full["nodes"]) for e in full["edges"])
    drawn = {tuple(sorted((full["nodes"][e[0]]["id"], full["nodes"][e[1]]["id"]))) for e in full["edges"]}
    assert drawn == {tuple(sorted(e)) for e in v.h.subgraph(depths).edges()}  # every link among them
    person = next(n for n in full["nodes"] if n["id"] == DUONG)
    assert person.get("url", DUONG + ".html") == page_path(DUONG)
    assert "Bí thư Đảng ủy Khu kinh tế Hải Phòng" in person["info"]  # her posts, in the tooltip
    assert {n["type"] for n in full["nodes"]} <= set(PAGE_KINDS)  # posts are links, not nodes
    for n in v.h:  # a hub links to its larger network; others do not
        page = (bundled_site / page_path(n)).read_text(encoding="utf-8")
        assert ("network/" in page) == (v.h.degree(n) > PAGE_NODES - 1), n


def test_a_packed_network_gives_back_the_neighbourhood_and_is_smaller(bundled_data):
    v = view(bundled_data)
    for n in v.h:
        net = neighbourhood(v, n)
        small = packed(net)
        assert unpacked(small) == net, n
        assert len(small["titles"]) == len({e[3] for e in net["edges"]})  # each title once
        if len(net["edges"]) > 5:
            assert len(script_json(small)) < 0.9 * len(script_json(net)), n


def test_page_data_is_json_the_page_parses(bundled_site, bundled_data):
    page = (bundled_site / page_path(DUONG)).read_text(encoding="utf-8")
    [(attrs, data)] = [s for s in Parsed(page).scripts if s[0].get("id") == "cg-data"]
    assert attrs["type"] == "application/json"
    net = unpacked(json.loads(data)["network"])
    assert net == neighbourhood(view(bundled_data), DUONG)  # the page's network, packed
    assert net["center"] == DUONG and any(n["label"] == "Đào Phú Thùy Dương" for n in net["nodes"])
    assert net["types"]["person"] == "Nhân sự (person)"  # each kind's label once, not in every tooltip
    srcs = [a["src"] for a, _ in Parsed(page).scripts if a.get("src")]
    assert srcs == ["../assets/vis-network.min.js", "../assets/site.js"]


def test_a_large_graph_lists_the_most_connected_and_the_rest_on_list_pages(bundled_data, tmp_path, monkeypatch):
    from cadregraph.exports import site as site_module, site_index

    monkeypatch.setattr(site_index, "LIST_ROWS", 4)
    monkeypatch.setattr(site_module, "LIST_ROWS", 4)
    write_site(bundled_data, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for kind, total in (("person", 13), ("body", 15), ("meeting", 5), ("directive", 9), ("article", 5)):
        listed = (tmp_path / "site" / "lists" / f"{kind}.html").read_text(encoding="utf-8")
        rows = listed.count("<tr>") - 1
        assert rows == total, kind
        assert f'href="lists/{kind}.html"' in index
    people = index[index.index('id="person"'):index.index('id="body"')]
    assert people.count("<tr>") - 1 == 4
    assert 'href="person/dao-phu-thuy-duong.html"' in people  # the most connected are kept


def test_search_index_folds_names(bundled_data):
    index = search_index(bundled_data, view(bundled_data))
    [duong] = [e for e in index if e["u"] == page_path(DUONG)]
    assert duong["f"] == "dao phu thuy duong" and duong["t"] == "person"
    assert "bi thu dang uy khu kinh te hai phong" in duong["x"]
    assert fold("ĐÀO PHÚ THUỲ") in duong["f"]  # any case, the other tone placement
    assert {e["t"] for e in index} == {*PAGE_KINDS, "article"}


# -- safety ----------------------------------------------------------------------------------

def test_script_json_cannot_close_its_script():
    text = script_json({"a": f"{SCRIPT} <!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": f"{SCRIPT} <!-- & \u2028\u2029"}


@pytest.mark.parametrize("data", [
    {"nodes": [{"l": SCRIPT, "x": [1, 2]}, {"l": "Đào \u2028"}], "edges": [], "limit": 300, "children": {"a": ["b"]}},
    [{"t": "person", "l": IMG}, {"t": "article", "l": "<!-- & -->"}], [], {}, "plain", None,
])
def test_script_json_in_parts_is_the_same_json(data):
    parts = list(script_json_parts(data))
    assert "".join(parts) == script_json(data)
    if isinstance(data, (list, dict)) and len(data) > 1:
        assert len(parts) > len(data)  # item by item, never one string of the whole


def test_hostile_article_is_text_everywhere(tmp_path):
    data = build_store(tmp_path / "out", [hostile_facts()])
    report = write_site(data, tmp_path / "out" / "site")
    site = tmp_path / "out" / "site"
    found = pages(site)
    assert report.pages == len(found) >= 6
    person = next(n for n, t in data.g.nodes(data="type") if t == "person" and "img" in n)
    assert data.g.nodes[person]["label"] == HOSTILE_NAME  # the payload really is in the graph
    for path, text in found.items():
        for payload in PAYLOADS:
            assert payload not in text, (path, payload)
        parsed = Parsed(text)
        tags = {tag for tag, _ in parsed.elements}
        assert not tags & {"img", "svg", "iframe", "object", "embed"}, path
        assert not any(k.startswith("on") for _, a in parsed.elements for k in a), path
        for attrs, body in parsed.scripts:  # our scripts only: files of the site, or JSON
            assert attrs.get("src", "").endswith((".js",)) or attrs.get("type") == "application/json", path
            if attrs.get("type") == "application/json":
                assert "<" not in body
                json.loads(body)
    page = found[page_path(person)]
    assert "Nguyễn &lt;img src=x onerror=alert(1)&gt;" in page  # shown as text
    net = unpacked(json.loads(next(b for a, b in Parsed(page).scripts if a.get("id") == "cg-data"))["network"])
    assert any(n["label"] == HOSTILE_NAME and HOSTILE_BODY in n["info"] for n in net["nodes"])  # tooltips: text
    for name in ("search-index.js", "overview-data.js"):
        js = (site / "assets" / name).read_text(encoding="utf-8")
        assert "<" not in js and ">" not in js
        loaded = json.loads(js[js.index("=") + 1:].rstrip().rstrip(";"))
        entries = loaded["nodes"] if isinstance(loaded, dict) else loaded
        assert any(e.get("label", e.get("l")) == HOSTILE_NAME for e in entries), name
    article = found[article_path("evil01")]
    assert "&lt;p onclick=alert(4)&gt;Kết thúc&lt;/p&gt; &amp; hết." in article  # the text, escaped
    assert "<mark>" in article and "\u2028" in HOSTILE_TEXT


def test_hostile_article_through_the_whole_build(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil.txt").write_text(
        f"Hội nghị {IMG} quán triệt Nghị quyết {SCRIPT}\n"
        f"Ngày 12/3/2024, Thành ủy Hải Phòng tổ chức hội nghị quán triệt Nghị quyết số 45-NQ/TW {IMG}. "
        f"Đồng chí Lê Văn Thành, Bí thư Thành ủy Hải Phòng chủ trì hội nghị {SCRIPT}.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "--locality", "Hải Phòng"])
    assert result.exit_code == 0, result.output
    found = pages(out / "site")
    assert any("Lê Văn Thành" in t for t in found.values())
    for path, text in found.items():
        assert IMG not in text and SCRIPT not in text, path
        assert not {tag for tag, _ in Parsed(text).elements} & {"img"}, path


@pytest.mark.parametrize("entity_id", [
    "person/../../etc/passwd", "person/..", "person/.", "person/a/b", "person/%2e%2e%2fx", "person/Đào Phú",
    "person/CON", "person/" + "x" * 300, "person/a\x00b", "person/A", "person/a", "../person/x", "post/bi-thu--x",
    "person", "/person/x", "person/", "evil/x", "person\\..\\x",
])
def test_page_paths_stay_in_their_folder(entity_id):
    path = page_path(entity_id)
    if path is None:
        assert entity_id.partition("/")[0] not in PAGE_KINDS or not entity_id.partition("/")[2]
        return
    kind, name = path.split("/")
    assert kind in PAGE_KINDS and name.endswith(".html")
    stem = name[:-5]
    assert re.fullmatch(r"[A-Za-z0-9_~-]+", stem) and len(stem) <= 120
    assert ".." not in path and "\\" not in path


def test_page_names_are_unique_even_ignoring_case():
    ids = ["a", "A", "a-b", "a_b", "a b", "a/b", "a.b", "đ", "d", "x" * 119, "x" * 120, "x" * 121, "%41", "a~b"]
    names = [safe_name(i) for i in ids]
    assert len({n.casefold() for n in names}) == len(ids)
    assert safe_name("dao-phu-thuy-duong") == "dao-phu-thuy-duong"  # a plain slug is kept as is
    assert article_path("000_31a0101c8cf72da8") == "article/000_31a0101c8cf72da8.html"
    assert article_path("../x").startswith("article/") and "/" not in article_path("../x")[8:]


# -- offline, size, speed --------------------------------------------------------------------

def test_nothing_is_loaded_from_the_network(bundled_site):
    for path in bundled_site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            for tag, attrs in Parsed(text).elements:
                for key in ("src", "href", "action", "srcset", "poster", "data"):
                    value = attrs.get(key)
                    assert not (value and WEB.match(value)), (path, tag, key, value)
            assert "Content-Security-Policy" in text and "connect-src 'none'" in text
            assert "cdn" not in text.lower() and "bootstrap" not in text.lower()
    for name in ("site.css", "site.js"):
        text = (bundled_site / "assets" / name).read_text(encoding="utf-8")
        assert "http" not in text and "@import" not in text
    vis = (bundled_site / "assets" / "vis-network.min.js").read_bytes()
    assert vis == vis_network_js().read_bytes()  # one shared copy, from the pyvis package
    assert not list(bundled_site.rglob("*.css.map")) and not list(bundled_site.rglob("bootstrap*"))
    # the only scripts a page loads are the shared assets (and, for the overview, its data)
    for text in pages(bundled_site).values():
        for attrs, _ in Parsed(text).scripts:
            if attrs.get("src"):
                assert re.fullmatch(r"(\.\./)*assets/(vis-network\.min|site|overview-data)\.js", attrs["src"])


def test_the_site_is_the_same_whatever_the_hash_seed(bundled_data, tmp_path):
    """Sets iterate in an order that changes with PYTHONHASHSEED: every list a page shows is
    sorted to the last character, so processes write the same bytes. Here Đào Phú Thùy Dương
    also holds posts whose names differ only in case (they fold to one search key)."""
    data = copy.deepcopy(bundled_data)
    body = "body/dang-uy-khu-kinh-te-hai-phong"
    for i, name in enumerate(["Ủy viên Ban Thường vụ", "ỦY VIÊN BAN THƯỜNG VỤ", "ủy viên ban thường vụ",
                              "Ủy Viên Ban Thường Vụ"]):
        post = f"post/uy-vien-{i}"
        data.g.add_node(post, type="post", label=name, articles=[])
        data.g.add_edge(post, body, key="postIn", relation="postIn", articles=[])
        data.g.add_edge(DUONG, post, key=f"held-{i}", relation="holds", article=None, quote=None)
    saved = tmp_path / "data.pickle"
    saved.write_bytes(pickle.dumps(data))
    script = ("import pickle, sys; from pathlib import Path; from cadregraph.exports.site import write_site; "
              "write_site(pickle.loads(Path(sys.argv[1]).read_bytes()), sys.argv[2])")
    written = []
    for seed in ("1", "2", "3"):
        site = tmp_path / f"site-{seed}"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"} | {"PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(saved), str(site)], check=True, env=env, timeout=120)
        written.append({str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    search = written[0]["assets/search-index.js"].decode("utf-8")
    assert "Bí thư Đảng ủy Khu kinh tế Hải Phòng; ỦY VIÊN BAN THƯỜNG VỤ; …" in search  # the first of the four
    assert written[0] == written[1] == written[2]


def test_pages_are_small_and_the_site_is_quick(bundled_out, bundled_data, tmp_path):
    report = write_site(bundled_data, tmp_path / "site")
    entities = sum(1 for _, t in bundled_data.g.nodes(data="type") if t in PAGE_KINDS)
    assert report.seconds < 0.6 * max(1.0, entities / 100)  # well under a second per hundred entities
    html = {p: s for p, s in report.sizes.items() if p.endswith(".html")}
    assert max(html.values()) < 60_000, report.largest
    assert sum(html.values()) / len(html) < 25_000
    assert report.sizes["assets/vis-network.min.js"] > 400_000  # shared, not inlined into the pages


# -- the build, `cadregraph site` and `cadregraph serve` --------------------------------------

def test_site_command_rewrites_the_site_from_the_store(tmp_path, bundled_out):
    out = tmp_path / "out"
    shutil.copytree(bundled_out, out, ignore=shutil.ignore_patterns(".cadregraph-*.lock"))
    shutil.rmtree(out / "site")
    result = CliRunner().invoke(main, ["site", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "pages" in result.output
    before = pages(bundled_out / "site")
    assert pages(out / "site") == before  # the same pages as the build's, without reading articles
    # a kept text that no longer matches the store's hash is not shown
    aid = "002_4a09ee06edf7799f"
    (out / "texts" / text_name(aid)).write_text("đã sửa", encoding="utf-8")
    assert CliRunner().invoke(main, ["site", "--out", str(out)]).exit_code == 0
    page = (out / "site" / article_path(aid)).read_text(encoding="utf-8")
    assert 'class="text"' not in page and "Không có toàn văn" in page
    assert "Đào Phú Thùy Dương" in page  # its facts are still there


def test_site_command_without_a_graph(tmp_path):
    result = CliRunner().invoke(main, ["site", "--out", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "no graph" in result.output


def test_site_covers_the_store_and_drops_pruned_articles(tmp_path):
    from conftest import facts_a, facts_b  # hand-built facts of two articles

    out = tmp_path / "out"
    write_site(build_store(out, [facts_a()]), out / "site")
    write_site(build_store(out, [facts_b()]), out / "site")  # a later build of another article
    assert (out / "site" / article_path("a01")).is_file() and (out / "site" / article_path("b02")).is_file()
    assert (out / "texts" / text_name("a01")).is_file()
    (out / "site" / "notes.txt").write_text("mine", encoding="utf-8")  # a file someone put there stays
    data = build_store(out, [facts_b()], prune=True)
    write_site(data, out / "site")
    assert not (out / "site" / article_path("a01")).exists() and (out / "site" / article_path("b02")).is_file()
    assert not (out / "texts" / text_name("a01")).exists()
    assert not (out / "site" / "meeting" / "a01-1.html").exists()
    assert (out / "site" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_torn_kept_text_is_written_again_and_stale_copies_go(tmp_path):
    from conftest import facts_a

    out = tmp_path / "out"
    build_store(out, [facts_a()])
    text = out / "texts" / text_name("a01")
    whole = text.read_text(encoding="utf-8")
    text.write_text(whole[:10], encoding="utf-8")  # what a crash in the middle of the write leaves
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = out / "texts" / f".{text.name}.{dead}.tmp"  # the copy a killed build was writing
    stale.write_text("nửa", encoding="utf-8")
    build_store(out, [facts_a()])
    assert text.read_text(encoding="utf-8") == whole and not stale.exists()


def _serve(out: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cadregraph.cli", "serve", "--out", str(out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
    if not m:
        proc.kill()
        raise AssertionError(f"serve printed {line!r}")
    return proc, m.group(1)


def test_serve_command(bundled_out):
    proc, url = _serve(bundled_out)
    try:
        with urllib.request.urlopen(url + "index.html", timeout=10) as r:
            assert r.status == 200 and "text/html" in r.headers["Content-Type"]
            assert "connect-src 'none'" in r.headers["Content-Security-Policy"]
            assert "Đào Phú Thùy Dương" in r.read().decode("utf-8")
        with urllib.request.urlopen(url + "person/dao-phu-thuy-duong.html", timeout=10) as r:
            assert r.status == 200
        for bad in ("person/", "../store/", "%2e%2e/graph.ttl", "nothing.html"):
            with pytest.raises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(url + bad, timeout=10)
            assert e.value.code == 404, bad
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_site_or_a_port(tmp_path, bundled_out):
    result = CliRunner().invoke(main, ["serve", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "no site" in result.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--out", str(bundled_out), "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_a_larger_graph_is_written_in_small_pages(tmp_path):
    """240 people, 30 meetings of 12 bodies under one hub: pages stay small, networks stay
    within their caps (how fast the site is written is measured in bench/stages.py)."""
    data = build_store(tmp_path / "out", large_facts(articles=30, people=240))
    report = write_site(data, tmp_path / "site")
    entities = sum(1 for _, t in data.g.nodes(data="type") if t in PAGE_KINDS)
    assert entities > 250
    html = sorted(s for p, s in report.sizes.items() if p.endswith(".html"))
    assert html[-1] < 100_000 and html[len(html) // 2] < 40_000, report
    assert (tmp_path / "site" / "lists" / "person.html").is_file()  # more people than the index lists
    hubs = list((tmp_path / "site" / "network" / "body").iterdir())
    assert hubs  # the bodies with more links than a page draws have a larger network
    for path in (tmp_path / "site").glob("*/*.html"):
        blocks = [b for a, b in Parsed(path.read_text(encoding="utf-8")).scripts if a.get("id") == "cg-data"]
        if blocks and "network" in json.loads(blocks[0]):
            net = json.loads(blocks[0])["network"]
            assert len(net["nodes"]) <= PAGE_NODES and len(net["edges"]) <= 3 * PAGE_NODES, path


def _section(page: str, heading: str) -> str:
    """The HTML of a page from the ``<h2>`` that starts with ``heading`` to the next."""
    start = page.index(f"<h2>{heading}")
    end = page.find("<h2", start + 4)
    return page[start:end if end > 0 else len(page)]


def test_shown_keeps_the_latest_or_the_first_and_says_how_many():
    assert shown([1, 2, 3], limit=3) == ([1, 2, 3], "")
    kept, note = shown(list(range(10)), limit=4)
    assert kept == [6, 7, 8, 9] and "showing the latest 4 of 10" in note and "Hiển thị 4 mới nhất trên 10" in note
    kept, note = shown(list(range(10)), ("có nhiều hội nghị chung nhất", "most shared"), limit=4, keep_last=False)
    assert kept == [0, 1, 2, 3] and "the most shared 4 of 10" in note
    assert site_pages._ends(list("abcdefgh"), 5) == ["a", "b", 3, "f", "g", "h"]
    assert site_pages._ends(list("abcde"), 5) == list("abcde")


def test_long_lists_are_shown_in_part_and_counted(tmp_path, monkeypatch):
    """A leader in thousands of articles keeps a page a browser opens: long tables show
    their latest rows, cells their first sentences and links, and the headings count all."""
    monkeypatch.setattr(site_html, "ROWS_SHOWN", 4)
    monkeypatch.setattr(site_pages, "QUOTES_SHOWN", 1)  # the ends of a tenure
    monkeypatch.setattr(site_pieces, "QUOTES_SHOWN", 1)  # the sentences of a cell
    monkeypatch.setattr(site_pages, "LINKS_SHOWN", 2)
    data = build_store(tmp_path / "out", large_facts(articles=30, people=20, bodies=1))
    write_site(data, tmp_path / "site")
    g = data.g
    q124 = next(n for n, d in g.nodes(data=True) if d.get("type") == "directive")
    page = (tmp_path / "site" / page_path(q124)).read_text(encoding="utf-8")
    cascade = _section(page, "Các hội nghị")
    assert '<span class="count">30</span>' in cascade and "showing the latest 4 of 30" in cascade
    shown_dates = re.findall(r'<tr><td><time datetime="([0-9-]+)"', cascade)
    meeting_dates = sorted(d["date"] for _, d in g.nodes(data=True) if d.get("type") == "meeting")
    assert shown_dates == meeting_dates[-4:]
    sources = _section(page, "Nguồn")
    assert sources.count("<li>") == 4 and "showing the latest 4 of 30" in sources

    person = max((n for n, d in g.nodes(data=True) if d.get("type") == "person"), key=lambda n: len(g.nodes[n]["articles"]))
    page = (tmp_path / "site" / page_path(person)).read_text(encoding="utf-8")
    attended = _section(page, "Hội nghị đã dự")
    total = len({m for m, _, r in g.in_edges(person, data="relation") if r == "attendee"})
    assert total > 4 and f'<span class="count">{total}</span>' in attended
    assert attended.count("<tr><td>") == 4 and f"showing the latest 4 of {total}" in attended
    co = _section(page, "Cùng dự hội nghị")
    assert co.count("<tr><td>") == 4 and "showing the most shared 4 of" in co
    first_row = co[co.index("<tr><td>"):co.index("</tr>", co.index("<tr><td>"))]
    assert first_row.count('href="../meeting/') == 2 and "hội nghị khác" in first_row
    start = page.index('<ol class="timeline">')
    timeline = page[start:page.index("</ol>", start)]
    assert "lần khác" in timeline
    for post in timeline.split('<div class="post">')[1:]:
        reports = int(re.search(r"\((\d+) bài · articles\)", post).group(1))
        quoted = post.count('<q class="ev">')
        assert quoted == min(reports, 3), post  # the first two and the last of a long tenure
        assert ("lần khác" in post) == (reports > 3)
    body = max((n for n, d in g.nodes(data=True) if d.get("type") == "body"), key=lambda n: len(g.nodes[n]["articles"]))
    holders = _section((tmp_path / "site" / page_path(body)).read_text(encoding="utf-8"), "Chức vụ và người giữ chức")
    for row in re.findall(r"<tr><td>.*?</tr>", holders):  # one sentence per holder, the others counted
        assert row.count('<q class="ev">') <= 1, row
    assert "câu khác" in holders


def test_long_lists_are_split_into_pages_that_link_to_each_other(tmp_path, monkeypatch):
    from cadregraph.exports import site, site_index

    monkeypatch.setattr(site_index, "LIST_ROWS", 10)
    monkeypatch.setattr(site, "LIST_ROWS", 10)
    monkeypatch.setattr(site_index, "LIST_PAGE_ROWS", 25)
    data = build_store(tmp_path / "out", large_facts(articles=30, people=60))
    write_site(data, tmp_path / "site")
    people = {n for n, t in data.g.nodes(data="type") if t == "person"}
    assert len(people) == 60
    listed, pages = [], sorted((tmp_path / "site" / "lists").glob("person*.html"))
    assert [p.name for p in pages] == ["person-2.html", "person-3.html", "person.html"]
    for number, path in enumerate([pages[2], pages[0], pages[1]], start=1):
        page = path.read_text(encoding="utf-8")
        rows = re.findall(r'<tr><td><a href="../(person/[^"]+)\.html"', page)
        assert len(rows) == (25 if number < 3 else 10)
        listed += rows
        assert f"<b>{number}</b>" in page and f"{(number - 1) * 25 + 1}–{min(number * 25, 60)} / 60" in page
        for other in {1, 2, 3} - {number}:
            assert f'href="../{list_path("person", other)}"' in page
    assert sorted(listed) == sorted(page_path(n)[:-5] for n in people)  # each once, in the index's order
    assert listed == sorted(listed, key=lambda p: (fold(data.g.nodes[p]["label"]), p))
    articles = sorted((tmp_path / "site" / "lists").glob("article*.html"))
    assert [p.name for p in articles] == ["article-2.html", "article.html"]


@given(st.text(alphabet=st.sampled_from(list("&<>\"'; ađĐơưỦy Thành ủy\n")), max_size=30) | st.text(max_size=30))
def test_escaping_is_the_standard_librarys_whatever_the_text(text):
    assert esc(text) == html.escape(text, quote=True)


def test_escaping_takes_any_value():
    assert (esc(None), esc(2023), esc("Bí thư <Thành ủy> & \"Đảng\"")) == (
        "", "2023", "Bí thư &lt;Thành ủy&gt; &amp; &quot;Đảng&quot;")


def test_pages_written_in_processes_are_those_of_one_process(bundled_data, tmp_path, monkeypatch):
    from cadregraph.graph.pool import process_pool

    from cadregraph.exports import site as site_module

    pools = []

    def pool(jobs):
        pools.append(jobs)
        return process_pool(jobs)

    monkeypatch.setattr(site_module, "PAGES_PER_TASK", 3)  # the bundled graph in many tasks
    monkeypatch.setattr(site_module, "process_pool", pool)
    one = write_site(bundled_data, tmp_path / "one", jobs=1)
    assert pools == []
    two = write_site(bundled_data, tmp_path / "two", jobs=2)
    assert pools == [2]
    assert one.sizes == two.sizes and list(one.sizes) == list(two.sizes)  # same pages, reported in one order
    assert one.pages == two.pages > 2 * 3
    for path in one.sizes:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes(), path
