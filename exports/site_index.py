"""The pages that gather the rest of the site: each article's page (the facts it states
and its text), the index and the list pages, a hub's larger network and the overview.

:class:`SitePages` adds them to the entity pages of :mod:`.site_pages`; :mod:`.site`
writes them all. A graph with more entities of a kind (or more articles) than
:data:`LIST_ROWS` lists the most connected (the latest) on the index and every one on a
page of its own (``lists/``), so the index stays small at any size.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

import networkx as nx

from ..graph.analysis import (
    ATTENDEE,
    DISCUSSES,
    HOLDS,
    IMPLEMENTS,
    ISSUER,
    POST_IN,
    SUB_ORGANIZATION_OF,
    date_key,
)
from .site_data import Evidence
from .site_html import TYPE_LABELS, article_text, esc, gloss, heading, link, page, quote, table
from .site_network import MORE_NODES, neighbourhood, packed
from .site_pages import Pages
from .site_pieces import Edge, fold, short, vn_date
from .site_paths import article_path, list_path, network_path, page_path

LIST_ROWS = 80  # rows of each list on the index; above, the most connected, and pages with all (lists/)
LIST_PAGE_ROWS = 500  # rows of one page of those lists (lists/meeting.html, lists/meeting-2.html...)
LIST_KINDS = [("person", "Nhân sự", "people"), ("body", "Cơ quan, tổ chức", "bodies"),
              ("meeting", "Hội nghị", "meetings"), ("directive", "Văn bản", "documents")]


class SitePages(Pages):
    """The entity pages and the pages that gather them (see the module's doc)."""

    # -- articles -----------------------------------------------------------------------

    def article(self, aid: str, facts: list[Edge], meetings: list[str]) -> str:
        """The page of an article: what it is, the facts it states (each with its sentence,
        linked to the sentence below), and its text with those sentences marked."""
        here = article_path(aid)
        a = self.data.articles.get(aid, {})
        ev: list[Evidence] = []

        text = self.data.texts.get(aid)

        def q(fact: str | None, d: dict[str, Any]) -> str:
            found = self.data.evidence(fact, d)
            if found is None:
                return self.sources(here, [d])
            ev.append(found)
            if text is None:
                return self.quote(here, found)
            return quote(found, here, here, "↓ trong toàn văn (in the text)")

        posts, attendance, documents, implements, structure = [], [], [], [], []
        for u, v, d in facts:
            r = d["relation"]
            if r == HOLDS:
                body = self._target(v, POST_IN)
                posts.append([self.ref(here, u),
                              esc(self.name(v)) + gloss(self.post_gloss(v)),
                              self.ref(here, body) if body else "", q(d.get("fact"), d)])
            elif r == ATTENDEE:
                attendance.append([self.ref(here, v), self.ref(here, u),
                                   self.role(d.get("role") or "participant"), q(d.get("fact"), d)])
            elif r in DISCUSSES:
                documents.append([self.ref(here, u), self.ref(here, v), self.relation(r),
                                  q(d.get("fact"), d)])
            elif r == IMPLEMENTS:
                implements.append([self.ref(here, u), self.ref(here, v), q(d.get("fact"), d)])
            elif r in (SUB_ORGANIZATION_OF, ISSUER):
                phrase = ("trực thuộc", "part of") if r == SUB_ORGANIZATION_OF else ("do … ban hành", "issued by")
                structure.append([self.ref(here, u), f"{esc(phrase[0])}{gloss(phrase[1])}", self.ref(here, v)])
        reported = []
        for m in meetings:
            md = self.g.nodes[m]
            for e in md.get("evidence", []):
                if e.get("article") == aid:
                    reported.append([vn_date(md.get("date")), self.ref(here, m),
                                     self.ref(here, md.get("organizer")), q(m, e)])
        full = (f'<div class="text">{article_text(text, ev)}</div>\n' if text is not None else
                '<p class="muted">Không có toàn văn bài viết: bài được đọc trước khi cadregraph lưu văn bản, hoặc văn '
                'bản đã thay đổi <span class="gloss">the text of this article is not kept with the graph</span></p>\n')
        meta = [("Ngày đăng", "published", vn_date(a.get("date")) if a.get("date") else ""),
                ("Tác giả", "authors", esc(", ".join(self.data.authors.get(aid, [])))),
                ("Địa chỉ gốc", "original address",  # as text: a link would lead off the machine
                 f'<span class="url">{esc(a["url"])}</span>' if a.get("url") else ""),
                ("Mã bài", "article id", f"<code>{esc(aid)}</code>")]
        rows = "".join(f"<dt>{esc(k)}{gloss(e)}</dt><dd>{v}</dd>" for k, e, v in meta if v)
        body = (
            f'<p class="kind k-article">{esc(TYPE_LABELS["article"][0])}{gloss(TYPE_LABELS["article"][1])}</p>\n'
            f"<h1>{esc(a.get('title') or aid)}</h1>\n<dl class=\"facts\">{rows}</dl>\n"
            + heading(2, "Thông tin trích từ bài", "facts this article states",
                      len(posts) + len(reported) + len(attendance) + len(documents) + len(implements))
            + heading(3, "Chức vụ", "posts held", len(posts))
            + table([("Họ và tên", "name", "text"), ("Chức vụ", "post", ""), ("Cơ quan", "body", ""),
                     ("Câu văn", "sentence", "")], posts, sortable=True)
            + heading(3, "Hội nghị", "meetings reported", len(reported))
            + table([("Ngày", "date", "date"), ("Hội nghị", "meeting", ""), ("Đơn vị tổ chức", "organiser", ""),
                     ("Câu văn", "sentence", "")], reported, sortable=True)
            + heading(3, "Thành phần tham dự", "participants", len(attendance))
            + table([("Họ và tên", "name", "text"), ("Hội nghị", "meeting", ""), ("Vai trò", "role", ""),
                     ("Câu văn", "sentence", "")], attendance, sortable=True)
            + heading(3, "Văn bản", "documents dealt with", len(documents))
            + table([("Hội nghị", "meeting", ""), ("Văn bản", "document", "text"), ("Nội dung", "relation", ""),
                     ("Câu văn", "sentence", "")], documents, sortable=True)
            + heading(3, "Văn bản thực hiện văn bản", "documents implementing documents", len(implements))
            + table([("Văn bản", "document", ""), ("Thực hiện", "implements", ""), ("Câu văn", "sentence", "")],
                    implements)
            + (heading(3, "Cơ cấu", "structure", len(structure))
               + table([("Thực thể", "entity", ""), ("Quan hệ", "relation", ""), ("Thực thể", "entity", "")], structure)
               if structure else "")
            + heading(2, "Toàn văn", "full text, the sentences above highlighted") + full)
        return page(here, a.get("title") or aid, body, "article")

    # -- the larger network of a hub, the overview, the index ---------------------------

    def more(self, n: str) -> str:
        here = network_path(n) or ""
        net = neighbourhood(self.v, n, MORE_NODES, depth=1)
        note = (f'<p class="more">Hiển thị {net["shown"]} trên {net["neighbours"]} liên kết trực tiếp '
                f'<span class="gloss">showing {net["shown"]} of {net["neighbours"]} direct links</span></p>\n')
        body = (f'<p class="kind">Mạng lưới <span class="gloss">network</span></p>\n'
                f"<h1>{self.ref(here, n)}</h1>\n" + self.network_section(note).replace('class="network"',
                                                                                      'class="network large"'))
        return page(here, self.name(n), body, "network", {"network": packed(net)})

    def overview(self, here: str, total: int, limit: int) -> str:
        types = "".join(f'<label><input type="checkbox" name="type" value="{k}" checked> '
                        f'<span class="sym s-{k}"></span>{esc(TYPE_LABELS[k][0])}{gloss(TYPE_LABELS[k][1])}</label>'
                        for k in ("person", "body", "meeting", "directive"))
        note = (f'<p class="muted">{total} thực thể <span class="gloss">entities</span>. '
                + (f"Quá {limit} thực thể: chỉ vẽ {limit} thực thể có nhiều liên kết nhất; thu hẹp bằng bộ lọc. "
                   f'<span class="gloss">Above {limit}, the {limit} most connected are drawn; narrow with the '
                   "filters.</span>" if total > limit else "")
                + "</p>\n")
        body = (
            "<h1>Toàn cảnh <span class=\"gloss\">overview of the graph</span></h1>\n" + note
            + '<form class="filters" id="filters">'
            f'<fieldset><legend>Loại <span class="gloss">type</span></legend>{types}</fieldset>'
            '<fieldset><legend>Thời gian <span class="gloss">date range</span></legend>'
            '<label>Từ <span class="gloss">from</span> <input type="date" name="from"></label> '
            '<label>Đến <span class="gloss">to</span> <input type="date" name="to"></label></fieldset>'
            '<fieldset><legend>Cơ quan <span class="gloss">body and the bodies under it</span></legend>'
            '<select name="body"><option value="">— tất cả (all) —</option></select></fieldset>'
            f'<fieldset><legend>Tối đa <span class="gloss">at most</span></legend>'
            f'<input type="number" name="limit" min="10" max="5000" step="10" value="{limit}"></fieldset>'
            '</form>\n<p class="muted" id="shown" aria-live="polite"></p>\n'
            + self.network_section().replace('class="network"', 'class="network large"'))
        return page(here, "Toàn cảnh", body, "overview", {"overview": True}, scripts=["assets/overview-data.js"])

    def index(self, counts: dict[str, int], first: str | None, last: str | None) -> str:
        here = "index.html"
        g = self.g
        kinds = LIST_KINDS
        by_type: dict[str, list[str]] = defaultdict(list)
        for n, t in g.nodes(data="type"):
            if t in counts and page_path(n):
                by_type[t].append(n)
        tiles = "".join(f'<li><a href="#{k}"><b>{counts.get(k, 0)}</b>{esc(vi)}{gloss(en)}</a></li>'
                        for k, vi, en in kinds)
        tiles = (f'<li><a href="#articles"><b>{len(self.data.articles)}</b>Bài viết{gloss("articles")}</a></li>'
                 + tiles)
        sections = []
        for k, vi, en in kinds:
            nodes = by_type[k]
            shown = nodes
            more = ""
            if len(nodes) > LIST_ROWS:  # the most connected here, all of them on a page of their own
                shown = sorted(nodes, key=lambda n: (-self.v.h.degree(n), fold(self.name(n)), n))[:LIST_ROWS]
                more = (f'<p class="more">{len(shown)} trên {len(nodes)}, có nhiều liên kết nhất · '
                        f'{link(here, list_path(k), f"Xem tất cả {len(nodes)} (all {len(nodes)})")} '
                        '<span class="gloss">the most connected; the search box finds every one</span></p>\n')
            sections.append(heading(2, vi, en, len(nodes), anchor=k) + more + self.list_table(here, k, shown))
        articles = sorted(self.data.articles, key=lambda a: (date_key(self.data.articles[a].get("date")), a))
        more = ""
        if len(articles) > LIST_ROWS:  # the latest here, all of them on a page of their own
            more = (f'<p class="more">{LIST_ROWS} bài mới nhất · '
                    f'{link(here, list_path("article"), f"Xem tất cả {len(articles)} (all {len(articles)})")} '
                    f'<span class="gloss">the latest {LIST_ROWS}</span></p>\n')
            articles = articles[-LIST_ROWS:]
        sections.append(heading(2, "Bài viết", "articles", len(self.data.articles), anchor="articles") + more
                        + self.article_table(here, articles))
        body = (
            "<h1>Đồ thị nhân sự, cơ quan, hội nghị và văn bản "
            '<span class="gloss">officials, bodies, meetings and documents</span></h1>\n'
            f'<p class="lead">Từ {vn_date(first)} đến {vn_date(last)} '
            f'<span class="gloss">date range of the facts</span> · '
            f'<a href="overview.html">Xem toàn cảnh mạng lưới <span class="gloss">overview</span></a></p>\n'
            f'<ul class="counts">{tiles}</ul>\n'
            '<p class="muted">Gõ tên vào ô tìm kiếm ở trên, có dấu hay không dấu '
            '<span class="gloss">type a name in the search box above, with or without diacritics</span></p>\n'
            + "".join(sections))
        return page(here, "Trang chủ", body, "index")

    def list_table(self, here: str, kind: str, nodes: list[str]) -> str:
        rows = [self._index_row(here, kind, n) for n in sorted(nodes, key=lambda n: self._index_key(kind, n))]
        return table(_INDEX_HEADERS[kind], rows, sortable=True)

    def article_table(self, here: str, articles: list[str]) -> str:
        rows = [[vn_date(self.data.articles[a].get("date")), link(here, article_path(a),
                                                                   self.data.articles[a].get("title") or a)]
                for a in articles]
        return table([("Ngày đăng", "published", "date"), ("Tiêu đề", "title", "text")], rows, sortable=True)

    def list_pages(self, kind: str, vi: str, en: str) -> Iterator[tuple[str, str]]:
        """(path, page): every entity of ``kind`` (or every article), for the index of a large
        graph, :data:`LIST_PAGE_ROWS` to a page, in the index's order, each page linking to the others."""
        if kind == "article":
            found = sorted(self.data.articles, key=lambda a: (date_key(self.data.articles[a].get("date")), a))
        else:
            found = sorted((n for n, t in self.g.nodes(data="type") if t == kind and page_path(n)),
                           key=lambda n: self._index_key(kind, n))
        count = max(1, -(-len(found) // LIST_PAGE_ROWS))
        for number in range(1, count + 1):
            here = list_path(kind, number)
            rows = found[(number - 1) * LIST_PAGE_ROWS:number * LIST_PAGE_ROWS]
            listed = self.article_table(here, rows) if kind == "article" else self.list_table(here, kind, rows)
            pager = _pager(here, kind, number, count, len(found))
            title = vi if count == 1 else f"{vi} ({number}/{count})"
            yield here, page(here, title, heading(1, vi, en, len(found)) + pager + listed + pager, "list")

    def _index_key(self, kind: str, n: str) -> tuple:
        d = self.g.nodes[n]
        if kind == "meeting":
            return (date_key(d.get("date")), n)
        return (fold(self.name(n)), n)

    def _index_row(self, here: str, kind: str, n: str) -> list[str]:
        d = self.g.nodes[n]
        name = self.ref(here, n)
        if kind == "person":
            posts = sorted({self.name(p) for _, p, _ in self.out(n, HOLDS)}, key=lambda x: (fold(x), x))
            shown = short(posts[0], 60) + (f" (+{len(posts) - 1})" if len(posts) > 1 else "") if posts else ""
            return [name, esc(shown), vn_date(d.get("first")),
                    vn_date(d.get("last"))]
        if kind == "body":
            parent = self._target(n, SUB_ORGANIZATION_OF)
            return [name, esc(d.get("body_type") or "") + gloss(self.data.glosses.get(n)),
                    self.ref(here, parent) if parent else "",
                    vn_date(d.get("first"))]
        if kind == "meeting":
            return [vn_date(d.get("date")), name, self.ref(here, d.get("organizer"))]
        return [name, vn_date(d.get("date")), esc(short(d.get("subject") or "", 90))]


_INDEX_HEADERS = {
    "person": [("Họ và tên", "name", "text"), ("Chức vụ", "posts", ""), ("Lần đầu", "first reported", "date"),
               ("Lần cuối", "last reported", "date")],
    "body": [("Tên", "name", "text"), ("Loại", "type", "text"), ("Trực thuộc", "part of", ""),
             ("Lần đầu", "first reported", "date")],
    "meeting": [("Ngày", "date", "date"), ("Hội nghị", "meeting", "text"), ("Đơn vị tổ chức", "organiser", "")],
    "directive": [("Văn bản", "document", "text"), ("Ngày ban hành", "issued", "date"), ("Trích yếu", "subject", "")],
}


def _pager(here: str, kind: str, number: int, count: int, total: int) -> str:
    """Links to the other pages of a list (none when it has one)."""
    if count == 1:
        return ""
    links = " ".join(f"<b>{n}</b>" if n == number else link(here, list_path(kind, n), str(n))
                     for n in range(1, count + 1))
    first = (number - 1) * LIST_PAGE_ROWS + 1
    return (f'<nav class="pager">Trang <span class="gloss">page</span> {links} · '
            f'{first}–{min(number * LIST_PAGE_ROWS, total)} / {total} '
            '<span class="gloss">the table sorts the rows of this page</span></nav>\n')


def article_facts(g: nx.MultiDiGraph) -> tuple[dict[str, list[Edge]], dict[str, list[str]]]:
    """Per article, the edges it states (in a fixed order) and the meetings it reports."""
    facts: dict[str, list[Edge]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        for a in d.get("articles") or [d.get("article")]:
            if a:
                facts[a].append((u, v, d))
    for a in facts:
        facts[a].sort(key=lambda e: (e[2].get("start") if e[2].get("start") is not None else 1 << 60,
                                     e[2]["relation"], e[0], e[1]))
    meetings: dict[str, list[str]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        if d.get("type") == "meeting":
            for e in d.get("evidence", []):
                if n not in meetings[e["article"]]:
                    meetings[e["article"]].append(n)
    for a in meetings:
        meetings[a].sort(key=lambda m: (date_key(g.nodes[m].get("date")), m))
    return facts, meetings
