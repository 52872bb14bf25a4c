"""A synthetic benchmark corpus in the genre, with its truth as gold files.

    python bench/corpus.py N --out DIR [--seed S]

Writes DIR/articles/*.txt (one article each, the genre of ../shared/dev) and
DIR/gold/*.json in the gold format of ../shared/eval/README.md, so that

    cadregraph build DIR/articles --out B && python ../shared/eval/score.py --tables B/tables --gold DIR/gold

scores extraction at any size. Deterministic for (N, seed). Importable: ``generate(n, out, seed)``.

The world: a few provinces and cities, each with its party committee (Tỉnh ủy/Thành ủy)
and districts (Huyện ủy/Quận ủy); slots of posts (the secretary is also chair of the
People's Council, the first deputy heads the National Assembly delegation, ...) whose
holders change over 2016-2025 (successions; a district secretary may move up to a provincial
post); central directives, the provincial plans that implement them and the district plans
that implement those (chains of three). An article reports one meeting of a provincial or district body on a
date, chaired by the head and attended by a weighted choice of the other slots (localities
weighted too, so a few leaders appear in a large share of the articles), in sentence patterns
varied like the dev set: name then posts, posts then name, lists after "có các đồng chí:",
abbreviations (UBND, HĐND, ĐBQH, BTV, TUV, HU, QU), meeting dates with and without a year
under a dated header (or none), codes with and without issue dates, bylines, "Tin khác" teasers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

START, END = dt.date(2016, 1, 1), dt.date(2025, 12, 31)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lương", "Cao", "Lại", "Hà", "Trịnh", "Mai", "Tô"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Xuân", "Công", "Mạnh", "Quang", "Trọng"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Hồng", "Thị Thanh", "Thị Ngọc", "Thị Minh"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Cường", "Hải", "Sơn", "Long", "Tâm", "Phong", "Bình", "Khoa",
           "Quân", "Thành", "Trung", "Hiếu", "Lâm", "Tiến", "Kiên", "Toàn", "Định", "Lực", "Vinh", "Nghĩa"]
GIVEN_F = ["Hương", "Lan", "Hà", "Mai", "Nga", "Vân", "Hạnh", "Phương", "Trang", "Dung", "Nhung", "Thảo",
           "Yến", "Loan", "Huyền", "Giang"]
AUTHORS = ["Thu Trang", "Quang Minh", "Minh Anh", "Hồng Nhung", "Đức Anh", "Thanh Hương", "Hoài Nam",
           "Khánh Linh", "Tuấn Vũ", "Bảo Châu"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


@dataclass
class Locality:
    name: str
    city: bool                      # Thành ủy / thành phố, else Tỉnh ủy / tỉnh
    districts: list[tuple[str, str]]  # (kind: huyện/quận, name)
    weight: float

    @property
    def committee(self) -> str:
        return "Thành ủy" if self.city else "Tỉnh ủy"

    @property
    def unit(self) -> str:
        return "thành phố" if self.city else "tỉnh"


LOCALITIES = [
    Locality("Nghệ An", False, [("huyện", "Diễn Châu"), ("huyện", "Quỳnh Lưu"), ("huyện", "Nghi Lộc")], 1.0),
    Locality("Hải Phòng", True, [("huyện", "Vĩnh Bảo"), ("quận", "Lê Chân"), ("huyện", "Thủy Nguyên")], 0.6),
    Locality("Quảng Ninh", False, [("huyện", "Vân Đồn"), ("huyện", "Tiên Yên")], 0.4),
    Locality("Thái Bình", False, [("huyện", "Kiến Xương"), ("huyện", "Tiền Hải")], 0.25),
    Locality("Đà Nẵng", True, [("quận", "Hải Châu"), ("huyện", "Hòa Vang")], 0.2),
]

# provincial slots: (key, [(full post template, how the text may say it)...]); {C} committee, {U} unit, {L} locality
PROVINCE_SLOTS = [
    ("sec", [("Bí thư {C} {L}", ["Bí thư {C}"]), ("Chủ tịch HĐND {U} {L}", ["Chủ tịch HĐND {U}"])]),
    ("dep1", [("Phó Bí thư Thường trực {C} {L}", ["Phó Bí thư Thường trực {C}"]),
              ("Trưởng Đoàn đại biểu Quốc hội {U} {L}", ["Trưởng Đoàn ĐBQH {U}"])]),
    ("gov", [("Phó Bí thư {C} {L}", ["Phó Bí thư {C}"]), ("Chủ tịch UBND {U} {L}", ["Chủ tịch UBND {U}"])]),
    ("org", [("Ủy viên Ban Thường vụ {C} {L}", ["Ủy viên Ban Thường vụ {C}", "Ủy viên BTV {C}"]),
             ("Trưởng Ban Tổ chức {C} {L}", ["Trưởng Ban Tổ chức {C}"])]),
    ("prop", [("Ủy viên Ban Thường vụ {C} {L}", ["Ủy viên Ban Thường vụ {C}", "Ủy viên BTV {C}"]),
              ("Trưởng Ban Tuyên giáo {C} {L}", ["Trưởng Ban Tuyên giáo {C}"])]),
    ("int", [("Ủy viên Ban Thường vụ {C} {L}", ["Ủy viên Ban Thường vụ {C}", "Ủy viên BTV {C}"]),
             ("Trưởng Ban Nội chính {C} {L}", ["Trưởng Ban Nội chính {C}"])]),
    ("vgov", [("Phó Chủ tịch UBND {U} {L}", ["Phó Chủ tịch UBND {U}"])]),
    ("build", [("Giám đốc Sở Xây dựng {U} {L}", ["Giám đốc Sở Xây dựng"])]),
    ("edu", [("Giám đốc Sở Giáo dục và Đào tạo {U} {L}", ["Giám đốc Sở Giáo dục và Đào tạo"])]),
]
# district slots: {D} district committee (Huyện ủy/Quận ủy), {K} huyện/quận, {N} district name; {A} HU/QU
DISTRICT_SLOTS = [
    ("dsec", [("Ủy viên {C} {L}", ["TUV", "Ủy viên {C}"]), ("Bí thư {D} {N}", ["Bí thư {A}", "Bí thư {D}"])]),
    ("ddep1", [("Phó Bí thư Thường trực {D} {N}", ["Phó Bí thư Thường trực {A}"]),
               ("Chủ tịch HĐND {K} {N}", ["Chủ tịch HĐND {K}"])]),
    ("dgov", [("Phó Bí thư {D} {N}", ["Phó Bí thư {A}"]), ("Chủ tịch UBND {K} {N}", ["Chủ tịch UBND {K}"])]),
]
PROVINCE_WEIGHTS = {"sec": 1.0, "dep1": 0.5, "gov": 0.45, "org": 0.3, "prop": 0.2, "int": 0.15, "vgov": 0.12,
                    "build": 0.08, "edu": 0.06}

TOPICS = ["tổng kết công tác năm {y}, triển khai nhiệm vụ năm {y1}",
          "sơ kết công tác 6 tháng đầu năm {y}",
          "đánh giá kết quả thực hiện nhiệm vụ 9 tháng, bàn nhiệm vụ trọng tâm những tháng cuối năm {y}",
          "quán triệt, triển khai các nghị quyết, chỉ thị của Trung ương",
          "về công tác chuẩn bị đại hội đảng bộ các cấp"]
SUBJECTS = ["phát triển kinh tế biển", "xây dựng, chỉnh đốn Đảng", "phát triển nông nghiệp, nông thôn",
            "cải cách hành chính", "phòng, chống tham nhũng, tiêu cực", "chuyển đổi số", "phát triển đô thị"]
CENTRAL = [("Nghị quyết", "NQ/TW", "Bộ Chính trị"), ("Chỉ thị", "CT/TW", "Ban Bí thư"),
           ("Kết luận", "KL/TW", "Bộ Chính trị"), ("Nghị quyết", "NQ/TW", "Ban Chấp hành Trung ương Đảng")]
LOCAL = [("Kế hoạch", "KH/{c}"), ("Chương trình hành động", "CTr/{c}")]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


@dataclass
class Person:
    name: str


@dataclass
class Slot:
    key: str
    posts: list               # [(full, [spoken forms])], already formatted
    holders: list = field(default_factory=list)  # [(start, end, person index)]

    def holder(self, day: dt.date) -> int | None:
        for start, end, who in self.holders:
            if start <= day <= end:
                return who
        return None


@dataclass
class Doc:
    kind: str
    number: int
    code: str
    issued: dt.date
    issuer: str
    implements: "Doc | None" = None
    subject: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind} {self.number}"


class World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[str] = []
        self._folded: set[str] = set(fold(a) for a in AUTHORS)
        self.slots: dict[str, dict[str, Slot]] = {}   # locality -> key -> slot (district keys: key@district)
        self.central: list[Doc] = []
        self.local: dict[str, list[Doc]] = {}
        self.district_docs: dict[str, list[Doc]] = {}
        numbers = iter(rng.sample(range(2, 400), 300))
        for i in range(30):
            kind, code, issuer = CENTRAL[i % len(CENTRAL)]
            issued = START + dt.timedelta(days=rng.randrange((END - START).days - 200) - 400)
            self.central.append(Doc(kind, next(numbers), code, issued, issuer, subject=rng.choice(SUBJECTS)))
        for loc in LOCALITIES:
            c = "TU"
            slots = {}
            for key, posts in PROVINCE_SLOTS:
                slots[key] = self._slot(key, [(f.format(C=loc.committee, U=loc.unit, L=loc.name),
                                               [s.format(C=loc.committee, U=loc.unit) for s in sp]) for f, sp in posts])
            for kind, dname in loc.districts:
                dc = "Huyện ủy" if kind == "huyện" else "Quận ủy"
                abbr = "HU" if kind == "huyện" else "QU"
                for key, posts in DISTRICT_SLOTS:
                    slots[f"{key}@{dname}"] = self._slot(key, [
                        (f.format(C=loc.committee, L=loc.name, D=dc, N=dname, K=kind),
                         [s.format(C=loc.committee, D=dc, A=abbr, K=kind) for s in sp]) for f, sp in posts])
            self.slots[loc.name] = slots
            self._promote(slots)
            docs = []
            for central in self.central:
                if rng.random() < 0.5:
                    kind, code = rng.choice(LOCAL)
                    docs.append(Doc(kind, next(numbers), code.format(c=c), central.issued + dt.timedelta(days=rng.randrange(20, 120)),
                                    f"Ban Thường vụ {loc.committee}", implements=central, subject=central.subject))
            self.local[loc.name] = docs
            for kind, dname in loc.districts:  # district plans implementing the provincial ones: chains of three
                abbr, dc = ("HU", "Huyện ủy") if kind == "huyện" else ("QU", "Quận ủy")
                self.district_docs[dname] = [
                    Doc("Kế hoạch", next(numbers), f"KH/{abbr}", d.issued + dt.timedelta(days=rng.randrange(15, 90)),
                        f"Ban Thường vụ {dc}", implements=d, subject=d.subject)
                    for d in docs if rng.random() < 0.4]

    def _name(self) -> str:
        rng = self.rng
        while True:
            female = rng.random() < 0.35
            name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                             rng.choice(GIVEN_F if female else GIVEN_M)])
            if fold(name) not in self._folded:
                self._folded.add(fold(name))
                self.people.append(name)
                return name

    def _promote(self, slots: dict[str, Slot]) -> None:
        """Careers: a district secretary whose term ended may take up a provincial post after it."""
        moved: set[int] = set()
        ended = sorted((end, who) for key, slot in slots.items() if key.startswith("dsec@")
                       for _, end, who in slot.holders)
        for key, slot in slots.items():
            if "@" in key or key == "sec":
                continue
            for i, (start, end, who) in enumerate(slot.holders):
                if i == 0 or self.rng.random() > 0.4:
                    continue
                for d_end, d_who in ended:
                    if start - dt.timedelta(days=400) <= d_end < start and d_who not in moved:
                        moved.add(d_who)
                        slot.holders[i] = (start, end, d_who)
                        break

    def _slot(self, key: str, posts) -> Slot:
        slot = Slot(key, posts)
        day = START - dt.timedelta(days=self.rng.randrange(0, 700))
        while day <= END:
            end = day + dt.timedelta(days=self.rng.randrange(500, 1800))
            self._name()
            slot.holders.append((day, end, len(self.people) - 1))
            day = end + dt.timedelta(days=1)
        return slot


def _date(d: dt.date, year: bool, pad: bool = False) -> str:
    s = f"{d.day:02d}/{d.month:02d}" if pad else f"{d.day}/{d.month}"
    return f"{s}/{d.year}" if year else s


def _spoken(posts, rng: random.Random, locality: Locality) -> tuple[list[str], list[str]]:
    """(the posts as the text says them, their full names) for one holder's slot."""
    said, full = [], []
    for f, forms in posts:
        said.append(rng.choice(forms))
        full.append(f)
    return said, full


def _article(world: World, rng: random.Random, aid: str) -> tuple[str, dict]:
    loc = rng.choices(LOCALITIES, [l.weight for l in LOCALITIES])[0]
    slots = world.slots[loc.name]
    district = None
    if rng.random() < 0.3:
        district = rng.choice(loc.districts)
    while True:
        meeting_day = START + dt.timedelta(days=rng.randrange((END - START).days))
        published = meeting_day + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]))
        if published <= END:
            break
    gold_people: dict[str, list[str]] = {}
    said_posts: dict[str, list[str]] = {}

    def take(slot_key: str) -> str | None:
        who = slots[slot_key].holder(meeting_day)
        if who is None:
            return None
        name = world.people[who]
        said, full = _spoken(slots[slot_key].posts, rng, loc)
        if name in gold_people:
            return None
        gold_people[name] = full
        said_posts[name] = said
        return name

    if district:
        dkind, dname = district
        dc = "Huyện ủy" if dkind == "huyện" else "Quận ủy"
        organizer_text, organizer = f"{dc} {dname}", f"{dc} {dname}"
        chair = take(f"dsec@{dname}")
        others = [take(f"ddep1@{dname}"), take(f"dgov@{dname}")]
        guest = take(rng.choice(["org", "prop", "int", "dep1"]))
        meeting_name = f"Hội nghị Ban Chấp hành Đảng bộ {dkind} lần thứ {rng.randrange(5, 30)}"
        title = f"{dc} {dname} {rng.choice(['tổng kết công tác năm', 'sơ kết công tác', 'triển khai nhiệm vụ'])} {meeting_day.year}"
    else:
        which = rng.random()
        if which < 0.6:
            organizer_text, organizer = f"{loc.committee} {loc.name}", f"{loc.committee} {loc.name}"
        else:
            organizer_text, organizer = f"Ban Thường vụ {loc.committee}", f"Ban Thường vụ {loc.committee} {loc.name}"
        chair = take("sec")
        keys = [k for k in PROVINCE_WEIGHTS if k != "sec"]
        count = rng.randrange(1, 5)
        picked = []
        while len(picked) < count:
            k = rng.choices(keys, [PROVINCE_WEIGHTS[k] for k in keys])[0]
            if k not in picked:
                picked.append(k)
        others = [take(k) for k in picked]
        guest = None
        meeting_name = f"Hội nghị {rng.choice(['sơ kết', 'tổng kết', 'quán triệt'])} {rng.choice(SUBJECTS)}"
        title = f"{meeting_name} năm {meeting_day.year}"
    others = [o for o in others if o]
    participants = [p for p in [guest, chair, *others] if p]

    def posts_of(name: str) -> str:
        return ", ".join(said_posts[name])

    lines: list[str] = []
    header = rng.random()
    if header < 0.6:
        t = f"{rng.randrange(6, 18):02d}:{rng.randrange(60):02d}"
        lines += [f"{WEEKDAYS[published.weekday()]}, {_date(published, True, True)} {t}", ""]
        gold_published = published.isoformat()
        with_year = rng.random() < 0.2
    elif header < 0.8:
        lines += [f"{loc.name}, ngày {published.day:02d} tháng {published.month} năm {published.year}", ""]
        gold_published = published.isoformat()
        with_year = rng.random() < 0.2
    else:
        gold_published = None
        with_year = True
    lines += [title, ""]
    part = rng.choice(["Sáng", "Chiều"])
    topic = rng.choice(TOPICS).format(y=meeting_day.year, y1=meeting_day.year + 1)
    first = f"{part} {_date(meeting_day, with_year)}, {organizer_text} tổ chức {meeting_name} {topic}."
    if chair:
        if rng.random() < 0.5:
            chair_s = f"Đồng chí {chair}, {posts_of(chair)} chủ trì hội nghị."
        else:
            said = [f"Ủy viên {loc.committee}" if x == "TUV" else x for x in said_posts[chair]]
            chair_s = f"{', '.join(said)} {chair} chủ trì hội nghị."
            chair_s = chair_s[0].upper() + chair_s[1:]
    else:
        chair_s = ""
    if guest:
        first += f" Dự và chỉ đạo hội nghị có đồng chí {guest}, {posts_of(guest)}."
    lines += [" ".join(x for x in [first, chair_s] if x), ""]
    if others:
        if len(others) == 1:
            lines.append(f"Dự hội nghị có đồng chí {others[0]}, {posts_of(others[0])}; các đồng chí Ủy viên Ban Chấp hành Đảng bộ; lãnh đạo các sở, ban, ngành, địa phương.")
        elif rng.random() < 0.6:
            lead = rng.choice(["Dự hội nghị có các đồng chí: ", "Cùng dự có các đồng chí: "])
            lines.append(lead + "; ".join(f"{o}, {posts_of(o)}" for o in others)
                         + "; các đồng chí Ủy viên Ban Chấp hành Đảng bộ; lãnh đạo các ban, ngành, đoàn thể.")
        else:
            lines.append("Dự hội nghị có " + "; ".join(f"đồng chí {o}, {posts_of(o)}" for o in others)
                         + "; lãnh đạo các sở, ban, ngành, địa phương.")
        lines.append("")
    lines += ["Quang cảnh hội nghị.", ""]

    # directives: a local plan implementing a central document, or a central document alone
    gold_docs, links = [], []
    local = [d for d in world.local[loc.name] if d.issued < meeting_day - dt.timedelta(days=10)]
    central = [d for d in world.central if d.issued < meeting_day - dt.timedelta(days=10)]

    def cite(d: Doc, dated: bool) -> str:
        num = f"{d.number:02d}" if rng.random() < 0.5 else str(d.number)
        s = f"{d.kind} số {num}-{d.code}"
        if dated:
            s += f" ngày {_date(d.issued, True, rng.random() < 0.5)}"
        gold_docs.append({"kind": d.kind, "number": str(d.number), "code": d.code,
                          "issued": d.issued.isoformat() if dated else None})
        return s + f" của {d.issuer}"

    chain = [d for d in world.district_docs.get(district[1], []) if d.issued < meeting_day - dt.timedelta(days=10)] \
        if district else []
    if chain and rng.random() < 0.5:
        d = rng.choice(chain)
        p = d.implements
        lines.append(f"Hội nghị đã quán triệt {cite(d, True)} thực hiện {cite(p, rng.random() < 0.7)} "
                     f"về việc thực hiện {cite(p.implements, rng.random() < 0.5)} về {d.subject}.")
        lines.append("")
        links += [[d.label, p.label], [p.label, p.implements.label]]
    elif local and rng.random() < 0.6:
        d = rng.choice(local)
        reporter = others[0] if others else None
        who = f"đồng chí {reporter}" if reporter else "hội nghị"
        lines.append(f"Tại hội nghị, {who} quán triệt {cite(d, True)} thực hiện {cite(d.implements, rng.random() < 0.7)} "
                     f"về {d.subject} giai đoạn {meeting_day.year} - {meeting_day.year + 5}.")
        lines.append("")
        links.append([d.label, d.implements.label])
    elif central and rng.random() < 0.6:
        d = rng.choice(central)
        lines.append(f"Hội nghị đã nghe báo cáo sơ kết việc thực hiện {cite(d, rng.random() < 0.7)} về {d.subject}.")
        lines.append("")
    lines.append("Báo cáo tại hội nghị cho biết, kinh tế tiếp tục tăng trưởng khá, thu ngân sách đạt 92% dự toán; "
                 "quốc phòng, an ninh được giữ vững.")
    lines.append("")
    if len(others) > 1:
        o = others[1]
        lines += [f"Đồng chí {o}, {said_posts[o][-1]} trình bày báo cáo kết quả thực hiện nhiệm vụ.", ""]
    if chair:
        if rng.random() < 0.5:
            lines.append(f"Đồng chí {chair}, {said_posts[chair][-1]} phát biểu kết luận hội nghị.")
        else:
            lines.append(f"Kết luận hội nghị, đồng chí {said_posts[chair][-1]} {chair} đề nghị các cấp ủy, chính quyền "
                         f"tập trung hoàn thành các chỉ tiêu năm {meeting_day.year}.")
        lines.append("")
    author = rng.choice(AUTHORS)
    lines += [author, ""]
    if rng.random() < 0.5:
        noise_day = published - dt.timedelta(days=rng.randrange(1, 5))
        stranger = world.people[rng.randrange(len(world.people))]
        lines += ["Tin khác",
                  f"{rng.choice(['Sáng', 'Chiều'])} {_date(noise_day, False)}, UBND {loc.unit} họp bàn công tác phòng, chống thiên tai…",
                  f"Đồng chí {stranger}, Phó Chủ tịch UBND {loc.unit} kiểm tra tiến độ các dự án trọng điểm…",
                  "Hội Liên hiệp Phụ nữ tổ chức hội nghị sơ kết quý…", ""]
    text = "\n".join(lines)
    gold = {
        "article": aid, "locality": loc.name, "published": gold_published, "authors": [author],
        "people": [{"name": n, "positions": p} for n, p in gold_people.items()],
        "optional_people": [],
        "meetings": [{"date": meeting_day.isoformat(), "organizer": organizer,
                      "chairs": [chair] if chair else [], "participants": participants,
                      "directives": [f"{d['kind']} {d['number']}" for d in gold_docs]}],
        "directives": gold_docs,
        "directive_links": links,
    }
    return text, gold


def generate(n: int, out: Path | str, seed: int = 0, first: int = 0) -> Path:
    """Write n articles to OUT/articles and their gold to OUT/gold; return OUT. Their ids
    are numbered from ``first`` (articles to add to a corpus generated before)."""
    out = Path(out)
    rng = random.Random(seed)
    world = World(rng)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(first + n)))
    for i in range(first, first + n):
        aid = f"b{i:0{width}d}"
        text, gold = _article(world, rng, aid)
        (out / "articles" / f"{aid}.txt").write_text(text, encoding="utf-8")
        (out / "gold" / f"{aid}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    generate(args.n, args.out, args.seed)
    print(f"{args.n} articles -> {args.out}")


if __name__ == "__main__":
    main()
