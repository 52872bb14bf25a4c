"""The pages of the entities, one method per kind: a person, a body, a meeting, a document,
and the pieces every page is made of (links, sentences, the network section).

Each returns the page's HTML; :mod:`.site` decides where it goes, and :mod:`.site_index`
adds the pages that gather the rest (articles, the index and lists, larger networks, the
overview). Pages are in Vietnamese with English glosses (``Bí thư`` *Secretary*); every
fact shows the sentence that states it, its matched words highlighted, linked to that
sentence on its article's page. Rows come in a fixed order (date, then name without
diacritics, then id), so the same graph always gives the same pages.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from ..graph.analysis import (
    ATTENDEE,
    DISCUSSES,
    HOLDS,
    IMPLEMENTS,
    ISSUER,
    ORGANIZER,
    POST_IN,
    ROLE_ORDER,
    SUB_ORGANIZATION_OF,
    date_key,
    label,
    roles_in_order,
)
from ..graph.lookup import fold as _fold
from ..graph.tenure import career, succession
from .site_data import Evidence, SiteData
from .site_html import (
    LINKS_SHOWN,
    QUOTES_SHOWN,
    RELATION_LABELS,
    TYPE_LABELS,
    cell,
    esc,
    gloss,
    heading,
    link,
    more_count,
    page,
    quote,
    shown,
    table,
)
from .site_network import PAGE_NODES, View, neighbourhood, packed
from .site_paths import article_path, network_path, page_path

fold = lru_cache(maxsize=None)(_fold)  # names are folded again and again to sort rows
Edge = tuple[str, str, dict[str, Any]]


def vn_date(iso: str | None) -> str:
    """``2023-11-04`` -> ``<time datetime="2023-11-04">04/11/2023</time>``; ``—`` for none."""
    if not iso:
        return '<span class="muted">—</span>'
    parts = iso.split("-")
    shown = "/".join(reversed(parts)) if len(parts) == 3 else iso
    return f'<time datetime="{esc(iso)}">{esc(shown)}</time>'


def span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return '<span class="muted">—</span>'
    if first == last or not last:
        return vn_date(first)
    return f"{vn_date(first)} – {vn_date(last)}"

class Pages:
    """The renderers of the entity pages, over one :class:`SiteData` and its drawn :class:`View`."""

    def __init__(self, data: SiteData, v: View) -> None:
        self.data, self.v, self.g = data, v, data.g
        self.careers: dict[str, list] = defaultdict(list)  # person -> tenures; post -> tenures (once, not per page)
        self.holders: dict[str, list] = defaultdict(list)
        for t in data.tenures:
            self.careers[t.person_id].append(t)
            self.holders[t.post_id].append(t)

    # -- small pieces -------------------------------------------------------------------

    def name(self, n: str | None) -> str:
        return label(self.g, n) if n and n in self.g else (n or "")

    def ref(self, here: str, n: str | None, text: str | None = None) -> str:
        """A link to the page of ``n`` (its name when it has no page)."""
        if not n:
            return '<span class="muted">—</span>'
        return link(here, page_path(n), text if text is not None else self.name(n))

    def article_label(self, aid: str) -> str:
        a = self.data.articles.get(aid, {})
        title = a.get("title") or aid
        title = title if len(title) <= 70 else title[:69].rstrip() + "…"
        return f"{a['date']} · {title}" if a.get("date") else title

    def quote(self, here: str, ev: Evidence | None) -> str:
        if ev is None:
            return '<span class="muted">—</span>'
        return quote(ev, here, article_path(ev.article), self.article_label(ev.article))

    def edge_quote(self, here: str, d: dict[str, Any]) -> str:
        return self.quote(here, self.data.evidence(d.get("fact"), d))

    def quotes(self, here: str, facts: Iterable[dict[str, Any]]) -> str:
        """The distinct sentences of ``facts``, one per line: the first :data:`QUOTES_SHOWN`, and how many more."""
        seen, out = set(), []
        for d in sorted(facts, key=lambda d: (d.get("article") or "", d.get("start") or 0)):
            key = (d.get("article"), d.get("start"), d.get("end"), d.get("quote"))
            if key in seen or d.get("quote") is None:
                continue
            seen.add(key)
            if len(seen) <= QUOTES_SHOWN:
                out.append(f"<div>{self.edge_quote(here, d)}</div>")
        if len(seen) > QUOTES_SHOWN:
            out.append(f"<div>{more_count(len(seen) - QUOTES_SHOWN, 'câu khác', 'more sentences')}</div>")
        return "".join(out) or self.sources(here, facts)

    def sources(self, here: str, facts: Iterable[dict[str, Any]]) -> str:
        """Links to the articles that state ``facts`` (for links with no sentence)."""
        found = sorted({a for d in facts for a in (d.get("articles") or [d.get("article")]) if a})
        if not found:
            return '<span class="muted">—</span>'
        return "; ".join(link(here, article_path(a), self.article_label(a), "src") for a in found)

    def role(self, role: str) -> str:
        vi, en = self.data.role_label(role)
        return f"{esc(vi)}{gloss(en)}"

    def relation(self, relation: str) -> str:
        vi, en = RELATION_LABELS.get(relation, (relation, relation))
        return f"{esc(vi)}{gloss(en)}"

    def post_gloss(self, post: str) -> str:
        body = self._target(post, POST_IN)
        parts = [self.data.glosses.get(post), self.data.glosses.get(body) if body else None]
        return ", ".join(p for p in parts if p)

    def out(self, n: str, *relations: str) -> list[Edge]:
        return sorted(((u, v, d) for u, v, d in self.g.out_edges(n, data=True) if d["relation"] in relations),
                      key=lambda e: (e[1], e[2].get("article") or "", e[2].get("fact") or ""))

    def into(self, n: str, *relations: str) -> list[Edge]:
        return sorted(((u, v, d) for u, v, d in self.g.in_edges(n, data=True) if d["relation"] in relations),
                      key=lambda e: (e[0], e[2].get("article") or "", e[2].get("fact") or ""))

    def _target(self, n: str, relation: str) -> str | None:
        return next((v for _, v, _ in self.out(n, relation)), None)

    def header(self, n: str, facts: list[tuple[str, str, str]]) -> str:
        """The title of an entity's page and its facts as a definition list (HTML values)."""
        d = self.g.nodes[n]
        vi, en = TYPE_LABELS[d["type"]]
        rows = "".join(f"<dt>{esc(k)}{gloss(e)}</dt><dd>{v}</dd>" for k, e, v in facts if v)
        alt = f' <span class="alt">{esc(d["alt"])}</span>' if d.get("alt") and d.get("alt") != d.get("label") else ""
        return (f'<p class="kind k-{esc(d["type"])}">{esc(vi)}{gloss(en)}</p>\n'
                f"<h1>{esc(self.name(n))}{alt}</h1>\n<dl class=\"facts\">{rows}</dl>\n")

    def network(self, here: str, n: str) -> tuple[str, dict[str, Any]]:
        """The network section of ``n``'s page and its data (:func:`.site_network.packed`)."""
        net = neighbourhood(self.v, n, PAGE_NODES)
        more = ""
        if net["shown"] < net["neighbours"]:
            more = (f'<p class="more">Hiển thị {net["shown"]} trên {net["neighbours"]} liên kết trực tiếp '
                    f'<span class="gloss">showing {net["shown"]} of {net["neighbours"]} direct links</span> · '
                    f'{link(here, network_path(n), "Xem thêm (show more)")}</p>\n')
        return self.network_section(more), packed(net)

    @staticmethod
    def network_section(note: str = "") -> str:
        legend = "".join(f'<li><span class="sym s-{k}"></span>{esc(TYPE_LABELS[k][0])}{gloss(TYPE_LABELS[k][1])}</li>'
                         for k in ("person", "body", "meeting", "directive"))
        return ('<section class="net">\n' + heading(2, "Mạng lưới", "network", anchor="net") + note
                + f'<ul class="legend">{legend}</ul>\n'
                '<div id="network" class="network" role="img" aria-label="Mạng lưới (network)"></div>\n'
                '<p class="muted hint">Bấm vào một nút để mở trang của nó; kéo để di chuyển, cuộn để phóng to '
                '<span class="gloss">click a node to open its page; drag to move, scroll to zoom</span></p>\n'
                "</section>\n")

    def articles_section(self, here: str, n: str) -> str:
        found = self.g.nodes[n].get("articles", [])
        latest, note = shown(sorted(found, key=lambda a: (date_key(self.data.articles.get(a, {}).get('date')), a)))
        items = "".join(f"<li>{link(here, article_path(a), self.article_label(a))}</li>" for a in latest)
        return heading(2, "Nguồn", "source articles", len(found)) + note + (f"<ul>{items}</ul>\n" if items else "")

    # -- entity pages -------------------------------------------------------------------

    def person(self, n: str) -> str:
        here = page_path(n) or ""
        d = self.g.nodes[n]
        net_html, net = self.network(here, n)
        held = self.out(n, HOLDS)
        by_post: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _, post, e in held:
            by_post[post].append(e)
        spans = {t.post_id: t for t in career(self.careers.get(n, []), n)}
        dated = [x for x in (d.get("first"), d.get("last")) if x]
        lo, hi = (min(dated), max(dated)) if dated else (None, None)
        items = []
        for post in sorted(by_post, key=lambda p: (date_key(spans[p].first_seen if p in spans else None),
                                                   fold(self.name(p)), p)):
            t = spans.get(post)
            first, last = (t.first_seen, t.last_seen) if t else (None, None)
            body = self._target(post, POST_IN)
            facts = sorted(by_post[post], key=lambda e: (date_key(e.get("date")), e.get("article") or ""))
            rows = "".join(f"<li>{vn_date(e.get('date'))} {self.edge_quote(here, e)}</li>" if isinstance(e, dict) else
                           f"<li>{more_count(e, 'lần khác', 'more reports')}</li>"
                           for e in _ends(facts, QUOTES_SHOWN + 2))
            items.append(
                f'<li>{_bar(first, last, lo, hi)}<div class="post"><b>{esc(self.name(post))}</b>'
                f"{gloss(self.post_gloss(post))}"
                + (f' · {self.ref(here, body)}' if body else "")
                + f' <span class="when">{span(first, last)}</span>'
                f' <span class="muted">({len(facts)} bài · articles)</span></div>'
                f'<ul class="evidence">{rows}</ul></li>\n')
        timeline = f'<ol class="timeline">{"".join(items)}</ol>\n' if items else '<p class="muted">—</p>\n'
        attended: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for meeting, _, e in self.into(n, ATTENDEE):
            attended[meeting].append(e)
        meetings = []
        for m in sorted(attended, key=lambda m: (date_key(self.g.nodes[m].get("date")), m)):
            md = self.g.nodes[m]
            roles = roles_in_order(e.get("role") or "participant" for e in attended[m])
            meetings.append([vn_date(md.get("date")),
                             self.ref(here, m),
                             self.ref(here, md.get("organizer")), ", ".join(self.role(r) for r in roles),
                             self.quotes(here, attended[m])])
        shared: dict[str, set[str]] = defaultdict(set)
        for m in attended:
            for _, other, _ in self.out(m, ATTENDEE):
                if other != n:
                    shared[other].add(m)
        meetings, meetings_note = shown(meetings)
        co_all = sorted(shared.items(), key=lambda x: (-len(x[1]), fold(self.name(x[0])), x[0]))
        co_shown, co_note = shown(co_all, ("có nhiều hội nghị chung nhất", "most shared"), keep_last=False)
        co = [[self.ref(here, p), cell(str(len(ms)), f"{len(ms):06d}"),
               ", ".join(self.ref(here, m, short(self.g.nodes[m].get("date") or self.name(m)))
                         for m in sorted(ms, key=lambda m: (date_key(self.g.nodes[m].get("date")), m))[-LINKS_SHOWN:])
               + (" " + more_count(len(ms) - LINKS_SHOWN, "hội nghị khác", "more") if len(ms) > LINKS_SHOWN else "")]
              for p, ms in co_shown]
        body = (
            self.header(n, [("Thời gian xuất hiện", "first and last reported", span(d.get("first"), d.get("last"))),
                            ("Số bài viết", "articles", str(len(d.get("articles", []))))])
            + net_html
            + heading(2, "Quá trình công tác", "career: posts held, as the articles report them", len(by_post))
            + timeline
            + heading(2, "Hội nghị đã dự", "meetings attended, with roles", len(attended)) + meetings_note
            + table([("Ngày", "date", "date"), ("Hội nghị", "meeting", "text"), ("Đơn vị tổ chức", "organiser", ""),
                     ("Vai trò", "role", ""), ("Câu văn làm chứng", "evidence", "")], meetings, sortable=True)
            + heading(2, "Cùng dự hội nghị", "co-attendees", len(co_all)) + co_note
            + table([("Họ và tên", "name", "text"), ("Số hội nghị chung", "meetings shared", "num"),
                     ("Hội nghị", "meetings", "")], co, sortable=True)
            + self.articles_section(here, n))
        return page(here, self.name(n), body, "person", {"network": net})

    def body(self, n: str) -> str:
        here = page_path(n) or ""
        d = self.g.nodes[n]
        net_html, net = self.network(here, n)
        parent = self._target(n, SUB_ORGANIZATION_OF)
        posts_html = []
        for post, _, _ in sorted(self.into(n, POST_IN), key=lambda e: (fold(self.name(e[0])), e[0])):
            facts: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for person, _, e in self.into(post, HOLDS):
                facts[person].append(e)
            order = {t.person_id: i for i, t in enumerate(succession(self.holders.get(post, []), post))}
            rows = []
            for person in sorted(facts, key=lambda p: (order.get(p, len(order)), fold(self.name(p)), p)):
                dates = sorted(e["date"] for e in facts[person] if e.get("date"))
                rows.append([self.ref(here, person),
                             vn_date(dates[0] if dates else None),
                             vn_date(dates[-1] if dates else None),
                             self.quotes(here, facts[person])])
            posts_html.append(
                f'<h3>{esc(self.name(post))}{gloss(self.post_gloss(post))}</h3>\n'
                + table([("Người giữ chức", "holder", "text"), ("Lần đầu", "first reported", "date"),
                         ("Lần cuối", "last reported", "date"), ("Câu văn làm chứng", "evidence", "")], rows,
                        sortable=True))
        tree = self._tree(here, n, {n})
        meetings = []
        for m, _, e in sorted(self.into(n, ORGANIZER), key=lambda x: (date_key(self.g.nodes[x[0]].get("date")), x[0])):
            meetings.append([vn_date(self.g.nodes[m].get("date")),
                             self.ref(here, m), self.edge_quote(here, e)])
        meetings = _unique_rows(meetings)
        organised = len(meetings)
        meetings, meetings_note = shown(meetings)
        issued = sorted({u for u, _, _ in self.into(n, ISSUER)},
                        key=lambda x: (date_key(self.g.nodes[x].get("date")), fold(self.name(x)), x))
        issued_count = len(issued)
        issued, issued_note = shown(issued)
        docs = [[self.ref(here, x),
                 vn_date(self.g.nodes[x].get("date")),
                 esc(self.g.nodes[x].get("subject") or "")] for x in issued]
        body = (
            self.header(n, [("Loại", "type", esc(d.get("body_type") or "") + gloss(self.data.glosses.get(n))),
                            ("Địa phương", "locality", esc(d.get("locality") or "")),
                            ("Trực thuộc", "part of", self.ref(here, parent) if parent else ""),
                            ("Thời gian xuất hiện", "first and last reported", span(d.get("first"), d.get("last")))])
            + net_html
            + heading(2, "Chức vụ và người giữ chức", "posts and their holders over time", len(posts_html))
            + ("".join(posts_html) or '<p class="muted">—</p>\n')
            + heading(2, "Cơ quan trực thuộc", "bodies under it") + (tree or '<p class="muted">—</p>\n')
            + heading(2, "Hội nghị đã tổ chức", "meetings organised", organised) + meetings_note
            + table([("Ngày", "date", "date"), ("Hội nghị", "meeting", "text"), ("Câu văn làm chứng", "evidence", "")],
                    meetings, sortable=True)
            + heading(2, "Văn bản ban hành", "documents issued", issued_count) + issued_note
            + table([("Văn bản", "document", "text"), ("Ngày ban hành", "issued", "date"),
                     ("Trích yếu", "subject", "")], docs, sortable=True)
            + self.articles_section(here, n))
        return page(here, self.name(n), body, "body", {"network": net})

    def _tree(self, here: str, n: str, seen: set[str]) -> str:
        children = sorted({u for u, _, _ in self.into(n, SUB_ORGANIZATION_OF)} - seen,
                          key=lambda x: (fold(self.name(x)), x))
        seen.update(children)
        if not children:
            return ""
        return "<ul class=\"tree\">" + "".join(f"<li>{self.ref(here, c)}{self._tree(here, c, seen)}</li>"
                                             for c in children) + "</ul>\n"

    def meeting(self, n: str) -> str:
        here = page_path(n) or ""
        d = self.g.nodes[n]
        net_html, net = self.network(here, n)
        people: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _, person, e in self.out(n, ATTENDEE):
            people[person].append(e)
        groups: dict[str, list[str]] = defaultdict(list)
        for person, facts in people.items():
            groups[roles_in_order(e.get("role") or "participant" for e in facts)[0]].append(person)
        rank = {r: i for i, r in enumerate(ROLE_ORDER)}
        parts = []
        for role in sorted(groups, key=lambda r: (rank.get(r, len(rank)), r)):
            rows = [[self.ref(here, p),
                     ", ".join(self.role(r) for r in roles_in_order(e.get("role") or "participant" for e in people[p])),
                     self.quotes(here, people[p])]
                    for p in sorted(groups[role], key=lambda p: (fold(self.name(p)), p))]
            parts.append(f"<h3>{self.role(role)} <span class=\"count\">{len(rows)}</span></h3>\n"
                         + table([("Họ và tên", "name", "text"), ("Vai trò", "roles", ""),
                                  ("Câu văn làm chứng", "evidence", "")], rows, sortable=True))
        dealt: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _, doc, e in self.out(n, *DISCUSSES):
            dealt[doc].append(e)
        docs = []
        for doc in sorted(dealt, key=lambda x: (fold(self.name(x)), x)):
            relations = [r for r in DISCUSSES if any(e["relation"] == r for e in dealt[doc])]
            docs.append([self.ref(here, doc), ", ".join(self.relation(r) for r in relations),
                         self.quotes(here, dealt[doc])])
        sources = [f"<li>{self.quote(here, self.data.evidence(n, e))}</li>" for e in d.get("evidence", [])]
        organizer = d.get("organizer")
        body = (
            self.header(n, [("Ngày", "date", vn_date(d.get("date"))),
                            ("Loại", "kind", esc(d.get("kind") or "")),
                            ("Đơn vị tổ chức", "organiser", self.ref(here, organizer) if organizer else ""),
                            ("Địa điểm", "place", esc(d.get("location") or "")),
                            ("Trực tuyến", "online", "có (yes)" if d.get("online") else "")])
            + net_html
            + heading(2, "Thành phần tham dự", "participants by role", len(people))
            + ("".join(parts) or '<p class="muted">—</p>\n')
            + heading(2, "Văn bản được quán triệt, triển khai", "documents dealt with", len(docs))
            + table([("Văn bản", "document", "text"), ("Nội dung", "relation", ""),
                     ("Câu văn làm chứng", "evidence", "")], docs, sortable=True)
            + heading(2, "Câu văn nêu hội nghị", "where the articles report it", len(sources))
            + (f'<ul class="evidence">{"".join(sources)}</ul>\n' if sources else "")
            + self.articles_section(here, n))
        return page(here, self.name(n), body, "meeting", {"network": net})

    def directive(self, n: str) -> str:
        here = page_path(n) or ""
        d = self.g.nodes[n]
        net_html, net = self.network(here, n)
        issuer = self._target(n, ISSUER)

        def links(edges: list[Edge], other: int) -> list[list[str]]:
            grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for e in edges:
                grouped[e[other]].append(e[2])
            return [[self.ref(here, x),
                     vn_date(self.g.nodes[x].get("date")),
                     self.quotes(here, facts)]
                    for x, facts in sorted(grouped.items(), key=lambda x: (date_key(self.g.nodes[x[0]].get("date")),
                                                                           fold(self.name(x[0])), x[0]))]

        rows = []
        cascade = self._cascade(n)
        latest, cascade_note = shown(cascade)
        for m, doc, level, facts in latest:
            md = self.g.nodes[m]
            relations = [r for r in DISCUSSES if any(e["relation"] == r for e in facts)]
            rows.append([vn_date(md.get("date")), self.ref(here, m),
                         self.ref(here, md.get("organizer")), ", ".join(self.relation(r) for r in relations),
                         cell(self.ref(here, doc) + (f' <span class="muted">(cấp {level} · depth {level})</span>'
                                                     if level else ""), f"{level:03d}"),
                         self.quotes(here, facts)])
        doc_facts = [("Loại", "kind", esc(d.get("kind") or "") + gloss(self.data.glosses.get(n))),
                     ("Số, ký hiệu", "number and code",
                      esc("-".join(x for x in (d.get("number"), d.get("code")) if x))),
                     ("Ngày ban hành", "issued", vn_date(d.get("date")) if d.get("date") else ""),
                     ("Cơ quan ban hành", "issuer", self.ref(here, issuer) if issuer else ""),
                     ("Trích yếu", "subject", esc(d.get("subject") or "")),
                     ("Khóa", "term", esc(d.get("term") or ""))]
        body = (
            self.header(n, doc_facts)
            + net_html
            + heading(2, "Thực hiện văn bản", "implements", None)
            + table([("Văn bản", "document", "text"), ("Ngày ban hành", "issued", "date"),
                     ("Câu văn làm chứng", "evidence", "")], links(self.out(n, IMPLEMENTS), 1), sortable=True)
            + heading(2, "Văn bản thực hiện", "implemented by", None)
            + table([("Văn bản", "document", "text"), ("Ngày ban hành", "issued", "date"),
                     ("Câu văn làm chứng", "evidence", "")], links(self.into(n, IMPLEMENTS), 0), sortable=True)
            + heading(2, "Các hội nghị đã quán triệt, triển khai", "meetings that dealt with it, in date order "
                      "(through the documents implementing it too)", len(cascade)) + cascade_note
            + table([("Ngày", "date", "date"), ("Hội nghị", "meeting", "text"), ("Đơn vị tổ chức", "organiser", ""),
                     ("Nội dung", "relation", ""), ("Qua văn bản", "via", "num"),
                     ("Câu văn làm chứng", "evidence", "")], rows, sortable=True)
            + self.articles_section(here, n))
        return page(here, self.name(n), body, "directive", {"network": net})

    def _cascade(self, n: str) -> list[tuple[str, str, int, list[dict[str, Any]]]]:
        """(meeting, document, depth, facts): the meetings that dealt with ``n`` or with a
        document implementing it (depth 1, 2...), by date."""
        depth, todo = {n: 0}, [n]
        while todo:
            doc = todo.pop(0)
            for child, _, _ in self.into(doc, IMPLEMENTS):
                if child not in depth:
                    depth[child] = depth[doc] + 1
                    todo.append(child)
        rows = []
        for doc, level in depth.items():
            dealt: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for m, _, e in self.into(doc, *DISCUSSES):
                dealt[m].append(e)
            rows += [(m, doc, level, facts) for m, facts in dealt.items()]
        return sorted(rows, key=lambda r: (date_key(self.g.nodes[r[0]].get("date")), r[2], r[0], r[1]))


def _bar(first: str | None, last: str | None, lo: str | None, hi: str | None) -> str:
    """A bar placing a post's first..last on the person's whole span (as percentages)."""
    if not (first and last and lo and hi):
        return '<span class="bar none"></span>'
    def day(x: str) -> int:
        y, m, d = (int(p) for p in x.split("-"))
        return y * 372 + m * 31 + d
    total = max(day(hi) - day(lo), 1)
    left = 100 * (day(first) - day(lo)) / total
    width = max(100 * (day(last) - day(first)) / total, 1.5)
    return f'<span class="bar" style="margin-left:{min(left, 98.5):.1f}%;width:{width:.1f}%"></span>'


def _ends(items: list[Any], keep: int) -> list[Any]:
    """``items`` as they are when there are at most ``keep`` (at least 3); else the first
    two, how many are left out (an ``int``), and the last ``keep - 2``: a tenure shown by its ends."""
    if len(items) <= keep:
        return items
    return [*items[:2], len(items) - keep, *items[len(items) - (keep - 2):]]


def short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _unique_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows in their first-seen order, each once."""
    return [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]
