"""The examples of the README's "Research commands" section are real: each console example is
run on the bundled articles and must print the lines shown (``...`` stands for lines left
out), and the Python example must print what its comments say."""
from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from cadregraph.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Research commands\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def console_examples() -> list[tuple[str, list[str]]]:
    """(command line, lines shown) for every ``$ cadregraph ...`` of the section's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", section(), flags=re.S):
        for example in re.split(r"^(?=\$ )", block, flags=re.M):
            if example.strip():
                command, *shown = example.rstrip("\n").split("\n")
                found.append((command[2:], shown))
    return found


def test_the_section_has_examples():
    commands = {shlex.split(c)[1] for c, _ in console_examples()}
    assert commands >= {"person", "meeting", "attended", "attendees", "directive", "body", "path", "rank",
                        "communities", "stats"}


@pytest.mark.parametrize("command, shown", console_examples(), ids=[c for c, _ in console_examples()])
def test_console_example(bundled_out, command, shown):
    args = shlex.split(command)
    assert args[0] == "cadregraph"
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, [*args[1:], "--out", str(bundled_out)])
    assert result.exit_code in (0, 1), result.output
    printed = (result.stdout + result.stderr).rstrip("\n").split("\n")
    chunks, chunk = [], []
    for line in shown + ["..."]:
        if line == "...":
            chunks.append(chunk) if chunk else None
            chunk = []
        else:
            chunk.append(line)
    at = 0
    for chunk in chunks:  # each run of shown lines is printed as such, in that order
        starts = [i for i in range(at, len(printed) - len(chunk) + 1) if printed[i:i + len(chunk)] == chunk]
        assert starts, f"{command}: not printed as shown:\n" + "\n".join(chunk) + "\n--- printed:\n" + "\n".join(printed)
        at = starts[0] + len(chunk)


def test_python_example(bundled_out):
    [code] = re.findall(r"```python\n(.*?)```", section(), flags=re.S)
    expected = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace('load_graph("out")', f"load_graph({str(bundled_out)!r})"), "README", "exec"), {})
    assert out.getvalue().splitlines() == expected
