"""HTML pieces of the site: escaping, the page shell, tables, sentences with their matched
words highlighted, an article's text with its sentences marked.

Every text that comes from an article (names, titles, sentences, the text itself) is
input from outside and goes through :func:`esc` (element text and attribute values) or
:func:`script_json` (data in a ``<script type="application/json">`` block, read with
``JSON.parse``); nothing from an article is ever put into markup any other way. Each page
also carries a Content Security Policy that allows scripts from the site's own files only,
so even a mistake here could not run a script an article smuggled in.
"""
from __future__ import annotations

import json
import re
from html import escape
from typing import Any, Iterable, Iterator, Sequence

from .. import __version__
from .site_data import Evidence
from .site_paths import ASSETS_DIR, relative

# scripts and styles from the site's own files only; no request to anywhere else (connect-src)
CSP = ("default-src 'none'; script-src 'self' file:; style-src 'self' file: 'unsafe-inline'; "
       "img-src 'self' file: data:; connect-src 'none'; base-uri 'none'; form-action 'none'")

TYPE_LABELS = {  # page kind -> (Vietnamese, English)
    "person": ("Nhân sự", "person"), "body": ("Cơ quan, tổ chức", "body"), "meeting": ("Hội nghị", "meeting"),
    "directive": ("Văn bản", "document"), "article": ("Bài viết", "article"), "post": ("Chức vụ", "post"),
}
RELATION_LABELS = {  # how a meeting deals with a document, and links between documents
    "disseminates": ("quán triệt", "disseminates"), "carriesOut": ("triển khai thực hiện", "carries out"),
    "reviews": ("sơ kết, tổng kết", "reviews"), "discusses": ("bàn về", "discusses"),
    "mentionsDocument": ("nhắc đến", "mentions"), "implements": ("thực hiện", "implements"),
}


_HTML_SPECIAL = re.compile("[&<>\"']")


def esc(text: Any) -> str:
    """``text`` as HTML text or attribute value (``&``, ``<``, ``>``, ``"`` and ``'`` escaped).

    Most of a site's strings (names, titles, dates, paths) hold none of those characters:
    one search in C tells, where ``escape`` would run five replacements on each."""
    text = "" if text is None else str(text)
    return escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element and in a ``.js`` file: no
    ``<``, ``>`` or ``&`` (so no ``</script>`` and no ``<!--``), no U+2028/U+2029."""
    return _script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def script_json_parts(data: Any, levels: int = 2) -> Iterator[str]:
    """:func:`script_json` in pieces, for data too large to hold as one string: the lists and
    dicts of the first ``levels`` levels are written item by item (the search index and the
    overview of 100,000 articles are tens of MB of JSON, several copies of it as one string)."""
    if not (levels and isinstance(data, (list, dict)) and data):
        yield script_json(data)
        return
    if isinstance(data, dict):
        for i, (key, value) in enumerate(data.items()):
            yield ("," if i else "{") + script_json(str(key)) + ":"
            yield from script_json_parts(value, levels - 1)
        yield "}"
    else:
        for i, value in enumerate(data):
            yield "," if i else "["
            yield from script_json_parts(value, levels - 1)
        yield "]"


def _script_safe(text: str) -> str:
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def link(page: str, target: str | None, text: Any, cls: str = "") -> str:
    """A link from ``page`` to ``target`` (a path from the site's root), or the bare text."""
    if not target:
        return esc(text)
    extra = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(relative(page, target))}"{extra}>{esc(text)}</a>'


def gloss(english: str | None) -> str:
    """An English gloss after a Vietnamese term."""
    return f' <span class="gloss">{esc(english)}</span>' if english else ""


def heading(level: int, vi: str, en: str, count: int | None = None, anchor: str = "") -> str:
    n = f' <span class="count">{count}</span>' if count is not None else ""
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return f"<h{level}{ident}>{esc(vi)}{gloss(en)}{n}</h{level}>\n"


def page(path: str, title: str, body: str, kind: str = "", data: dict[str, Any] | None = None,
         scripts: Sequence[str] = ()) -> str:
    """A whole page at ``path`` (from the site's root): head, header with search, ``body``.

    ``data`` goes into ``<script type="application/json" id="cg-data">`` for site.js.
    ``scripts`` are more script files (paths from the root), loaded after the data and
    before site.js.
    """
    root = relative(path, "")
    asset = lambda name: esc(relative(path, f"{ASSETS_DIR}/{name}"))  # noqa: E731
    data_block = f'<script type="application/json" id="cg-data">{script_json(data)}</script>\n' if data else ""
    needs_vis = bool(data and ("network" in data or "overview" in data))
    vis = f'<script src="{asset("vis-network.min.js")}"></script>\n' if needs_vis else ""
    more = "".join(f'<script src="{esc(relative(path, s))}"></script>\n' for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{asset("site.css")}">\n'
        f"<title>{esc(title)} · cadregraph</title>\n</head>\n"
        f'<body data-root="{esc(root)}" data-kind="{esc(kind)}">\n'
        '<header class="top"><nav>'
        f'<a class="home" href="{esc(root)}index.html">cadregraph</a>'
        f'<a href="{esc(root)}overview.html">Toàn cảnh <span class="gloss">overview</span></a>'
        '</nav><div class="search"><input type="search" class="q" placeholder="Tìm người, cơ quan, hội nghị, văn bản… '
        '(search)" aria-label="Tìm kiếm (search)" autocomplete="off"><ol class="results" hidden></ol></div></header>\n'
        f"<main>\n{body}</main>\n"
        f'<footer class="muted">cadregraph {esc(__version__)} · trích từ các bài viết; mỗi thông tin kèm câu văn '
        'làm chứng (every fact with the sentence that states it)</footer>\n'
        f"{data_block}{vis}{more}"
        f'<script src="{asset("site.js")}"></script>\n'
        "</body>\n</html>\n"
    )


def table(headers: Sequence[tuple[str, str, str]], rows: Iterable[Sequence[str]], cls: str = "",
          sortable: bool = False) -> str:
    """A table; ``headers`` are (Vietnamese, English, sort kind: "" | "text" | "date" | "num"),
    ``rows`` cells of HTML already escaped. A sortable table sorts by a column when its
    header is clicked (on each cell's ``data-v`` if it has one, else its text)."""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" if not c.startswith("<td") else c for c in row) + "</tr>\n"
                   for row in rows)
    if not body:
        return '<p class="muted">—</p>\n'
    head = "".join(
        (f'<th data-sort="{s}" tabindex="0" aria-sort="none">' if sortable and s else "<th>")
        + f"{esc(vi)}{gloss(en)}</th>" for vi, en, s in headers)
    classes = " ".join(c for c in (cls, "sortable" if sortable else "") if c)
    return (f'<table class="{classes}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n')


# An entity page shows a long list in part, so a leader named in thousands of articles
# still has a page a browser opens at once; the headings count them all, and every fact is
# in the build's CSV tables, on its article's page and in the research commands.
ROWS_SHOWN = 100  # rows of a long table or list: the latest (or the most shared)
QUOTES_SHOWN = 3  # sentences quoted in one cell; the others are counted
LINKS_SHOWN = 5  # links listed in one cell (a co-attendee's shared meetings); the others are counted


def shown(rows: Sequence[Any], which: tuple[str, str] = ("mới nhất", "latest"), limit: int | None = None,
          keep_last: bool = True) -> tuple[list[Any], str]:
    """The rows a page shows of ``rows`` (the last ``limit``, by default :data:`ROWS_SHOWN`,
    in date order, or the first when not ``keep_last``) and, when some are left out, the
    note that says so."""
    limit = ROWS_SHOWN if limit is None else limit
    if len(rows) <= limit:
        return list(rows), ""
    kept = list(rows[-limit:] if keep_last else rows[:limit])
    vi, en = which
    return kept, (f'<p class="more">Hiển thị {limit} {esc(vi)} trên {len(rows)} '
                  f'<span class="gloss">showing the {esc(en)} {limit} of {len(rows)}; all of them are in the '
                  "build's CSV tables and the research commands</span></p>\n")


def more_count(n: int, vi: str, en: str) -> str:
    """``+ 12 câu khác (more sentences)``: what a cell leaves out."""
    return f'<span class="muted">+ {n} {esc(vi)}{gloss(en)}</span>' if n > 0 else ""


def cell(html: str, sort_value: Any) -> str:
    """A cell with its sort value (``data-v``)."""
    return f'<td data-v="{esc(sort_value)}">{html}</td>'


def quote(ev: Evidence | None, page_path: str, article_page: str | None, article_label: str = "") -> str:
    """The sentence of ``ev`` with its matched words in ``<mark>``, and a link to it on its article's page."""
    if ev is None:
        return '<span class="muted">—</span>'
    text = ev.quote
    if (ev.start is not None and ev.match_start is not None and ev.match_end is not None
            and ev.start <= ev.match_start <= ev.match_end <= ev.start + len(text)):
        a, b = ev.match_start - ev.start, ev.match_end - ev.start
        body = f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}"
    else:
        body = esc(text)
    target = article_page + (f"#{ev.anchor}" if ev.anchor else "") if article_page else None
    source = link(page_path, target, article_label or ev.article, "src")
    return f'<q class="ev">{body}</q> <span class="source">— {source}</span>'


def article_text(text: str, evidence: Iterable[Evidence]) -> str:
    """``text`` as paragraphs, each sentence that states a fact in ``<span class="ev">`` (with
    an anchor ``ev-START-END`` at its start) and its matched words in ``<mark>``. Offsets that
    do not fit the text (a sentence that is not there) are left out."""
    sentences: set[tuple[int, int]] = set()
    marks: set[tuple[int, int]] = set()
    for ev in evidence:
        if ev.start is None or ev.end is None or not 0 <= ev.start < ev.end <= len(text):
            continue
        if text[ev.start:ev.end] != ev.quote:
            continue
        sentences.add((ev.start, ev.end))
        if ev.match_start is not None and ev.match_end is not None and \
                ev.start <= ev.match_start < ev.match_end <= ev.end:
            marks.add((ev.match_start, ev.match_end))
    cuts = {0, len(text)} | {i for span in sentences | marks for i in span}
    cuts |= {i + 1 for i, c in enumerate(text) if c == "\n"}  # paragraphs break spans
    anchors: dict[int, list[str]] = {}
    for s, e in sorted(sentences):
        anchors.setdefault(s, []).append(f"ev-{s}-{e}")
    out = ["<p>"]
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        piece = text[a:b]
        for anchor in anchors.get(a, []):
            out.append(f'<a class="anchor" id="{anchor}"></a>')
        in_sentence = any(s <= a and b <= e for s, e in sentences)
        in_mark = any(s <= a and b <= e for s, e in marks)
        lines = piece.split("\n")
        html = esc(lines[0])
        if in_mark:
            html = f"<mark>{html}</mark>"
        if in_sentence:
            html = f'<span class="ev">{html}</span>'
        out.append(html)
        if len(lines) > 1:  # the piece ends a line (cuts break after every newline)
            out.append("</p>\n<p>")
    out.append("</p>")
    return "".join(out).replace("<p></p>", "").replace("<p>\r</p>", "")
