"""The ``cadregraph`` command: build the graph, query it, export it, and answer research
questions about it.

This is the one command-line module of the design card, so it runs past the usual ~400
lines: each command is a few lines over the stage modules (sources, graph, exports), which
do the work. Heavy imports happen inside the commands so ``cadregraph --help`` stays
instant; only click is imported at the top.
"""
from __future__ import annotations

import inspect
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NoReturn

import click

from . import __version__

EXIT_ERROR = 1
EXIT_SKIPPED = 3
DEFAULT_BASE = "https://cadregraph.org/id/"  # = graph.vocab.DEFAULT_BASE, not imported to keep --help instant
PASSWORD_VARIABLE = "CADREGRAPH_PASSWORD"
BUILD_WAIT = 30.0  # seconds a build waits for another one writing the same folder
MAX_ARTICLE_MB = 1.0  # = sources.readers.MAX_ARTICLE_BYTES / 1e6, not imported to keep --help instant

# -- research commands: person, meeting, attended, attendees, directive, body, path, rank,
# communities, stats (registered on the group below) ------------------------------------

EXIT_NOTHING = 1
NODE_TYPES = ("person", "body", "post", "meeting", "directive")  # = graph.analysis.NODE_TYPES
NETWORK_FORMATS = ("graphml", "gexf", "csv-edges")  # = exports.network.FORMATS
NETWORKS = ("entities", "co-attendance", "person-body", "cascade")
EXIT_STATUS = "\n\n\b\nExit status:\n  0  found\n  1  nothing found (or no graph in OUT yet)\n  2  usage error"


class _Bound(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD, as the first day (``--from``) or last day (``--to``) it covers."""

    name = "date"

    def __init__(self, end: bool) -> None:
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .graph.analysis import period_bound

        try:
            return period_bound(str(value), end=self.end)
        except ValueError as e:
            self.fail(str(e), param, ctx)


def period_options(f: Callable) -> Callable:
    f = click.option("--to", "end", type=_Bound(end=True), metavar="DATE",
                     help="Only what happened on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    return click.option("--from", "start", type=_Bound(end=False), metavar="DATE",
                        help="Only what happened on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD): meetings "
                             "held, posts reported; facts with no date are left out.")(f)


def _options(f: Callable) -> Callable:
    f = click.option("--csv", "as_csv", is_flag=True, help="CSV: a header row, then the rows (several tables: "
                                                           "a first column 'section' names each row's table).")(f)
    f = click.option("--json", "as_json", is_flag=True, help="One JSON object: the header fields, then an "
                                                             "array of rows per table.")(f)
    f = period_options(f)
    return click.option("--out", "out", default="out", show_default=True,
                        type=click.Path(file_okay=False, path_type=Path),
                        help="The build folder whose graph is read.")(f)


def _format(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be used together")
    return "json" if as_json else "csv" if as_csv else "table"


def _graph(out: Path, start: str | None, end: str | None) -> Any:
    from .graph.analysis import between, load_graph
    from .graph.store import StoreError

    if start and end and start > end:
        raise click.UsageError(f"--from {start} is after --to {end}")
    try:
        return between(load_graph(out), start, end)
    except StoreError as e:
        _nothing(str(e))


def _nothing(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_NOTHING)


def _find(kind: str, g, query: str, fmt: str) -> str:
    """The id of the one ``kind`` that ``query`` names; else the candidates, and exit 1."""
    from .graph import lookup

    match = getattr(lookup, f"find_{kind}")(g, query)
    if match.found:
        return match.found
    period = " in this period" if g.graph.get("period") else ""
    if fmt == "json":
        click.echo(json.dumps({"query": query, "type": kind, "found": None,
                               "candidates": [c.as_dict() for c in match.candidates]}, ensure_ascii=False, indent=2))
    if not match.candidates:
        _nothing(f"no {kind} matches {query!r}{period}")
    click.echo(f"{query!r} matches {len(match.candidates)} {kind}s{period}; name one (its id or more words):", err=True)
    for c in match.candidates:
        click.echo(f"  {c.id}  {c.label}" + (f"  ({c.detail})" if c.detail else ""), err=True)
    sys.exit(EXIT_NOTHING)


def _emit(report, fmt: str, empty: str | None = None) -> None:
    """Print ``report``; when it has no rows and ``empty`` says why, say so and exit 1."""
    from .graph.report import render

    if empty and report.rows() == 0:
        if fmt != "table":
            click.echo(render(report, fmt), nl=False)
        _nothing(empty)
    click.echo(render(report, fmt), nl=False)


@click.command()
@click.argument("name")
@_options
def person(name: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """What the graph says about a person: posts (with dates and sources), meetings
    attended (with roles), co-attendees, and the documents of the meetings where they
    presented.

    NAME is matched with or without diacritics and in any case ("dao phu thuy duong");
    an id (person/dao-phu-thuy-duong) is taken as is. When several people match, they are
    listed and the exit status is 1.
    """
    from .graph.research import person_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    _emit(person_report(g, _find("person", g, name, fmt)), fmt)



@click.command()
@click.argument("query")
@_options
def meeting(query: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """A meeting: date, organiser, participants by role, documents dealt with, source articles.

    QUERY is its id (meeting/000_31a0101c8cf72da8-1), a date (2023-11-04, 04/11/2023, a
    month, a year), or words of its title or organiser ("tong ket", "Thành ủy"). When
    several meetings match, they are listed and the exit status is 1.
    """
    from .graph.research import meeting_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    _emit(meeting_report(g, _find("meeting", g, query, fmt)), fmt)


@click.command()
@click.option("--person", "name", required=True, metavar="NAME", help="The person, as for `cadregraph person`.")
@_options
def attended(name: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """The meetings a person attended, by date, with their roles and the organiser."""
    from .graph.research import attended_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    report = attended_report(g, _find("person", g, name, fmt))
    _emit(report, fmt, empty=f"{report.fields['name']} attended no meeting" + (" in this period" if start or end else ""))


@click.command()
@click.option("--meeting", "query", required=True, metavar="ID", help="The meeting, as for `cadregraph meeting`.")
@_options
def attendees(query: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """Who took part in a meeting: the main role of each (chair first), all their roles,
    and the sentence that says so."""
    from .graph.research import attendees_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    report = attendees_report(g, _find("meeting", g, query, fmt))
    _emit(report, fmt, empty=f"no participant is known for {report.fields['meeting']}")


@click.command()
@click.argument("query")
@_options
def directive(query: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """A party or state document: kind, number, issuer, date, what it implements and what
    implements it, and every meeting that dealt with it (or with a document implementing
    it) in date order: its cascade from the centre down to local bodies.

    QUERY is its code or name as written ("124-QĐ/TW", "Nghị quyết 45", "nq 45") or its id.
    """
    from .graph.research import directive_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    _emit(directive_report(g, _find("directive", g, query, fmt)), fmt)


@click.command()
@click.argument("name")
@_options
def body(name: str, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """A party or state body: its posts and their holders over time (first and last
    reported), the bodies under it, the meetings it organised, the documents it issued."""
    from .graph.research import body_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    _emit(body_report(g, _find("body", g, name, fmt)), fmt)


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--via", multiple=True, type=click.Choice(["meeting", "body", "directive"]),
              help="What chains may go through (repeatable).  [default: all three]")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Chains to show at most.")
@_options
def path(a: str, b: str, via: tuple[str, ...], limit: int, out: Path, start: str | None, end: str | None,
         as_json: bool, as_csv: bool) -> None:
    """The shortest chains connecting two people: through meetings they attended, bodies
    they hold posts in (with the bodies above them), documents dealt with at their
    meetings, and the people in between. Each step gives the sentence that states it.
    """
    from .graph.network import VIA, shortest_paths
    from .graph.research import path_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    first, second = _find("person", g, a, fmt), _find("person", g, b, fmt)
    if first == second:
        raise click.UsageError(f"A and B are the same person ({first})")
    chains = shortest_paths(g, first, second, tuple(via) or VIA, limit)
    report = path_report(g, first, second, chains)
    _emit(report, fmt, empty=f"nothing connects {report.fields['from_name']} and {report.fields['to_name']}")


@click.command()
@click.option("--by", type=click.Choice(["degree", "betweenness", "pagerank", "eigenvector"]), default="degree",
              show_default=True, help="The centrality.")
@click.option("--type", "node_type", type=click.Choice(NODE_TYPES), help="Only entities of this type.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many to list.")
@click.option("--network", type=click.Choice(["entities", "co-attendance"]), default="entities", show_default=True,
              help="entities: every entity and link; co-attendance: people, linked by meetings shared.")
@_options
def rank(by: str, node_type: str | None, top: int, network: str, out: Path, start: str | None, end: str | None,
         as_json: bool, as_csv: bool) -> None:
    """The most central entities: degree and betweenness (normalised, over hops), PageRank
    and eigenvector (weighted by the number of links, or of meetings shared)."""
    from .graph.analysis import AnalysisError
    from .graph.network import rank as ranking
    from .graph.research import rank_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    try:
        found = ranking(g, by, node_type, network, top)
    except AnalysisError as e:
        _nothing(str(e))
    _emit(rank_report(by, network, node_type, found), fmt, empty="nothing to rank")


@click.command()
@click.option("--method", type=click.Choice(["louvain", "leiden"]), default="louvain", show_default=True,
              help="Louvain (networkx) or Leiden (needs leidenalg: pip install 'cadregraph[leiden]').")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the method: same seed, same result.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Above 1: smaller communities; below 1: larger ones.")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="Leave out communities with fewer members.")
@_options
def communities(method: str, seed: int, resolution: float, min_size: int, out: Path, start: str | None,
                end: str | None, as_json: bool, as_csv: bool) -> None:
    """Communities of the co-attendance network (people linked by meetings attended
    together, weighted by how many), largest first, with what their members share."""
    from .graph.network import Unavailable, communities as find
    from .graph.research import communities_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    try:
        found = [c for c in find(g, method, seed, resolution) if len(c.members) >= min_size]
    except Unavailable as e:
        raise click.UsageError(str(e)) from e
    _emit(communities_report(g, method, seed, resolution, found), fmt,
          empty=f"no community of {min_size} or more people")


@click.command()
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the most connected entities to list.")
@_options
def stats(top: int, out: Path, start: str | None, end: str | None, as_json: bool, as_csv: bool) -> None:
    """Counts of the graph: articles, entities by type, links by relation, the first and
    last date of its facts, and the most connected entities."""
    from .graph.research import stats_report

    fmt = _format(as_json, as_csv)
    g = _graph(out, start, end)
    _emit(stats_report(g, top), fmt, empty="the graph is empty" + (" in this period" if start or end else ""))


RESEARCH_COMMANDS = (person, meeting, attended, attendees, directive, body, path, rank, communities, stats)
for _command in RESEARCH_COMMANDS:
    _command.help = inspect.cleandoc(_command.help or "") + EXIT_STATUS


# -- export --format graphml|gexf|csv-edges -------------------------------------------------

def network_options(f: Callable) -> Callable:
    f = period_options(f)
    return click.option("--network", type=click.Choice(NETWORKS), default="entities", show_default=True,
                        help="graphml, gexf, csv-edges: entities (every entity and link), co-attendance "
                             "(people), person-body (posts held), cascade (documents -> meetings -> bodies).")(f)


def export_network(out: Path, fmt: str, output: str, network: str, start: str | None, end: str | None) -> None:
    """Write the ``network`` projection of the graph of ``out`` in ``fmt`` to ``output`` ('-': stdout)."""
    from .exports.files import atomic_open
    from .exports.network import write_network
    from .graph import network as nets

    g = _graph(out, start, end)
    project: dict[str, Callable[[Any], Any]] = {
        "entities": lambda x: x, "co-attendance": nets.co_attendance, "person-body": nets.person_body,
        "cascade": nets.directive_cascade}
    text = write_network(project[network](g), fmt)
    if output == "-":
        click.echo(text, nl=False)
        return
    with atomic_open(output, newline="\n") as f:
        f.write(text)
    click.echo(f"{fmt} ({network}) -> {output}", err=True)


out_option = click.option(
    "--out", "out", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
    help="The build folder: where `cadregraph build` writes, and where the graph is read from.")


@click.group()
@click.version_option(__version__, prog_name="cadregraph")
def main() -> None:
    """Vietnamese party and state news articles into a knowledge graph.

    `cadregraph build` reads articles into a folder (default: out); export, sparql, push
    and validate then read the graph stored there.
    """


def _curation_files(sources: list[Path]) -> list[Path]:
    """The repository's curation file and the cadregraph-curation.yaml of each source folder."""
    from .graph.vocab import ONTOLOGY_DIR

    found = [ONTOLOGY_DIR / "curation.yaml"]
    for src in sources:
        folder = src if src.is_dir() else src.parent
        if (folder / "cadregraph-curation.yaml").is_file():
            found.append(folder / "cadregraph-curation.yaml")
    return [f for f in dict.fromkeys(found) if f.is_file()]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@out_option
@click.option("--locality", metavar="TEXT",
              help="Province or city of these articles (e.g. 'Hải Phòng'), instead of the one detected.")
@click.option("--base", metavar="IRI",
              help="Namespace under which graph ids are minted. A folder keeps the base it was first built "
                   f"with.  [default: that base, or {DEFAULT_BASE}]")
@click.option("--prune", is_flag=True,
              help="Drop from the store the articles this build did not read (by default they stay).")
@click.option("--curation", "curation_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A curation file of 'same'/'different' decisions on people and documents (repeatable); "
                   "ontology/curation.yaml and any cadregraph-curation.yaml in PATHS are always read.")
@click.option("--wait", type=click.FloatRange(min=0), default=BUILD_WAIT, show_default=True, metavar="SECONDS",
              help="How long to wait for another build writing OUT to finish before giving up.")
@click.option("--max-article-mb", type=click.FloatRange(min=0, min_open=True), default=MAX_ARTICLE_MB,
              show_default=True, metavar="MB",
              help="Skip an article larger than this (its text; an HTML page may be ten times larger).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes reading and extracting articles, and writing the site's pages "
                   "(the output is the same for any N).  "
                   "[default: the cores available]")
@click.option("--force", is_flag=True,
              help="Build even when the sources, settings and cadregraph are those of the last build into OUT "
                   "(otherwise such a build stops at once: nothing changed).")
@click.option("--timings", is_flag=True,
              help="Print on stderr how long each step took and the build's peak memory after it "
                   "(also kept in OUT/.cadregraph-manifest.json).")
def build(paths: tuple[Path, ...], out: Path, locality: str | None, base: str | None, prune: bool,
          curation_files: tuple[Path, ...], wait: float, max_article_mb: float, jobs: int | None,
          force: bool, timings: bool) -> None:
    """Build the graph, tables and site from articles.

    PATHS are .txt, .html/.htm or .jsonl files, or folders searched for them; without
    PATHS the bundled sample articles are used. Writes OUT/graph.ttl, OUT/tables/*.csv
    and the site OUT/site/ (see `cadregraph site`). A file that cannot be read is
    reported on stderr as "skipped PATH: REASON" and the build goes on.

    The RDF graph is kept in OUT/store, one named graph per article. Building again only
    writes what changed: an unchanged article is left alone, a changed one has its graph
    replaced, a new one is added, and articles read by earlier builds stay unless --prune
    is given. Nor does it read and extract again a file it extracted last time: the
    facts of each file are kept in OUT/.cadregraph-facts.sqlite, by its path, content
    and settings, for as long as cadregraph's extraction code and lexicons are the same.
    OUT/graph.ttl and the site are written from the whole store; the tables cover the
    articles of this build.

    What was done to a file that was read (a legacy encoding converted, a duplicate id
    renamed ID~2) is reported as "note PATH: ...". One build at a time writes OUT: another
    waits --wait seconds, then stops with the first one's pid. A build that was killed
    leaves the outputs of the last complete one; the next build completes its work.

    \b
    Exit status:
      0  every article was read
      3  some input was skipped (the outputs cover the rest)
      1  the store cannot be used (another build is writing OUT, or built with another --base)
      2  usage error
    """
    from .graph.identity import Curation
    from .graph.vocab import normalise_base
    from .pipeline import BuildOptions, build as run_build
    from .sources.readers import bundled_corpus

    if base is not None:
        try:
            base = normalise_base(base)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--base") from e
    sources = list(paths or [bundled_corpus()])
    files = [*_curation_files(sources), *curation_files]
    try:
        curation = Curation.load(files)
    except (ValueError, OSError) as e:
        raise click.BadParameter(str(e), param_hint="--curation") from e
    options = BuildOptions(sources, out, locality, base, prune, files, curation, wait,
                           int(max_article_mb * 1_000_000), jobs, force)
    with _graph_errors():
        summary = run_build(options, lambda path, message: click.echo(f"note {path}: {message}", err=True),
                            lambda item: click.echo(f"skipped {item.source_path}: {item.reason}", err=True))
    if summary.unchanged:
        click.echo(f"nothing changed since the last build into {out} (use --force to build anyway)")
    click.echo(f"{summary.articles} articles, {summary.people} people, {summary.bodies} bodies, "
               f"{summary.meetings} meetings, {summary.directives} directives -> {out}")
    click.echo(f"store {summary.store}")
    if summary.reused and not summary.unchanged:
        click.echo(f"extraction: {summary.reused:,} kept from the last build, {summary.extracted:,} new or changed")
    if timings and not summary.unchanged:
        for step, seconds, peak_mb in summary.steps:
            click.echo(f"{step:<40} {seconds:9.2f} s  peak {peak_mb:8,.0f} MB", err=True)
    if summary.skipped:
        click.get_current_context().exit(EXIT_SKIPPED)


@main.command()
@out_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes writing the pages (the site is the same for any N).  [default: the cores available]")
def site(out: Path, jobs: int | None) -> None:
    """Write the site of OUT (OUT/site) again from its graph, without reading articles.

    The site is what `cadregraph build` writes there: index.html (counts, dates, search,
    lists), a page per person, body, meeting, document and article, each with its network
    and the sentences behind its facts, and overview.html. It covers every article of the
    store; an article's text comes from OUT/texts, kept by the build. Open
    OUT/site/index.html in a browser (no network needed) or run `cadregraph serve`.

    \b
    Exit status:
      0  written
      1  no graph in OUT yet, or it cannot be read
      2  usage error
    """
    from .exports.site import site_from_store, write_site
    from .pipeline import default_jobs

    with _graph_errors():
        data = site_from_store(out)
    report = write_site(data, out / "site", jobs or default_jobs())
    click.echo(f"{report} -> {out / 'site'}")


@main.command()
@out_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free port).")
def serve(out: Path, port: int) -> None:
    """Serve the site of OUT on http://127.0.0.1:PORT/ until interrupted (Ctrl-C).

    Only this machine can reach it (the loopback address). The site works without a
    server too: open OUT/site/index.html.

    \b
    Exit status:
      0  stopped
      1  no site in OUT (run `cadregraph build` or `cadregraph site`), or the port is taken
      2  usage error
    """
    from .exports.site_serve import serve as run

    folder = out / "site"
    if not (folder / "index.html").is_file():
        click.echo(f"no site in {out}; run `cadregraph build` or `cadregraph site --out {out}` first", err=True)
        sys.exit(EXIT_ERROR)
    try:
        run(folder, port, lambda url: click.echo(f"serving {folder} at {url} (Ctrl-C to stop)"))
    except OSError as e:
        click.echo(f"cannot listen on 127.0.0.1:{port}: {e.strerror or e}", err=True)
        sys.exit(EXIT_ERROR)


@main.command()
@out_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld", *NETWORK_FORMATS]),
              default="ttl", show_default=True,
              help="ttl, nt: the union of all graphs; trig, nq, jsonld: one named graph per article. JSON-LD is "
                   "compacted with ontology/context.jsonld. graphml, gexf, csv-edges: the network of entities "
                   "for Gephi or Cytoscape (see --network).")
@click.option("--output", "-o", "output", default="-", metavar="FILE",
              help="File to write (replaced only once complete); '-' for standard output.  [default: -]")
@network_options
def export(out: Path, fmt: str, output: str, network: str, start: str | None, end: str | None) -> None:
    """Write the graph of OUT in a standard RDF format, or as a network for Gephi.

    The graph holds every article built into OUT (each in the named graph of its IRI),
    the ontology and the concept schemes of titles, body types and document kinds.
    Turtle and TriG use readable prefixes (person:, body:, org:, schema:...).

    graphml, gexf and csv-edges write the entities as a network (or a projection of it,
    --network), limited to a period with --from and --to: nodes with their type, label
    and dates, edges with their relation, date, article and quote.

    \b
    Exit status:
      0  written
      1  no graph in OUT yet, or it cannot be read
      2  usage error
    """
    if fmt in NETWORK_FORMATS:
        export_network(out, fmt, output, network, start, end)
        return
    if network != "entities" or start or end:
        raise click.UsageError("--network, --from and --to apply to the formats graphml, gexf and csv-edges")
    from .exports.rdf_formats import FORMATS, export as write
    from .graph.store import GraphStore

    with _graph_errors(), GraphStore.open(out) as store:
        if output == "-":
            FORMATS[fmt][0](store, sys.stdout)
        else:
            path = write(store, fmt, output)
            click.echo(f"{fmt} -> {path}", err=True)


@main.command()
@click.argument("query_or_file", metavar="QUERY_OR_FILE", required=False)
@out_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
              default="table", show_default=True,
              help="SELECT, ASK: table, or the SPARQL results formats csv, tsv, json, xml. "
                   "CONSTRUCT, DESCRIBE: table (Turtle), ttl, nt, jsonld.")
@click.option("--prefixes", "show_prefixes", is_flag=True,
              help="Print the PREFIX lines of the declared prefixes (for other SPARQL tools) and exit.")
def sparql(query_or_file: str | None, out: Path, fmt: str, show_prefixes: bool) -> None:
    """Run a SPARQL query on the graph of OUT and print the result.

    QUERY_OR_FILE is the query itself, a file holding it, or '-' to read it from standard
    input. SELECT, ASK, CONSTRUCT and DESCRIBE are run (the store is read-only here).
    The default graph is the union of all graphs; GRAPH ?g { ... } gives each fact's
    article, since the graph of an article is named by the article's IRI. The prefixes
    cg:, foaf:, org:, schema:, dcterms:, prov:, skos:, eli:, rdfs:, xsd:, the concept
    prefixes title:, bodytype:, doctype:, role: and one per kind of id (person:, body:,
    post:, meeting:, directive:, article: ...) are declared. A fact stated by several
    articles matches once per article: use SELECT DISTINCT when that matters. In the
    table format cells longer than 80 characters are cut; csv and json give them whole.

    \b
    Example:
      cadregraph sparql 'SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }'

    \b
    Exit status:
      0  the result was printed
      1  no graph in OUT yet, or it cannot be read
      2  usage error, or a query that does not parse
    """
    from .graph.sparql import QueryError, prefix_declarations, read_query, run
    from .graph.store import GraphStore

    if show_prefixes:
        with _graph_errors(), GraphStore.open(out) as store:
            click.echo(prefix_declarations(store.base), nl=False)
        return
    if query_or_file is None:
        raise click.UsageError("Missing argument 'QUERY_OR_FILE'.")
    try:
        query = sys.stdin.read() if query_or_file == "-" else read_query(query_or_file)
    except QueryError as e:
        raise click.BadParameter(str(e), param_hint="QUERY_OR_FILE") from e
    with _graph_errors(), GraphStore.open(out) as store:
        try:
            text = run(store, query, fmt)
        except QueryError as e:
            raise click.BadParameter(str(e), param_hint="QUERY_OR_FILE") from e
    click.echo(text, nl=False)


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's Graph Store Protocol address (Oxigraph: http://HOST:7878/store; Fuseki: "
                   "http://HOST:3030/DATASET/data), or with --protocol update its SPARQL Update address "
                   "(Oxigraph: .../update; Fuseki: .../DATASET/update).")
@out_option
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: PUT each graph (SPARQL 1.1 Graph Store Protocol). update: DROP and INSERT DATA each "
                   "graph (SPARQL 1.1 Update).")
@click.option("--user", metavar="NAME",
              help=f"User for HTTP Basic authentication; the password is read from ${PASSWORD_VARIABLE}.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to wait for the server on each request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Further tries of a request that failed in passing (no connection, timeout, HTTP 5xx or 429).")
@click.option("--retry-delay", type=click.FloatRange(min=0), default=0.5, show_default=True, metavar="SECONDS",
              help="Pause before the first retry; doubled before each next one (at most 10 s).")
def push(endpoint: str, out: Path, protocol: str, user: str | None, timeout: float, retries: int,
         retry_delay: float) -> None:
    """Send the graph of OUT to a SPARQL 1.1 server.

    Every graph of the store goes in a request of its own under its own name: the graph
    of each article (named by the article's IRI), the ontology and the concept schemes.
    A graph already on the server is replaced, so pushing again after a build brings the
    server up to date; graphs the store does not have are left alone. Each graph is one
    request the server applies whole or not at all; a request that fails in passing is
    tried again (--retries, with pauses doubling from --retry-delay), a refusal (HTTP 4xx)
    is not. When the push fails, it says how many graphs were sent: push again to finish.

    \b
    Exit status:
      0  every graph was sent
      1  no graph in OUT yet, or the server could not be reached or refused the data
      2  usage error
    """
    from .graph.sparql import PushError, check_endpoint, push as send
    from .graph.store import GraphStore

    try:
        check_endpoint(endpoint)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--endpoint") from e
    with _graph_errors(), GraphStore.open(out) as store:
        try:
            report = send(store, endpoint, protocol, user, os.environ.get(PASSWORD_VARIABLE), timeout, retries,
                          retry_delay, on_retry=lambda why: click.echo(f"retry: {why}", err=True))
        except PushError as e:
            click.echo(f"push failed: {e}", err=True)
            sys.exit(EXIT_ERROR)
    click.echo(f"{report.graphs} graphs, {report.triples} triples -> {endpoint}")


@main.command()
@out_option
def validate(out: Path) -> None:
    """Check the graph of OUT against the SHACL shapes of ontology/shapes.ttl.

    Prints pySHACL's report of every violation when there are any.

    \b
    Exit status:
      0  the graph conforms
      1  it does not (or there is no graph in OUT yet)
      2  usage error
    """
    from .graph.store import GraphStore
    from .graph.validate import validate_store

    with _graph_errors(), GraphStore.open(out) as store:
        result = validate_store(store)
    if not result.conforms:
        click.echo(result.report, err=True)
        click.echo(f"{out}: does not conform to the shapes ({result.triples} triples checked)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{out}: conforms to the shapes ({result.triples} triples checked)")


@contextmanager
def _graph_errors() -> Iterator[None]:
    """A store that is missing, in use or built otherwise: one line on stderr, exit 1."""
    from .graph.store import StoreError

    try:
        yield
    except StoreError as e:
        click.echo(str(e), err=True)
        sys.exit(EXIT_ERROR)


for _command in RESEARCH_COMMANDS:  # person, meeting, attended, ... stats: defined above
    main.add_command(_command)


@main.command()
@click.argument("post")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="The date to ask about; without it, every holder in order.")
@out_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def holders(post: str, on: str | None, out: Path, as_json: bool) -> None:
    """Who held POST (e.g. "Bí thư Thành ủy Hải Phòng"), in order, or on a date.

    POST is matched with or without diacritics and in any case. With --on, holders are
    ranked by confidence: 1.0 when the articles show them in the post on both sides of
    the date, less the further the nearest observation is from it (halving every year).
    Exit status: 0 found, 1 no such post (or several: they are listed), 2 usage error.
    """
    import datetime as dt
    import json

    from .graph.lookup import fold
    from .graph.tenure import holders_on, load_tenures, succession

    if on is not None:
        try:
            dt.date.fromisoformat(on)
        except ValueError as e:
            raise click.BadParameter("a date as YYYY-MM-DD", param_hint="--on") from e
    with _graph_errors():
        held = load_tenures(out)
    labels = {t.post_id: t.post_label for t in held}
    wanted = fold(post)
    exact = sorted(pid for pid, label in labels.items() if fold(label) == wanted)
    found = exact or sorted(pid for pid, label in labels.items() if wanted in fold(label))
    if len(found) != 1:
        message = f"no post matches {post!r}" if not found else \
            "several posts match; say which:\n" + "\n".join(f"  {labels[p]}" for p in found)
        click.echo(message, err=True)
        click.get_current_context().exit(EXIT_ERROR)
    pid = found[0]
    if on:
        rows = [{"person_id": h.tenure.person_id, "person": h.tenure.person_name, "first_seen": h.tenure.first_seen,
                 "last_seen": h.tenure.last_seen, "observations": h.tenure.observations,
                 "confidence": h.confidence, "nearest": h.nearest, "days_away": h.days_away}
                for h in holders_on(held, pid, on)]
    else:
        rows = [{"person_id": t.person_id, "person": t.person_name, "first_seen": t.first_seen,
                 "last_seen": t.last_seen, "observations": t.observations} for t in succession(held, pid)]
    if as_json:
        click.echo(json.dumps({"post_id": pid, "post": labels[pid], "on": on, "holders": rows},
                              ensure_ascii=False, indent=2))
        return
    click.echo(labels[pid] + (f", on {on}" if on else ""))
    for r in rows:
        extra = f"  confidence {r['confidence']:.2f} (nearest {r['nearest']})" if on else ""
        click.echo(f"  {r['person']:<28} {r['first_seen']} – {r['last_seen']}  "
                   f"{r['observations']} article(s){extra}")


if __name__ == "__main__":
    main()
