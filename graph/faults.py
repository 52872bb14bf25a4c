"""Named points where a test can kill a build, to prove that a build killed anywhere
loses nothing (tests/test_robust_faults.py).

``CADREGRAPH_KILL_AT=NAME:N`` makes the process SIGKILL itself the N-th time it passes
the point ``NAME`` (N defaults to 1); nothing else reads the variable, and without it a
point costs one dictionary lookup. The points:

- ``store.put``: an article's graph and catalog entry were just written (one transaction);
- ``file.written``: an output file is complete in its temporary file, not yet renamed;
- ``dir.file``: a file of a folder written whole (tables) is complete in the temporary folder;
- ``dir.swapped``: the new folder took the place of the old one, which is not yet removed.
"""
from __future__ import annotations

import os
import signal

VARIABLE = "CADREGRAPH_KILL_AT"
_passed: dict[str, int] = {}


def point(name: str) -> None:
    """Die here if ``CADREGRAPH_KILL_AT`` names this point and its count is reached."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    target, _, count = wanted.partition(":")
    if target != name:
        return
    _passed[name] = _passed.get(name, 0) + 1
    if _passed[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
