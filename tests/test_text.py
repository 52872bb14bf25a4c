"""Normalisation: NFC, one tone placement, whitespace, and the map back to the original."""
import unicodedata

from hypothesis import given, strategies as st

from cadregraph.sources.text import ascii_fold, canonical, fold_tone, normalise


def test_tone_placement_of_open_syllables_is_unified():
    assert normalise("Thành uỷ")[0] == normalise("Thành ủy")[0] == "Thành ủy"
    assert fold_tone("hoà thuận, Thuỳ, khoẻ") == "hòa thuận, Thùy, khỏe"


def test_closed_syllables_and_qu_are_left_alone():
    # the tone of "hoàng", "thuyền" and "quý" is already where it belongs
    assert fold_tone("Hoàng Quý Thuyền") == "Hoàng Quý Thuyền"


def test_decomposed_input_becomes_nfc_and_maps_back():
    original = unicodedata.normalize("NFD", "Đồng chí Lương Quốc Thịnh")
    text, omap = normalise(original)
    assert text == "Đồng chí Lương Quốc Thịnh"
    start = text.index("Lương")
    # the character maps to the start of its cluster in the decomposed original
    assert original[omap[start]:omap[start + len("Lương") - 1] + 1].startswith("L")
    assert unicodedata.normalize("NFC", original[omap[start]:]).startswith("Lương")


def test_whitespace_is_tidied_line_by_line():
    text, omap = normalise("  Sáng\u00a06/4,\t Thành ủy  \r\nhọp.\u200b ")
    assert text == "Sáng 6/4, Thành ủy\nhọp."
    assert len(omap) == len(text)


def test_ascii_fold_and_canonical():
    assert ascii_fold("Đào Phú Thùy Dương") == "Dao Phu Thuy Duong"
    assert canonical("  Lê Thị  Thuỳ Linh ") == "Lê Thị Thùy Linh"


@given(st.text(alphabet=st.sampled_from(list("aoeuy hoàáảãạòóỏõọùúủũụỳýỷỹỵ\u0300\u0301\u0303\u0309\u0323 \t\r\nĐđQq.,")), max_size=80))
def test_offset_map_points_inside_the_original(original):
    text, omap = normalise(original)
    assert len(omap) == len(text)
    assert all(0 <= o < len(original) for o in omap)
    assert list(omap) == sorted(omap)
