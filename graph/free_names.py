"""Proper names of free form in the grammar of bodies: the words after a head that name
the unit ("Công ty cổ phần Cà phê Buôn Ma Thuột", "Phòng Quản lý lữ hành", "Tổng công ty
Sản xuất - Xuất nhập khẩu"), and where such a name ends.

:class:`FreeNameReading` is a part of :class:`.grammar.Grammar`, which gives it the
lexicons and the name and place parsers it uses.
"""
from __future__ import annotations

from . import lexicon as lx
from .tokens import Sentence


class FreeNameReading:
    """The free-name parsers of :class:`.grammar.Grammar`."""

    def free_name(self, s: Sentence, i: int, limit: int = 14) -> int:
        """End of a proper name of free form ("Quản lý lữ hành", "Cổ phần Cấp nước Hải Phòng").

        It starts with a capital and runs on over lower-case words until punctuation, a
        body head, a title, a verb, a place noun or a person's name.
        """
        if i < len(s) and s.words[i] in self.legal_forms.firsts:
            form = self.legal_forms.longest(s.words, i)  # "Công ty cổ phần Cà phê Buôn Ma Thuột"
            if form:
                end = self.free_name(s, form[0], limit)
                return end if end > form[0] else i
        if i >= len(s) or not s.is_name_word(i) or self._verb_at(s, i):
            return i
        if self.name_at(s, i, 3) == self._cap_run(s, i):
            return i  # "Bí thư Đảng ủy xã Trần Văn Bảy": a person, not the unit's name
        j = i + 1
        last_cap = j
        while j < len(s) and j - i < limit and (s.raw[j].isalpha() or self._joins_name(s, j)):
            w = s.words[j]
            prov = self.province_at(s, j)
            if prov:  # "... Cấp nước Hải Phòng": a province ends the name
                j = last_cap = prov[0]
                break
            central = self.heads.longest(s.words, j)
            if central and central[1].kind == "trung_uong" and central[0] == j + 2:
                j = last_cap = central[0]  # "Hội đồng Lý luận Trung ương"
                break
            if self._stops_name(s, j) or self.blocks_name(s, j) or self._place_noun_ends(s, j) or self.name_at(s, j, 3):
                break
            j += 1
            if s.is_cap(j - 1):
                last_cap = j
        # trailing lower-case words belong to the sentence, not the name, unless the name
        # is all lower-case after its first word ("Quản lý lữ hành") or one syllable ends
        # its last word ("Sư phạm Kỹ thuật", "Tài nguyên và Môi trường")
        if last_cap > i + 1 and j - last_cap == 1 and j - i < limit:
            return j
        return last_cap if last_cap > i + 1 else j

    def _stops_name(self, s: Sentence, j: int) -> bool:
        """A function word ("do", "của"), a verb of a role ("phát biểu") or of holding ("tổ
        chức") ends a free name."""
        w = s.words[j]
        if w in self.name_stops:
            return True
        if s.is_cap(j):
            return False
        return (w in self.verbs and lx.role_after().longest(s.words, j) is not None) \
            or (w in self.name_stop_verbs.firsts and self.name_stop_verbs.longest(s.words, j) is not None)

    @staticmethod
    def _joins_name(s: Sentence, j: int) -> bool:
        """A hyphen between two capitalised parts of one name ("Sản xuất - Xuất nhập khẩu")."""
        return s.raw[j] == "-" and j + 1 < len(s) and s.is_cap(j + 1) and s.raw[j - 1].isalpha()
