"""Numbered documents: kind, number, code, issuer, date, term, subject, chains."""
from extraction_helpers import directives, facts_of


def test_full_citation():
    f = facts_of("Sáng 3/3/2023, Tỉnh ủy Bến Tre tổ chức hội nghị quán triệt Kết luận số 14-KL/TW, ngày "
                 "22/9/2021 của Bộ Chính trị khóa XIII về chủ trương khuyến khích cán bộ năng động; Hội nghị "
                 "kết thúc.", locality="Bến Tre")
    d = directives(f)["Kết luận 14"]
    assert (d.code, d.issued, d.issuer, d.issuer_level, d.term) == (
        "KL/TW", "2021-09-22", "Bộ Chính trị", "central", "XIII")
    assert d.subject == "chủ trương khuyến khích cán bộ năng động"
    assert f.meetings[0].directives[0].relation == "disseminated"


def test_short_forms_and_the_same_document_twice():
    f = facts_of("Sáng 4/4/2022, Huyện ủy Đông Anh tổ chức hội nghị triển khai Nghị quyết 15 của Bộ Chính trị "
                 "và NQ 28. Nghị quyết số 15-NQ/TW là văn kiện quan trọng.", locality="Hà Nội")
    d = directives(f)
    assert set(d) == {"Nghị quyết 15", "Nghị quyết 28"}
    assert d["Nghị quyết 15"].code == "NQ/TW" and d["Nghị quyết 15"].issuer == "Bộ Chính trị"
    assert len(d["Nghị quyết 15"].evidence) == 2


def test_leading_zeros_same_day_and_state_codes():
    f = facts_of("Ngày 7/9/2023, UBND tỉnh tổ chức hội nghị công bố Quyết định số 0215/QĐ-UBND ngày 31/8/2023 "
                 "và Quyết định số 216/QĐ-UBND cùng ngày của Chủ tịch UBND tỉnh.", locality="Phú Thọ")
    d = directives(f)
    assert (d["Quyết định 215"].code, d["Quyết định 215"].issued) == ("QĐ-UBND", "2023-08-31")
    assert d["Quyết định 216"].issued == "2023-08-31"
    assert d["Quyết định 215"].issuer == "Ủy ban nhân dân tỉnh Phú Thọ"


def test_issuer_from_the_code():
    f = facts_of("Sáng 2/2/2024, Quận ủy Ba Đình tổ chức hội nghị quán triệt Chỉ thị số 23-CT/TU ngày "
                 "10/1/2024 và Kế hoạch số 41-KH/QU.", locality="Hà Nội")
    d = directives(f)
    assert (d["Chỉ thị 23"].issuer, d["Chỉ thị 23"].issuer_level) == ("Thành ủy Hà Nội", "province")
    assert (d["Kế hoạch 41"].issuer, d["Kế hoạch 41"].issuer_level) == ("Quận ủy Ba Đình", "district")


def test_implementation_chains_and_anaphora():
    f = facts_of("Sáng 2/6/2023, Tỉnh ủy Hà Giang tổ chức hội nghị quán triệt Nghị quyết số 10-NQ/TW ngày "
                 "3/5/2023 của Bộ Chính trị và Kế hoạch số 99-KH/TU ngày 1/6/2023 của Ban Thường vụ Tỉnh ủy "
                 "thực hiện Nghị quyết này. Chương trình hành động số 7-CTr/TU triển khai thực hiện Kết luận "
                 "số 3-KL/TW.", locality="Hà Giang")
    d = directives(f)
    assert d["Kế hoạch 99"].implements == ["Nghị quyết|10"]
    assert d["Chương trình hành động 7"].implements == ["Kết luận|3"]
    assert d["Nghị quyết 10"].implements == []


def test_not_documents():
    f = facts_of("Sáng 3/3/2023, Đảng ủy Khối tổ chức hội nghị học tập Nghị quyết Trung ương 4 (khóa XII), "
                 "các Chỉ thị, Nghị quyết của Trung ương; Ban Thường vụ đã Quyết định khen thưởng 14 tập thể "
                 "và ban hành Quyết định thành lập 6 chi bộ.")
    assert f.directives == []


def test_national_series_are_told_apart_by_their_codes():
    f = facts_of("Theo Nghị quyết số 1264/NQ-UBTVQH14 ngày 27/4/2021 của Ủy ban Thường vụ Quốc hội và Nghị quyết số "
                 "98/2023/QH15 của Quốc hội.")
    d = directives(f)
    assert (d["Nghị quyết 1264"].code, d["Nghị quyết 1264"].issued, d["Nghị quyết 1264"].series) == (
        "NQ-UBTVQH14", "2021-04-27", "ubtvqh")
    assert (d["Nghị quyết 98"].code, d["Nghị quyết 98"].series) == ("QH15", "qh")


def test_numbers_of_one_kind_share_the_code_written_after_the_last():
    f = facts_of("Sáng 8/3, Huyện ủy Đức Trọng tổ chức hội nghị quán triệt các Nghị quyết số 18, 19 và 20-NQ/TW "
                 "Hội nghị Trung ương 6 khóa XII. Kết luận 21, 22 của Tỉnh ủy được triển khai.", published="2018-03-09")
    found = {(d.kind, d.number): d.code for d in f.directives}
    assert found == {("Nghị quyết", "18"): "NQ/TW", ("Nghị quyết", "19"): "NQ/TW", ("Nghị quyết", "20"): "NQ/TW",
                     ("Kết luận", "21"): None}


def test_laws_named_before_their_full_number():
    f = facts_of("Sáng 10/9, HĐND tỉnh Bình Thuận khai mạc kỳ họp chuyên đề, triển khai Luật Đất đai số "
                 "31/2024/QH15 ngày 18/1/2024 và Luật Thủ đô năm 2024. Luật Tổ chức chính quyền địa phương được "
                 "nhắc lại.", published="2024-09-11", locality="Bình Thuận")
    found = [(d.kind, d.number, d.code, d.issued, d.issuer) for d in f.directives]
    assert found == [("Luật", "31", "QH15", "2024-01-18", "Quốc hội")]  # laws without a number are not counted


def test_a_number_written_with_a_thousands_separator():
    f = facts_of("Ngày 3/11, Ban Thường vụ Tỉnh ủy Sóc Trăng công bố Quyết định số 2.318-QĐ/TU ngày 30-10-2020.",
                 published="2020-11-04")
    assert [(d.kind, d.number, d.code, d.issued) for d in f.directives] == [("Quyết định", "2318", "QĐ/TU", "2020-10-30")]
