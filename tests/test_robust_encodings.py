"""The legacy Vietnamese encodings: known phrases as real files spell them, the syllable
test that decides whether a decoding is confident, and what is never converted."""
from __future__ import annotations

import pytest

import robust_counts
from legacy_text import KNOWN, legacy_font, windows_1258

from cadregraph.sources.encodings import Decoded, NotText, decode, is_syllable, repair, vietnamese_share

pytestmark = pytest.mark.robust

PHRASES = ["Ban Thường vụ Tỉnh ủy Quảng Ninh tổ chức hội nghị quán triệt Nghị quyết",
           "Đồng chí Bí thư khẳng định quyết tâm thực hiện thắng lợi nhiệm vụ chính trị",
           "Hội đồng nhân dân tỉnh khóa XVII kỳ họp thứ mười lăm, ngày 14 tháng 12 năm 2023"]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_known_legacy_phrases(encoding):
    """Phrases as they appear in real .VnTime and VNI-Times files, typed from outside the tables."""
    for legacy, meaning in KNOWN[encoding]:
        text = "\n".join([legacy] * 3)  # enough accented words to judge
        decoded = decode(text.encode("cp1252"))
        assert isinstance(decoded, Decoded) and decoded.encoding == encoding, decoded
        assert decoded.text.split("\n") == [meaning] * 3
        robust_counts.add("bad files")


@pytest.mark.parametrize("encoding", ["windows-1258", "tcvn3", "vni"])
def test_phrases_round_trip(encoding):
    text = "\n".join(PHRASES)
    data = windows_1258(text) if encoding == "windows-1258" else legacy_font(text, encoding)
    decoded = decode(data)
    assert isinstance(decoded, Decoded) and decoded.encoding == encoding
    assert decoded.text == text
    robust_counts.add("bad files")


def test_windows_1258_tone_marks_are_composed():
    decoded = decode(windows_1258("Quyết định của Thủ tướng Chính phủ về việc kiện toàn Ban Chỉ đạo"))
    assert decoded.text == "Quyết định của Thủ tướng Chính phủ về việc kiện toàn Ban Chỉ đạo"
    assert not any("\u0300" <= c <= "\u036f" for c in decoded.text)  # NFC: no loose combining marks


@pytest.mark.parametrize("word", ["nghị", "Quyết", "Thành", "ủy", "uỷ", "hoà", "khuya", "giữ", "được", "Đảng",
                                  "khẳng", "thuyền", "xã", "hội", "chủ", "nghĩa", "Việt", "tướng", "oai", "ếch"])
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Hµ", "ViÖt", "chñ", "Coäng", "café", "straße", "tàt", "hoạtt", "xyz",
                                  "nghĩã", "Müller", "ñoäc", "père"])
def test_not_syllables(word):
    assert not is_syllable(word)


def test_share_counts_only_words_with_accents():
    assert vietnamese_share("The party met in Hanoi") == (0.0, 0)
    assert vietnamese_share("Hội nghị Ban Chấp hành Đảng bộ") == (1.0, 6)


@pytest.mark.parametrize("text, language", [
    ("Der Ausschuß hat über die Änderungen beraten; für die Bürger ändert sich zunächst wenig, größere Beiträge.", "de"),
    ("El presidente anunció ayer una reforma económica; según fuentes oficiales, la decisión se tomó después.", "es"),
    ("Le président a réuni hier le conseil ; les décisions économiques ont été annoncées après la réunion.", "fr"),
])
def test_other_languages_in_latin_1_are_not_converted(text, language):
    verdict = decode(text.encode("latin-1"))
    assert isinstance(verdict, NotText), language
    assert verdict.reason.startswith("not UTF-8 text") and "save it as UTF-8" in verdict.reason
    assert repair(text) == (text, None)  # nor "repaired" when it is already Unicode
    robust_counts.add("bad files")


def test_repair_converts_only_mangled_legacy_text():
    for encoding in ("tcvn3", "vni"):
        for legacy, meaning in KNOWN[encoding]:
            mangled = " ".join([legacy] * 2)
            assert repair(mangled) == (" ".join([meaning] * 2), encoding)
    for ordinary in PHRASES + ["Hà Nội", "Bí thư Thành ủy", "Nghị quyết số 45-NQ/TW"]:
        assert repair(ordinary) == (ordinary, None)
