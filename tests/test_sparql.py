"""`cadregraph sparql`: SELECT, ASK and CONSTRUCT on the store, in every output format."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import FOAF

from cadregraph.cli import main

CHAIRS = """SELECT DISTINCT ?name WHERE {
  ?p cg:role role:chair ; cg:participant/foaf:name ?name .
} ORDER BY ?name"""
EXPECTED_CHAIRS = ["Lê Văn Thành", "Trần Lưu Quang", "Đào Phú Thùy Dương"]


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def sparql(out, *args, stdin=None):
    return runner().invoke(main, ["sparql", "--out", str(out), *args], input=stdin)


def test_select_as_a_table(bundled_out):
    result = sparql(bundled_out, CHAIRS)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "name" and set(lines[1]) == {"-"}
    assert [line.strip() for line in lines[2:5]] == EXPECTED_CHAIRS
    assert lines[-1] == "(3 rows)"


def test_table_shortens_iris_and_long_cells(bundled_out):
    result = sparql(bundled_out, "SELECT ?p ?q WHERE { ?p a foaf:Person . ?e cg:quote ?q } LIMIT 1")
    assert result.exit_code == 0, result.output
    row = result.stdout.splitlines()[2]
    assert row.startswith("person:") and row.endswith("…")


def test_select_in_the_sparql_results_formats(bundled_out):
    as_csv = list(csv.DictReader(io.StringIO(sparql(bundled_out, CHAIRS, "--format", "csv").stdout)))
    assert [r["name"] for r in as_csv] == EXPECTED_CHAIRS
    as_tsv = sparql(bundled_out, CHAIRS, "--format", "tsv").stdout.splitlines()
    assert as_tsv[0] == "?name" and as_tsv[1] == '"Lê Văn Thành"@vi'
    as_json = json.loads(sparql(bundled_out, CHAIRS, "--format", "json").stdout)
    assert as_json["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in as_json["results"]["bindings"]] == EXPECTED_CHAIRS
    assert as_json["results"]["bindings"][0]["name"]["xml:lang"] == "vi"
    as_xml = ET.fromstring(sparql(bundled_out, CHAIRS, "--format", "xml").stdout)
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [lit.text for lit in as_xml.iter(f"{ns}literal")] == EXPECTED_CHAIRS


def test_ask(bundled_out):
    yes = sparql(bundled_out, "ASK { person:dao-phu-thuy-duong a foaf:Person }")
    assert (yes.exit_code, yes.stdout) == (0, "true\n")
    no = sparql(bundled_out, "ASK { person:khong-co-ai a foaf:Person }", "--format", "json")
    assert json.loads(no.stdout) == {"head": {}, "boolean": False}


def test_construct_prints_turtle(bundled_out):
    query = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p org:holds post:bi-thu--thanh-uy-hai-phong ; foaf:name ?n }"
    result = sparql(bundled_out, query)
    assert result.exit_code == 0, result.output
    g = Graph().parse(data=result.stdout, format="turtle")
    assert {str(o) for o in g.objects(None, FOAF.name)} == {"Trần Lưu Quang", "Lê Văn Thành"}
    assert "@prefix person:" in result.stdout
    nt = sparql(bundled_out, query, "--format", "nt").stdout
    assert len(Graph().parse(data=nt, format="nt")) == len(g)


def test_graph_names_the_article(bundled_out):
    query = """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m cg:disseminates directive:ket-luan-21-kl-tw } }"""
    rows = json.loads(sparql(bundled_out, query, "--format", "json").stdout)["results"]["bindings"]
    assert [r["g"]["value"] for r in rows] == ["https://cadregraph.org/id/article/001_d3fe42677955c6f5"]


def test_query_from_a_file_and_from_stdin(bundled_out, tmp_path):
    path = tmp_path / "chairs.rq"
    path.write_text(CHAIRS, encoding="utf-8")
    assert sparql(bundled_out, str(path), "--format", "csv").stdout == sparql(bundled_out, CHAIRS, "--format", "csv").stdout
    piped = sparql(bundled_out, "-", "--format", "csv", stdin=CHAIRS)
    assert piped.exit_code == 0 and "Trần Lưu Quang" in piped.stdout


def test_prefixes_are_printed_for_other_tools(bundled_out):
    result = sparql(bundled_out, "--prefixes")
    assert result.exit_code == 0
    assert "PREFIX person: <https://cadregraph.org/id/person/>\n" in result.stdout
    assert "PREFIX org: <http://www.w3.org/ns/org#>\n" in result.stdout


def test_errors(bundled_out, tmp_path):
    bad = sparql(bundled_out, "SELECT ?x WHERE { ?x ")
    assert bad.exit_code == 2 and "does not parse" in bad.stderr
    wrong = sparql(bundled_out, CHAIRS, "--format", "ttl")
    assert wrong.exit_code == 2 and "csv, tsv, json or xml" in wrong.stderr
    wrong = sparql(bundled_out, "CONSTRUCT WHERE { ?s a foaf:Person }", "--format", "csv")
    assert wrong.exit_code == 2 and "ttl, nt or jsonld" in wrong.stderr
    update = sparql(bundled_out, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert update.exit_code == 2
    missing = sparql(bundled_out)
    assert missing.exit_code == 2
    no_file = sparql(bundled_out, str(tmp_path / "khong-co.rq"))
    assert no_file.exit_code == 2 and "no such query file" in no_file.stderr
    none = sparql(tmp_path / "none", CHAIRS)
    assert none.exit_code == 1 and "run `cadregraph build` first" in none.stderr


def test_help_explains(bundled_out):
    text = runner().invoke(main, ["sparql", "--help"]).output
    for words in ("QUERY_OR_FILE", "GRAPH ?g", "DISTINCT", "csv", "Exit status"):
        assert words in text
    main_help = runner().invoke(main, ["--help"]).output
    for command in ("build", "export", "sparql", "push", "validate"):
        assert command in main_help
