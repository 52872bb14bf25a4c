"""Resolution across articles: one entity per person, body and document, with reasons;
homonyms kept apart; curation; locality from the corpus. Articles of our own."""
import datetime as dt

from extraction_helpers import facts_of
from hypothesis import given, settings, strategies as st

from cadregraph.graph.identity import Curation, resolve_identities
from cadregraph.graph.locality import relocate
from cadregraph.graph.resolve import resolve


def _ids(resolved, kind):
    return sorted({m.entity_id for m in resolved.mentions if m.entity_type == kind})


def test_spelling_variants_and_ranks_are_one_person():
    a = facts_of("Sáng 2/3/2023, Thành ủy Hà Nội tổ chức hội nghị. Đồng chí Lê Thị Thuỳ Linh, Phó Bí thư "
                 "Thường trực Thành uỷ chủ trì.", "a", locality="Hà Nội")
    b = facts_of("Sáng 9/3/2023, Thành ủy Hà Nội tổ chức hội nghị. Đồng chí LÊ THỊ THÙY LINH phát biểu. "
                 "Đồng chí Lê Thị Thùy  Linh, Phó Bí thư Thường trực Thành ủy dự.", "b", locality="Hà Nội")
    c = facts_of("Sáng 1/4/2023, Bộ Chỉ huy Quân sự thành phố tổ chức hội nghị. Đại tá Lê Thị Thùy Linh, "
                 "Phó Chính ủy Bộ Chỉ huy Quân sự thành phố phát biểu.", "c", locality="Hà Nội")
    r = resolve([a, b, c])
    assert _ids(r, "person") == ["person/le-thi-thuy-linh"]
    assert {d.rule for d in r.decisions if d.entity_type == "person"} == {"same-name"}


def test_same_name_in_two_provinces_at_the_same_time_is_two_people_flagged():
    na = facts_of("Sáng 4/5/2023, Huyện ủy Diễn Châu tổ chức hội nghị. Đồng chí Nguyễn Văn Hùng, Bí thư "
                  "Huyện ủy Diễn Châu chủ trì.", "na", locality="Nghệ An")
    cm = facts_of("Sáng 10/5/2023, UBND tỉnh tổ chức hội nghị. Đồng chí Nguyễn Văn Hùng, Giám đốc Sở Y tế "
                  "phát biểu.", "cm", locality="Cà Mau")
    later = facts_of("Sáng 7/1/2024, Huyện ủy Diễn Châu tổ chức hội nghị. Đồng chí Nguyễn Văn Hùng, Bí thư "
                     "Huyện ủy Diễn Châu chủ trì.", "later", locality="Nghệ An")
    r = resolve([na, cm, later])
    by_article = {(m.article_id): m.entity_id for m in r.mentions if m.entity_type == "person"}
    assert by_article == {"na": "person/nguyen-van-hung", "later": "person/nguyen-van-hung",
                          "cm": "person/nguyen-van-hung--ca-mau"}
    assert [(f.first_id, f.second_id) for f in r.review] == [("person/nguyen-van-hung", "person/nguyen-van-hung--ca-mau")]
    split = next(d for d in r.decisions if d.article_id == "cm")
    assert split.rule == "homonym-split" and "Cà Mau" in split.detail and "Nghệ An" in split.detail


def test_curation_splits_and_merges():
    x = facts_of("Sáng 4/5/2023, Huyện ủy Yên Thành tổ chức hội nghị. Đồng chí Trần Văn Bình, Bí thư Huyện ủy "
                 "chủ trì.", "x", locality="Nghệ An")
    y = facts_of("Sáng 9/9/2023, Huyện ủy Yên Thành tổ chức hội nghị. Đồng chí Trần Văn Bình, Phó Chủ tịch "
                 "UBND huyện dự.", "y", locality="Nghệ An")
    z = facts_of("Sáng 9/9/2023, Huyện ủy Yên Thành tổ chức hội nghị. Đồng chí Trần Văn Bính dự.", "z",
                 locality="Nghệ An")
    plain = resolve([x, y, z])
    # two names that differ by a tone mark are two people, though they fold to one slug
    assert _ids(plain, "person") == ["person/tran-van-binh", "person/tran-van-binh-2"]
    curated = resolve([x, y, z], curation=Curation(
        same=[["Trần Văn Bình", "Trần Văn Bính"]],
        different=[{"name": "Trần Văn Bình", "groups": [["x"], ["y"]]}]))
    people = {m.article_id: m.entity_id for m in curated.mentions if m.entity_type == "person"}
    assert people["x"] != people["y"]  # split by the curator
    assert people["z"] in (people["x"], people["y"])  # the other spelling merged into one of them
    assert {"curation-different", "curation-same"} <= {d.rule for d in curated.decisions}


def test_one_document_however_it_is_written():
    texts = {
        "a": "Sáng 3/3/2020, Thành ủy tổ chức hội nghị quán triệt Nghị quyết 45.",
        "b": "Sáng 4/3/2020, Thành ủy tổ chức hội nghị quán triệt Nghị quyết số 45 của Bộ Chính trị.",
        "c": "Sáng 5/3/2020, Thành ủy tổ chức hội nghị quán triệt Nghị quyết số 45-NQ/TW ngày 24-1-2019 "
             "của Bộ Chính trị về xây dựng và phát triển thành phố Hải Phòng.",
        "d": "Sáng 6/3/2020, Quận ủy Lê Chân tổ chức hội nghị triển khai NQ 45.",
    }
    facts = [facts_of(t, k, locality="Hải Phòng") for k, t in texts.items()]
    r = resolve(facts)
    assert _ids(r, "directive") == ["directive/nghi-quyet-45-nq-tw"]
    doc = r.directives[0]
    assert (doc.code, doc.issued, doc.issuer) == ("NQ/TW", "2019-01-24", "Bộ Chính trị")


def test_same_number_of_different_issuers_is_two_documents():
    a = facts_of("Sáng 3/3/2023, Đảng ủy Khối Doanh nghiệp thành phố tổ chức hội nghị triển khai Kế hoạch số "
                 "30-KH/ĐU ngày 1/3/2023.", "a", locality="Hải Phòng")
    b = facts_of("Sáng 4/3/2023, Đảng ủy Khu kinh tế Hải Phòng tổ chức hội nghị triển khai Kế hoạch số "
                 "30-KH/ĐU ngày 2/3/2023.", "b", locality="Hải Phòng")
    c = facts_of("Sáng 5/3/2023, Tỉnh ủy Yên Bái tổ chức hội nghị quán triệt Chỉ thị số 35-CT/TU của Ban "
                 "Thường vụ Tỉnh ủy và Chỉ thị số 35 của Bộ Chính trị.", "c", locality="Yên Bái")
    ids = _ids(resolve([a, b, c]), "directive")
    assert ids == ["directive/chi-thi-35-ct-tu--tinh-uy-yen-bai", "directive/chi-thi-35-ct-tw",
                   "directive/ke-hoach-30-kh-du--dang-uy-khoi-doanh-nghiep-thanh-pho-hai-phong",
                   "directive/ke-hoach-30-kh-du--dang-uy-khu-kinh-te-hai-phong"]


def test_a_number_reused_years_later_is_another_document():
    old = facts_of("Hải Phòng, ngày 26 tháng 02 năm 2020\nNgày 11/7, Thành ủy tổ chức hội nghị quán triệt "
                   "Chỉ thị số 35 của Bộ Chính trị.", "old")
    new = facts_of("Sáng 12/7/2024, Huyện ủy Vĩnh Bảo tổ chức hội nghị quán triệt Chỉ thị số 35-CT/TW ngày "
                   "14/6/2024 của Bộ Chính trị.", "new", locality="Hải Phòng")
    r = resolve([old, new])
    by_article = {m.article_id: m.entity_id for m in r.mentions if m.entity_type == "directive"}
    assert by_article == {"old": "directive/chi-thi-35-ct-tw", "new": "directive/chi-thi-35-ct-tw-2024"}


def test_the_same_short_body_name_in_two_localities_is_two_bodies():
    hn = facts_of("Sáng 2/3/2023, Thành ủy tổ chức hội nghị. Đồng chí Bùi Thị Minh Hoài, Bí thư Thành ủy "
                  "chủ trì.", "hn", locality="Hà Nội")
    hp = facts_of("Sáng 2/3/2023, Thành ủy tổ chức hội nghị. Đồng chí Lê Tiến Châu, Bí thư Thành ủy chủ trì.",
                  "hp", locality="Hải Phòng")
    ids = _ids(resolve([hn, hp]), "body")
    assert "body/thanh-uy-ha-noi" in ids and "body/thanh-uy-hai-phong" in ids and "body/thanh-uy" not in ids


def test_an_article_silent_about_its_city_is_placed_by_its_officials():
    texts = {
        "named": "Sáng 2/3/2023, Thành ủy Đà Nẵng tổ chức hội nghị. Đồng chí Nguyễn Văn Quảng, Bí thư Thành ủy "
                 "Đà Nẵng chủ trì. Đồng chí Lương Nguyễn Minh Triết, Chủ tịch HĐND thành phố dự.",
        "silent": "Sáng 9/3/2023, Thành ủy tổ chức hội nghị. Đồng chí Nguyễn Văn Quảng, Bí thư Thành ủy chủ trì. "
                  "Đồng chí Lương Nguyễn Minh Triết, Phó Bí thư Thành ủy dự.",
    }
    facts = [facts_of(t, k) for k, t in texts.items()]
    assert facts[1].article.locality is None
    placed = relocate(facts, lambda pairs: [facts_of(texts[aid], aid, locality=loc) for aid, loc in pairs])
    assert placed[1].article.locality == "Đà Nẵng"
    assert "body/thanh-uy-da-nang" in _ids(resolve([placed[1]]), "body")


def test_identities_record_a_reason_for_every_mention():
    f = facts_of("Sáng 2/3/2023, Tỉnh ủy Bình Định tổ chức hội nghị quán triệt Kết luận số 21-KL/TW. "
                 "Đồng chí Hồ Quốc Dũng, Bí thư Tỉnh ủy chủ trì.", "f", locality="Bình Định")
    ids = resolve_identities([f])
    assert {(d.entity_type, d.rule) for d in ids.decisions} == {("person", "single"),
                                                               ("directive", "issuer-from-code")}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 400)),
                          st.frozensets(st.sampled_from(["Hà Nội", "Hải Phòng", "Huế"]), max_size=2)),
                max_size=30))
def test_a_career_finds_the_conflicts_every_earlier_mention_would(raw):
    """_Career checks a month of mentions by their provinces; comparing with every earlier
    mention of the career must give the same answers and the same reason."""
    from cadregraph.graph.identity import _Career, _conflict, _PersonMention

    day0 = dt.date(2020, 1, 1)
    mentions = sorted((_PersonMention(f"a{i}", None if d is None else day0 + dt.timedelta(days=d), provinces, None)
                       for i, (d, provinces) in enumerate(raw)), key=lambda m: (m.date or dt.date.max, m.article_id))
    career = _Career()
    for m in mentions:
        expected = next((r for other in career.members if (r := _conflict(m, other))), None)
        assert career.first_conflict(m) == expected
        assert career.conflicts(m) == (expected is not None)
        career.add(m)
