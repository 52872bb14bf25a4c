"""Shared by the site tests: a store built from hand-made facts (no extraction), a hostile
article whose every name, title and sentence carries markup, and reading a written site."""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from cadregraph.exports.site import read_site, save_texts
from cadregraph.exports.site_data import SiteData
from cadregraph.graph.identity import resolve_identities
from cadregraph.graph.model import (
    ArticleFacts,
    BodyMention,
    DirectiveMention,
    Evidence,
    Meeting,
    MeetingDirective,
    Participation,
    PersonMention,
    PostMention,
)
from cadregraph.graph.rdf import article_graph
from cadregraph.graph.resolve import resolve_each
from cadregraph.graph.store import GraphStore
from cadregraph.graph.tenure import observations_from_store, tenure_graph, tenures
from cadregraph.sources.model import Article

# what an article could carry to run a script on a page that does not escape it
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
SVG = "<svg onload=alert(3)>"
PAYLOADS = (IMG, SCRIPT, SVG)
HOSTILE_NAME = f"Nguyễn {IMG}"
HOSTILE_BODY = f"Đảng ủy {SVG} Khu"
HOSTILE_MEETING = f"Hội nghị {SCRIPT}"
HOSTILE_TEXT = (
    f"Hội nghị {IMG} {SCRIPT}\n"
    f"Ngày 04/11/2023, {HOSTILE_BODY} tổ chức hội nghị quán triệt Quy định số 124-QĐ/TW. "
    f"Đồng chí {HOSTILE_NAME}, Bí thư {HOSTILE_BODY} chủ trì hội nghị \u2028và phát biểu {SCRIPT}. "
    f"Đồng chí Trần Văn An, Phó Bí thư {HOSTILE_BODY} dự hội nghị.\n"
    "<p onclick=alert(4)>Kết thúc</p> & hết.\n"
)


def article(article_id: str, text: str, **kw) -> Article:
    return Article(article_id=article_id, source_path=f"{article_id}.txt", original=text, text=text,
                   offset_map=list(range(len(text))), title=text.splitlines()[0],
                   body_start=0, body_end=len(text), content_hash=hashlib.sha256(text.encode()).hexdigest(), **kw)


def evidence(a: Article, phrase: str) -> Evidence:
    """The sentence around the first occurrence of ``phrase``, ``phrase`` as the matched words."""
    at = a.original.index(phrase)
    stop = a.original.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, a.original.rfind("\n", 0, at) + 1)
    end = a.original.find(".", at + len(phrase)) + 1
    return Evidence(a.article_id, start, end, a.original[start:end], at, at + len(phrase))


def hostile_facts(article_id: str = "evil01") -> ArticleFacts:
    a = article(article_id, HOSTILE_TEXT, published="2023-11-05", authors=(f"Tác giả {IMG}",), locality="Hải Phòng")
    body = HOSTILE_BODY
    person = PersonMention(HOSTILE_NAME.casefold(), HOSTILE_NAME,
                           posts=[PostMention("Bí thư", body, f"Bí thư {body}", evidence(a, f"Bí thư {body}"))])
    other = PersonMention("trần văn an", "Trần Văn An",
                          posts=[PostMention("Phó Bí thư", body, f"Phó Bí thư {body}",
                                             evidence(a, f"Phó Bí thư {body}"))])
    q124 = DirectiveMention("Quy định|124|QĐ/TW", "Quy định", "124", "QĐ/TW", issued="2023-10-04",
                            subject=f"về {SVG} kiểm điểm", issuer_level="central")
    meeting = Meeting(f"{article_id}#m1", "hội nghị", HOSTILE_MEETING, "2023-11-04", body,
                      evidence(a, "tổ chức hội nghị"),
                      participants=[Participation(HOSTILE_NAME.casefold(), "chair", evidence(a, "chủ trì hội nghị")),
                                    Participation("trần văn an", "attendee", evidence(a, "dự hội nghị"))],
                      directives=[MeetingDirective("Quy định|124|QĐ/TW", "disseminated", evidence(a, "quán triệt"))])
    return ArticleFacts(a, people=[person, other], bodies=[BodyMention(body, body, "dang_uy", locality="Hải Phòng")],
                        meetings=[meeting], directives=[q124])


def build_store(out: Path, facts: list[ArticleFacts], prune: bool = False) -> SiteData:
    """What ``cadregraph build`` does with ``facts``, up to the data of the site."""
    identities = resolve_identities(facts)
    with GraphStore.create(out) as store:
        store.sync((article_graph(v, store.base) for v in resolve_each(facts, identities)), prune=prune)
        held = tenures(observations_from_store(store))
        store.put_derived("tenures", tenure_graph(held, store.base))
        save_texts(store, out, [f.article for f in facts])
        return read_site(store, out, held)


class Parsed(HTMLParser):
    """The elements of a page: every (tag, attributes), ids, text of script blocks."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of ``site`` by its path from the site's root."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def linked(page_path: str, href: str) -> tuple[str, str]:
    """The page (from the site's root) and fragment a relative link of ``page_path`` names."""
    target, _, fragment = href.partition("#")
    parts = page_path.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts), fragment


WEB = re.compile(r"^\s*(https?:)?//", re.I)


SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Khánh", "Lan", "Mai", "Nam", "Phong", "Quân",
         "Sơn", "Tâm", "Thảo", "Uyên", "Vinh", "Xuân", "Yến")
TITLES = ("Bí thư", "Phó Bí thư", "Ủy viên", "Trưởng ban", "Phó Trưởng ban")


def large_facts(articles: int = 40, people: int = 300, bodies: int = 12, per_meeting: int = 14) -> list[ArticleFacts]:
    """A corpus larger than the samples, made without the extractor: ``articles`` meetings,
    each of one of ``bodies`` bodies (the first is a hub every meeting of the others is
    under), ``per_meeting`` of ``people`` people taking part, each named with a post."""
    names = [f"{SURNAMES[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 20]} {GIVEN[i % 20]}"
             for i in range(people)]
    body_names = [f"Đảng ủy Khối số {b + 1} Hải Phòng" for b in range(bodies)]
    out = []
    for k in range(articles):
        body = body_names[k % bodies]
        who = [names[(k * 7 + j * 11) % people] for j in range(per_meeting)]
        lines = [f"Hội nghị lần {k + 1} của {body}",
                 f"Ngày {1 + k % 28}/{1 + k % 12}/2023, {body} tổ chức hội nghị quán triệt Quy định số 124-QĐ/TW."]
        lines += [f"Đồng chí {n}, {TITLES[(k + j) % 5]} {body} dự hội nghị." for j, n in enumerate(who)]
        text = "\n".join(lines) + "\n"
        a = article(f"big{k:03d}", text, published=f"2023-{1 + k % 12:02d}-{1 + k % 28:02d}", locality="Hải Phòng")
        mentions, parts = [], []
        for j, n in enumerate(who):
            post = f"{TITLES[(k + j) % 5]} {body}"
            mentions.append(PersonMention(n.casefold(), n, posts=[PostMention(TITLES[(k + j) % 5], body, post,
                                                                              evidence(a, f"{n}, {post}"))]))
            parts.append(Participation(n.casefold(), "chair" if j == 0 else "attendee", evidence(a, f"{n}, {post}")))
        bodies_found = [BodyMention(body, body, "dang_uy", parent=body_names[0] if body != body_names[0] else None,
                                    locality="Hải Phòng")]
        if body != body_names[0]:
            bodies_found.append(BodyMention(body_names[0], body_names[0], "dang_uy", locality="Hải Phòng"))
        q124 = DirectiveMention("Quy định|124|QĐ/TW", "Quy định", "124", "QĐ/TW", issuer_level="central")
        meeting = Meeting(f"big{k:03d}#m1", "hội nghị", lines[0], a.published, body, evidence(a, "tổ chức hội nghị"),
                          participants=parts,
                          directives=[MeetingDirective("Quy định|124|QĐ/TW", "disseminated", evidence(a, "quán triệt"))])
        out.append(ArticleFacts(a, people=mentions, bodies=bodies_found, meetings=[meeting], directives=[q124]))
    return out
