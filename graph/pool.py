"""Worker processes for the steps of a build that use every core (extraction, site pages).

Workers are forked, so they share what the parent built, and they die with the parent: a
build killed outright (SIGKILL, the machine's out-of-memory killer) would otherwise leave
its workers waiting for work that never comes, holding the build folder's lock file and the
pipes of whoever started the build.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` forked workers (spawned where fork is not available) that die with
    this process."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_die_with_parent, initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies (Linux), and leave at once if
    the parent is gone already."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)
