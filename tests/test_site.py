from __future__ import annotations

import dataclasses

from cadregraph.exports.site import write_index


def test_index_is_self_contained_and_lists_findings(resolved, tmp_path):
    page = write_index(resolved, tmp_path / "site").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    assert "http://" not in page and "https://" not in page
    assert "Đào Phú Thùy Dương" in page
    assert "Bí thư Đảng ủy Khu kinh tế Hải Phòng" in page
    assert "2023-11-04" in page and "Quy định số 124" in page


def test_index_escapes_article_text(resolved, tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    resolved.people[0] = dataclasses.replace(resolved.people[0], name=evil)
    resolved.meetings[0] = dataclasses.replace(resolved.meetings[0], title=f"Hội nghị {evil}")
    page = write_index(resolved, tmp_path).read_text(encoding="utf-8")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
