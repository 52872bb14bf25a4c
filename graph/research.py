"""The reports of the research commands: what the graph says about one person, meeting,
document or body (``cadregraph person``, ``meeting``, ``attended``, ``attendees``,
``directive``, ``body``), and the network analyses (``path``, ``rank``, ``communities``,
``stats``).

Each function takes the analysis graph (:func:`.analysis.build_graph`, restricted to a
period with :func:`.analysis.between` if need be) and, for one entity, its id as found
with :mod:`.lookup`; it returns a :class:`.report.Report` whose tables are in a fixed
order: by date (undated last), then name without diacritics, then id.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from .analysis import (
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
from .lookup import fold
from .network import Community, Ranked, Step, stats
from .report import Report, Table

Row = dict[str, Any]


def person_report(g: nx.MultiDiGraph, person: str) -> Report:
    """Posts held (one row per article reporting one), meetings attended with roles,
    co-attendees, and the documents of the meetings where the person presented."""
    data = g.nodes[person]
    posts: list[Row] = []
    for _, post, d in _out(g, person, HOLDS):
        body = _target(g, post, POST_IN)
        posts.append({"date": d.get("date"), "post": post, "label": label(g, post), "body": body,
                      "body_label": label(g, body) if body else None, "article": d.get("article"),
                      "quote": d.get("quote")})
    posts.sort(key=lambda r: (date_key(r["date"]), fold(r["label"]), r["article"] or ""))
    return Report(
        {"id": person, "name": data.get("name") or label(g, person), "articles": data.get("articles", [])},
        [Table("posts", ["date", "post", "label", "body", "body_label", "article", "quote"], posts,
               "Posts (as each article reports them)", ["date", "label", "article", "quote"]),
         _attended_table(g, person),
         Table("co_attendees", ["person", "name", "shared", "meetings"], _co_attendees(g, person),
               "Co-attendees (by meetings shared)"),
         Table("directives_presented", ["date", "meeting", "directive", "label", "relation"], _presented(g, person),
               "Documents of the meetings where they presented", ["date", "meeting", "label", "relation"])])


def attended_report(g: nx.MultiDiGraph, person: str) -> Report:
    """The meetings a person attended, with their roles: one side of attendance."""
    return Report({"person": person, "name": label(g, person)}, [_attended_table(g, person)])


def meeting_report(g: nx.MultiDiGraph, meeting: str) -> Report:
    """Date, organiser, participants by role, documents dealt with, source articles."""
    data = g.nodes[meeting]
    organizer = data.get("organizer")
    articles = g.graph.get("articles", {})
    sources = [{"article": e["article"], "title": articles.get(e["article"], {}).get("title"),
                "published": articles.get(e["article"], {}).get("date"), "quote": e.get("quote")}
               for e in data.get("evidence", [])]
    directives = [{"directive": doc, "label": label(g, doc), **dealt} for (_, doc), dealt in _dealt(_out(g, meeting,
                                                                                                    *DISCUSSES))]
    return Report(
        {"id": meeting, "title": label(g, meeting), "date": data.get("date"), "kind": data.get("kind"),
         "organizer": organizer, "organizer_label": label(g, organizer) if organizer in g else None,
         "location": data.get("location"), "online": data.get("online"), "articles": data.get("articles", [])},
        [_attendees_table(g, meeting),
         Table("directives", ["directive", "label", "relation", "relations", "article", "quote"],
               sorted(directives, key=lambda r: (fold(r["label"]), r["directive"])),
               "Documents dealt with (the most telling relation first)", ["label", "relations", "quote"]),
         Table("sources", ["article", "title", "published", "quote"], sources, "Source articles",
               ["article", "published", "quote"])])


def attendees_report(g: nx.MultiDiGraph, meeting: str) -> Report:
    """Who took part in a meeting, the main role first: the other side of attendance."""
    data = g.nodes[meeting]
    return Report({"meeting": meeting, "title": label(g, meeting), "date": data.get("date")},
                  [_attendees_table(g, meeting)])


def directive_report(g: nx.MultiDiGraph, directive: str) -> Report:
    """Kind, number, issuer, date, what it implements and what implements it, and every
    meeting that dealt with it or with a document implementing it, in date order."""
    data = g.nodes[directive]
    issuer = _target(g, directive, ISSUER)
    links = {"implements": [(v, d) for _, v, d in _out(g, directive, IMPLEMENTS)],
             "implemented_by": [(u, d) for u, _, d in _in(g, directive, IMPLEMENTS)]}
    tables = []
    for name, pairs in links.items():
        rows: dict[str, Row] = {}
        for other, d in sorted(pairs, key=lambda p: (p[1].get("article") or "", p[0])):
            rows.setdefault(other, {"directive": other, "label": label(g, other), "issued": g.nodes[other].get("date"),
                                    "article": d.get("article"), "quote": d.get("quote")})
        title = "Implements" if name == "implements" else "Implemented by"
        tables.append(Table(name, ["directive", "label", "issued", "article", "quote"],
                            sorted(rows.values(), key=lambda r: (date_key(r["issued"]), fold(r["label"]))), title,
                            ["label", "issued", "article", "quote"]))
    tables.append(Table("meetings", ["date", "meeting", "label", "organizer", "organizer_label", "relation",
                                     "relations", "via", "via_label", "depth", "article", "quote"], _cascade(g, directive),
                        "Meetings that dealt with it (depth > 0: through a document implementing it)",
                        ["date", "meeting", "organizer_label", "relations", "via_label", "depth"]))
    return Report(
        {"id": directive, "label": label(g, directive), "kind": data.get("kind"), "number": data.get("number"),
         "code": data.get("code"), "issued": data.get("date"), "issuer": issuer,
         "issuer_label": label(g, issuer) if issuer else None, "level": data.get("level"), "term": data.get("term"),
         "subject": data.get("subject"), "articles": data.get("articles", [])}, tables)


def body_report(g: nx.MultiDiGraph, body: str) -> Report:
    """Posts in the body and their holders over time, sub-bodies, meetings it organised,
    documents it issued."""
    data = g.nodes[body]
    parent = _target(g, body, SUB_ORGANIZATION_OF)
    posts: list[Row] = []
    for post, _, _ in _in(g, body, POST_IN):
        holders: dict[str | None, list[Row]] = defaultdict(list)
        for person, _, d in _in(g, post, HOLDS):
            holders[person].append(d)
        for holder, facts in sorted(holders.items()) or [(None, [])]:  # a post no one is said to hold: one row
            dates = sorted(d["date"] for d in facts if d.get("date"))
            posts.append({"post": post, "label": label(g, post), "holder": holder,
                          "name": label(g, holder) if holder else None, "first": dates[0] if dates else None,
                          "last": dates[-1] if dates else None,
                          "articles": sorted({d["article"] for d in facts if d.get("article")})})
    posts.sort(key=lambda r: (fold(r["label"]), date_key(r["first"]), fold(r["name"] or ""), r["post"]))
    subs: list[Row] = []
    depth, todo = {body: 0}, [body]
    while todo:
        node = todo.pop(0)
        for child, _, _ in sorted(_in(g, node, SUB_ORGANIZATION_OF)):
            if child not in depth:
                depth[child] = depth[node] + 1
                todo.append(child)
                subs.append({"body": child, "label": label(g, child), "depth": depth[child], "parent": node,
                             "parent_label": label(g, node)})
    meetings = sorted(({"date": g.nodes[m].get("date"), "meeting": m, "label": label(g, m)}
                       for m in {u for u, _, _ in _in(g, body, ORGANIZER)}),
                      key=lambda r: (date_key(r["date"]), r["meeting"]))
    issued = sorted(({"directive": d, "label": label(g, d), "issued": g.nodes[d].get("date")}
                     for d in {u for u, _, _ in _in(g, body, ISSUER)}),
                    key=lambda r: (date_key(r["issued"]), fold(r["label"]), r["directive"]))
    return Report(
        {"id": body, "label": label(g, body), "type": data.get("body_type"), "locality": data.get("locality"),
         "parent": parent, "parent_label": label(g, parent) if parent else None, "articles": data.get("articles", [])},
        [Table("posts", ["post", "label", "holder", "name", "first", "last", "articles"], posts,
               "Posts and their holders (first and last reported)", ["label", "name", "first", "last", "articles"]),
         Table("sub_bodies", ["body", "label", "depth", "parent", "parent_label"],
               sorted(subs, key=lambda r: (r["depth"], fold(r["label"]), r["body"])), "Bodies under it",
               ["label", "depth", "parent_label"]),
         Table("meetings", ["date", "meeting", "label"], meetings, "Meetings it organised"),
         Table("issued", ["directive", "label", "issued"], issued, "Documents it issued", ["label", "issued"])])


def path_report(g: nx.MultiDiGraph, a: str, b: str, paths: list[list[Step]]) -> Report:
    """The chains of :func:`.network.shortest_paths`, a row per step with its evidence."""
    rows = [{"path": i, "step": j, "from": s.source, "from_label": label(g, s.source), "relation": s.relation,
             "to": s.target, "to_label": label(g, s.target), "date": s.evidence["date"],
             "article": s.evidence["article"], "quote": s.evidence["quote"]}
            for i, path in enumerate(paths, 1) for j, s in enumerate(path, 1)]
    return Report({"from": a, "from_name": label(g, a), "to": b, "to_name": label(g, b),
                   "length": len(paths[0]) if paths else None, "paths": len(paths)},
                  [Table("steps", ["path", "step", "from", "from_label", "relation", "to", "to_label", "date",
                                   "article", "quote"], rows, "Steps (path, step)",
                         ["path", "step", "from_label", "relation", "to_label", "date", "quote"])])


def rank_report(by: str, network: str, node_type: str | None, ranked: list[Ranked]) -> Report:
    rows = [{"rank": i, "id": r.node, "type": r.type, "label": r.label, "score": r.score, "neighbours": r.neighbours}
            for i, r in enumerate(ranked, 1)]
    return Report({"by": by, "network": network, "type": node_type},
                  [Table("ranking", ["rank", "id", "type", "label", "score", "neighbours"], rows, f"Ranking by {by}",
                         ["rank", "type", "label", "score", "neighbours"])])


def communities_report(g: nx.MultiDiGraph, method: str, seed: int, resolution: float,
                       found: list[Community]) -> Report:
    members, shared = [], []
    for i, c in enumerate(found, 1):
        members += [{"community": i, "person": p, "name": label(g, p)} for p in c.members]
        for kind, nodes in (("meeting", c.meetings), ("body", c.bodies), ("directive", c.directives)):
            shared += [{"community": i, "kind": kind, "id": n, "label": label(g, n), "date": g.nodes[n].get("date")}
                       for n in nodes]
    return Report({"network": "co-attendance", "method": method, "seed": seed, "resolution": resolution,
                   "communities": len(found)},
                  [Table("members", ["community", "person", "name"], members, "Members", ["community", "name"]),
                   Table("shared", ["community", "kind", "id", "label", "date"], shared,
                         "What members share (meetings two or more attended, bodies where two or more hold "
                         "posts, documents of those meetings)", ["community", "kind", "label", "date"])])


def stats_report(g: nx.MultiDiGraph, top: int = 10) -> Report:
    s = stats(g, top)
    return Report({"articles": s["articles"], "first": s["first"], "last": s["last"],
                   "nodes": sum(s["nodes"].values()), "edges": sum(s["edges"].values())},
                  [Table("types", ["type", "count"], [{"type": k, "count": n} for k, n in s["nodes"].items()],
                         "Entities by type"),
                   Table("relations", ["relation", "count"],
                         [{"relation": k, "count": n} for k, n in s["edges"].items()], "Links by relation"),
                   Table("most_connected", ["rank", "id", "type", "label", "neighbours", "facts"],
                         [{"rank": i, **row} for i, row in enumerate(s["most_connected"], 1)], "Most connected",
                         ["rank", "type", "label", "neighbours", "facts"])])


# -- tables shared by several reports ------------------------------------------------------

def _attended_table(g: nx.MultiDiGraph, person: str) -> Table:
    roles: dict[str, list[str]] = defaultdict(list)
    for meeting, _, d in _in(g, person, ATTENDEE):
        roles[meeting].append(d.get("role") or "participant")
    rows = []
    for meeting, found in roles.items():
        data = g.nodes[meeting]
        organizer = data.get("organizer")
        rows.append({"date": data.get("date"), "meeting": meeting, "label": label(g, meeting), "organizer": organizer,
                     "organizer_label": label(g, organizer) if organizer in g else None,
                     "roles": roles_in_order(found)})
    rows.sort(key=lambda r: (date_key(r["date"]), r["meeting"]))
    return Table("meetings", ["date", "meeting", "label", "organizer", "organizer_label", "roles"], rows,
                 "Meetings attended", ["date", "meeting", "label", "organizer_label", "roles"])


def _attendees_table(g: nx.MultiDiGraph, meeting: str) -> Table:
    facts: dict[str, list[Row]] = defaultdict(list)
    for _, person, d in _out(g, meeting, ATTENDEE):
        facts[person].append(d)
    rows: list[Row] = []
    for person, found in facts.items():
        roles = roles_in_order(d.get("role") or "participant" for d in found)
        main = min((d for d in found if (d.get("role") or "participant") == roles[0]),
                   key=lambda d: (d.get("article") or "", d.get("start") or 0))
        rows.append({"person": person, "name": label(g, person), "role": roles[0], "roles": roles,
                     "article": main.get("article"), "quote": main.get("quote")})
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}
    rows.sort(key=lambda r: (rank.get(r["role"], len(rank)), r["role"], fold(r["name"]), r["person"]))
    return Table("attendees", ["person", "name", "role", "roles", "article", "quote"], rows,
                 "Participants (main role first)", ["name", "role", "roles", "article", "quote"])


def _co_attendees(g: nx.MultiDiGraph, person: str) -> list[Row]:
    shared: dict[str, set[str]] = defaultdict(set)
    for meeting in _linked(g._pred[person], ATTENDEE):
        for other in _linked(g._succ[meeting], ATTENDEE):
            if other != person:
                shared[other].add(meeting)
    rows = [{"person": p, "name": label(g, p), "shared": len(ms), "meetings": sorted(ms)} for p, ms in shared.items()]
    return sorted(rows, key=lambda r: (-r["shared"], fold(r["name"]), r["person"]))


def _presented(g: nx.MultiDiGraph, person: str) -> list[Row]:
    meetings = _linked(g._pred[person], ATTENDEE, role="presenter")
    rows = [{"date": g.nodes[meeting].get("date"), "meeting": meeting, "directive": doc, "label": label(g, doc),
             "relation": dealt["relation"]}
            for meeting in meetings for (_, doc), dealt in _dealt(_out(g, meeting, *DISCUSSES))]
    return sorted(rows, key=lambda r: (date_key(r["date"]), r["meeting"], fold(r["label"]), r["directive"]))


def _cascade(g: nx.MultiDiGraph, directive: str) -> list[Row]:
    depth, todo = {directive: 0}, [directive]
    while todo:  # the document, then those implementing it, then those implementing them...
        doc = todo.pop(0)
        for child in sorted({child for child, _, _ in _in(g, doc, IMPLEMENTS)}):  # one per child, however many articles
            if child not in depth:
                depth[child] = depth[doc] + 1
                todo.append(child)
    rows = []
    for doc, level in depth.items():
        for (meeting, _), dealt in _dealt(_in(g, doc, *DISCUSSES)):
            data = g.nodes[meeting]
            organizer = data.get("organizer")
            rows.append({"date": data.get("date"), "meeting": meeting, "label": label(g, meeting),
                         "organizer": organizer, "organizer_label": label(g, organizer) if organizer in g else None,
                         **dealt, "via": doc, "via_label": label(g, doc), "depth": level})
    return sorted(rows, key=lambda r: (date_key(r["date"]), r["depth"], r["meeting"], r["via"]))


def _dealt(edges: list[tuple[str, str, Row]]) -> list[tuple[tuple[str, str], Row]]:
    """Meeting-document edges as one entry per (meeting, document): its relations, the most
    telling first, and the source of that one (the first article stating it)."""
    found: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for u, v, d in edges:
        found[(u, v)].append(d)
    out = []
    for pair, facts in sorted(found.items()):
        relations = [r for r in DISCUSSES if any(d["relation"] == r for d in facts)]
        main = min((d for d in facts if d["relation"] == relations[0]), key=lambda d: (d.get("article") or "",
                                                                                     d.get("start") or 0))
        out.append((pair, {"relation": relations[0], "relations": relations, "article": main.get("article"),
                           "quote": main.get("quote")}))
    return out


def _out(g: nx.MultiDiGraph, node: str, *relations: str) -> list[tuple[str, str, Row]]:
    return sorted(((u, v, d) for u, v, d in g.out_edges(node, data=True) if d["relation"] in relations),
                  key=lambda e: (e[1], e[2].get("article") or "", e[2].get("fact") or ""))


def _in(g: nx.MultiDiGraph, node: str, *relations: str) -> list[tuple[str, str, Row]]:
    return sorted(((u, v, d) for u, v, d in g.in_edges(node, data=True) if d["relation"] in relations),
                  key=lambda e: (e[0], e[2].get("article") or "", e[2].get("fact") or ""))


def _linked(adjacency: dict[str, dict], relation: str, role: str | None = None) -> set[str]:
    """The nodes of ``adjacency`` (``g._succ[n]`` or ``g._pred[n]``) linked by ``relation``
    (in ``role``, if given). A set, read off the adjacency without sorting: :func:`_out` and
    :func:`_in` sort every link, 40% of a leader's report at 100,000 articles."""
    return {n for n, links in adjacency.items()
            if any(d["relation"] == relation and (role is None or d.get("role") == role) for d in links.values())}


def _target(g: nx.MultiDiGraph, node: str, relation: str) -> str | None:
    """The first (by id) node ``node`` links to by ``relation``."""
    return next((v for _, v, _ in _out(g, node, relation)), None)
