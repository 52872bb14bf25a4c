"""Cleaning: page noise, header lines, bylines, dates and locality, on the seeds and on
articles of our own."""
import json
from pathlib import Path

import pytest

from cadregraph.sources.clean import detect_locality, fix_typos, is_noise_line, prepare
from cadregraph.sources.model import RawDocument
from cadregraph.sources.readers import bundled_corpus

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "seeds"


def _seed(article_id: str):
    path = bundled_corpus() / f"{article_id}.txt"
    return prepare(RawDocument(article_id, str(path), path.read_text(encoding="utf-8"), "txt"))


def _raw(text: str, **kw) -> RawDocument:
    return RawDocument("x", "x.txt", text, "txt", **kw)


@pytest.mark.parametrize("path", sorted(bundled_corpus().glob("*.txt")), ids=lambda p: p.stem)
def test_seed_metadata_matches_the_gold(path):
    gold_path = GOLD / f"{path.stem}.json"
    if not gold_path.exists():
        pytest.skip("shared gold annotations not beside the repository")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a = _seed(path.stem)
    assert a.published == gold["published"]
    assert list(a.authors) == gold["authors"]
    assert a.locality == gold["locality"]


def test_teasers_and_cookie_banner_after_the_byline_are_not_body():
    a = _seed("004_3cfc0053cc8355a1")  # ends with five teasers of 2024 stories and a cookie banner
    assert a.body.rstrip().endswith("giai đoạn 2014 – 2019.")
    assert "2024" not in a.body and "cookies" not in a.body and "Hồi 23h31" not in a.body
    assert a.authors == ("Hoàng Tùng",)


def test_portal_furniture_is_not_body():
    a = _seed("001_d3fe42677955c6f5")
    for noise in ("Print", "Gốc", "QR Code", "Tiện ích thông tin", "Chúng tôi trên Mạng Xã hội", "Tin khác"):
        assert noise not in a.body
    assert a.body.startswith("Sáng 6/4, Ban Thường vụ Thành ủy")
    assert a.published == "2022-04-06"


def test_title_and_dateline_of_a_report_of_our_own():
    a = prepare(_raw("Ngày đăng: 05/03/2024\n\nThanh Hóa: Hội nghị Tỉnh ủy lần thứ 20\n\n"
                     "Sáng 4/3, Tỉnh ủy Thanh Hóa tổ chức Hội nghị.\n\nMinh Hiếu - Ảnh: Lê Hợi\n"
                     "Tin khác\nSáng 3/3, UBND tỉnh họp…\n"))
    assert a.title == "Thanh Hóa: Hội nghị Tỉnh ủy lần thứ 20"
    assert a.published == "2024-03-05"
    assert a.authors == ("Minh Hiếu", "Lê Hợi")
    assert a.body == "Sáng 4/3, Tỉnh ủy Thanh Hóa tổ chức Hội nghị."


def test_capitalised_byline_and_source_line():
    a = prepare(_raw("Chiều 1/12, Thành ủy họp.\nTHU HƯƠNG\n"))
    assert a.authors == ("Thu Hương",)
    b = prepare(_raw("Chiều 1/12, Thành ủy họp.\nCổng thông tin điện tử thành phố Hải Phòng.\n"))
    assert b.authors == () and "Cổng thông tin" not in b.body


def test_a_sentence_is_not_a_byline():
    a = prepare(_raw("Sáng 2/3, Huyện ủy họp.\nĐồng chí Bí thư phát biểu.\n"))
    assert a.authors == ()


def test_noise_lines_and_typos():
    assert is_noise_line("QR Code") and is_noise_line("Chia sẻ: Facebook | Zalo")
    assert not is_noise_line("Quang cảnh hội nghị.")
    assert fix_typos("Bí thư Thanh ủy") == "Bí thư Thành ủy"
    assert fix_typos("Thanh Hóa") == "Thanh Hóa"


def test_locality_needs_more_than_a_passing_mention():
    assert detect_locality("Tỉnh ủy Quảng Ninh tổ chức hội nghị tại Hạ Long.") == "Quảng Ninh"
    # a battle and a person's name are not the province or city of the article
    assert detect_locality("kỷ niệm Chiến thắng Điện Biên Phủ, học tập phong cách Hồ Chí Minh") is None
    assert detect_locality("Hải Phòng, ngày 26 tháng 02 năm 2020\nThành ủy họp.") == "Hải Phòng"
