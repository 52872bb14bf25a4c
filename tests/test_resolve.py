from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.graph.resolve import (
    ascii_fold,
    body_id,
    directive_id,
    meeting_id,
    person_id,
    post_id,
    resolve,
    resolve_each,
    slugify,
)


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


def test_ascii_fold_keeps_case_and_spaces():
    assert ascii_fold("Đào Phú Thùy Dương") == "Dao Phu Thuy Duong"
    assert ascii_fold("Quy định số 124-QĐ/TW") == "Quy dinh so 124-QD/TW"


def test_post_ids():
    assert post_id("Bí thư", "body/thanh-uy-hai-phong") == "post/bi-thu--thanh-uy-hai-phong"
    assert post_id("Tổng Bí thư", None) == "post/tong-bi-thu"


def test_resolve_each_gives_each_articles_own_view(two_articles):
    a01, b02 = resolve_each(two_articles)
    assert [a.article_id for a in a01.articles] == ["a01"] and [a.article_id for a in b02.articles] == ["b02"]
    [q124_b] = [d for d in b02.directives if d.id == "directive/quy-dinh-124-qd-tw"]
    assert (q124_b.issued, q124_b.subject) == (None, "về kiểm điểm")  # b02 alone does not give the date


def test_content_hash_issuer_and_link_evidence(two_articles):
    b02, a01 = two_articles
    a01.article.content_hash = "ab" * 32
    a01.directives[0].issuer = "Ban Chấp hành Trung ương Đảng"
    sentence = a01.meetings[0].evidence
    a01.directives[0].evidence.append(sentence)
    a01.directives[1].evidence.append(sentence)
    r = resolve([a01])
    assert r.articles[0].content_hash == "ab" * 32
    [q124] = [d for d in r.directives if d.number == "124"]
    assert q124.issuer_id == "body/ban-chap-hanh-trung-uong-dang"
    [link] = r.directive_links
    assert link.evidence == sentence
    a01.directives[1].evidence.clear()  # no sentence names both: no evidence, the link stays
    [link] = resolve([a01]).directive_links
    assert link.evidence is None
