from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cadregraph.exports.tables import neutralise, write_tables

# the columns ../shared/eval/README.md says the scorer reads
CONTRACT = {
    "articles": {"article_id", "authors"},
    "people": {"person_id", "name"},
    "bodies": {"body_id", "name"},
    "directives": {"directive_id", "kind", "number", "code", "issued"},
    "meetings": {"meeting_id", "article_id", "date", "organizer_id"},
    "positions": {"article_id", "person_id", "position"},
    "participation": {"meeting_id", "person_id", "role"},
    "meeting_directives": {"meeting_id", "directive_id"},
    "mentions": {"article_id", "entity_type", "entity_id"},
}


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_tables_have_the_contract_columns(resolved, tmp_path):
    write_tables(resolved, tmp_path)
    for name, columns in CONTRACT.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert columns <= set(header), name
    assert (tmp_path / "directive_links.csv").exists()


def test_table_contents(resolved, tmp_path):
    write_tables(resolved, tmp_path)
    [a01, _] = read(tmp_path, "articles")
    assert a01["authors"] == "Minh Châu;Lê Hà"
    positions = read(tmp_path, "positions")
    assert positions[0]["position"] == "Bí thư Đảng ủy Khu kinh tế Hải Phòng"
    assert positions[0]["evidence_quote"].startswith("Đồng chí Đào Phú Thùy Dương")
    [q124] = [d for d in read(tmp_path, "directives") if d["number"] == "124"]
    assert (q124["kind"], q124["code"], q124["issued"]) == ("Quy định", "QĐ/TW", "2023-10-04")
    chairs = [p for p in read(tmp_path, "participation") if p["role"] == "chair"]
    assert [p["person_id"] for p in chairs] == ["person/dao-phu-thuy-duong"]


def test_tables_are_deterministic(resolved, tmp_path):
    write_tables(resolved, tmp_path / "one")
    write_tables(resolved, tmp_path / "two")
    for f in (tmp_path / "one").iterdir():
        assert f.read_bytes() == (tmp_path / "two" / f.name).read_bytes()


def test_formula_cells_are_neutralised(resolved, tmp_path):
    resolved.people[0] = type(resolved.people[0])("person/x", "=HYPERLINK(\"http://evil\")")
    write_tables(resolved, tmp_path)
    assert read(tmp_path, "people")[0]["name"] == "'=HYPERLINK(\"http://evil\")"


def test_neutralise():
    for risky in ("=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"):
        assert neutralise(risky) == "'" + risky
    for plain in ("-5", "+84", "-0.5", "2023-11-04", "Bí thư", "QĐ/TW", "-", "=", ""):
        assert neutralise(plain) == plain


@given(st.integers() | st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_are_never_altered(number):
    assert neutralise(str(number)) == str(number)
