"""Faults: a build killed (SIGKILL) at any moment loses nothing, and two builds or a build
and a reader at the same time never corrupt the store.

The kill test builds corpus A into a folder, then runs the build of corpus B (A with some
articles changed, plus new ones) into it again and again, killing it each time at another
point: at a moment (timed) or at a named point of :mod:`cadregraph.graph.faults` (after an
article's transaction, with graph.ttl complete but not renamed, halfway through the tables,
just after the tables' folder was swapped). After
each kill: the store opens, every graph matches its catalog digest, every article graph is
whole, as A or as B had it (never half), queries answer, graph.ttl parses and is A's or
B's, the tables are all A's or all B's, and so is the page. Finally a build completes
the work, and its outputs equal those of a clean build of B.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

import robust_counts

from cadregraph.graph.locks import BUILD_LOCK
from cadregraph.graph.store import GraphStore
from cadregraph.sources.readers import bundled_corpus

pytestmark = pytest.mark.robust

# (how, when): seconds after the start, or a point of cadregraph.graph.faults and which pass of it
KILLS = [("point", "store.put:2"), ("timed", 1.3), ("point", "file.written:1"), ("point", "dir.file:5"),
         ("point", "dir.swapped:1")]
OUTPUTS = ("graph.ttl", "tables", "site")


def build(paths, out: Path, env: dict | None = None, wait: float = 30, force: bool = False) -> subprocess.Popen:
    # one hash seed for every build: the site's pages vary with it (set order)
    return subprocess.Popen([sys.executable, "-m", "cadregraph.cli", "build", *map(str, paths), "--out", str(out),
                             "--wait", str(wait), *(["--force"] if force else [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})})


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def store_state(out: Path) -> dict[str, frozenset[str]]:
    """Every graph of the store as its set of quads; the store must open, verify and answer."""
    with GraphStore.open(out, wait=10) as store:
        assert store.verify() == []
        rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        assert int(rows[0]["n"].value) > 0
        return {g.value: frozenset(str(q) for q in store.quads(g)) for g in store.graphs()}


def files_state(out: Path, names=OUTPUTS) -> dict[str, dict[str, bytes]]:
    """graph.ttl, the tables and the site (or ``names``), each as {relative path: bytes}.

    The site's pages list some things in the order the analysis graph meets them, which is
    not the same from one process to the next (PYTHONHASHSEED and the order of query
    results): its files are compared as the same bytes in any order, so a page with one
    character changed still differs, a page with two lists in another order does not.
    """
    state = {}
    for name in names:
        path = out / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        content = {p.relative_to(out).as_posix(): p.read_bytes() for p in files}
        state[name] = {k: bytes(sorted(v)) for k, v in content.items()} if name == "site" else content
    return state


def corpus(folder: Path, changed: bool) -> Path:
    """10 articles (the bundled five, twice, dates moved); ``changed``: four of them edited
    and two more."""
    folder.mkdir(parents=True)
    sources = sorted(bundled_corpus().glob("*.txt"))
    for k in range(2):
        for f in sources:
            text = f.read_text(encoding="utf-8")
            text = text.replace("202", f"20{2 - k}") if k else text
            if changed and k == 1 and f != sources[-1]:
                text += "\nHội nghị thống nhất thông qua Nghị quyết số 12-NQ/TU của Ban Chấp hành Đảng bộ.\n"
            (folder / f"{f.stem}_v{k}.txt").write_text(text, encoding="utf-8")
    if changed:
        for f in sources[:2]:
            (folder / f"{f.stem}_new.txt").write_text(f.read_text(encoding="utf-8").replace("202", "201"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    a, b = corpus(root / "a", changed=False), corpus(root / "b", changed=True)
    prev, ref = root / "prev", root / "ref"
    procs = [build([a], prev), build([b], ref)]
    for p in procs:
        code, _, err = finish(p)
        assert code == 0, err
    return a, b, prev, ref


def _check_between(out: Path, prev: dict, ref: dict, prev_files: dict, ref_files: dict) -> None:
    """The killed build left every graph and every output whole: A's or B's, never half."""
    state = store_state(out)
    for name, quads in state.items():
        assert quads in (prev.get(name), ref.get(name)), f"graph <{name}> is neither A's nor B's"
    assert set(state) >= set(prev) and set(state) <= set(prev) | set(ref)
    files = files_state(out)
    for name in OUTPUTS:
        assert files[name] in (prev_files[name], ref_files[name]), f"{name} is neither A's nor B's"
    Graph().parse(out / "graph.ttl", format="turtle")
    for table in (out / "tables").glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f))
    robust_counts.add("kill checks")


def test_a_build_killed_anywhere_loses_nothing(corpora, tmp_path):
    a, b, prev_out, ref_out = corpora
    prev, ref = store_state(prev_out), store_state(ref_out)
    prev_files, ref_files = files_state(prev_out), files_state(ref_out)
    assert prev != ref and all(prev_files[name] != ref_files[name] for name in OUTPUTS)
    out = tmp_path / "out"
    shutil.copytree(prev_out, out)
    killed = False
    for how, when in KILLS:
        ttl_before = files_state(out)["graph.ttl"]
        if how == "timed":  # forced: the last pass may have completed the same build
            proc = build([b], out, force=True)
            try:
                proc.wait(timeout=when)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
            code, _, err = finish(proc)
        else:
            code, _, err = finish(build([b], out, {"CADREGRAPH_KILL_AT": when}, force=True))
        killed = code == -signal.SIGKILL
        assert killed or (how == "timed" and code == 0), err  # a named point always kills
        robust_counts.add("kill points", killed)
        _check_between(out, prev, ref, prev_files, ref_files)
        if when == "file.written:1":  # the store is written, graph.ttl is not yet renamed
            assert store_state(out) == ref and files_state(out)["graph.ttl"] == ttl_before
            assert list(out.glob(".graph.ttl.*.tmp"))  # the unfinished one, beside it
        if killed and how == "point":
            assert json.loads((out / BUILD_LOCK).read_text(encoding="utf-8"))["state"] == "running"
    code, stdout, err = finish(build([b], out, force=True))
    assert code == 0, err
    assert ("did not finish; this one completes its work" in err) == killed
    assert store_state(out) == ref  # as a clean build of B
    assert files_state(out, (*OUTPUTS, "texts")) == files_state(ref_out, (*OUTPUTS, "texts"))
    assert [p.name for p in out.rglob(".*") if p.name.endswith((".tmp", ".old"))] == []
    assert json.loads((out / BUILD_LOCK).read_text(encoding="utf-8"))["state"] == "finished"
    robust_counts.add("lost", 0)


# -- two at once ---------------------------------------------------------------------------------

def _running(out: Path, pid: int, timeout: float = 30) -> None:
    """Wait until the build of ``pid`` holds the build lock of ``out``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            lock = json.loads((out / BUILD_LOCK).read_text(encoding="utf-8"))
            if lock.get("pid") == pid and lock.get("state") == "running":
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    pytest.fail("the first build never took the lock")


def test_a_second_build_refuses_or_waits_and_readers_go_on(corpora, tmp_path):
    """While a build reads its articles, queries answer at once; a second build refuses
    (--wait 0) or waits for it; the end is the same as one build."""
    a, b, prev_out, ref_out = corpora
    out = tmp_path / "out"
    shutil.copytree(prev_out, out)
    first = build([b], out)
    _running(out, first.pid)
    with GraphStore.open(out, wait=0) as store:  # no waiting allowed: the build has not begun to write
        assert len(store.article_graphs()) == 10
    waiting = build([b], out, wait=60)
    code, _, err = finish(build([b], out, wait=0))
    assert code == 1
    assert err.strip() == f"another build is writing {out} (pid {first.pid}); try again later"
    assert finish(first)[0] == 0
    code, stdout, err = finish(waiting)
    assert code == 0, err
    assert "nothing changed since the last build into" in stdout  # the first one built the same inputs
    assert store_state(out) == store_state(ref_out)
    assert files_state(out) == files_state(ref_out)


def test_reading_commands_wait_for_the_store_and_never_see_it_half_written(corpora, tmp_path):
    _, _, prev_out, _ = corpora
    out = tmp_path / "out"
    shutil.copytree(prev_out, out)
    query = ["sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }",
             "--out", str(out), "--format", "csv"]
    with GraphStore.create(out):  # as a build does while it writes
        refused = subprocess.run([sys.executable, "-m", "cadregraph.cli", *query], capture_output=True, text=True,
                                 timeout=60, env={**os.environ, "CADREGRAPH_WAIT": "0.3"})
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            f"waiting for the build writing {out} (pid {os.getpid()}) to finish (at most 0.3 s)",
            f"a build is writing {out} (pid {os.getpid()}); try again when it has finished (waited 0.3 s)"]
        waiting = subprocess.Popen([sys.executable, "-m", "cadregraph.cli", *query], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, "CADREGRAPH_WAIT": "30"})
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting
    out_text, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out_text.splitlines() == ["n", "10"]


def test_a_build_waits_for_readers_then_refuses(corpora, tmp_path):
    _, b, prev_out, _ = corpora
    out = tmp_path / "out"
    shutil.copytree(prev_out, out)
    with GraphStore.open(out):
        code, _, err = finish(build([b], out, wait=0.5))
    assert code == 1 and err.strip() == f"{out} is being read by another cadregraph command; try again later"
    assert store_state(out) == store_state(prev_out)  # untouched


def test_workers_of_a_killed_build_do_not_outlive_it(tmp_path):
    """A worker of the extraction or site pool dies with its parent: killed outright, a build
    leaves no process holding its lock file or the pipes of whoever started it."""
    code = ("import os, sys, time\n"
            "from cadregraph.graph.pool import process_pool\n"
            "def pid(_):\n    return os.getpid()\n"
            "if __name__ == '__main__':\n"
            "    pool = process_pool(2)\n"
            "    print(' '.join(map(str, sorted(set(pool.map(pid, range(8)))))), flush=True)\n"
            "    time.sleep(60)\n")
    path = tmp_path / "parent.py"
    path.write_text(code, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "?"
    return state != "Z"
