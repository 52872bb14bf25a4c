"""The data side of cadregraph: the ontology, the SHACL shapes and the lexicons.

Lexicons are YAML files in ``ontology/lexicons/``, each documented in its own comments so
that a linguist can extend them without reading Python. :func:`lexicon` loads one (cached).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"


@lru_cache(maxsize=None)
def lexicon(name: str) -> Any:
    """Load ``ontology/lexicons/<name>.yaml``."""
    path = LEXICON_DIR / f"{name}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"no lexicon {name!r} at {path}")
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)
