"""Bulk loads of new graphs into the store in a thread of their own (:class:`BulkWriter`)."""
from __future__ import annotations

import queue
import threading

import pyoxigraph as ox

from .faults import point


class BulkWriter:
    """Bulk loads of batches of new graphs, in a thread of their own and in order.

    Oxigraph's bulk loader lets go of the interpreter while it parses, sorts and writes, so
    the build makes the next graphs (and what the exports keep of them) on one core while
    the loader works on the other. At most two batches wait; an error of a load is raised
    by the next :meth:`put` or when the writer closes. Each batch's catalog entries are
    written after its graphs, so a load that was cut off leaves graphs without entries,
    which the next build drops."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "BulkWriter":
        return self

    def put(self, graphs: bytes, entries: bytes, count: int) -> None:
        self._raise()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="cadregraph-bulk-load", daemon=True)
            self._thread.start()
        self._queue.put((graphs, entries, count))

    def wait(self) -> None:
        """Return when every batch put so far is loaded (raising a load's error)."""
        if self._thread is not None:
            self._queue.join()
        self._raise()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                if self._error is None:  # after an error, drain: the build stops at the next put or at close
                    graphs, entries, count = item
                    self._store.bulk_load(graphs, format=ox.RdfFormat.N_QUADS)
                    self._store.load(entries, format=ox.RdfFormat.N_QUADS)
                    for _ in range(count):
                        point("store.put")
            except BaseException as e:  # noqa: BLE001 - handed to the building thread
                self._error = e
            finally:
                self._queue.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        if exc[0] is None:
            self._raise()
