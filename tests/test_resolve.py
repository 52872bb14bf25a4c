from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.graph.resolve import body_id, directive_id, meeting_id, person_id, resolve, slugify


@pytest.mark.parametrize("text, slug", [
    ("Đào Phú Thùy Dương", "dao-phu-thuy-duong"),
    ("Đào Phú Thuỳ Dương", "dao-phu-thuy-duong"),  # other tone placement, same slug
    ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "uy-ban-nhan-dan-tinh-ba-ria-vung-tau"),
    ("  QĐ/TW  ", "qd-tw"),
    ("Nghị quyết", "nghi-quyet"),
    ("Khóa XIII", "khoa-xiii"),
    ("Ｈà Ｎội", "ha-noi"),  # full-width letters fold too
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_never_empty():
    assert re.fullmatch(r"x[0-9a-f]{8}", slugify("—/—"))
    assert slugify("—/—") != slugify("…")


@given(st.text())
def test_slug_shape(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slugify(slug) == slug


def test_ids():
    assert person_id("Nguyễn Công Thành") == "person/nguyen-cong-thanh"
    assert body_id("Đảng ủy Khu kinh tế Hải Phòng") == "body/dang-uy-khu-kinh-te-hai-phong"
    assert directive_id("Quy định", "124", "QĐ/TW") == "directive/quy-dinh-124-qd-tw"
    assert directive_id("Nghị quyết", "45") == "directive/nghi-quyet-45"
    assert directive_id("Nghị quyết", "45", "") == "directive/nghi-quyet-45"
    assert meeting_id("000_31a0101c8cf72da8", 2) == "meeting/000_31a0101c8cf72da8-2"


def test_resolve_merges_across_articles(resolved):
    assert [a.article_id for a in resolved.articles] == ["a01", "b02"]
    assert [p.id for p in resolved.people] == ["person/dao-phu-thuy-duong"]
    assert [b.id for b in resolved.bodies] == ["body/dang-uy-khu-kinh-te-hai-phong", "body/thanh-uy-hai-phong"]
    [q124] = [d for d in resolved.directives if d.id == "directive/quy-dinh-124-qd-tw"]
    # first non-empty value wins, the gaps are filled by the other article
    assert (q124.issued, q124.issuer_level, q124.subject) == ("2023-10-04", "central", "về kiểm điểm")
    assert [m.id for m in resolved.meetings] == ["meeting/a01-1", "meeting/b02-1"]
    assert resolved.meetings[0].organizer_id == "body/dang-uy-khu-kinh-te-hai-phong"
    assert [(p.person_id, p.label) for p in resolved.positions] == [
        ("person/dao-phu-thuy-duong", "Bí thư Đảng ủy Khu kinh tế Hải Phòng"),
        ("person/dao-phu-thuy-duong", "Ủy viên Thành ủy Hải Phòng"),
    ]
    assert [(p.meeting_id, p.role) for p in resolved.participation] == [
        ("meeting/a01-1", "chair"), ("meeting/b02-1", "speaker")]
    assert [(k.directive_id, k.implements_id) for k in resolved.directive_links] == [
        ("directive/ke-hoach-30-kh-du", "directive/quy-dinh-124-qd-tw")]
    assert ("b02", "directive", "directive/quy-dinh-124-qd-tw") in {
        (m.article_id, m.entity_type, m.entity_id) for m in resolved.mentions}


def test_resolve_is_independent_of_input_order(two_articles):
    assert resolve(two_articles) == resolve(list(reversed(two_articles)))


def test_repeated_facts_are_kept_once(two_articles):
    a = two_articles[1]
    a.meetings[0].participants.append(a.meetings[0].participants[0])
    assert len(resolve([a]).participation) == 1


def test_dangling_key_is_an_error(two_articles):
    a = two_articles[1]
    a.meetings[0].organizer = "Ban Tổ chức Thành ủy"
    with pytest.raises(ValueError, match="a01: body key 'Ban Tổ chức Thành ủy'"):
        resolve([a])
