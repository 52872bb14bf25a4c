"""A first, self-contained HTML page of what the build found.

No scripts, fonts or styles from elsewhere: the page opens from a USB stick or an
offline office machine exactly as it does online. Every text taken from an article is
escaped, since articles are input from outside.
"""
from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Iterable

from .. import __version__
from ..graph.resolved import ResolvedCorpus
from .files import atomic_open

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.counts li { background: #f2f2f5; border-radius: .4rem; padding: .5rem .9rem; }
.counts b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #eee; }
th { background: #f8f8fa; }
.muted { color: #666; }
"""


def write_index(resolved: ResolvedCorpus, folder: str | Path) -> Path:
    """Write ``folder/index.html`` and return its path."""
    path = Path(folder) / "index.html"
    with atomic_open(path) as f:
        f.write(render_index(resolved))
    return path


def render_index(resolved: ResolvedCorpus) -> str:
    """The page as a string: counts, then people, bodies, meetings and directives."""
    r = resolved
    names = {p.id: p.name for p in r.people} | {b.id: b.name for b in r.bodies}
    posts: dict[str, list[str]] = defaultdict(list)
    for pos in r.positions:
        if pos.label not in posts[pos.person_id]:
            posts[pos.person_id].append(pos.label)
    counts = [("bài viết", "articles", len(r.articles)), ("nhân sự", "people", len(r.people)),
              ("cơ quan, tổ chức", "bodies", len(r.bodies)), ("hội nghị", "meetings", len(r.meetings)),
              ("văn bản", "directives", len(r.directives))]
    sections = [
        _table("Nhân sự", "People", ("Họ và tên", "Chức vụ"),
               ((p.name, "; ".join(posts[p.id])) for p in r.people)),
        _table("Cơ quan, tổ chức", "Bodies", ("Tên", "Trực thuộc"),
               ((b.name, names.get(b.parent_id or "", "")) for b in r.bodies)),
        _table("Hội nghị", "Meetings", ("Ngày", "Đơn vị tổ chức", "Tên", "Bài viết"),
               ((m.date or "", names.get(m.organizer_id or "", ""), m.title, m.article_id)
                for m in sorted(r.meetings, key=lambda m: (m.date or "", m.article_id, m.id)))),
        _table("Văn bản", "Directives", ("Văn bản", "Ký hiệu", "Ngày ban hành", "Trích yếu"),
               ((f"{d.kind} số {d.number}", d.code or "", d.issued or "", d.subject or "")
                for d in r.directives)),
    ]
    count_items = "".join(f'<li><b>{n}</b>{escape(vi)} <span class="muted">({en})</span></li>'
                          for vi, en, n in counts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>cadregraph</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        "<h1>cadregraph</h1>\n"
        '<p class="muted">Nhân sự, cơ quan, hội nghị và văn bản trích từ các bài viết '
        f"(cadregraph {escape(__version__)}).</p>\n"
        f'<ul class="counts">{count_items}</ul>\n'
        + "".join(sections)
        + "</body>\n</html>\n"
    )


def _table(title_vi: str, title_en: str, headers: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n" for row in rows)
    if not body:
        return f'<h2>{title_vi} <span class="muted">({title_en})</span></h2>\n<p class="muted">—</p>\n'
    head = "".join(f"<th>{h}</th>" for h in headers)
    return (f'<h2>{title_vi} <span class="muted">({title_en})</span></h2>\n'
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n")
