"""Meetings: dates, organizers, roles, online points; from reports of our own."""
from extraction_helpers import facts_of, roles

from cadregraph.graph.meeting_dates import year_votes


def test_day_month_takes_the_year_of_publication_and_never_a_later_date():
    f = facts_of("Thứ Hai, 08/01/2024 10:00\n\nTổng kết năm 2023\n\nChiều 28/12, Huyện ủy Thanh Trì tổ chức "
                 "Hội nghị tổng kết công tác năm 2023. Đồng chí Bùi Văn Sáng, Bí thư Huyện ủy chủ trì hội nghị.")
    assert f.article.published == "2024-01-08"
    assert [m.date for m in f.meetings] == ["2023-12-28"]
    assert f.meetings[0].organizer == "Huyện ủy Thanh Trì"


def test_without_publication_date_the_year_comes_from_what_the_report_reviews():
    december = facts_of("Chiều 27/12, Thị ủy Sơn Tây tổ chức Hội nghị tổng kết công tác năm 2021, triển khai "
                        "nhiệm vụ năm 2022.")
    january = facts_of("Sáng 12/1, Thị ủy Sơn Tây tổ chức Hội nghị tổng kết công tác năm 2021, triển khai "
                       "nhiệm vụ năm 2022.")
    july = facts_of("Sáng 15/7, Thị ủy Sơn Tây tổ chức Hội nghị sơ kết 6 tháng đầu năm 2022; nhiệm kỳ 2020 - 2025.")
    assert december.meetings[0].date == "2021-12-27"
    assert january.meetings[0].date == "2022-01-12"
    assert july.meetings[0].date == "2022-07-15"


def test_year_votes_ignore_term_ranges():
    text = "sơ kết 6 tháng đầu năm 2019; nhiệm kỳ 2020 – 2025"
    assert dict(year_votes(text, 0, len(text), 7)) == {2019: 3}


def test_year_votes_read_the_lexicons_hints():
    """Each kind of hint of ontology/lexicons/meetings.yaml (year_hints), on words of its own."""
    def votes(text: str, month: int) -> dict[int, float]:
        return dict(year_votes(text, 0, len(text), month))

    assert votes("Hội nghị sơ kết công tác quý II năm 2024 của Huyện ủy", 7) == {2024: 3}  # a period of Y
    assert votes("triển khai nhiệm vụ trọng tâm năm 2025", 12) == {2024: 2}  # a plan for Y, made late in Y-1
    assert votes("triển khai kế hoạch công tác năm 2025", 3) == {2025: 2}  # ... or during Y
    assert votes("Hội nghị tổng kết công tác xây dựng Đảng năm 2023", 1) == {2024: 2}  # a review, early in Y+1
    assert votes("Hội nghị tổng kết công tác xây dựng Đảng năm 2023", 12) == {2023: 2}  # ... or late in Y
    assert votes("phấn đấu đến năm 2030, tầm nhìn đến 2045; giai đoạn 2021", 5) == {}  # horizons and spans
    assert votes("Ngày 03/4/2023 Ban Thường vụ họp; năm 2023 có nhiều kết quả", 5) == {2023: 1}  # a plain year


def test_full_and_worded_dates_and_the_nearest_date_to_the_event():
    f = facts_of("Thực hiện Kế hoạch số 12-KH/ĐU ngày 02/03/2023; sáng ngày 15/03/2023, Đảng ủy Khối các cơ "
                 "quan tỉnh tổ chức Hội nghị quán triệt.", locality="Thái Nguyên")
    assert f.meetings[0].date == "2023-03-15"
    g = facts_of("Ngày 20 tháng 10 năm 2022, Ban Thường vụ Tỉnh ủy Yên Bái tổ chức Hội nghị công bố quyết định.")
    assert g.meetings[0].date == "2022-10-20"
    assert g.meetings[0].organizer == "Ban Thường vụ Tỉnh ủy Yên Bái"


def test_two_meetings_the_second_the_same_afternoon_and_organised_by_another_body():
    f = facts_of("Sáng 4/5/2023, Ủy ban Kiểm tra Tỉnh ủy Hòa Bình tổ chức Hội nghị. Đồng chí Bùi Văn Cửu, "
                 "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy chủ trì. Chiều cùng ngày, đồng chí Bùi Văn Cửu dự Hội nghị "
                 "Ban Chấp hành Đảng bộ huyện Lạc Sơn do Huyện ủy Lạc Sơn tổ chức. Đồng chí Quách Thế Tản, "
                 "Bí thư Huyện ủy chủ trì hội nghị.")
    assert [(m.date, m.organizer) for m in f.meetings] == [
        ("2023-05-04", "Ủy ban Kiểm tra Tỉnh ủy Hòa Bình"), ("2023-05-04", "Huyện ủy Lạc Sơn")]
    assert roles(f, 0) == {"Bùi Văn Cửu": {"chair"}}
    assert roles(f, 1) == {"Bùi Văn Cửu": {"attendee"}, "Quách Thế Tản": {"chair"}}


def test_meeting_named_first_then_held():
    f = facts_of("Hội nghị Ban Chấp hành Đảng bộ tỉnh Lào Cai lần thứ 15 diễn ra sáng 14/3/2024 tại Trung tâm "
                 "Hội nghị tỉnh.")
    assert [(m.date, m.organizer, m.kind) for m in f.meetings] == [("2024-03-14", "Tỉnh ủy Lào Cai", "hội nghị")]


def test_working_session_is_a_meeting():
    f = facts_of("Sáng 5/9/2023, Ban Thường vụ Tỉnh ủy Tây Ninh làm việc với Ban Thường vụ Huyện ủy Châu Thành.")
    assert f.meetings[0].kind == "buổi làm việc"


def test_roles_chair_cochair_attendee_presenter_awarder():
    f = facts_of("Sáng 10/3/2024, Thành ủy Cần Thơ tổ chức Hội nghị trực tuyến kết nối tới 9 điểm cầu. "
                 "Đồng chí Đỗ Thanh Bình, Bí thư Thành ủy và đồng chí Trần Việt Trường, Phó Bí thư Thành ủy, "
                 "Chủ tịch UBND thành phố đồng chủ trì hội nghị. Dự hội nghị có đồng chí Phạm Văn Hiểu, Phó Bí "
                 "thư Thường trực Thành ủy. Đồng chí Nguyễn Trung Nhân, Trưởng Ban Tuyên giáo Thành ủy quán "
                 "triệt nghị quyết. Dịp này, đồng chí Đỗ Thanh Bình trao Bằng khen cho các tập thể.")
    r = roles(f)
    assert r["Đỗ Thanh Bình"] == {"chair", "awarder"}
    assert r["Trần Việt Trường"] == {"chair"}
    assert r["Phạm Văn Hiểu"] == {"attendee"}
    assert r["Nguyễn Trung Nhân"] == {"presenter"}
    assert f.meetings[0].online


def test_historical_figure_named_in_passing_takes_no_part():
    f = facts_of("Sáng 19/5/2024, Tỉnh ủy Nghệ An tổ chức Lễ kỷ niệm. Đồng chí Thái Thanh Quý, Bí thư Tỉnh ủy "
                 "chủ trì. Hội nghị ôn lại tư tưởng của Chủ tịch Hồ Chí Minh.")
    assert set(roles(f)) == {"Thái Thanh Quý"}


def test_undated_report_still_records_the_meeting_without_a_date():
    f = facts_of("Huyện ủy Mường Tè tổ chức hội nghị sơ kết. Đồng chí Lò Văn Mừng, Bí thư Huyện ủy chủ trì.")
    assert [(m.date, m.organizer) for m in f.meetings] == [(None, "Huyện ủy Mường Tè")]
    assert roles(f) == {"Lò Văn Mừng": {"chair"}}


def test_no_meeting_from_an_award_or_a_history_sentence():
    f = facts_of("Ngày 3/2/1930, Đảng Cộng sản Việt Nam ra đời. Nhân dịp này, Ban Thường vụ Thành ủy tặng "
                 "Bằng khen cho 20 tập thể.")
    assert f.meetings == []


def test_a_list_of_chairs_opened_before_the_names():
    f = facts_of("Sáng 9/9/2023, Tỉnh ủy và UBND tỉnh Cà Mau tổ chức hội nghị. Đồng chủ trì hội nghị có các "
                 "đồng chí: Nguyễn Tiến Hải, Bí thư Tỉnh ủy; Huỳnh Quốc Việt, Phó Bí thư Tỉnh ủy, Chủ tịch "
                 "UBND tỉnh.", locality="Cà Mau")
    assert roles(f) == {"Nguyễn Tiến Hải": {"chair"}, "Huỳnh Quốc Việt": {"chair"}}


def test_an_event_over_several_days_is_dated_by_its_first_day():
    for opener in ("Trong 2 ngày 7 và 8/12", "Trong hai ngày (7 và 8/12)", "Từ ngày 7 đến ngày 8/12",
                   "Trong 2 ngày 7-8/12"):
        f = facts_of(f"Thứ Sáu, 09/12/2022 10:00\n\nHội nghị Tỉnh ủy\n\n{opener}, Ban Chấp hành Đảng bộ tỉnh "
                     "Bắc Ninh tổ chức Hội nghị lần thứ 12.")
        assert [(m.date, m.organizer) for m in f.meetings] == [("2022-12-07", "Tỉnh ủy Bắc Ninh")], opener


def test_yesterday_and_today_with_the_date_in_brackets():
    for opener in ("Sáng qua (20/9)", "Hôm qua (20/9)", "Sáng nay (20/9)"):
        f = facts_of(f"{opener}, UBND tỉnh Hậu Giang làm việc với Sở Nội vụ về đề án sắp xếp đơn vị hành chính.",
                     published="2023-09-21")
        assert [(m.date, m.organizer) for m in f.meetings] == [("2023-09-20", "Ủy ban nhân dân tỉnh Hậu Giang")]


def test_a_documents_date_does_not_date_a_meeting():
    f = facts_of("Sáng 6/12, HĐND tỉnh Hà Tĩnh tổ chức Kỳ họp thứ 17. Tại kỳ họp, UBND tỉnh trình bày tờ trình "
                 "theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ. Tại cuộc họp, các đại biểu thảo "
                 "luận Nghị quyết số 160/2021/NQ-HĐND ngày 8/12/2021 của HĐND tỉnh.", published="2023-12-06")
    assert [m.date for m in f.meetings] == ["2023-12-06"]


def test_the_gathering_being_reported_named_again_opens_no_meeting():
    f = facts_of("Sáng 6/12, tại Trung tâm Hội nghị tỉnh, HĐND tỉnh Hà Tĩnh khóa XVIII tổ chức phiên khai mạc Kỳ "
                 "họp thứ 17. Kỳ họp diễn ra trong 3 ngày, từ ngày 6 đến ngày 8/12.", published="2023-12-06")
    assert [(m.date, m.kind, m.organizer) for m in f.meetings] == [
        ("2023-12-06", "kỳ họp", "Hội đồng nhân dân tỉnh Hà Tĩnh")]


def test_organizer_with_its_term_an_adverb_or_an_aside_before_the_verb():
    cases = {
        "Sáng 12/10, HĐND tỉnh Lâm Đồng khóa X tổ chức Kỳ họp thứ 8.": "Hội đồng nhân dân tỉnh Lâm Đồng",
        "Sáng 6/12, HĐND thành phố Hà Nội khóa XV, nhiệm kỳ 2016 - 2021 khai mạc Kỳ họp thứ 3.":
            "Hội đồng nhân dân thành phố Hà Nội",
        "Chiều 12/7, Ban Thường vụ Tỉnh ủy Quảng Trị đã họp cho ý kiến vào các nội dung trình Kỳ họp thứ 19 "
        "HĐND tỉnh.": "Ban Thường vụ Tỉnh ủy Quảng Trị",
        "Chiều 21-6, Đảng ủy xã Tản Lĩnh (huyện Ba Vì) tổ chức hội nghị sơ kết giữa nhiệm kỳ.": "Đảng ủy xã Tản Lĩnh",
    }
    for text, organizer in cases.items():
        assert [m.organizer for m in facts_of(text, published="2023-12-20").meetings] == [organizer], text


def test_the_body_named_first_organizes_with_its_partner():
    f = facts_of("Sáng 14/9, Ban Tuyên giáo Tỉnh ủy Bình Định phối hợp với Học viện Chính trị khu vực III tổ "
                 "chức hội thảo khoa học.", published="2023-09-15")
    assert f.meetings[0].organizer == "Ban Tuyên giáo Tỉnh ủy Bình Định"


def test_the_first_body_organizes_when_its_partner_has_a_name_of_free_form():
    f = facts_of("Ngày 3/11, Ban Tuyên giáo Tỉnh ủy Hà Tĩnh phối hợp với Trường Chính trị Trần Phú tổ chức "
                 "Tọa đàm khoa học về công tác giáo dục lý luận chính trị.", published="2022-11-04")
    assert [m.organizer for m in f.meetings] == ["Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"]


def test_a_body_named_again_by_its_first_word_holds_the_next_meeting():
    f = facts_of("Sáng 3/6, Đoàn ĐBQH tỉnh Đắk Nông tiếp xúc cử tri xã Quảng Sơn. Chiều cùng ngày, Đoàn tiếp tục "
                 "tiếp xúc cử tri tại xã Đắk Ha.", published="2023-06-04")
    assert [m.organizer for m in f.meetings] == ["Đoàn đại biểu Quốc hội tỉnh Đắk Nông"] * 2
    g = facts_of("Sáng 3/6, Đoàn ĐBQH tỉnh Đắk Nông tiếp xúc cử tri xã Quảng Sơn. Chiều cùng ngày, Ban Dân vận "
                 "tiếp tục tiếp xúc cử tri tại xã Đắk Ha.", published="2023-06-04")
    assert g.meetings[1].organizer != "Đoàn đại biểu Quốc hội tỉnh Đắk Nông"


def test_a_body_that_sends_its_delegation_holds_the_working_session():
    f = facts_of("Sáng 9/5, Ủy ban Kiểm tra Tỉnh ủy Nghệ An thành lập đoàn kiểm tra làm việc với Ban Thường vụ "
                 "Huyện ủy Nam Đàn.", published="2019-05-10")
    assert [(m.kind, m.organizer) for m in f.meetings] == [("buổi làm việc", "Ủy ban Kiểm tra Tỉnh ủy Nghệ An")]


def test_a_gathering_still_to_come_is_not_one_held():
    f = facts_of("Sáng 4-12, HĐND tỉnh Phú Yên khóa VIII khai mạc Kỳ họp thứ 15. Kỳ họp dự kiến diễn ra trong "
                 "2 ngày, bế mạc vào chiều 5-12. UBND tỉnh sẽ tổ chức Hội nghị đối thoại với doanh nghiệp vào "
                 "ngày 20/12.", published="2023-12-04")
    assert [(m.date, m.organizer) for m in f.meetings] == [("2023-12-04", "Hội đồng nhân dân tỉnh Phú Yên")]


def test_a_delegation_works_for_its_body():
    f = facts_of("Chiều 21/11, Đoàn công tác của Ban Bí thư do đồng chí Lê Văn Hiền, Ủy viên Bộ Chính trị, "
                 "Thường trực Ban Bí thư làm trưởng đoàn làm việc với Ban Thường vụ Tỉnh ủy Điện Biên.",
                 published="2022-11-22")
    assert [(m.kind, m.organizer) for m in f.meetings] == [("buổi làm việc", "Ban Bí thư")]


def test_a_party_organisation_holds_its_congress():
    f = facts_of("Trong 2 ngày (15 và 16/7), Đảng bộ huyện Đông Anh tổ chức Đại hội đại biểu lần thứ XXIII, "
                 "nhiệm kỳ 2020 - 2025.", published="2020-07-16", locality="Hà Nội")
    assert [(m.date, m.organizer) for m in f.meetings] == [("2020-07-15", "Đảng bộ huyện Đông Anh")]


def test_years_still_to_come_do_not_vote():
    """"sẽ hoàn thành trong năm 2024", "phấn đấu ... vào năm 2024": plans, not the year of the meeting."""
    text = ("6 tháng cuối năm 2023; dự kiến 3 chỉ tiêu còn lại sẽ hoàn thành trong năm 2024; phấn đấu đạt chuẩn "
            "nông thôn mới nâng cao vào năm 2024")
    assert dict(year_votes(text, 0, len(text), 6)) == {2023: 3}


def test_a_gathering_named_as_the_subject_right_after_its_date():
    f = facts_of("Sáng 20/7, Đảng bộ thị xã Sông Cầu tổ chức Đại hội đại biểu lần thứ XXIII. Chiều 21/7, Hội nghị "
                 "lần thứ nhất Ban Chấp hành Đảng bộ thị xã khóa XXIII đã bầu Ban Thường vụ Thị ủy gồm 11 đồng chí.",
                 published="2020-07-22", locality="Phú Yên")
    assert [(m.date, m.organizer) for m in f.meetings] == [
        ("2020-07-20", "Đảng bộ thị xã Sông Cầu"), ("2020-07-21", "Thị ủy Sông Cầu")]


def test_a_session_that_closes_after_days_of_work():
    f = facts_of("Sau 3 ngày làm việc khẩn trương (từ ngày 6 đến 8-12), kỳ họp thứ 15 HĐND thành phố Đà Nẵng khóa X "
                 "đã hoàn thành toàn bộ nội dung, chương trình đề ra.", published="2023-12-08")
    assert [(m.date, m.organizer) for m in f.meetings] == [("2023-12-06", "Hội đồng nhân dân thành phố Đà Nẵng")]


def test_with_no_year_to_vote_the_years_of_full_dates_decide():
    f = facts_of("Nhân kỷ niệm 84 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2014), sáng 2/2, Ban Thường vụ Thị ủy Vĩnh "
                 "Châu long trọng tổ chức lễ trao Huy hiệu Đảng.")
    assert [m.date for m in f.meetings] == ["2014-02-02"]


def test_the_secretariat_named_in_full_organizes():
    f = facts_of("Sáng 9/3, Ban Bí thư Trung ương Đảng tổ chức Hội nghị trực tuyến toàn quốc quán triệt Chỉ thị "
                 "số 28-CT/TW.", published="2024-03-10")
    assert [m.organizer for m in f.meetings] == ["Ban Bí thư"]


def test_an_explanation_session_held_the_day_before():
    f = facts_of("Sáng 20/9, HĐND thành phố Thủ Dầu Một khai mạc kỳ họp bất thường. Trước đó, chiều 19/9, Thường "
                 "trực HĐND thành phố đã tổ chức phiên giải trình về đầu tư công.", published="2021-09-21")
    assert [(m.date, m.kind) for m in f.meetings] == [("2021-09-20", "kỳ họp"), ("2021-09-19", "phiên giải trình")]
