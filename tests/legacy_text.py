"""Vietnamese text written the way old office machines wrote it: Windows-1258 bytes, and
TCVN3 (ABC) or VNI font bytes, for the tests of reading them back.

Windows-1258 is encoded with Python's codec, the tone mark written after its letter as
the code page does. TCVN3 and VNI are encoded by inverting the font tables the reader
uses (viparse's, with the VNI ẳ the reader adds); the fixed strings of
:data:`KNOWN` come from outside those tables, as real files spell them.
"""
from __future__ import annotations

import unicodedata

TONES = "\u0300\u0301\u0309\u0303\u0323"

# real legacy bytes (as Latin-1 characters) of well-known phrases, and what they say
KNOWN = {
    "tcvn3": [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Ban Th\u00adêng vô TØnh ñy", "Ban Thường vụ Tỉnh ủy"),
    ],
    "vni": [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("Ban Thöôøng vuï Tænh uûy", "Ban Thường vụ Tỉnh ủy"),
    ],
}


def windows_1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def _table(name: str) -> dict[str, str]:
    from viparse.normalize.encodings import CHARMAPS

    inverse: dict[str, str] = {}
    for legacy, letter in CHARMAPS[name].pairs:
        inverse.setdefault(unicodedata.normalize("NFC", letter), legacy)
    if name == "vni":
        inverse.setdefault("ẳ", "aú")
        inverse.setdefault("Ẳ", "AÚ")
    return inverse


def legacy_font(text: str, name: str) -> bytes:
    """``text`` in TCVN3 or VNI font bytes. TCVN3 has no capital letters with a tone mark:
    they are written as the small ones, as .VnTime users typed them."""
    table = _table(name)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(table.get(ch) or table.get(ch.lower()) or ch)
    return "".join(out).encode("cp1252", "replace")  # dashes and quotes as Windows wrote them


def tcvn3_readable(text: str) -> str:
    """What a TCVN3 file of ``text`` reads back as: capitals with a tone mark in small letters."""
    table = _table("tcvn3")
    return "".join(ch.lower() if ch not in table and ch.lower() in table else ch
                   for ch in unicodedata.normalize("NFC", text))
