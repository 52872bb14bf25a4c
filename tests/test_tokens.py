"""Sentence tokens: the fast split-based tokens and offsets equal the token regex's."""
import re

from hypothesis import given, strategies as st

from cadregraph.graph.tokens import TOKEN, PhrasePattern, Sentence
from cadregraph.sources.text import word_start_alternation, words_pattern


def _by_regex(text: str, start: int, end: int) -> tuple[list[str], list[int]]:
    matches = list(TOKEN.finditer(text, start, end))
    return [m.group() for m in matches], [m.start() for m in matches]


def test_tokens_and_offsets_of_a_vietnamese_sentence():
    text = "Sáng 6/4, đồng chí Đinh Trọng Hoàn (Bí thư Huyện ủy) dự Hội nghị."
    s = Sentence(text, 0, len(text))
    assert s.raw[:6] == ["Sáng", "6", "/", "4", ",", "đồng"]
    assert s.words[6:9] == ["chí", "đinh", "trọng"]
    assert (s.raw, s.starts) == _by_regex(text, 0, len(text))
    assert s.span_text(7, 10) == "Đinh Trọng Hoàn"


def test_offsets_where_spaces_are_not_single():
    # two spaces (a dropped zero-width character) and a tab: each token is found instead
    text = "Ông  Lê Văn\tThành, Chủ tịch UBND"
    s = Sentence(text, 0, len(text))
    assert (s.raw, s.starts) == _by_regex(text, 0, len(text))


_PIECES = st.sampled_from(["Thành", "ủy", "Hà", "Nội", "35", "CT", "TU", "_", "a_b", "x", ",", ".", "(", ")",
                           "/", "-", "–", "“", "”", "…", ":", "%", "İ", "ΣΑΣ", "quận", "Kiến", "An"])
_GAPS = st.sampled_from(["", "", " ", " ", " ", "  ", "\t", "\u3000"])


@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=30), st.integers(0, 3), st.integers(0, 3))
def test_fast_tokens_and_offsets_equal_the_regex(pieces, lead, trail):
    body = "".join(p + g for p, g in pieces)
    text = "x" * lead + body + "y" * trail
    s = Sentence(text, lead, lead + len(body))
    raw, starts = _by_regex(text, lead, lead + len(body))
    assert s.raw == raw
    assert s.words == [t.lower() for t in raw]
    assert s.starts == starts


def _legacy_words_pattern(phrases: list[str]) -> str:
    forms = sorted(set(phrases), key=len, reverse=True)
    firsts = "".join(sorted({f[0] for f in forms}))
    return rf"(?=[{re.escape(firsts)}])(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)"


_PHRASES = ["hội nghị", "họp", "hội thảo", "tọa đàm", "đ"]


def test_word_start_alternation_keeps_branch_order():
    rx = re.compile(rf"(?:{word_start_alternation(['hội nghị', 'hội'])})")
    assert rx.search("xhội nghị, hội nghị").span() == (11, 19)


@given(st.text(alphabet=st.sampled_from(list("hộiọpnghịthảoàmđ x,\n")), max_size=60), st.integers(0, 5))
def test_words_pattern_matches_as_the_look_around_form(text, pos):
    new, old = re.compile(words_pattern(_PHRASES)), re.compile(_legacy_words_pattern(_PHRASES))
    assert [m.span() for m in new.finditer(text, pos)] == [m.span() for m in old.finditer(text, pos)]
    assert [bool(new.match(text, k)) for k in range(len(text))] == [bool(old.match(text, k)) for k in range(len(text))]


def test_a_sentences_vocabulary_is_its_lower_cased_words():
    text = "Đồng chí Lê Văn Hiệu, Phó Bí thư Thành ủy, dự Hội nghị; các đồng chí THÀNH ỦY dự."
    s = Sentence(text, 0, len(text))
    assert s.vocabulary == frozenset(s.words) and {"thành", "ủy", "đồng", ";"} <= s.vocabulary
    assert "Thành" not in s.vocabulary and s.vocabulary is s.vocabulary  # made once


_GATHERINGS = ["hội nghị", "họp", "hội thảo", "tổ chức"]
_HELD = PhrasePattern(rf"{words_pattern(_GATHERINGS)}(?:\s+\w+)?", _GATHERINGS)
# a time of day may run on into the day ("Sáng6/4"): its first word is not always a word
_DATED = PhrasePattern(r"(?<!\w)(?:sáng|chiều tối|ngày)\s*(?=\d)", ["sáng", "chiều tối", "ngày"],
                       whole_first_word=False)


def _same_as_the_scan(pattern: PhrasePattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    low = text.lower()
    s = Sentence(text, start, end)
    spans = [m.span() for m in pattern.finditer(low, s)]
    assert spans == [m.span() for m in pattern.rx.finditer(low, start, end)]
    first = pattern.search(low, s, start + 2, end)
    scanned = pattern.rx.search(low, start + 2, end)
    assert (first and first.span()) == (scanned and scanned.span())
    return spans


def test_a_phrase_pattern_matches_where_the_scan_does():
    text = "Sáng6/4, Thành ủy Tổ chức Hội nghị; xhội nghị và họp báo tổ chứcx, chiều tối 5/4."
    assert _same_as_the_scan(_HELD, text, 0, len(text)) == [(18, 29), (49, 56)]
    assert _same_as_the_scan(_DATED, text, 0, len(text)) == [(0, 4), (67, 77)]
    assert "sáng" not in Sentence(text, 0, len(text)).words  # why _DATED looks for every phrase
    # no phrase at a word start, no match: "xhội nghị", "tổ chứcx"
    text = "Ông A nói xhội nghị và tổ chứcx."
    assert _same_as_the_scan(_HELD, text, 0, len(text)) == []


_PHRASE_PIECES = st.sampled_from(["hội", "nghị", "họp", "thảo", "tổ", "chức", "Hội", "Tổ", "sáng", "Sáng",
                                  "chiều", "tối", "ngày", "x", "6", "6/4", ",", ".", "(", "–"])


@given(st.lists(st.tuples(_PHRASE_PIECES, _GAPS), max_size=25), st.integers(0, 3), st.integers(0, 3))
def test_phrase_patterns_match_as_the_scan(pieces, lead, trail):
    body = "".join(p + g for p, g in pieces)
    text = "x" * lead + body + "y" * trail
    for pattern in (_HELD, _DATED):
        _same_as_the_scan(pattern, text, lead, lead + len(body))
