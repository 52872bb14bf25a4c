"""Property tests: any text goes through cleaning and extraction without raising, and
every piece of evidence quotes the original exactly."""
from hypothesis import HealthCheck, given, settings, strategies as st

from cadregraph.graph.extract import extract
from cadregraph.sources.clean import prepare
from cadregraph.sources.model import RawDocument

SEED = ("Sáng 6/4/2023, Ban Thường vụ Thành ủy Hải Phòng tổ chức Hội nghị quán triệt Kết luận số "
        "21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII. Đồng chí Trần Lưu Quang, "
        "Ủy viên Trung ương Đảng, Bí thư Thành ủy chủ trì Hội nghị. Dự có các đồng chí: Đỗ Mạnh Hiến, "
        "Phó Bí thư Thường trực Thành ủy; Thiếu tướng Lê Văn Hưng, Chỉ huy trưởng Bộ CHQS TP. "
        "Chiều cùng ngày, Quận ủy Lê Chân tổ chức hội nghị do đồng chí Bí thư QU chủ trì.\nHoàng Tùng\n")
WORDS = ["Sáng", "6/4", "31/02", "ngày", "tháng", "năm", "2023", "đồng chí", "Nguyễn", "Văn", "A",
         "Bí thư", "Thành ủy", "Tỉnh uỷ", "Huyện ủy", "Đảng ủy", "Ban", "Thường vụ", "UBND", "HĐND",
         "TUV", "Kế hoạch số", "12-KH/TU", "Nghị quyết", "45", "của", "Bộ Chính trị", "tổ chức",
         "Hội nghị", "chủ trì", "dự", ",", ".", ";", ":", "–", "(", ")", "\n", "Tin khác", "…",
         "Ảnh:", "Đại tá", "và", "thực hiện", "này", "cùng ngày", "điểm cầu", "Chủ tịch", "Hồ Chí Minh"]

vietnamese_text = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
mutated_seed = st.tuples(st.integers(0, len(SEED)), st.integers(0, 40), st.text(max_size=20)).map(
    lambda t: SEED[:t[0]] + t[2] + SEED[t[0] + t[1]:])


def _check(text: str) -> None:
    facts = extract(prepare(RawDocument("p", "p.txt", text, "txt")))
    evidence = [e for p in facts.people for e in p.evidence]
    evidence += [x.evidence for p in facts.people for x in p.posts]
    evidence += [m.evidence for m in facts.meetings]
    evidence += [x.evidence for m in facts.meetings for x in m.participants]
    evidence += [e for d in facts.directives for e in d.evidence]
    for ev in evidence:
        assert 0 <= ev.start <= ev.match_start <= ev.match_end <= ev.end <= len(text)
        assert ev.quote == text[ev.start:ev.end]
    for m in facts.meetings:
        assert m.date is None or ("1900" < m.date < "2100")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(vietnamese_text, mutated_seed, st.text(max_size=300)))
def test_extraction_never_raises_and_evidence_quotes_the_original(text):
    _check(text)


def test_absurd_inputs():
    _check("Nguyễn Văn An Bình Cường Dũng Đông Giang Hà Khánh, Bí thư Thành ủy chủ trì.")  # 10 capitalised words
    _check("Sáng 31/02, Thành ủy tổ chức hội nghị quán triệt Nghị quyết số 1-2-3/NQ//TW.")
    _check("Ngày 1/1/1066 và 12/12/2999, Tỉnh ủy tổ chức Hội nghị.")
    _check("\x00\ufeff" + "Đ" * 5000)
