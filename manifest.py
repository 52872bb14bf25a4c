"""Has anything changed since the last build into a folder? The build's manifest and the
digests of files and of cadregraph's own code it is made of.

A complete build leaves ``OUT/.cadregraph-manifest.json``: the hash of every source file
(in reading order), of the settings, the curation files and cadregraph's code and
lexicons, and the build's summary. A build with the same manifest has nothing to do
(:func:`.pipeline.build` stops at once). The facts cache (:mod:`.graph.facts_cache`) is
keyed by the digest of the extraction code alone (:func:`extraction_code_digest`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from . import __version__
from .graph.vocab import DEFAULT_BASE
from .sources.model import Skipped
from .sources.readers import article_files

if TYPE_CHECKING:
    from .pipeline import BuildOptions

MANIFEST = ".cadregraph-manifest.json"
_PACKAGE = Path(__file__).resolve().parent
_CODE_PARTS = ("graph", "sources", "exports", "ontology")  # what a build's output depends on
_EXTRACTION_PARTS = ("graph", "sources", "ontology")  # what the facts of an article depend on
_EXTRACTION_FILES = ("pipeline.py",)  # ... with the worker's part of the build
_CODE_SUFFIXES = {".py", ".yaml", ".ttl", ".jsonld", ".csv", ".js", ".css"}


@dataclass(frozen=True)
class Manifest:
    """What a build read and how it was asked to build (see the module's docstring)."""

    inputs: str
    settings: str
    # source file -> the SHA-256 its inputs hash was made of (a build keys its facts by them)
    digests: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, options: BuildOptions, stored_base: str | None) -> Manifest:
        inputs, digests = hashlib.sha256(), {}
        for found in article_files(options.sources):
            path = found.source_path if isinstance(found, Skipped) else str(found)
            inputs.update(path.encode("utf-8", "surrogatepass") + b"\0")
            if not isinstance(found, Skipped):
                digests[path] = file_digest(found)
                inputs.update(digests[path])
        settings = hashlib.sha256(json.dumps(
            [__version__, options.locality, options.base or stored_base or DEFAULT_BASE, options.prune, options.max_bytes,
             [(str(f), file_digest(f).hex()) for f in options.curation_files], code_digest()]).encode())
        return cls(inputs.hexdigest(), settings.hexdigest(), digests)

    def last_summary(self, out: Path) -> dict[str, Any] | None:
        """The summary (as saved) of the last complete build into ``out`` if it had this
        manifest and its outputs are there; else ``None``."""
        try:
            last = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
            if (last.get("inputs"), last.get("settings")) != (self.inputs, self.settings):
                return None
            summary = last["summary"]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        outputs = all((Path(out) / name).exists() for name in ("store", "graph.ttl", "tables", "site"))
        return summary if outputs and isinstance(summary, dict) else None

    def save(self, out: Path, summary: dict[str, Any]) -> None:
        from .exports.files import atomic_open

        record = {"inputs": self.inputs, "settings": self.settings, "summary": summary}
        with atomic_open(Path(out) / MANIFEST) as f:
            json.dump(record, f, ensure_ascii=False, indent=1)

    @staticmethod
    def forget(out: Path) -> None:
        """Remove the manifest of ``out``: its next build will not find nothing changed."""
        (Path(out) / MANIFEST).unlink(missing_ok=True)


def file_digest(path: Path) -> bytes:
    """SHA-256 of the file's bytes (``b"unreadable"`` when it cannot be read)."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").digest()
    except OSError:
        return b"unreadable"


def extraction_code_digest() -> str:
    """The hash of the code and lexicons reading and extraction depend on: the facts cache
    holds what this code extracted (exports and the command line may change freely)."""
    return code_digest(_EXTRACTION_PARTS, [_PACKAGE / name for name in _EXTRACTION_FILES])


def code_digest(parts: Sequence[str] = _CODE_PARTS, files: Sequence[Path] = ()) -> str:
    """The hash of cadregraph's code, lexicons and ontology in ``parts`` and ``files``
    (default: all of it; a build by other code rebuilds)."""
    digest = hashlib.sha256(__version__.encode())
    code = [*(files or _PACKAGE.glob("*.py")), *(p for part in parts for p in (_PACKAGE / part).rglob("*"))]
    for path in sorted(p for p in code if p.suffix in _CODE_SUFFIXES and p.is_file()):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + file_digest(path))
    return digest.hexdigest()
