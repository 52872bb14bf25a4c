"""The pages of the entities, one method per kind: a person, a body, a meeting, a document.

Each returns the page's HTML, made of the pieces of :mod:`.site_pieces`; :mod:`.site`
decides where it goes, and :mod:`.site_index` adds the pages that gather the rest
(articles, the index and lists, larger networks, the overview). Rows come in a fixed
order (date, then name without diacritics, then id), so the same graph always gives the
same pages. A long list is shown in part (:func:`.site_html.shown`): its latest rows, the
first sentences of a cell, the ends of a long tenure, each with a count of the rest.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

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
    roles_in_order,
)
from ..graph.tenure import career, succession
from .site_html import LINKS_SHOWN, QUOTES_SHOWN, cell, esc, gloss, heading, more_count, page, shown, table
from .site_paths import page_path
from .site_pieces import Edge, PageParts, fold, short, span, vn_date


class Pages(PageParts):
    """The renderers of the entity pages."""

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


def _unique_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows in their first-seen order, each once."""
    return [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]
