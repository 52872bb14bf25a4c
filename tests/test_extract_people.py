"""People and their posts, from constructions of our own (not the seeds)."""
from extraction_helpers import facts_of, posts


def test_name_with_comrade_and_apposition_gives_every_post():
    f = facts_of("Sáng 3/4, Tỉnh ủy Nam Định tổ chức Hội nghị. Đồng chí Phạm Gia Túc, Ủy viên Trung ương "
                 "Đảng, Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh chủ trì hội nghị.", locality="Nam Định")
    assert posts(f)["Phạm Gia Túc"] == [
        "Ủy viên Ban Chấp hành Trung ương Đảng",
        "Bí thư Tỉnh ủy Nam Định",
        "Trưởng Đoàn đại biểu Quốc hội tỉnh Nam Định",
    ]


def test_post_before_the_name():
    f = facts_of("Chiều 9/5, Huyện ủy Gia Lâm tổ chức hội nghị. Phó Bí thư Thường trực Huyện ủy Gia Lâm "
                 "Nguyễn Việt Hà chủ trì hội nghị.")
    assert posts(f) == {"Nguyễn Việt Hà": ["Phó Bí thư Thường trực Huyện ủy Gia Lâm"]}


def test_list_of_comrades_with_ranks_and_two_syllable_names():
    f = facts_of("Ngày 2/10, Ban Thường vụ Tỉnh ủy Hà Tĩnh tổ chức hội nghị. Dự hội nghị có các đồng chí: "
                 "Hoàng Trung Dũng, Bí thư Tỉnh ủy; Thượng tá Trần Hậu, Phó Chỉ huy trưởng Bộ Chỉ huy "
                 "Quân sự tỉnh; Võ Kim, Ủy viên Ban Thường vụ Tỉnh ủy; các đồng chí Ủy viên Ban Chấp hành "
                 "Đảng bộ tỉnh.", locality="Hà Tĩnh")
    p = posts(f)
    assert set(p) == {"Hoàng Trung Dũng", "Trần Hậu", "Võ Kim"}
    assert p["Trần Hậu"] == ["Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh"]
    assert p["Võ Kim"] == ["Ủy viên Ban Thường vụ Tỉnh ủy Hà Tĩnh"]
    assert next(x for x in f.people if x.name == "Trần Hậu").ranks == ["Thượng tá"]


def test_abbreviations_are_written_out():
    f = facts_of("Sáng 5/6, Quận ủy Cầu Giấy tổ chức hội nghị. Đồng chí Lê Văn Tám, TUV, Bí thư QU; "
                 "đồng chí Đỗ Thị Hoa, Phó Bí thư QU, Chủ tịch UBND quận; đồng chí Hà Văn Dũng, UV BTV "
                 "Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố dự.", locality="Hà Nội")
    p = posts(f)
    assert p["Lê Văn Tám"] == ["Ủy viên Thành ủy Hà Nội", "Bí thư Quận ủy Cầu Giấy"]
    assert p["Đỗ Thị Hoa"] == ["Phó Bí thư Quận ủy Cầu Giấy", "Chủ tịch Ủy ban nhân dân quận Cầu Giấy"]
    assert p["Hà Văn Dũng"] == ["Ủy viên Ban Thường vụ Thành ủy Hà Nội",
                               "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"]


def test_short_body_names_take_the_district_named_before():
    # "Bí thư Huyện ủy" at the Thạch Thất connection point is the Huyện ủy Thạch Thất
    f = facts_of("Sáng 7/7, Thành ủy tổ chức hội nghị trực tuyến. Tại điểm cầu huyện Thạch Thất có "
                 "đồng chí Nguyễn Văn Sơn – TUV, Bí thư Huyện ủy.", locality="Hà Nội")
    assert posts(f)["Nguyễn Văn Sơn"] == ["Ủy viên Thành ủy Hà Nội", "Bí thư Huyện ủy Thạch Thất"]


def test_short_party_committee_takes_the_earlier_full_name():
    f = facts_of("Chiều 3/3, Đảng ủy Khối Doanh nghiệp tỉnh tổ chức hội nghị. Đồng chí Lò Văn Pó, "
                 "Phó Bí thư Thường trực ĐU Khối báo cáo.", locality="Sơn La")
    assert posts(f)["Lò Văn Pó"] == ["Phó Bí thư Thường trực Đảng ủy Khối Doanh nghiệp tỉnh Sơn La"]


def test_standing_committee_member_shares_the_committee_of_the_next_post():
    f = facts_of("Ngày 8/8, Thành ủy Cần Thơ tổ chức hội nghị. Ủy viên Ban Thường vụ, Trưởng Ban Tổ "
                 "chức Thành ủy Trương Cảnh Tuyên chủ trì.")
    assert posts(f)["Trương Cảnh Tuyên"] == ["Ủy viên Ban Thường vụ Thành ủy Cần Thơ",
                                             "Trưởng Ban Tổ chức Thành ủy Cần Thơ"]


def test_typo_in_a_body_name_is_corrected():
    f = facts_of("Sáng 1/2, Thành ủy Đà Nẵng tổ chức hội nghị. Đồng chí Nguyễn Văn Quảng, Bí thư Thanh ủy "
                 "chủ trì hội nghị.")
    assert posts(f)["Nguyễn Văn Quảng"] == ["Bí thư Thành ủy Đà Nẵng"]


def test_appointment_adds_the_new_post():
    f = facts_of("Chiều 4/4, Ban Thường vụ Tỉnh ủy Bắc Ninh tổ chức hội nghị công bố quyết định điều động "
                 "đồng chí Ngô Tân Phượng, Giám đốc Sở Nội vụ giữ chức Bí thư Huyện ủy Quế Võ.",
                 locality="Bắc Ninh")
    person = f.people[0]
    assert [(p.label, p.appointed) for p in person.posts] == [
        ("Giám đốc Sở Nội vụ tỉnh Bắc Ninh", False), ("Bí thư Huyện ủy Quế Võ", True)]


def test_department_and_division_names():
    f = facts_of("Ngày 3/5, Sở Du lịch tổ chức hội nghị. Bà Trần Thị Nga, Trưởng phòng Quản lý lữ hành "
                 "Sở Du lịch, và Giám đốc Sở Kế hoạch và Đầu tư Phạm Văn Mười phát biểu.", locality="Huế")
    p = posts(f)
    assert p["Trần Thị Nga"] == ["Trưởng Phòng Quản lý lữ hành Sở Du lịch thành phố Huế"]
    assert p["Phạm Văn Mười"] == ["Giám đốc Sở Kế hoạch và Đầu tư thành phố Huế"]


def test_rank_between_post_and_name():
    f = facts_of("Sáng 2/4/2024, Tỉnh ủy Long An tổ chức hội nghị. Giám đốc Công an tỉnh, Thiếu tướng "
                 "Lâm Minh Hùng phát biểu.", locality="Long An")
    person = f.people[0]
    assert (person.name, person.ranks, [p.label for p in person.posts]) == (
        "Lâm Minh Hùng", ["Thiếu tướng"], ["Giám đốc Công an tỉnh Long An"])


def test_four_syllable_name_after_a_short_district_committee_and_a_place_like_a_verb():
    f = facts_of("Sáng 5/6/2021, Huyện ủy Kiến Xương tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện. "
                 "Ủy viên Tỉnh ủy, Bí thư Huyện ủy Đinh Thị Minh Loan chủ trì hội nghị.", locality="Thái Bình")
    assert posts(f) == {"Đinh Thị Minh Loan": ["Ủy viên Tỉnh ủy Thái Bình", "Bí thư Huyện ủy Kiến Xương"]}
    assert f.meetings[0].organizer == "Huyện ủy Kiến Xương"


# ---- negative cases ------------------------------------------------------------------------

def test_places_and_capitalised_phrases_are_not_people():
    f = facts_of("Sáng 2/9, Quận ủy Lê Chân tổ chức hội nghị tại Trung tâm Hội nghị quận. Các đại biểu dự "
                 "tại điểm cầu Khu kinh tế Đình Vũ và CLB hưu trí Lương Khánh Thiện; học tập phong cách "
                 "Hồ Chí Minh. Đồng chí Bí thư Quận ủy phát biểu.", locality="Hải Phòng")
    assert f.people == []


def test_bylines_and_teasers_are_not_people():
    f = facts_of("Sáng 2/9, Huyện ủy Yên Dũng tổ chức hội nghị. Đồng chí Ngô Văn Hùng, Bí thư Huyện ủy chủ trì.\n"
                 "Trần Bình - Ảnh: Lê Minh\nTin khác\nSáng 1/9, đồng chí Lê Ánh Dương, Bí thư Tỉnh ủy thăm…\n")
    assert [p.name for p in f.people] == ["Ngô Văn Hùng"]


def test_a_body_named_after_a_person_keeps_the_person_out():
    f = facts_of("Ngày 1/6, Đảng ủy xã Yên Lạc tổ chức hội nghị. Bí thư Đảng ủy xã Trần Văn Bảy chủ trì.")
    assert posts(f) == {"Trần Văn Bảy": ["Bí thư Đảng ủy xã Yên Lạc"]}


def test_object_of_a_preposition_does_not_take_the_speakers_posts():
    f = facts_of("Ngày 6/9, UBND tỉnh tổ chức hội nghị. Đối với bà Nguyễn Thị Thu, Phó Chủ tịch Thường trực "
                 "UBND tỉnh yêu cầu phát huy tinh thần trách nhiệm.", locality="Lạng Sơn")
    assert posts(f).get("Nguyễn Thị Thu", []) == []


def test_all_capitals_caption_is_skipped():
    f = facts_of("Sáng 5/9, Tỉnh ủy Nghệ An tổ chức hội nghị.\nĐỒNG CHÍ THÁI THANH QUÝ, BÍ THƯ TỈNH ỦY "
                 "PHÁT BIỂU\n", locality="Nghệ An")
    assert f.people == []
