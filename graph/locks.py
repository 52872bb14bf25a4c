"""The locks of an output folder: one build at a time, and readers wait while a build writes.

Locks (``fcntl.flock`` on files in the output folder; where there is no ``fcntl`` only
RocksDB's own lock stops a second writer):

- :class:`BuildLock` (``OUT/.cadregraph-build.lock``) is held by a build from start to
  end: a second build into the same folder waits for it, then refuses with the first
  one's pid. The file also records whether the last build finished.
- the store lock (``OUT/.cadregraph-store.lock``) is held shared by every reader
  (:meth:`GraphStore.open`) and exclusively by the writer (:meth:`GraphStore.create`),
  which a build opens only once its articles are read and extracted: reading commands
  work during most of a build, and wait (``$CADREGRAPH_WAIT`` seconds, default
  :data:`READ_WAIT`) while it writes. Oxigraph cannot be read safely while another
  process writes to it.
"""
from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable

BUILD_LOCK = ".cadregraph-build.lock"
STORE_LOCK = ".cadregraph-store.lock"
READ_WAIT = 60.0  # seconds a reading command waits for a build to finish writing ($CADREGRAPH_WAIT)
WAIT_VARIABLE = "CADREGRAPH_WAIT"


class StoreError(Exception):
    """The store is missing, in use, or was built in a way this build cannot extend."""


class Busy(StoreError):
    """Another process holds the lock this one waited for."""


def read_wait() -> float:
    """Seconds a reading command waits for a build to finish writing: ``$CADREGRAPH_WAIT``
    or :data:`READ_WAIT`."""
    try:
        return max(0.0, float(os.environ.get(WAIT_VARIABLE, READ_WAIT)))
    except ValueError:
        return READ_WAIT


class FileLock:
    """An ``flock`` on ``path``, shared or exclusive; the exclusive holder writes its pid there."""

    def __init__(self, path: Path, exclusive: bool) -> None:
        self.path = path
        self.exclusive = exclusive
        self.file: IO[str] | None = None
        self.previous: dict = {}  # what the last exclusive holder had written

    def acquire(self, wait: float, waiting: Callable[[], None] | None = None) -> bool:
        """Take the lock, waiting up to ``wait`` seconds (``waiting`` is called once if it
        has to wait); ``False`` if it stayed taken."""
        try:
            import fcntl
        except ImportError:  # no flock (Windows): RocksDB's own lock still stops a second writer
            return True
        try:
            self.file = open(self.path, "a+", encoding="utf-8")
        except OSError:
            if self.exclusive:
                raise
            return True  # a folder we cannot write to has no writer of ours either
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline, pause = time.monotonic() + wait, 0.02
        while True:
            try:
                fcntl.flock(self.file.fileno(), mode)
                break
            except BlockingIOError:
                if waiting is not None and wait > 0:
                    waiting()
                    waiting = None
                if time.monotonic() >= deadline:
                    self.file.close()
                    self.file = None
                    return False
                time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                pause = min(pause * 2, 0.25)
        if self.exclusive:
            self.previous = self.read()
            self.write({"pid": os.getpid()})
        return True

    def read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def write(self, record: dict) -> None:
        if self.file is None:
            return
        self.file.seek(0)
        self.file.truncate()
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.file.flush()
        os.fsync(self.file.fileno())

    def holder(self) -> int | None:
        """The pid of the process holding the lock exclusively, if it is alive."""
        pid = self.read().get("pid")
        if not isinstance(pid, int):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except OSError:
            pass
        return pid

    def release(self, keep: dict | None = None) -> None:
        """Let go; an exclusive holder leaves ``keep`` in the file (else nothing)."""
        if self.file is not None:
            if self.exclusive:
                self.write(keep or {})
            self.file.close()  # closing the last descriptor releases the flock
            self.file = None


class BuildLock:
    """Held by a build from start to end (``with BuildLock(out, wait) as lock:``).

    A second build waits ``wait`` seconds for the first, then raises :class:`Busy`:
    "another build is writing OUT (pid N); try again later". ``interrupted`` describes the
    last build into ``out`` when it was killed before finishing (its pid and start time);
    this one then completes its work.
    """

    def __init__(self, out: Path, wait: float = 0.0) -> None:
        self.out = Path(out)
        self.wait = wait
        self.interrupted: dict | None = None
        self._lock = FileLock(self.out / BUILD_LOCK, exclusive=True)

    def __enter__(self) -> BuildLock:
        self.out.mkdir(parents=True, exist_ok=True)
        if not self._lock.acquire(self.wait):
            holder = self._lock.holder()
            raise Busy(f"another build is writing {self.out}{f' (pid {holder})' if holder else ''}; "
                       "try again later")
        if self._lock.previous.get("state") == "running":
            self.interrupted = self._lock.previous
        self._lock.write({"pid": os.getpid(), "state": "running",
                          "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        return self

    def __exit__(self, kind: type | None, *rest: object) -> None:
        record = self._lock.read()
        record.update(state="finished" if kind is None else "failed",
                      ended=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._lock.release(keep=record)
