"""Where each page of the site goes, from the id of what it shows.

Ids are readable ASCII slugs (``person/dao-phu-thuy-duong``), but they come from text
outside our control (article ids are file names or jsonl fields), so a page's path is
made, not trusted: one folder per kind of page from a fixed list, then one file name of
``A-Za-z0-9_-`` only. An id that is anything else (``..``, ``/``, ``%``, spaces, capitals,
letters with diacritics, 120 characters and more) keeps its safe characters and gets
``~`` and a hash of the id, so two ids never share a file, even on a file system that
ignores case. The same path is used for the file and for every link to it, relative to
the page linking, so the site opens from disk (``file://``) as well as from a server.
"""
from __future__ import annotations

import hashlib
import re

PAGE_KINDS = ("person", "body", "meeting", "directive")  # entities with a page, and their folders
ARTICLE_DIR = "article"
NETWORK_DIR = "network"  # the larger networks of hubs: network/<kind>/<name>.html
ASSETS_DIR = "assets"
LISTS_DIR = "lists"  # every person, body... of a graph too large for the index
MAX_NAME = 120
_PLAIN = re.compile(r"[a-z0-9_-]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_name(text: str) -> str:
    """``text`` as a file name without extension: itself when it is plain (lower-case ASCII
    letters, digits, ``_``, ``-``, shorter than :data:`MAX_NAME`), else its safe part, ``~``
    and 12 hex digits of its SHA-1."""
    if _PLAIN.fullmatch(text) and len(text) < MAX_NAME:
        return text
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    keep = _UNSAFE.sub("_", text).strip("_")[:MAX_NAME - 20]
    return f"{keep}~{digest}" if keep else digest


def page_path(entity_id: str) -> str | None:
    """``person/dao-phu-thuy-duong`` -> ``person/dao-phu-thuy-duong.html``; ``None`` for an id
    of a kind that has no page (a post, an id without a kind)."""
    kind, sep, rest = entity_id.partition("/")
    if not sep or kind not in PAGE_KINDS or not rest:
        return None
    return f"{kind}/{safe_name(rest)}.html"


def network_path(entity_id: str) -> str | None:
    """The page of the larger network around a hub: ``network/person/<name>.html``."""
    page = page_path(entity_id)
    return f"{NETWORK_DIR}/{page}" if page else None


def article_path(article_id: str) -> str:
    """``article/<name>.html`` for the article of id ``article_id`` (as the store names it)."""
    return f"{ARTICLE_DIR}/{safe_name(article_id)}.html"


def list_path(kind: str, number: int = 1) -> str:
    """``lists/person.html``, ``lists/person-2.html``...: the pages listing every entity of
    ``kind`` (one of :data:`PAGE_KINDS`), or every article."""
    if kind not in (*PAGE_KINDS, "article"):
        raise ValueError(f"no list of {kind!r}")
    if number < 1:
        raise ValueError(f"no list page {number}")
    return f"{LISTS_DIR}/{kind}.html" if number == 1 else f"{LISTS_DIR}/{kind}-{number}.html"


def text_name(article_id: str) -> str:
    """The file of an article's kept text in ``OUT/texts``."""
    return f"{safe_name(article_id)}.txt"


def relative(page: str, target: str) -> str:
    """The link from the page at ``page`` to ``target`` (both relative to the site's root)."""
    return "../" * page.count("/") + target
