"""Full names of bodies in an article's context.

Articles name bodies short: "Thành ủy" is the Thành ủy of the article's city, "Bí thư
Quận ủy" at the Kiến An connection point is the Quận ủy Kiến An, "Đảng ủy Khu kinh tế"
after "Đảng ủy Khu kinh tế Hải Phòng" is that one. :class:`BodyNamer` fills the gaps of a
:class:`~.grammar.BodyRef` from the article's locality, the districts it names and the
earlier full mentions, and writes every abbreviation out in full.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as lx
from ..ontology import lexicon
from ..sources.clean import as_of, province_mentions
from ..sources.text import LOWER, UPPER, canonical
from .grammar import BodyRef
from .lexicon import Head
from .tokens import finditer_at, literal_starts

_DISTRICT_KIND = {"quận": "quan_uy", "huyện": "huyen_uy", "thị xã": "thi_uy"}
_KIND_NOUN = {v: k for k, v in _DISTRICT_KIND.items()}
_COMMITTEE_HEAD = {"quan_uy": "Quận ủy", "huyen_uy": "Huyện ủy", "thi_uy": "Thị ủy"}
_COMMUNE_NOUNS = ("xã", "phường", "thị trấn")
_COMMUNE_KIND = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran"}
_NOUN_STYLE_UNITS = ("Khối", "Quân sự", "Công an", "Biên phòng", "Bộ đội Biên phòng")
_WORD = f"[{UPPER}][{LOWER}]*"


@lru_cache(maxsize=1)
def _anchor_pattern() -> tuple[re.Pattern, dict[str, str], tuple[str, ...]]:
    """The words that introduce a place the article is about (``place_anchors`` of the
    places lexicon), one pattern for all, with the kind of place each introduces.

    A name is one to three capitalised words ("Vĩnh Bảo", "Thủ Dầu Một"), not followed by
    another: "Huyện ủy Đoàn Văn Tuấn" names a person (three words opening with a family
    name are one, too)."""
    anchors = {canonical(k): v for k, v in lexicon("places")["place_anchors"].items()}
    nouns = sorted(anchors, key=len, reverse=True)
    rx = re.compile(rf"(?<!\w)(?P<noun>{'|'.join(map(re.escape, nouns))})\s*"
                    rf"(?P<name>(?:Quận|Q\.)\s?\d{{1,2}}(?!\d)|{_WORD}(?:\s{_WORD}){{0,2}}(?!\w)(?!\s{_WORD}))")
    # where a match can begin: the nouns, the longer ones by their first two words ("Đảng bộ"
    # for "Đảng bộ huyện", "Đảng bộ xã" ...), less those another one opens ("TP" opens "TP.")
    heads = {" ".join(n.split()[:2]) for n in nouns}
    starts = tuple(n for n in heads if not any(o != n and n.startswith(o) for o in heads))
    return rx, {k.casefold(): v for k, v in anchors.items()}, starts


def _written(place: str) -> str:
    """A province or city as a body name ends with it ("Thành ủy Thành phố Hồ Chí Minh")."""
    return lx.written_places().get(place, place)


@dataclass(frozen=True)
class NamedBody:
    name: str
    kind: str
    parent: "NamedBody | None"
    locality: str | None


def learn_districts(text: str, start: int, end: int, published: str | None = None) -> list[tuple[int, str, str]]:
    """(position, kind, name) for every district, commune and city of a province the
    article names (see ``place_anchors`` in the places lexicon); a city that became a
    province-level one after ``published`` is still a city of its province ("Thành ủy Huế"
    in 2023)."""
    rx, kinds, nouns = _anchor_pattern()
    surnames = lx.surnames()[0]
    provinces = lx.provinces()
    anchors = []
    for m in finditer_at(rx, text, literal_starts(text, nouns, start, end), end):
        name = re.sub(r"^(?:Quận|Q\.)\s?", "Quận ", m.group("name")) if m.group("name")[-1].isdigit() else m.group("name")
        words = name.split()
        if len(words) == 3 and words[0] in surnames:
            continue  # "Huyện ủy Đoàn Văn Tuấn": a person
        kind = kinds[m.group("noun").casefold()]
        province = provinces.get(lx.tokens_of(name)) if kind == "thanh_uy" else None
        if province and as_of(province[0], published) == province[0]:
            continue  # "Thành ủy Hải Phòng", "thành phố Hà Nội": the city is a province
        anchors.append((m.start(), kind, name))
    return anchors


class BodyNamer:
    def __init__(self, text: str, locality: str | None, anchors: list[tuple[int, str, str]],
                 refs: list[BodyRef], organizers: list[BodyRef] = ()) -> None:
        self.locality = locality
        level = lx.province_levels().get(locality or "")
        if level is None:
            level = "city" if text.count("Thành ủy") >= text.count("Tỉnh ủy") else "province"
        self.level = level
        self.province_committee = "Thành ủy" if level == "city" else "Tỉnh ủy"
        self.level_noun = "thành phố" if level == "city" else "tỉnh"
        self.anchors = sorted(anchors)
        self._anchor_pos = [a[0] for a in self.anchors]
        self.text = text
        self._mentions: list[tuple[int, str, str]] | None = None  # read only when needed
        self.organizers = {id(r) for r in organizers}
        # the party units named in full, with those an organ belongs to ("Ban Thường vụ Đảng
        # ủy xã Đak Đoa"): a later "Bí thư Đảng ủy" is one of them
        named = [*refs, *(r.parent for r in refs if r.parent is not None)]
        self.organizers |= {id(r.parent) for r in organizers if r.parent is not None}
        self.full_party_units = sorted(
            ((r.position, r) for r in named
             if r.head.kind in ("dang_uy", "dang_bo") and r.unit and not r.committee_of), key=lambda pr: pr[0])

    # ---- context lookups ----------------------------------------------------------------
    def locality_of_level(self, level: str, position: int) -> str | None:
        """The article's locality, unless it is of the other level: a "Tỉnh ủy" in an
        article about a city is the province named nearest before it."""
        if self.locality is None or lx.province_levels().get(self.locality) == level:
            return self.locality
        if self._mentions is None:
            levels = lx.province_levels()
            self._mentions = [(pos, name, levels[name]) for pos, name in province_mentions(self.text)]
        before = [name for pos, name, lev in self._mentions if lev == level and pos <= position]
        return before[-1] if before else self.locality

    def district(self, kind: str, position: int) -> str | None:
        """The nearest district of this kind named before ``position`` (else after it)."""
        i = bisect.bisect_right(self._anchor_pos, position)
        for a in reversed(self.anchors[:i]):
            if a[1] == kind:
                return a[2]
        for a in self.anchors[i:]:
            if a[1] == kind:
                return a[2]
        return None

    def _party_unit(self, ref: BodyRef) -> BodyRef | None:
        """The full name of a party unit written short ("Bí thư Đảng ủy"): one of the article's
        meetings' organizers if it is such a unit (the host), else the last one named."""
        cands = [r for _, r in self.full_party_units if r is not ref and r.head.kind == ref.head.kind
                 and (r.place or r.place_noun or r.unit_name or (r.unit and r.unit[-1].isdigit())
                      or (ref.unit and r.unit and len(r.unit) > len(ref.unit)))]  # "Khối" after "Khối các cơ quan ..."
        if ref.unit:
            cands = [r for r in cands if r.unit and r.unit.startswith(ref.unit)]
        hosts = [r for r in cands if id(r) in self.organizers and r.position <= ref.position]
        if hosts:
            return hosts[-1]
        before = [r for r in cands if r.position <= ref.position]
        if before:
            return before[-1]
        return cands[0] if cands else None

    # ---- naming -------------------------------------------------------------------------
    def committee(self, which: str, position: int) -> NamedBody:
        """A party committee by head ("Thành ủy", "Huyện ủy", "@province_committee")."""
        if which == "@province_committee":
            which = self.province_committee
        kind = {"Thành ủy": "thanh_uy", "Tỉnh ủy": "tinh_uy", "Quận ủy": "quan_uy",
                "Huyện ủy": "huyen_uy", "Thị ủy": "thi_uy", "Đảng ủy": "dang_uy"}.get(which, "dang_uy")
        head = Head("party_committees", which, kind, "", place="district" if kind in _KIND_NOUN else "locality",
                    style="bare")
        return self.name(BodyRef(0, 0, head, position=position))

    def province(self) -> NamedBody | None:
        if not self.locality:
            return None
        return self.committee("@province_committee", 0)

    def name(self, ref: BodyRef) -> NamedBody:
        h = ref.head
        if ref.committee_of:
            which = ref.committee_of
            if which == "Đảng ủy Khối":
                return self.name(BodyRef(ref.start, ref.end, lx.heads().longest(["đảng", "ủy"], 0)[1],
                                         unit="Khối", position=ref.position))
            if not ref.place:
                return self.committee(which, ref.position)
            if which in _COMMITTEE_HEAD.values():
                kind = {v: k for k, v in _COMMITTEE_HEAD.items()}[which]
                return NamedBody(f"{which} {ref.place}", kind, self.province(), self.locality)
            which = self.province_committee if which == "@province_committee" else which
            return NamedBody(f"{which} {ref.place}", "thanh_uy" if which == "Thành ủy" else "tinh_uy", None, ref.place)
        if h.group == "central_bodies":
            return NamedBody(h.vi, h.kind, None, None)
        if h.group == "numbered_bodies":
            number = ref.number or self._number_of(h.vi, ref.position)
            return NamedBody(f"{h.vi} {number}" if number else h.vi, h.kind, None, None)
        if h.group == "committee_organs":
            parent = self.name(ref.parent) if ref.parent else self._organ_parent(h, ref.position)
            if parent.kind == "trung_uong" and h.kind != "ban_chap_hanh":
                return NamedBody(f"{h.vi} Trung ương", h.kind, parent, None)
            link = f" {ref.parent_link}" if ref.parent_link else ""
            return NamedBody(f"{h.vi}{link} {parent.name}", h.kind, parent, parent.locality)
        if h.group == "party_committees":
            return self._party_committee(ref)
        return self._state_body(ref)

    def _number_of(self, unit: str, position: int) -> str | None:
        """The number the report gives a unit written once without it ("Tư lệnh Quân khu"
        after "Quân khu 3"): the nearest before ``position``, else the first after."""
        found = [(m.start(), m.group(1)) for m in re.finditer(rf"(?<!\w){re.escape(unit)} (\d+)(?!\d)", self.text)]
        before = [n for pos, n in found if pos <= position]
        return before[-1] if before else (found[0][1] if found else None)

    def _organ_parent(self, head: Head, position: int) -> NamedBody:
        """The body an organ belongs to when the article leaves it out: the People's Council
        of the locality, a national body the lexicon names, else the party committee."""
        if head.parent == "hdnd":
            council = lx.heads().longest(["hđnd"], 0)[1]
            return self._state_body(BodyRef(0, 0, council, position=position))
        if head.parent:
            found = lx.heads().longest(list(lx.tokens_of(head.parent)), 0)
            if found:
                return self.name(BodyRef(0, 0, found[1], position=position))
        return self.committee("@province_committee", position)

    def _party_committee(self, ref: BodyRef) -> NamedBody:
        h = ref.head
        if h.kind == "province_committee":  # "TU"
            return self.committee("@province_committee", ref.position)
        if h.kind in ("thanh_uy", "tinh_uy"):
            place = ref.place or self._city_of_province(h.kind, ref.position) or self.locality_of_level(
                "city" if h.kind == "thanh_uy" else "province", ref.position)
            return NamedBody(f"{h.vi} {_written(place)}" if place else h.vi, h.kind, None, place)
        if h.kind in _KIND_NOUN:
            place = ref.place or self.district(h.kind, ref.position)
            return NamedBody(f"{h.vi} {place}" if place else h.vi, h.kind, self.province(), self.locality)
        # Đảng ủy / Đảng bộ / Chi bộ ...
        if not (ref.place or ref.place_noun or ref.unit_name):
            full = self._party_unit(ref)
            if full is not None and full is not ref:
                return self.name(full)
        parts = [h.vi]
        if ref.unit:
            parts.append(ref.unit)
        if ref.unit_name:
            parts.append(ref.unit_name)
        elif ref.unit in _COMMUNE_NOUNS and (commune := self.district(_COMMUNE_KIND[ref.unit], ref.position)):
            parts.append(commune)  # "Bí thư Đảng ủy xã" in a report about xã Tản Lĩnh
        elif not ref.unit and h.kind == "dang_uy" and (commune := self._commune(ref.position)):
            parts += commune  # "Bí thư Đảng ủy" in a report about a commune that names no other unit
        national = bool(ref.unit and ref.unit.endswith("Trung ương"))  # "Khối các cơ quan Trung ương"
        place = "" if national else self._place_words(
            ref, noun_style=bool(ref.unit and ref.unit.startswith(_NOUN_STYLE_UNITS)),
            default_locality=bool(ref.unit) and not ref.unit_name
            and ref.unit not in ("xã", "phường", "thị trấn") and not ref.unit[-1].isdigit())
        if place:
            parts.append(place)
        parent = self.province() if ref.unit and not national else None
        return NamedBody(" ".join(parts), h.kind, parent, self.locality)

    def _commune(self, position: int) -> list[str] | None:
        """The commune, ward or town the report is about, as [noun, name]: the one named
        nearest ``position``."""
        found = [(abs(pos - position), noun, name) for pos, kind, name in self.anchors
                 for noun, k in _COMMUNE_KIND.items() if k == kind]
        if not found:
            return None
        _, noun, name = min(found)
        return [noun, name]

    def _city_of_province(self, kind: str, position: int) -> str | None:
        """In an article about a province, or about no province it names, the city a bare
        "Thành ủy" or "thành phố" means: the one the article names (a province has no Thành
        ủy of its own)."""
        if kind != "thanh_uy" or (self.locality and self.level == "city"):
            return None
        return self.district("thanh_uy", position)

    def _place_words(self, ref: BodyRef, noun_style: bool, default_locality: bool = True) -> str:
        if ref.place_noun:
            noun = ref.place_noun
            if ref.place:
                return f"{noun} {ref.place}"
            city = self._city_of_province("thanh_uy", ref.position) if noun == "thành phố" else None
            if city:
                return f"{noun} {city}"
            if noun in _COMMUNE_NOUNS:
                commune = self.district(_COMMUNE_KIND[noun], ref.position)
                return f"{noun} {commune}" if commune else noun
            if noun in ("thành phố", "tỉnh"):
                place = self.locality_of_level("city" if noun == "thành phố" else "province", ref.position) \
                    if noun == "tỉnh" else self.locality
                return f"{noun} {place}" if place else noun
            kind = _DISTRICT_KIND.get(noun)
            district = self.district(kind, ref.position) if kind else None
            if district and district.casefold().startswith(noun):
                return district  # "Quận 1"
            return f"{noun} {district}" if district else noun
        if ref.place:
            level = lx.province_levels().get(ref.place)
            if level == "country":
                return ref.place  # "Hội Nông dân Việt Nam"
            if level and noun_style:
                return f"{'thành phố' if level == 'city' else 'tỉnh'} {ref.place}"
            return _written(ref.place)
        if default_locality and self.locality:
            return f"{self.level_noun} {self.locality}" if noun_style else _written(self.locality)
        return ""

    def _state_body(self, ref: BodyRef) -> NamedBody:
        h = ref.head
        if not ref.unit and not ref.place:  # "Tổng công ty": the one whose party committee is named
            unit = next((r for _, r in reversed(self.full_party_units) if r.unit == h.vi and r.unit_name
                         and r.position <= ref.position), None)
            if unit is not None:
                return NamedBody(f"{h.vi} {unit.unit_name}", h.kind, None, self.locality)
        parts = [h.vi]
        if ref.unit:
            parts.append(ref.unit)
        if ref.unit_name:
            parts.append(ref.unit_name)
        parent = None
        if ref.parent is not None:
            parent = self.name(ref.parent)
            parts.append(parent.name)
            return NamedBody(" ".join(parts), h.kind, parent, parent.locality)
        local = h.place in ("locality", "district") or h.kind == "ban_quan_ly"
        place = self._place_words(ref, noun_style=(h.style == "noun"), default_locality=local)
        if place:
            parts.append(place)
        if h.parent == "ubnd" and (self.locality or ref.place):
            ubnd_head = lx.heads().longest(["ubnd"], 0)[1]
            parent = self._state_body(BodyRef(0, 0, ubnd_head, place_noun=ref.place_noun,
                                              place=ref.place, position=ref.position))
        return NamedBody(" ".join(parts), h.kind, parent, self.locality)
