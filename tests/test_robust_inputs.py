"""Bad input: every bad file gets one line naming it and the reason, the build goes on,
and what can be read (other encodings, NUL bytes, mixed line endings) is read right."""
from __future__ import annotations

import codecs
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import robust_counts
from legacy_text import legacy_font, tcvn3_readable, windows_1258

from cadregraph.cli import main
from cadregraph.sources.model import RawDocument, Skipped
from cadregraph.sources.readers import bundled_corpus, read_paths, safe_id

pytestmark = pytest.mark.robust

ARTICLE = ("Hội nghị quán triệt Quy định số 124-QĐ/TW\n"
           "Ngày 04/11/2023, Đảng ủy Khu kinh tế Hải Phòng tổ chức hội nghị quán triệt Quy định số "
           "124-QĐ/TW. Đồng chí Đào Phú Thùy Dương, Bí thư Đảng ủy Khu kinh tế Hải Phòng chủ trì hội nghị. "
           "Hội nghị khẳng định quyết tâm thực hiện nghiêm túc các nhiệm vụ được giao.\n")


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def read(*paths, max_bytes: int = 1_000_000) -> tuple[list[RawDocument | Skipped], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    items = list(read_paths(paths, max_bytes, lambda path, message: notes.append((path, message))))
    return items, notes


def one(path: Path, **kw) -> tuple[RawDocument | Skipped, list[str]]:
    items, notes = read(path, **kw)
    assert len(items) == 1, items
    return items[0], [m for _, m in notes]


# -- the catalogue of bad files: name -> (bytes, what the reader must say) -------------------

def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


SKIPPED = {  # file -> (content, the reason, or the start of it)
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \r\n\t\n", "empty file"),
    "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\nendobj\n", "binary file (a PDF document, not text)"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (a PNG image, not text)"),
    "report.txt": (_zip(), "binary file (a ZIP archive (or a .docx, .xlsx, .odt document), not text)"),
    "old.txt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "binary file (a Microsoft Office document"),
    "page.html": (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "binary file (a gzip archive, not an HTML page)"),
    "cut.txt": (ARTICLE.encode("utf-8")[:-3] + "ệ".encode("utf-8")[:2], "truncated UTF-8: the file ends inside a character"),
    "nuls.txt": (b"\x00".join(bytes([b]) for b in ARTICLE.encode("utf-8")), "binary file ("),
    "noise.txt": (bytes(range(1, 9)) * 40 + "Hà Nội".encode("utf-8"), "binary file (mostly non-text characters)"),
    "french.txt": ("Le président de la République a réuni hier le conseil des ministres à l'Élysée ; les décisions "
                   "économiques ont été annoncées après une réunion où chacun a pu s'exprimer.".encode("latin-1"),
                   "not UTF-8 text (undecodable byte at offset 5) and not confidently Windows-1258, TCVN3 or VNI; "
                   "best guess VNI, but only 17% of 12 accented words read as Vietnamese"),
    "two-words.txt": (windows_1258("Hà Nội"), "not UTF-8 text (undecodable byte at offset 1) and not confidently Windows-1258, TCVN3 or VNI; only 2 accented words, too few to tell"),
    "utf16.jsonl": (codecs.BOM_UTF16_LE + '{"id": "x", "text": "Hà Nội"}\n'.encode("utf-16-le"),
                    "a jsonl file must be UTF-8"),
    "png.jsonl": (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (a PNG image, not text)"),
    "no-body.html": (b"<html><head><title>Trang</title><script src='/app.js'></script></head>"
                     b"<body><div id='app'></div></body></html>", "no article text found in the HTML page"),
    "nested.html": (("<html><body>" + "<div>" * 3000 + "<p>" + ARTICLE * 3 + "</p>" + "</div>" * 3000
                     + "</body></html>").encode("utf-8"), "no article text found: the HTML page nests 3002 elements deep"),
}


def write_catalogue(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in SKIPPED.items():
        (folder / name).write_bytes(content)
    robust_counts.add("bad files", len(SKIPPED))


def test_each_bad_file_is_skipped_with_its_reason(tmp_path):
    write_catalogue(tmp_path)
    items, notes = read(tmp_path)
    reasons = {Path(i.source_path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert not [i for i in items if isinstance(i, RawDocument)]
    assert set(reasons) == set(SKIPPED)
    for name, (_, expected) in SKIPPED.items():
        assert reasons[name].startswith(expected), (name, reasons[name])
    assert "\n" not in "".join(reasons.values())  # one line each
    assert notes == []


def test_a_build_reports_each_bad_file_once_and_builds_the_rest(tmp_path):
    folder = tmp_path / "in"
    write_catalogue(folder)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(SKIPPED)
    for name, (_, expected) in SKIPPED.items():
        [line] = [x for x in lines if x.startswith(f"skipped {folder / name}: ")]
        assert line.split(": ", 1)[1].startswith(expected)
    assert result.stdout.startswith("1 articles, ")
    assert runner().invoke(main, ["validate", "--out", str(out)]).exit_code == 0


# -- what can be read is read right --------------------------------------------------------

SENTENCES = [line for f in sorted(bundled_corpus().glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines() if len(line.split()) > 12][:40]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-16-nobom", "utf-32", "utf-8-bom"])
def test_unicode_with_and_without_byte_order_mark(tmp_path, encoding):
    data = {"utf-16": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
            "utf-16-be-bom": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
            "utf-16-nobom": ARTICLE.encode("utf-16-le"),
            "utf-32": codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"),
            "utf-8-bom": codecs.BOM_UTF8 + ARTICLE.encode("utf-8")}[encoding]
    (tmp_path / "a.txt").write_bytes(data)
    robust_counts.add("bad files")
    doc, notes = one(tmp_path / "a.txt")
    assert isinstance(doc, RawDocument) and doc.text == ARTICLE
    assert notes == ([] if encoding == "utf-8-bom" else [notes[0]])
    assert all("UTF-16" in n or "UTF-32" in n for n in notes)


@pytest.mark.parametrize("encoding", ["windows-1258", "tcvn3", "vni"])
def test_legacy_vietnamese_encodings_are_converted(tmp_path, encoding):
    text = "\n".join(SENTENCES) + "\n"
    data = windows_1258(text) if encoding == "windows-1258" else legacy_font(text, encoding)
    (tmp_path / "cu.txt").write_bytes(data)
    robust_counts.add("bad files")
    doc, notes = one(tmp_path / "cu.txt")
    assert isinstance(doc, RawDocument), doc
    expected = tcvn3_readable(text) if encoding == "tcvn3" else text
    if encoding != "windows-1258":  # the font conversion also tidies spaces (no-break ones too)
        expected = "\n".join(" ".join(line.split()) for line in expected.split("\n"))
    assert doc.text.rstrip("\n").split("\n") == expected.rstrip("\n").split("\n")  # every sentence, letter for letter
    name = {"windows-1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[encoding]
    assert notes == [notes[0]] and notes[0].startswith(f"not UTF-8: read as {name} and converted to Unicode")


def test_a_build_of_legacy_files_extracts_and_quotes_the_converted_text(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "w1258.txt").write_bytes(windows_1258(ARTICLE))
    (folder / "vni.txt").write_bytes(legacy_font(ARTICLE.replace("Hải Phòng", "Quảng Ninh"), "vni"))
    robust_counts.add("bad files", 2)
    result = runner().invoke(main, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    notes = sorted(result.stderr.splitlines())
    assert [n.split(" (")[0] for n in notes] == [
        f"note {folder / 'vni.txt'}: not UTF-8: read as VNI and converted to Unicode",
        f"note {folder / 'w1258.txt'}: not UTF-8: read as Windows-1258 and converted to Unicode"]
    with (out / "tables" / "positions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["position"] for r in rows} == {"Bí thư Đảng ủy Khu kinh tế Hải Phòng", "Bí thư Đảng ủy Khu kinh tế Quảng Ninh"}
    texts = {d.article_id: d.text for d in read_paths([folder])}
    for r in rows:
        assert texts[r["article_id"]][int(r["evidence_start"]):int(r["evidence_end"])] == r["evidence_quote"]


def test_legacy_text_already_stored_as_unicode_is_repaired(tmp_path):
    mangled = legacy_font(ARTICLE, "tcvn3").decode("latin-1")  # what Word saves from a .VnTime file
    (tmp_path / "a.txt").write_text(mangled, encoding="utf-8")
    robust_counts.add("bad files")
    doc, notes = one(tmp_path / "a.txt")
    assert doc.text == tcvn3_readable(ARTICLE).rstrip("\n")
    assert notes == ["the text is TCVN3 legacy-font text stored as Unicode: converted"]
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")  # ordinary text is left alone
    doc, notes = one(tmp_path / "b.txt")
    assert doc.text == ARTICLE and notes == []


def test_mixed_line_endings_nul_bytes_and_control_characters(tmp_path):
    lines = ARTICLE.rstrip("\n").split("\n") + ["Dòng thứ ba.", "Dòng thứ tư."]
    data = (lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3]).encode("utf-8")
    (tmp_path / "endings.txt").write_bytes(data)
    (tmp_path / "nul.txt").write_bytes(ARTICLE.encode("utf-8").replace(b"Ng\xc3\xa0y", b"Ng\xc3\xa0y\x00\x00"))
    (tmp_path / "esc.txt").write_bytes(ARTICLE.encode("utf-8").replace(b"Ng", b"\x1b[31mNg", 1) + b"\x0cTrang 2\n")
    robust_counts.add("bad files", 3)
    items, notes = read(tmp_path)
    docs = {Path(d.source_path).name: d for d in items}
    assert docs["endings.txt"].text == "\n".join(lines[:4])
    assert docs["nul.txt"].text == ARTICLE
    assert docs["esc.txt"].text == ARTICLE.replace("Ng", "[31mNg", 1) + "\nTrang 2\n"
    assert sorted(m for _, m in notes) == ["dropped 1 control character", "dropped 2 NUL bytes"]


def test_malformed_jsonl_lines_are_skipped_and_the_rest_read(tmp_path):
    good = {"id": "qn-01", "text": ARTICLE, "published": "2023-11-05"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"id": "qn-02", "text": "thiếu dấu đóng',  # invalid JSON
        "[1, 2, 3]",  # not an object
        json.dumps({"id": "qn-04"}),  # no text
        json.dumps({"id": "qn-05", "text": "Bài", "published": "31/02/2024"}, ensure_ascii=False),  # no such date
        json.dumps({"id": "qn-06", "text": "Bài", "published": "2024-02-31"}),  # no such date either
        json.dumps({"id": "qn-07", "text": 42}),
        "[" * 30_000 + "]" * 30_000,  # nested past any parser's depth
        json.dumps({"id": "qn-09", "text": "x" * 20_000}),  # too large (limit below)
        json.dumps({"id": "qn-10", "text": "Hội nghị\u0000 \ud800 Tỉnh ủy"}),  # NUL and a lone surrogate escaped
        json.dumps({"id": "qn-11", "text": "\u0000\u0001"}),  # nothing but control characters
        json.dumps({"id": "../../etc/passwd", "text": ARTICLE}, ensure_ascii=False),
        json.dumps({"id": "qn-01", "text": ARTICLE.replace("04/11", "05/11")}, ensure_ascii=False),  # duplicate id
        '{"id": "qn-14", "text": "cut sho',  # the download stopped here
    ]
    f = tmp_path / "batch.jsonl"
    f.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    robust_counts.add("bad files", 11)
    items, notes = read(f, max_bytes=10_000)
    docs = {i.source_path: i for i in items if isinstance(i, RawDocument)}
    skipped = {i.source_path: i.reason for i in items if isinstance(i, Skipped)}
    assert set(docs) == {f"{f}:{n}" for n in (1, 10, 12, 13)}
    assert set(skipped) == {f"{f}:{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 11, 14)}
    assert skipped[f"{f}:2"].startswith("invalid JSON") and "cut short" not in skipped[f"{f}:2"]
    assert skipped[f"{f}:3"] == "expected a JSON object, found list"
    assert "ISO date" in skipped[f"{f}:5"] and "ISO date" in skipped[f"{f}:6"]
    assert skipped[f"{f}:8"].startswith("invalid JSON")
    assert skipped[f"{f}:9"].startswith("too large: 0.0 MB, above the limit of 0.01 MB for one article text")
    assert skipped[f"{f}:14"].endswith("(the file seems cut short: its last line has no end)")
    assert docs[f"{f}:10"].text == "Hội nghị \ufffd Tỉnh ủy"
    assert docs[f"{f}:12"].article_id == ".._.._etc_passwd"
    assert docs[f"{f}:13"].article_id == "qn-01~2"
    assert (f"{f}:13", f"duplicate article id 'qn-01' (first read from {f}:1): this one is 'qn-01~2'") in notes


def test_a_jsonl_line_larger_than_the_limit_is_skipped_without_being_held(tmp_path):
    f = tmp_path / "big.jsonl"
    with f.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n")
        out.write(json.dumps({"id": "huge", "text": "Hội nghị " * 200_000}, ensure_ascii=False) + "\n")
        out.write(json.dumps({"id": "b", "text": ARTICLE}, ensure_ascii=False) + "\n")
    robust_counts.add("bad files")
    items, _ = read(f, max_bytes=10_000)
    assert [getattr(i, "article_id", None) for i in items] == ["a", None, "b"]
    assert items[1].reason.startswith("too large: 2.6 MB, above the limit of 0.08 MB for one jsonl line")


def test_duplicate_ids_are_both_kept_and_reported(tmp_path):
    for folder, body in (("x", ARTICLE), ("y", ARTICLE.replace("04/11", "06/11")), ("z", ARTICLE.replace("04/11", "07/11"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bai.txt").write_text(body, encoding="utf-8")
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "bai~2.txt").write_text(ARTICLE.replace("04/11", "08/11"), encoding="utf-8")  # takes the next
    robust_counts.add("bad files", 3)
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(tmp_path / "w"), str(tmp_path / "x"), str(tmp_path / "y"),
                                    str(tmp_path / "z"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [  # w/bai~2.txt took "bai~2" first: y gets ~3, z ~4
        f"note {tmp_path / 'y' / 'bai.txt'}: duplicate article id 'bai' (first read from {tmp_path / 'x' / 'bai.txt'}): "
        "this one is 'bai~3'",
        f"note {tmp_path / 'z' / 'bai.txt'}: duplicate article id 'bai' (first read from {tmp_path / 'x' / 'bai.txt'}): "
        "this one is 'bai~4'"]
    with (out / "tables" / "articles.csv").open(encoding="utf-8") as f:
        ids = sorted(r["article_id"] for r in csv.DictReader(f))
    assert ids == ["bai", "bai~2", "bai~3", "bai~4"]
    with (out / "tables" / "meetings.csv").open(encoding="utf-8") as f:
        assert sorted(r["date"] for r in csv.DictReader(f)) == ["2023-11-04", "2023-11-06", "2023-11-07", "2023-11-08"]


@pytest.mark.parametrize("given, safe", [("bai", "bai"), ("a/b", "a_b"), ("..", "__"), (".", "_"), ("a\\b\x00c", "a_b_c"),
                                         ("  Hà   Nội ", "Hà Nội"), ("x" * 300, None)])
def test_article_ids_are_one_safe_segment(given, safe):
    made = safe_id(given)
    assert "/" not in made and "\\" not in made and made.strip(".") and len(made) <= 200
    if safe is not None:
        assert made == safe
    robust_counts.add("hostile inputs")


# -- absurd content --------------------------------------------------------------------------

ABSURD = ("Hội nghị Thành ủy Hải Phòng\n"
          "Sáng 31/02/2024, Thành ủy Hải Phòng tổ chức hội nghị quán triệt Nghị quyết số 1-2-3/NQ//TW ngày "
          "30/02/2023 của Bộ Chính trị. Đồng chí Nguyễn Văn An Bình Cường Dũng Đông Giang Hà Khánh, Bí thư "
          "Thành ủy chủ trì hội nghị.\n"
          "Ngày 1/1/1066 và 12/12/2999, Tỉnh ủy Quảng Ninh tổ chức Hội nghị triển khai Chỉ thị số 35 — CT / TW, "
          "Kết luận số 21.KL.TW và Quy định số 124 - QĐ/TW.\n"
          "Ngày 10/10/2150, Đảng ủy tổ chức hội nghị do đồng chí Trần Văn Hùng Lê Minh Tuấn Phạm Quốc Khánh Đỗ, "
          "Phó Bí thư chủ trì. Ngày 29/02/2023 Huyện ủy họp.\n")


def test_impossible_dates_odd_numbers_and_long_names_give_no_absurd_facts(tmp_path):
    import datetime as dt

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "absurd.txt").write_text(ABSURD, encoding="utf-8")
    robust_counts.add("bad files")
    out = tmp_path / "out"
    result = runner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output

    def table(name):
        with (out / "tables" / f"{name}.csv").open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    for row in table("meetings") + table("directives") + table("tenures"):
        for column in ("date", "issued", "first_seen", "last_seen"):
            if row.get(column):
                day = dt.date.fromisoformat(row[column])  # a real date...
                assert 1930 <= day.year <= 2100, row  # ...in the party's time
    for row in table("people"):
        assert 2 <= len(row["name"].split()) <= 5, row  # no name of eight words
    for row in table("directives"):
        assert row["number"].isdigit() and len(row["number"]) <= 5, row
        assert not row["code"] or ("//" not in row["code"] and " " not in row["code"]), row
    assert runner().invoke(main, ["validate", "--out", str(out)]).exit_code == 0


# -- size --------------------------------------------------------------------------------------

def test_a_50_mb_article_is_refused_by_its_size_and_the_build_goes_on(tmp_path):
    """In a child process with a time limit: the build must not read 50 MB into memory or stall."""
    folder = tmp_path / "in"
    folder.mkdir()
    paragraph = ARTICLE.encode("utf-8")
    with (folder / "huge.txt").open("wb") as f:
        for _ in range(50_000_000 // len(paragraph) + 1):
            f.write(paragraph)
    with (folder / "huge.jsonl").open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False) + "\n")
        f.write('{"id": "huge-line", "text": "' + "Hội nghị " * 3_000_000 + '"}\n')
    (folder / "huge.html").write_bytes(b"<html><body><article>" + b"<p>x</p>" * 2_000_000 + b"</article></body></html>")
    (folder / "small.txt").write_text(ARTICLE, encoding="utf-8")
    robust_counts.add("bad files", 3)
    result = subprocess.run([sys.executable, "-m", "cadregraph.cli", "build", str(folder), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines() == [
        f"skipped {folder / 'huge.html'}: too large: 16.0 MB, above the limit of 10 MB for one page (build --max-article-mb)",
        f"skipped {folder / 'huge.jsonl'}:2: too large: 39.0 MB, above the limit of 8 MB for one jsonl line "
        "(build --max-article-mb)",
        f"skipped {folder / 'huge.txt'}: too large: 50.0 MB, above the limit of 1 MB for one article (build --max-article-mb)"]
    assert result.stdout.startswith("2 articles, ")
    small = subprocess.run([sys.executable, "-m", "cadregraph.cli", "build", str(folder / "small.txt"), "--out",
                            str(tmp_path / "out2"), "--max-article-mb", "0.0001"], capture_output=True, text=True, timeout=60)
    assert small.returncode == 3 and "above the limit of 0.0001 MB for one article" in small.stderr
