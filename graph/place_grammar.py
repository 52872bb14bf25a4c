"""Places in the grammar of bodies: provinces and cities, numbered districts, the places
an article names once, the place that ends a body's name ("Huyện ủy Vĩnh Bảo", "UBND
Q.3", "Học viện Cán bộ TP.HCM").

:class:`PlaceReading` is a part of :class:`.grammar.Grammar`, which gives it the
lexicons and the name parsers it uses.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import Sentence

if TYPE_CHECKING:
    from .grammar import BodyRef


class PlaceReading:
    """The place parsers of :class:`.grammar.Grammar`."""

    def province_at(self, s: Sentence, i: int) -> tuple[int, str] | None:
        """A province or city of the places lexicon at ``i`` (its end and canonical name)."""
        if i >= len(s.words) or s.words[i] not in self.province_firsts:
            return None
        for n in range(self.province_width, 0, -1):  # "Bà Rịa - Vũng Tàu" is five tokens
            key = tuple(s.words[i:i + n])
            if len(key) == n and key in self.provinces and s.is_cap(i):
                after = i + n
                if s.is_name_word(after) and s.raw[after] not in self.surnames and not self.blocks_name(s, after):
                    return None  # "Điện Biên Phủ": a longer proper name, not the province
                return after, self.provinces[key][0]
        return None

    @staticmethod
    def _numbered_district(s: Sentence, i: int) -> tuple[int, str] | None:
        """"Quận 1", "Q.3", "quận 10": a district known by its number."""
        words, raw = s.words, s.raw
        if i + 1 >= len(words) or words[i] not in ("quận", "q"):
            return None
        j = i + 2 if raw[i + 1] == "." and words[i] == "q" else i + 1
        if j < len(raw) and raw[j].isdigit() and len(raw[j]) <= 2:
            return j + 1, f"Quận {raw[j]}"
        return None

    def _place_noun_ends(self, s: Sentence, j: int) -> bool:
        """A place noun ends a free name where a place follows it ("... huyện Đăk Hà", "tỉnh"),
        not where a commune noun is part of a word ("trật tự xã hội")."""
        noun = self.place_nouns.longest(s.words, j)
        if noun is None:
            return False
        k = noun[0]
        return k >= len(s) or not s.raw[k].isalpha() or s.is_cap(k) or noun[1][1] != "commune"

    def place_at(self, s: Sentence, i: int, required: bool, min_len: int = 2) -> tuple[int, str] | None:
        """A place name at ``i``, leaving alone a person's name that may follow it."""
        prov = self.province_at(s, i) or self._numbered_district(s, i)
        if prov:
            return prov
        run_end = self._cap_run(s, i)
        n = run_end - i
        if n == 0:
            return None
        words = s.words
        # a place the article names elsewhere ("huyện Sóc Sơn"), then maybe a person
        for k in range(n, 0, -1):
            if tuple(words[i:i + k]) in self.places:
                rest = i + k
                if rest == run_end or self.name_at(s, rest, 3):
                    return rest, s.span_text(i, rest)
        whole_is_name = self.name_at(s, i, 3) == run_end
        if whole_is_name and not required:
            return None
        for k in range(1 if required else min_len, n):
            if self.name_at(s, i + k, 3) == run_end:
                return i + k, s.span_text(i, i + k)
        if n >= (1 if required else min_len) and n <= 4 and not whole_is_name:
            return run_end, s.span_text(i, run_end)
        # the whole run is a person's name ("Bí thư Huyện ủy Đinh Thị Minh Loan"): the
        # district is the one the article is about, not written here
        return None

    def _place_phrase(self, s: Sentence, i: int, ref: BodyRef, mode: str) -> int:
        """Attach a place to ``ref`` (noun + name, province, or bare name); return the end."""
        if i >= len(s) or mode == "none":
            return i
        numbered = self._numbered_district(s, i) or self.province_at(s, i)  # "Quận 1", "TP.HCM"
        if numbered and mode != "none":
            ref.place = numbered[1]
            return numbered[0]
        noun = self.place_nouns.longest(s.words, i)
        if noun:
            j, (noun_text, _level) = noun
            ref.place_noun = noun_text
            if j < len(s) and s.raw[j].isdigit() and len(s.raw[j]) <= 2:  # "quận 3", "phường 12"
                ref.place = s.raw[j]
                return j + 1
            found = self.place_at(s, j, required=False, min_len=1)
            if found:
                ref.place = found[1]
                return found[0]
            return j
        found = self.place_at(s, i, required=(mode == "district"), min_len=2)
        if found and mode in ("district", "optional", "locality"):
            if mode == "locality" and self.province_at(s, i) is None \
                    and tuple(s.words[i:found[0]]) not in self.places:
                return i
            ref.place = found[1]
            return found[0]
        return i

    def _place_out_of_name(self, s: Sentence, ref: BodyRef, start: int, end: int) -> None:
        """A province or city that ends the free name ``start:end`` is the body's place,
        written in full ("Học viện Cán bộ TP.HCM": of Thành phố Hồ Chí Minh); a name that is
        only a province is the place of a body that needs no name ("Trường Chính trị Long An")."""
        for k in range(start if not ref.head.named else start + 1, end):
            found = self.province_at(s, k)
            if found and found[0] == end:
                ref.unit, ref.place = (s.span_text(start, k) if k > start else None), found[1]
                return
