"""What the robustness tests tried, counted as they run; `make robust` loads this module as
a pytest plugin (``-p robust_counts``) to print the totals at the end of the run.

- ``bad files``: bad input files (and jsonl lines) fed to the readers or to a build;
- ``hypothesis examples``: generated texts run through the whole pipeline;
- ``kill points``: builds killed (SIGKILL) at a moment or at a named point;
- ``lost``: articles or outputs found missing or inconsistent afterwards (always 0, or a
  test has failed).
"""
from __future__ import annotations

from collections import Counter

COUNTS: Counter[str] = Counter()
ORDER = ("bad files", "hypothesis examples", "kill points", "kill checks", "push faults", "hostile inputs", "lost")


def add(what: str, n: int = 1) -> None:
    COUNTS[what] += n


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001 (pytest's hook)
    if not COUNTS:
        return
    terminalreporter.section("robustness counts")
    for key in [*ORDER, *sorted(set(COUNTS) - set(ORDER))]:
        if key in COUNTS or key == "lost":
            terminalreporter.write_line(f"{key}: {COUNTS[key]}")
