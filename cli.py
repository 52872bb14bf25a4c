"""The ``cadregraph`` command: read articles, extract, resolve, and write the outputs.

Kept thin: each stage lives in its own module; this file only wires them and reports.
Heavy imports happen inside the command so ``cadregraph --help`` stays instant.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from . import __version__

EXIT_SKIPPED = 3


@click.group()
@click.version_option(__version__, prog_name="cadregraph")
def main() -> None:
    """Vietnamese party and state news articles into a knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the outputs.")
@click.option("--locality", metavar="TEXT",
              help="Province or city of these articles (e.g. 'Hải Phòng'), instead of the one detected.")
@click.option("--base", metavar="IRI", default="https://cadregraph.org/id/", show_default=True,
              help="Namespace under which graph ids are minted.")
def build(paths: tuple[Path, ...], out: Path, locality: str | None, base: str) -> None:
    """Build the graph, tables and site from articles.

    PATHS are .txt, .html/.htm or .jsonl files, or folders searched for them; without
    PATHS the bundled sample articles are used. Writes OUT/graph.ttl, OUT/tables/*.csv
    and OUT/site/index.html. A file that cannot be read is reported on stderr as
    "skipped PATH: REASON" and the build goes on.

    \b
    Exit status:
      0  every article was read
      3  some input was skipped (the outputs cover the rest)
      2  usage error
    """
    from .exports.site import write_index
    from .exports.tables import write_tables
    from .exports.turtle import write_turtle
    from .graph.extract import extract
    from .graph.resolve import resolve
    from .graph.store import build_dataset
    from .sources.clean import prepare
    from .sources.model import Skipped
    from .sources.readers import bundled_corpus, read_paths

    facts, skipped = [], 0
    for item in read_paths(paths or [bundled_corpus()]):
        if isinstance(item, Skipped):
            skipped += 1
            click.echo(f"skipped {item.source_path}: {item.reason}", err=True)
            continue
        if locality:
            item = dataclasses.replace(item, locality=locality)
        facts.append(extract(prepare(item)))

    resolved = resolve(facts)
    write_turtle(build_dataset(resolved, base=base), out / "graph.ttl")
    write_tables(resolved, out / "tables")
    write_index(resolved, out / "site")
    click.echo(f"{len(resolved.articles)} articles, {len(resolved.people)} people, {len(resolved.bodies)} bodies, "
               f"{len(resolved.meetings)} meetings, {len(resolved.directives)} directives -> {out}")
    if skipped:
        click.get_current_context().exit(EXIT_SKIPPED)


if __name__ == "__main__":
    main()
