"""Every fact quotes the original text exactly, even when the original is not normalised."""
import unicodedata

from cadregraph.graph.extract import extract
from cadregraph.sources.clean import prepare
from cadregraph.sources.model import RawDocument

TEXT = ("Sáng 6/4/2022,  Ban Thường vụ Thành uỷ Hải Phòng tổ chức Hội nghị quán triệt Kết luận số 21-KL/TW.\r\n"
        "Đồng chí Trần Lưu Quang, Ủy viên Trung ương Đảng, Bí thư Thành uỷ chủ trì Hội nghị.")


def _all_evidence(facts):
    for p in facts.people:
        yield from p.evidence
        yield from (x.evidence for x in p.posts)
    for b in facts.bodies:
        yield from b.evidence
    for d in facts.directives:
        yield from d.evidence
    for m in facts.meetings:
        yield m.evidence
        yield from (x.evidence for x in m.participants)
        yield from (x.evidence for x in m.directives)


def test_quotes_and_offsets_point_into_the_original_even_decomposed():
    for original in (TEXT, unicodedata.normalize("NFD", TEXT)):
        facts = extract(prepare(RawDocument("e", "e.txt", original, "txt")))
        evs = list(_all_evidence(facts))
        assert len(evs) > 8
        for ev in evs:
            assert ev.quote == original[ev.start:ev.end]
            assert ev.start <= ev.match_start < ev.match_end <= ev.end
        chair = facts.meetings[0].participants[0].evidence
        assert "Trần Lưu Quang" in unicodedata.normalize("NFC", original[chair.match_start:chair.match_end])
