"""The ``cadregraph`` command: read articles, extract, resolve, and write the outputs.

Kept thin: each stage lives in its own module; this file only wires them and reports.
Heavy imports happen inside the commands so ``cadregraph --help`` stays instant.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from . import __version__

EXIT_ERROR = 1
EXIT_SKIPPED = 3
DEFAULT_BASE = "https://cadregraph.org/id/"  # = graph.vocab.DEFAULT_BASE, not imported to keep --help instant
PASSWORD_VARIABLE = "CADREGRAPH_PASSWORD"

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
def build(paths: tuple[Path, ...], out: Path, locality: str | None, base: str | None, prune: bool,
          curation_files: tuple[Path, ...]) -> None:
    """Build the graph, tables and site from articles.

    PATHS are .txt, .html/.htm or .jsonl files, or folders searched for them; without
    PATHS the bundled sample articles are used. Writes OUT/graph.ttl, OUT/tables/*.csv
    and OUT/site/index.html. A file that cannot be read is reported on stderr as
    "skipped PATH: REASON" and the build goes on.

    The RDF graph is kept in OUT/store, one named graph per article. Building again only
    writes what changed: an unchanged article is left alone, a changed one has its graph
    replaced, a new one is added, and articles read by earlier builds stay unless --prune
    is given. OUT/graph.ttl is written from the whole store; the tables and the site cover
    the articles of this build.

    \b
    Exit status:
      0  every article was read
      3  some input was skipped (the outputs cover the rest)
      1  the store cannot be used (in use, or built with another --base)
      2  usage error
    """
    from .exports.site import write_index
    from .exports.tables import write_tables
    from .exports.turtle import write_turtle
    from .graph.extract import extract
    from .graph.identity import Curation, resolve_identities
    from .graph.locality import relocate
    from .graph.rdf import article_graph
    from .graph.resolve import resolve, resolve_each
    from .graph.store import GraphStore
    from .graph.tenure import observations_from_store, tenure_graph, tenures
    from .graph.vocab import normalise_base
    from .sources.clean import prepare
    from .sources.model import Skipped
    from .sources.readers import bundled_corpus, read_paths

    if base is not None:
        try:
            base = normalise_base(base)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--base") from e
    sources = list(paths or [bundled_corpus()])
    try:
        curation = Curation.load([*_curation_files(sources), *curation_files])
    except (ValueError, OSError) as e:
        raise click.BadParameter(str(e), param_hint="--curation") from e
    with _graph_errors(), GraphStore.create(out, base) as store:
        facts, skipped, unplaced = [], 0, {}
        for item in read_paths(sources):
            if isinstance(item, Skipped):
                skipped += 1
                click.echo(f"skipped {item.source_path}: {item.reason}", err=True)
                continue
            if locality:
                item = dataclasses.replace(item, locality=locality)
            facts.append(extract(prepare(item)))
            if facts[-1].article.locality is None:
                unplaced[item.article_id] = item  # the corpus may tell where it is
        facts = relocate(facts, lambda aid, loc: extract(prepare(dataclasses.replace(unplaced[aid], locality=loc))))

        identities = resolve_identities(facts, curation)
        resolved = resolve(facts, identities)
        report = store.sync((article_graph(view, store.base) for view in resolve_each(facts, identities)), prune=prune)
        held = tenures(observations_from_store(store))
        store.put_derived("tenures", tenure_graph(held, store.base))
        write_turtle(store, out / "graph.ttl")
    write_tables(resolved, out / "tables", held)
    write_index(resolved, out / "site")
    click.echo(f"{len(resolved.articles)} articles, {len(resolved.people)} people, {len(resolved.bodies)} bodies, "
               f"{len(resolved.meetings)} meetings, {len(resolved.directives)} directives -> {out}")
    click.echo(f"store {out / 'store'}: {report}")
    if skipped:
        click.get_current_context().exit(EXIT_SKIPPED)


@main.command()
@out_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld"]), default="ttl",
              show_default=True, help="ttl, nt: the union of all graphs; trig, nq, jsonld: one named graph "
                                      "per article. JSON-LD is compacted with ontology/context.jsonld.")
@click.option("--output", "-o", "output", default="-", metavar="FILE",
              help="File to write (replaced only once complete); '-' for standard output.  [default: -]")
def export(out: Path, fmt: str, output: str) -> None:
    """Write the graph of OUT in a standard RDF format.

    The graph holds every article built into OUT (each in the named graph of its IRI),
    the ontology and the concept schemes of titles, body types and document kinds.
    Turtle and TriG use readable prefixes (person:, body:, org:, schema:...).

    \b
    Exit status:
      0  written
      1  no graph in OUT yet, or it cannot be read
      2  usage error
    """
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
def push(endpoint: str, out: Path, protocol: str, user: str | None, timeout: float) -> None:
    """Send the graph of OUT to a SPARQL 1.1 server.

    Every graph of the store goes in a request of its own under its own name: the graph
    of each article (named by the article's IRI), the ontology and the concept schemes.
    A graph already on the server is replaced, so pushing again after a build brings the
    server up to date; graphs the store does not have are left alone.

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
            report = send(store, endpoint, protocol, user, os.environ.get(PASSWORD_VARIABLE), timeout)
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


if __name__ == "__main__":
    main()
