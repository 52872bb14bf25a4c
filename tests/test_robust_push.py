"""`cadregraph push` to a server that is down, slow or answers errors: a real Oxigraph
server behind a proxy on 127.0.0.1 that injects the faults. Failures in passing are
retried with growing pauses, refusals are not, and a push that fails leaves every graph
on the server whole (the old one or the new one) and says how many were sent."""
from __future__ import annotations

import threading
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import Request, urlopen
from typing import Callable

import pyoxigraph as ox
import pytest

import robust_counts
from test_push import free_port, oxigraph, push  # noqa: F401  (oxigraph: the server fixture)

from cadregraph.graph.store import GraphStore

pytestmark = pytest.mark.robust

FAST = ["--retry-delay", "0.01"]


class Proxy(BaseHTTPRequestHandler):
    """Forwards PUT and POST to its server's ``upstream``, unless ``plan(graph, attempt)`` says
    otherwise: ``("status", code, headers)``, ``("delay", seconds)`` (then forwards), ``"drop"``
    (closes the connection without answering). The state lives on the server of one test, so
    a request still delayed when its test ends never reaches the next test's server."""

    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        state = self.server
        upstream = state.upstream
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        query = parse_qs(urlsplit(self.path).query)
        graph = query.get("graph", [""])[0] or _update_graph(body)
        n = state.attempts[graph] = state.attempts.get(graph, 0) + 1
        action = state.plan(graph, n)
        state.log.append((graph, str(action)))
        robust_counts.add("push faults", action is not None)
        if action == "drop":
            self.close_connection = True
            self.connection.close()
            return
        if action and action[0] == "status":
            self.send_response(action[1])
            for k, v in action[2].items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if action and action[0] == "delay":
            time.sleep(action[1])
            if state.closed:
                return  # the test is over: its client gave up long ago
        request = Request(upstream + self.path, data=body, method=self.command,
                          headers={"Content-Type": self.headers.get("Content-Type", "")})
        try:
            with urlopen(request, timeout=30) as response:
                code = response.status
        except HTTPError as e:
            code = e.code
        except OSError:
            return  # the upstream server of a finished test is gone
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = _handle  # noqa: N815 (http.server's naming)

    def log_message(self, *args) -> None:
        pass


def _update_graph(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    return text.split("DROP SILENT GRAPH <", 1)[1].split(">", 1)[0] if "DROP SILENT GRAPH <" in text else ""


class FaultyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), Proxy)
        self.upstream = upstream
        self.plan: Callable[[str, int], object] = lambda graph, attempt: None
        self.attempts: dict[str, int] = {}
        self.log: list[tuple[str, str]] = []
        self.closed = False


@pytest.fixture
def proxy(oxigraph):  # noqa: F811 (the fixture imported above)
    server = FaultyServer(oxigraph)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", oxigraph, server
    finally:
        server.closed = True
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def local(out) -> dict[str, frozenset[str]]:
    with GraphStore.open(out) as store:
        return {g.value: frozenset(str(q.triple) for q in store.quads(g)) for g in store.graphs()}


def remote(server: str, graphs) -> dict[str, frozenset[str]]:
    """The graphs the server has, as sets of triples (absent ones left out)."""
    found = {}
    for g in graphs:
        request = Request(f"{server}/store?graph={g}", headers={"Accept": "application/n-triples"})
        try:
            with urlopen(request, timeout=30) as response:
                data = response.read()
        except HTTPError as e:
            assert e.code == 404
            continue
        found[g] = frozenset(str(t) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES))
    return found


def test_failures_in_passing_are_retried(bundled_out, proxy):
    url, server, faulty = proxy
    graphs = local(bundled_out)
    names = sorted(graphs)
    faults = {names[0]: {1: ("status", 503, {}), 2: ("status", 502, {})},
              names[1]: {1: "drop"},
              names[2]: {1: ("delay", 2.0)},
              names[3]: {1: ("status", 429, {"Retry-After": "0.2"})}}
    faulty.plan = lambda graph, attempt: faults.get(graph, {}).get(attempt)
    started = time.monotonic()
    result = push(bundled_out, "--endpoint", url + "/store", "--timeout", "0.5", *FAST)
    assert result.exit_code == 0, result.output
    retries = [line for line in result.stderr.splitlines() if line.startswith("retry: ")]
    refused = [r for r in retries if "refused graph" in r]
    timed_out = [r for r in retries if "did not answer within 0.5 s" in r]
    dropped = [r for r in retries if "cannot reach" in r]
    assert len(refused) + len(timed_out) + len(dropped) == len(retries)
    assert [(re.search(r"<([^>]+)>", r).group(1), r.split(": ")[-1].split(";")[0]) for r in refused] == [
        (names[0], "HTTP 503 Service Unavailable"), (names[0], "HTTP 502 Bad Gateway"),
        (names[3], "HTTP 429 Too Many Requests")]
    assert "trying again in 0.01 s (1/3)" in refused[0] and "(2/3)" in refused[1]
    assert "trying again in 0.2 s" in refused[2]  # the server's Retry-After
    assert len(dropped) == 1
    # the delayed answer times out at least once (on a loaded machine the next try may too)
    assert timed_out and all(f"(graph <{names[2]}>)" in r for r in timed_out)
    assert remote(server, graphs) == graphs  # everything arrived, once
    assert time.monotonic() - started < 30


def test_a_push_that_fails_leaves_whole_graphs_and_says_what_was_sent(bundled_out, proxy):
    url, server, faulty = proxy
    graphs = local(bundled_out)
    order = list(graphs)  # the order push sends them in
    broken = order[4]
    faulty.plan = lambda graph, attempt: ("status", 500, {}) if graph == broken else None
    result = push(bundled_out, "--endpoint", url + "/store", *FAST)
    assert result.exit_code == 1
    message = result.stderr.splitlines()[-1]
    assert message == (f"push failed: {url}/store refused graph <{broken}>: HTTP 500 Internal Server Error "
                       f"(tried 4 times); 4 of {len(order)} graphs were sent, each whole; push again to send the rest")
    assert [g for g, _ in faulty.log].count(broken) == 4  # 1 + 3 retries
    on_server = remote(server, graphs)
    assert set(on_server) == set(order[:4])
    assert all(on_server[g] == graphs[g] for g in on_server)  # whole, never half
    faulty.plan = lambda graph, attempt: None
    assert push(bundled_out, "--endpoint", url + "/store").exit_code == 0
    assert remote(server, graphs) == graphs


@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
def test_a_refusal_is_not_retried(bundled_out, proxy, protocol, path):
    url, server, faulty = proxy
    faulty.plan = lambda graph, attempt: ("status", 400, {})
    result = push(bundled_out, "--endpoint", url + path, "--protocol", protocol, *FAST)
    assert result.exit_code == 1
    assert len(faulty.log) == 1
    assert "HTTP 400 Bad Request; none of the" in result.stderr and "retry" not in result.stderr
    assert remote(server, local(bundled_out)) == {}


def test_a_server_that_is_down(bundled_out):
    url = f"http://127.0.0.1:{free_port()}/store"
    started = time.monotonic()
    result = push(bundled_out, "--endpoint", url, "--retries", "2", "--retry-delay", "0.05")
    assert result.exit_code == 1
    assert len([x for x in result.stderr.splitlines() if x.startswith("retry: cannot reach")]) == 2
    assert result.stderr.splitlines()[-1].startswith(f"push failed: cannot reach {url}: ")
    assert "(tried 3 times); none of the" in result.stderr
    assert time.monotonic() - started < 20
    robust_counts.add("push faults", 3)
