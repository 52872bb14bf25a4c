"""`cadregraph push`: the graph sent to a real SPARQL 1.1 server (Oxigraph) on 127.0.0.1."""
from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from click.testing import CliRunner

from cadregraph.cli import main
from cadregraph.graph.sparql import prefix_declarations, query_endpoint
from cadregraph.graph.store import GraphStore

STARTUP_TIMEOUT = 20.0


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture
def oxigraph(tmp_path):
    """An `oxigraph serve` of its own on 127.0.0.1 (union default graph), stopped after the test."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[test]')")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                with urlopen(url + "/", timeout=1):
                    break
            except (URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not answer on {url} within {STARTUP_TIMEOUT}s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        proc.stderr.close()


def count(url: str, pattern: str = "GRAPH ?g { ?s ?p ?o }") -> int:
    [row] = query_endpoint(f"{url}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(row["n"])


def local_quads(out) -> tuple[int, int]:
    with GraphStore.open(out) as store:
        return len(store.graphs()), len({str(q) for q in store.quads()})


def push(out, *args, env=None):
    return runner().invoke(main, ["push", "--out", str(out), *args], env=env)


@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
def test_push_arrives_and_is_queryable(bundled_out, oxigraph, protocol, path):
    graphs, quads = local_quads(bundled_out)
    result = push(bundled_out, "--endpoint", oxigraph + path, "--protocol", protocol)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{graphs} graphs, {quads} triples -> ")
    assert count(oxigraph) == quads
    [row] = query_endpoint(f"{oxigraph}/query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(row["n"]) == graphs
    # the README's question, asked of the server: who chaired the meeting of 4 November 2023?
    with GraphStore.open(bundled_out) as store:
        prefixes = prefix_declarations(store.base)
    rows = query_endpoint(f"{oxigraph}/query", prefixes + """
        SELECT DISTINCT ?name ?article WHERE {
          ?meeting schema:startDate "2023-11-04"^^xsd:date .
          GRAPH ?article { ?p cg:meeting ?meeting ; cg:role role:chair ; cg:participant/foaf:name ?name }
        }""")
    assert rows == [{"name": "Đào Phú Thùy Dương",
                     "article": "https://cadregraph.org/id/article/000_31a0101c8cf72da8"}]


def test_pushing_again_replaces_rather_than_adds(bundled_out, oxigraph):
    assert push(bundled_out, "--endpoint", oxigraph + "/store").exit_code == 0
    first = count(oxigraph)
    assert push(bundled_out, "--endpoint", oxigraph + "/store").exit_code == 0
    assert push(bundled_out, "--endpoint", oxigraph + "/update", "--protocol", "update").exit_code == 0
    assert count(oxigraph) == first


def test_unreachable_server(bundled_out):
    result = push(bundled_out, "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--timeout", "5")
    assert result.exit_code == 1
    assert "push failed: cannot reach http://127.0.0.1:" in result.stderr


def test_usage_errors(bundled_out, tmp_path):
    assert push(bundled_out, "--endpoint", "ftp://example.org/store").exit_code == 2
    assert push(bundled_out).exit_code == 2  # --endpoint is required
    none = push(tmp_path / "none", "--endpoint", "http://127.0.0.1:9/store")
    assert none.exit_code == 1 and "run `cadregraph build` first" in none.stderr


class _Recorder(BaseHTTPRequestHandler):
    """Answers every PUT with the status the test sets, and records what it was sent."""

    status = 204
    seen: list[tuple[str, str, str | None, str | None]] = []

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization"),
                                self.headers.get("Content-Type")))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    _Recorder.status = 204
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_basic_authentication_and_graph_parameter(bundled_out, recorder):
    url, handler = recorder
    result = push(bundled_out, "--endpoint", url + "/ds/data", "--user", "analyst",
                  env={"CADREGRAPH_PASSWORD": "mật khẩu"})
    assert result.exit_code == 0, result.output
    graphs, _ = local_quads(bundled_out)
    assert len(handler.seen) == graphs
    article = "/ds/data?graph=https%3A%2F%2Fcadregraph.org%2Fid%2Farticle%2F"
    method, path, auth, content_type = next(seen for seen in handler.seen if seen[1].startswith(article))
    assert method == "PUT" and {seen[0] for seen in handler.seen} == {"PUT"}
    assert auth == "Basic " + base64.b64encode("analyst:mật khẩu".encode()).decode()
    assert content_type.startswith("application/n-triples")


def test_refused_push_is_reported(bundled_out, recorder):
    url, handler = recorder
    handler.status = 403
    result = push(bundled_out, "--endpoint", url + "/store")
    assert result.exit_code == 1
    assert "refused graph <https://cadregraph.org/ontology>: HTTP 403" in result.stderr
