"""The pieces every page of the site is made of: dates, links to entities and articles,
the sentences behind facts (:class:`PageParts`), the network section and the source
articles; :mod:`.site_pages` makes the entity pages of them, :mod:`.site_index` the others.

Pages are in Vietnamese with English glosses (``Bí thư`` *Secretary*); every fact shows
the sentence that states it, its matched words highlighted, linked to that sentence on
its article's page.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from ..graph.analysis import POST_IN, date_key, label
from ..graph.lookup import fold as _fold
from .site_data import Evidence, SiteData
from .site_html import (
    QUOTES_SHOWN,
    RELATION_LABELS,
    TYPE_LABELS,
    esc,
    gloss,
    heading,
    link,
    more_count,
    quote,
    shown,
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

def short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"



class PageParts:
    """The pieces of the pages, over one :class:`SiteData` and its drawn :class:`View`."""

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
