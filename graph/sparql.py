"""SPARQL over a build's store, and sending the graph to a SPARQL 1.1 server.

Queries see the union of the store's graphs as their default graph, and each article's
graph by its IRI (``GRAPH ?article { ... }``); the prefixes of :func:`.vocab.prefixes` are
declared for them. A triple several articles state is in each of their graphs, so it
matches once per article: ``SELECT DISTINCT`` when that matters.

:func:`push` sends every graph of the store to a server, one request per graph, with the
Graph Store Protocol (``PUT`` replaces the graph) or SPARQL Update (``DROP`` then ``INSERT
DATA``, in one request): pushing twice leaves the server as pushing once. A request that
fails in passing is tried again with growing pauses; a push that fails says which graphs
arrived (each whole) so pushing again finishes it.
"""
from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from typing import Callable
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox
from rdflib import Graph

from .store import GraphStore, to_rdflib
from .vocab import bind_prefixes, prefixes

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
TABLE_CELL = 80  # characters of a cell shown in the table format
_RESULTS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}


class QueryError(ValueError):
    """The query does not parse, or asks for a format its kind of result has not."""


def prefix_declarations(base: str) -> str:
    """The ``PREFIX`` lines of every prefix queries may use, for tools that do not declare them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(base).items())


def read_query(arg: str) -> str:
    """``arg`` itself, or the text of the file it names (``.rq``, ``.sparql``...)."""
    if "\n" in arg or len(arg) >= 1024:
        return arg
    path = Path(arg)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".rq", ".sparql", ".txt") and not any(c.isspace() for c in arg):
        raise QueryError(f"no such query file: {arg}")
    return arg


def run(store: GraphStore, query: str, fmt: str = "table") -> str:
    """Run ``query`` on ``store`` and render its result in ``fmt`` (see :func:`render`)."""
    if fmt not in SOLUTION_FORMATS + GRAPH_FORMATS:
        raise QueryError(f"unknown format {fmt!r}")
    try:
        result = store.query(query, prefixes=prefixes(store.base))
    except SyntaxError as e:
        raise QueryError(f"the query does not parse: {e}") from e
    return render(result, fmt, store.base)


def render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str, base: str) -> str:
    """SELECT and ASK: ``table`` (for people), ``csv``, ``tsv``, ``json``, ``xml`` (the W3C
    SPARQL results formats). CONSTRUCT and DESCRIBE: ``table`` or ``ttl`` (Turtle), ``nt``,
    ``jsonld``."""
    if isinstance(result, ox.QueryTriples):
        if fmt not in ("table",) + GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format ttl, nt or jsonld, not {fmt}")
        return _graph(result, fmt, base)
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"a SELECT or ASK query gives solutions: use --format table, csv, tsv, json or xml, not {fmt}")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return "true\n" if bool(result) else "false\n"
        if fmt in ("csv", "tsv"):
            return ("true" if bool(result) else "false") + "\n"
        return _text(result.serialize(format=_RESULTS[fmt]))
    if fmt == "table":
        return _table(result, prefixes(base))
    return _text(result.serialize(format=_RESULTS[fmt]))


def _table(solutions: ox.QuerySolutions, names: dict[str, str]) -> str:
    """Aligned columns, IRIs shortened with the prefixes, long cells cut at :data:`TABLE_CELL`."""
    variables = [v.value for v in solutions.variables]
    rows = [[_cell(row[v], names) for v in variables] for row in solutions]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, names: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = _compact(term.value, names)
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = term.value
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def _compact(iri: str, names: dict[str, str]) -> str:
    best = max((ns for ns in names.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in names.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _graph(triples: ox.QueryTriples, fmt: str, base: str) -> str:
    g = Graph(bind_namespaces="none")
    bind_prefixes(g, base)
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    if fmt == "nt":
        return "".join(sorted(line + "\n" for line in g.serialize(format="nt").splitlines() if line.strip()))
    if fmt == "jsonld":
        from ..exports.rdf_formats import jsonld_context

        return g.serialize(format="json-ld", context=jsonld_context(base), auto_compact=True) + "\n"
    return g.serialize(format="turtle")


def _text(data: bytes) -> str:
    text = data.decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


# -- push -----------------------------------------------------------------------------------

RETRIES = 3  # further tries of a request that failed in passing
RETRY_DELAY = 0.5  # seconds before the first retry; doubled before each next one
MAX_RETRY_DELAY = 10.0  # no wait between tries is longer, whatever the server asks (Retry-After)
_NOT_TRANSIENT = {501, 505}  # server errors that another try will not change


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    retried: int = 0  # requests that succeeded only after a retry


class PushError(Exception):
    """The server could not be reached or refused the data. ``sent`` names the graphs that
    did arrive (each of them whole) and ``total`` how many there were to send."""

    def __init__(self, message: str, sent: tuple[str, ...] = (), total: int = 0) -> None:
        super().__init__(message)
        self.sent = sent
        self.total = total


def push(store: GraphStore, endpoint: str, protocol: str = "gsp", user: str | None = None,
         password: str | None = None, timeout: float = 60.0, retries: int = RETRIES,
         retry_delay: float = RETRY_DELAY, on_retry: Callable[[str], None] | None = None) -> PushReport:
    """Send every graph of ``store`` (articles and vocabulary) to ``endpoint``.

    ``protocol`` ``gsp``: ``endpoint`` is the server's Graph Store Protocol address
    (Oxigraph ``/store``, Fuseki ``/DATASET/data``) and each graph is ``PUT`` to
    ``?graph=IRI`` as N-Triples. ``update``: ``endpoint`` is its SPARQL Update address
    (Oxigraph ``/update``, Fuseki ``/DATASET/update``), and each graph is ``DROP``-ped and
    inserted again in one update request. ``user`` and ``password`` are sent with HTTP
    Basic authentication.

    Each graph is one request that the server applies whole or not at all, and sending
    it twice leaves what sending it once does. A request that fails in passing (no
    connection, a timeout, a 5xx answer other than 501 and 505, 429 Too Many Requests)
    is tried again up to ``retries`` times, ``retry_delay`` seconds later and twice as
    long each time (at most :data:`MAX_RETRY_DELAY`); ``on_retry`` hears why. A refusal
    (any other 4xx) is not retried. When a graph cannot be sent, :class:`PushError` says
    which graphs were sent before it: every graph on the server is then either the one
    it had or the whole new one, and pushing again sends the rest.
    """
    check_endpoint(endpoint)
    if protocol not in ("gsp", "update"):
        raise ValueError(f"unknown protocol {protocol!r}")
    headers = {}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    names = store.graphs()
    sent: list[str] = []
    triples = retried = 0
    for g in names:
        lines = sorted({f"{q.triple} .\n" for q in store.quads(g)})
        if protocol == "gsp":
            sep = "&" if urlsplit(endpoint).query else "?"
            url = f"{endpoint}{sep}graph={quote(g.value, safe='')}"
            body, kind, method = "".join(lines), "application/n-triples", "PUT"
        else:
            url, kind, method = endpoint, "application/sparql-update", "POST"
            body = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{''.join(lines)}}} }}\n"
        try:
            tries = _send(url, method, body.encode("utf-8"), {**headers, "Content-Type": f"{kind}; charset=utf-8"},
                          timeout, g.value, retries, retry_delay, on_retry)
        except PushError as e:
            done = f"{len(sent)} of {len(names)} graphs were sent, each whole" if sent else \
                f"none of the {len(names)} graphs was sent"
            raise PushError(f"{e}; {done}; push again to send the rest", tuple(sent), len(names)) from e
        retried += tries > 1
        sent.append(g.value)
        triples += len(lines)
    return PushReport(len(sent), triples, retried)


def check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"endpoint {endpoint!r} is not an http(s) URL")


def _send(url: str, method: str, body: bytes, headers: dict[str, str], timeout: float, graph: str,
          retries: int = 0, retry_delay: float = RETRY_DELAY,
          on_retry: Callable[[str], None] | None = None) -> int:
    """Send one request, trying again after a failure in passing; returns the tries it took."""
    where = url.split("?")[0]
    delay = retry_delay
    for attempt in range(1, retries + 2):
        request = Request(url, data=body, method=method, headers=headers)
        try:
            with urlopen(request, timeout=timeout) as response:
                response.read()
            return attempt
        except HTTPError as e:
            detail = " ".join(e.read(500).decode("utf-8", "replace").split())
            problem = f"{where} refused graph <{graph}>: HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")
            transient = (e.code >= 500 and e.code not in _NOT_TRANSIENT) or e.code == 429
            asked = _retry_after(e.headers.get("Retry-After") if e.headers else None)
        except (URLError, OSError, HTTPException) as e:
            reason = getattr(e, "reason", None) or e or type(e).__name__
            problem = f"cannot reach {where}: {reason}"
            if isinstance(reason, TimeoutError) or isinstance(e, TimeoutError):
                problem = f"{where} did not answer within {timeout:g} s (graph <{graph}>)"
            transient, asked = True, None
        if not transient:
            raise PushError(problem)
        if attempt > retries:
            raise PushError(f"{problem} (tried {attempt} times)" if attempt > 1 else problem)
        wait = min(MAX_RETRY_DELAY, max(delay, asked or 0.0))
        if on_retry:
            on_retry(f"{problem}; trying again in {wait:g} s ({attempt}/{retries})")
        time.sleep(wait)
        delay = min(MAX_RETRY_DELAY, delay * 2)
    raise AssertionError("unreachable")


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number of seconds; dates are ignored)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def solutions_json(text: str) -> list[dict[str, str]]:
    """The rows of a SPARQL JSON results document, as {variable: value} (for callers and tests)."""
    doc = json.loads(text)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def query_endpoint(endpoint: str, query: str, timeout: float = 30.0) -> list[dict[str, str]]:
    """Run a SELECT on a SPARQL server (protocol ``POST``, form-encoded) and return its rows."""
    request = Request(endpoint, data=urlencode({"query": query}).encode("ascii"), method="POST",
                      headers={"Accept": "application/sparql-results+json",
                               "Content-Type": "application/x-www-form-urlencoded"})
    with urlopen(request, timeout=timeout) as response:
        return solutions_json(response.read().decode("utf-8"))
