"""Page furniture before and after a report (sources/furniture.py), on pages of our own:
bars of buttons, breadcrumbs, section names, date lines in their many forms, bylines."""
import pytest

from cadregraph.sources.clean import prepare
from cadregraph.sources.furniture import (byline, date_of_line, is_breadcrumb, is_furniture_line,
                                          is_section_label, read_header, read_trailer)
from cadregraph.sources.model import RawDocument

LEAD = "Sáng 9/3, Huyện ủy Quế Võ tổ chức Hội nghị sơ kết công tác quý I năm 2021."


def _prepared(text: str):
    return prepare(RawDocument("x", "x.txt", text, "txt"))


@pytest.mark.parametrize("line", ["Print | Chia sẻ | Cỡ chữ: A- A A+", "Chia sẻ   Facebook   Zalo", "Print   Email",
                                  "In bài viết", "Lượt xem: 1.234", "Chia sẻ: Facebook | Zalo | In bài"])
def test_bars_of_buttons_are_furniture(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", ["Quang cảnh hội nghị.", "Chia sẻ kinh nghiệm của Quế Võ", LEAD])
def test_sentences_are_not_furniture(line):
    assert not is_furniture_line(line)


def test_breadcrumbs_and_section_names():
    assert is_breadcrumb("Trang chủ > Tin tức > Xây dựng Đảng")
    assert is_breadcrumb("Thời sự / Chính trị / Địa phương")
    assert is_breadcrumb("Chính trị » Xây dựng Đảng")
    assert not is_breadcrumb("Bắc Ninh: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 7")
    assert is_section_label("Quốc phòng - An ninh") and is_section_label("Tin tức - Sự kiện | Xây dựng Đảng")
    assert not is_section_label("Huyện ủy Quế Võ sơ kết công tác quý I năm 2021")


@pytest.mark.parametrize("line, iso", [
    ("Thứ Sáu, 20/07/2018 17:05", "2018-07-20"),
    ("Cập nhật: 08:15 ngày 12/10/2019", "2019-10-12"),
    ("Cập nhật lúc 08:15, Thứ Năm, 02/01/2020 (GMT+7)", "2020-01-02"),
    ("Chính trị | 06/10/2023 07:30 | In bài viết | Chia sẻ", "2023-10-06"),
    ("15/09/2023 | 08:20    Lượt xem: 862", "2023-09-15"),
    ("Thứ hai, 12/08/2019, 09:15 [GMT+7]", "2019-08-12"),
    ("12/08/2019 09:15:00", "2019-08-12"),
    ("Bắc Ninh, ngày 09 tháng 3 năm 2021", "2021-03-09"),
])
def test_date_lines(line, iso):
    assert date_of_line(line) == iso


def test_a_sentence_with_a_date_is_not_a_date_line():
    assert date_of_line("Ngày 09/3/2021, Huyện ủy Quế Võ tổ chức Hội nghị sơ kết công tác quý I.") is None


@pytest.mark.parametrize("line, names", [
    ("Thu Hà - Văn Dũng", ("Thu Hà", "Văn Dũng")),
    ("Minh Châu (TTXVN)", ("Minh Châu",)),
    ("Nguyễn Hoa (Trung tâm VH-TT huyện)", ("Nguyễn Hoa",)),
    ("Bài, ảnh: HỮU HUẤN", ("Hữu Huấn",)),
    ("Bài: Minh Hiền", ("Minh Hiền",)),
    ("Hoàng Tùng. Ảnh: Đàm Thanh", ("Hoàng Tùng", "Đàm Thanh")),
])
def test_bylines(line, names):
    assert byline(line) == names


def test_header_in_any_order_title_after_the_date_and_a_byline_under_it():
    head = read_header(["Trang chủ > Tin tức > Xây dựng Đảng",
                        "Quế Võ: Sơ kết công tác xây dựng Đảng quý I năm 2021",
                        "Thứ Tư, 10/03/2021 17:05", "Ngọc Thúy", LEAD])
    assert (head.start, head.published, head.authors) == (4, "2021-03-10", ("Ngọc Thúy",))
    assert head.title == "Quế Võ: Sơ kết công tác xây dựng Đảng quý I năm 2021"


def test_a_section_name_is_not_the_title():
    head = read_header(["Quốc phòng - An ninh", "Cập nhật lúc: 08:40, Thứ Bảy, 26/12/2020 (GMT+7)",
                        "Đảng ủy Quân sự tỉnh ra nghị quyết lãnh đạo nhiệm vụ năm 2021", LEAD])
    assert head.title == "Đảng ủy Quân sự tỉnh ra nghị quyết lãnh đạo nhiệm vụ năm 2021" and head.start == 3


def test_trailer_byline_view_count_and_teasers():
    lines = [LEAD, "Văn Thành - Thu Hằng", "Lượt xem: 1.234", "- Quế Võ ra quân trồng cây đầu xuân",
             "› Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 15"]
    assert read_trailer(lines) == (1, ("Văn Thành", "Thu Hằng"))
    assert read_trailer([LEAD, "BBT"]) == (1, ())


def test_a_page_read_whole():
    a = _prepared("Print | Chia sẻ | Cỡ chữ: A- A A+\nTrang chủ / Thời sự / Chính trị\n14:32 | 09/03/2021\n"
                  "Quế Võ sơ kết công tác xây dựng Đảng quý I năm 2021\n" + LEAD + "\nQuang cảnh hội nghị.\n"
                  "Thu Hà - Văn Dũng\nTin liên quan\nBắc Ninh: Khai mạc Kỳ họp thứ 2, HĐND tỉnh khóa XIX\n")
    assert a.published == "2021-03-09"
    assert a.title == "Quế Võ sơ kết công tác xây dựng Đảng quý I năm 2021"
    assert a.authors == ("Thu Hà", "Văn Dũng")
    assert a.body == LEAD + "\nQuang cảnh hội nghị."
