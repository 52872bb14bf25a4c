from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadregraph.sources.model import RawDocument, Skipped
from cadregraph.sources.readers import bundled_corpus, read_paths

ARTICLE = ("Ban Thường vụ Huyện ủy Thủy Nguyên triển khai Chỉ thị số 35-CT/TW\n"
           "\n"
           "Sáng 12/3/2024, Ban Thường vụ Huyện ủy Thủy Nguyên tổ chức hội nghị triển khai Chỉ thị số 35-CT/TW.\n")

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Quảng Ninh quán triệt Nghị quyết số 18-NQ/TW | Báo Đảng bộ tỉnh</title>
<link rel="canonical" href="https://baoquangninh.example/quan-triet-nghi-quyet-18.html">
<meta property="article:published_time" content="2024-03-05T08:30:00+07:00">
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/chinh-tri">Chính trị</a></li>
<li><a href="/kinh-te">Kinh tế</a></li><li><a href="/lien-he">Liên hệ quảng cáo</a></li></ul></nav>
<main><article>
<h1>Quảng Ninh quán triệt Nghị quyết số 18-NQ/TW</h1>
<p>Sáng ngày 04/03/2024, Ban Thường vụ Tỉnh ủy Quảng Ninh tổ chức hội nghị quán triệt Nghị quyết số
18-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, hoàn thiện thể chế, chính sách.</p>
<p>Đồng chí Trần Thị Mai Anh, Phó Bí thư Thường trực Tỉnh ủy, chủ trì hội nghị. Dự hội nghị có các đồng chí
Ủy viên Ban Thường vụ Tỉnh ủy, lãnh đạo các sở, ban, ngành và địa phương trong tỉnh.</p>
<p>Phát biểu kết luận, đồng chí Trần Thị Mai Anh đề nghị các cấp ủy, tổ chức đảng khẩn trương xây dựng
kế hoạch thực hiện nghị quyết, bảo đảm thiết thực và hiệu quả.</p>
</article></main>
<footer><p>Bản quyền thuộc Báo Đảng bộ tỉnh Quảng Ninh. Điện thoại đường dây nóng: 0203 123 456.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
</body></html>
"""


def read(*paths) -> list[RawDocument | Skipped]:
    return list(read_paths(paths))


def test_txt_with_bom_and_crlf(tmp_path: Path):
    f = tmp_path / "hp_2024_03.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    [doc] = read(f)
    assert isinstance(doc, RawDocument)
    assert doc.article_id == "hp_2024_03"
    assert doc.format == "txt"
    assert doc.title == "Ban Thường vụ Huyện ủy Thủy Nguyên triển khai Chỉ thị số 35-CT/TW"
    assert doc.text == ARTICLE  # BOM gone, one newline per line break
    assert doc.source_path == str(f)


def test_title_is_first_non_empty_line(tmp_path: Path):
    (tmp_path / "a.txt").write_text("\n  \n  Hội nghị Thành ủy  \nNội dung.\n", encoding="utf-8")
    [doc] = read(tmp_path / "a.txt")
    assert doc.title == "Hội nghị Thành ủy"


def test_html_drops_boilerplate_and_keeps_metadata(tmp_path: Path):
    f = tmp_path / "quang-ninh.html"
    f.write_text(PAGE, encoding="utf-8")
    [doc] = read(f)
    assert isinstance(doc, RawDocument), doc
    assert doc.format == "html"
    assert doc.article_id == "quang-ninh"
    assert doc.title.startswith("Quảng Ninh quán triệt Nghị quyết số 18-NQ/TW")
    assert "Đồng chí Trần Thị Mai Anh, Phó Bí thư Thường trực Tỉnh ủy" in doc.text
    for boilerplate in ("Trang chủ", "Liên hệ quảng cáo", "Bản quyền", "đường dây nóng"):
        assert boilerplate not in doc.text
    # paragraphs stay on lines of their own
    lines = [line for line in doc.text.splitlines() if line.strip()]
    assert any(line.startswith("Phát biểu kết luận") for line in lines)
    assert doc.published == "2024-03-05"
    assert doc.url == "https://baoquangninh.example/quan-triet-nghi-quyet-18.html"


# pages a reader may save by mistake: a script-rendered shell and a section front of links
SHELL_PAGE = ('<html><head><title>Báo điện tử</title><script src="/app.js"></script></head>'
              '<body><div id="app"></div><noscript>Vui lòng bật JavaScript.</noscript></body></html>')
LINKS_PAGE = ('<html><head><title>Chính trị</title></head><body><header><nav><ul><li><a href="/">Trang chủ</a></li>'
              '<li><a href="/chinh-tri">Chính trị</a></li></ul></nav></header><main><ul class="news">'
              + "".join(f'<li><a href="/tin-{i}">Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {i} khóa XX</a></li>'
                        for i in range(10))
              + "</ul></main><footer><p>Bản quyền thuộc Báo Điện tử Đảng bộ tỉnh.</p></footer></body></html>")


@pytest.mark.parametrize("page", [SHELL_PAGE, LINKS_PAGE], ids=["script-shell", "links-only"])
def test_html_without_article_text_is_skipped(tmp_path: Path, page: str):
    f = tmp_path / "trang.htm"
    f.write_text(page, encoding="utf-8")
    [item] = read(f)
    assert isinstance(item, Skipped)
    assert item.source_path == str(f)
    assert item.reason == "no article text found in the HTML page"


def test_jsonl_reads_good_lines_and_skips_bad_ones(tmp_path: Path):
    f = tmp_path / "batch.jsonl"
    good = {"id": "qn-01", "text": "Tỉnh ủy Quảng Ninh họp phiên thường kỳ\nNội dung.",
            "url": "https://example.vn/qn-01", "published": "2024-01-15", "locality": "Quảng Ninh"}
    f.write_text("\n".join([
        json.dumps(good, ensure_ascii=False),
        '{"id": "qn-02", "text": "thiếu dấu đóng',
        json.dumps({"id": "qn-03"}),
        json.dumps({"id": "qn-04", "text": "Bài viết", "published": "15/01/2024"}, ensure_ascii=False),
        "",
        json.dumps({"id": "qn-05", "text": "Huyện ủy Tiên Yên", "title": "Tiên Yên"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    items = read(f)
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = {i.source_path: i.reason for i in items if isinstance(i, Skipped)}
    assert [d.article_id for d in docs] == ["qn-01", "qn-05"]
    first = docs[0]
    assert (first.title, first.url, first.published, first.locality, first.format) == (
        "Tỉnh ủy Quảng Ninh họp phiên thường kỳ", "https://example.vn/qn-01", "2024-01-15", "Quảng Ninh", "jsonl")
    assert first.source_path == f"{f}:1"
    assert docs[1].title == "Tiên Yên"
    assert set(skipped) == {f"{f}:2", f"{f}:3", f"{f}:4"}
    assert "invalid JSON" in skipped[f"{f}:2"]
    assert "'text'" in skipped[f"{f}:3"]
    assert "ISO date" in skipped[f"{f}:4"]


def test_bad_files_are_skipped_with_path_and_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin.txt").write_bytes("Tỉnh ủy Hà Nam".encode("utf-8") + " và Hà Tây".encode("latin-1"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 9)) * 20 + "Hà Nội".encode("utf-8"))
    reasons = {Path(i.source_path).name: i.reason for i in read(tmp_path)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["scan.txt"] == "binary file (a PNG image, not text)"
    assert reasons["latin.txt"].startswith("not UTF-8 text (undecodable byte at offset 21) and not confidently "
                                           "Windows-1258, TCVN3 or VNI")
    assert "binary" in reasons["noise.txt"]


def test_unknown_extensions(tmp_path: Path):
    (tmp_path / "notes.md").write_text("# ghi chú", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert [i.article_id for i in read(tmp_path)] == ["a"]  # ignored inside a folder
    [item] = read(tmp_path / "notes.md")  # named explicitly: reported
    assert isinstance(item, Skipped) and "unsupported file type '.md'" in item.reason


def test_missing_path_is_skipped(tmp_path: Path):
    [item] = read(tmp_path / "khong-co.txt")
    assert isinstance(item, Skipped) and item.reason == "no such file or folder"


def test_folder_order_is_sorted_and_recursive(tmp_path: Path):
    for rel in ("b/02.txt", "a/zz.txt", "a/01.txt", "c.txt", ".hidden/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"Bài {rel}\n", encoding="utf-8")
    first = [i.source_path for i in read(tmp_path)]
    assert first == [str(tmp_path / r) for r in ("a/01.txt", "a/zz.txt", "b/02.txt", "c.txt")]
    assert [i.source_path for i in read(tmp_path)] == first


def test_same_file_twice_is_read_once_and_duplicate_ids_are_both_kept(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "bai.txt").write_text("Một\n", encoding="utf-8")
    (tmp_path / "y" / "bai.txt").write_text("Hai\n", encoding="utf-8")
    notes = []
    items = list(read_paths([tmp_path / "x", tmp_path / "x" / "bai.txt", tmp_path / "y"],
                            on_note=lambda path, message: notes.append((path, message))))
    assert [(i.article_id, i.text) for i in items] == [("bai", "Một\n"), ("bai~2", "Hai\n")]
    assert notes == [(str(tmp_path / "y" / "bai.txt"),
                      f"duplicate article id 'bai' (first read from {tmp_path / 'x' / 'bai.txt'}): this one is 'bai~2'")]


def test_bundled_corpus_reads_cleanly():
    items = read(bundled_corpus())
    assert len(items) == 5
    assert all(isinstance(i, RawDocument) and i.title for i in items)
    assert [i.article_id for i in items] == sorted(i.article_id for i in items)
