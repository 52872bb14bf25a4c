"""The analysis graph and the tenures of a build kept beside its store, so a research
command need not read the store.

Reading the store into the analysis graph (:func:`.analysis.build_graph`) takes about 12 s
per 1,000 articles on this project's machine, and reading its tenures
(:func:`.tenure.observations_from_store`) about as long; every research command needs one
or the other. A build has both in hand once its exports have read the store, so it keeps
them in ``OUT/.cadregraph-graph.pickle`` (a few MB per 1,000 articles, read back in a
fraction of a second; the tenures first, so they can be read without the graph), stamped
with the store's state (:meth:`.store.GraphStore.state`) and with the code that shapes
them. :func:`.analysis.load_graph` and :func:`.tenure.load_tenures` use them only when the
stamp is the store's and the code's: a later build, complete or cut off, changes the
state, and they are read from the store again.

A pickle can run code when it is read: it is read only from the build folder the store
is in (trust it as you trust that folder) and only when its stamp matches.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import networkx as nx

from .. import __version__
from .store import GraphStore
from .tenure import Tenure

CACHE_FILE = ".cadregraph-graph.pickle"
# the modules that decide what the analysis graph and the tenures hold
_SHAPERS = [Path(__file__).with_name(name) for name in ("analysis.py", "reading.py", "tenure.py")]


def stamp(store: GraphStore) -> str:
    """What a kept graph must have been made from to stand for ``store``'s graph now."""
    digest = hashlib.sha256(f"{__version__}\0{store.state()}".encode())
    for path in _SHAPERS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def keep(out: str | Path, store: GraphStore, g: nx.MultiDiGraph, held: list[Tenure]) -> Path:
    """Keep ``g`` and ``held``, the analysis graph and the tenures of ``store`` as it is now,
    in the build folder ``out``."""
    path = Path(out) / CACHE_FILE
    tmp = path.with_name(f"{path.name}.tmp")  # one name: builds hold the build lock; a killed one's is overwritten
    try:
        with open(tmp, "wb") as f:
            for part in (stamp(store), held, g):
                pickle.dump(part, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def kept(out: str | Path, store: GraphStore) -> nx.MultiDiGraph | None:
    """The graph kept in ``out`` if it stands for ``store``'s graph now, else ``None``."""
    g = _read(out, store, parts=2)
    return g if isinstance(g, nx.MultiDiGraph) else None


def kept_tenures(out: str | Path, store: GraphStore) -> list[Tenure] | None:
    """The tenures kept in ``out`` if they stand for ``store``'s now, else ``None``."""
    held = _read(out, store, parts=1)
    return held if isinstance(held, list) and all(isinstance(t, Tenure) for t in held) else None


def _read(out: str | Path, store: GraphStore, parts: int):
    """The last of the first ``parts`` objects after the stamp, if the stamp is ``store``'s."""
    try:
        with open(Path(out) / CACHE_FILE, "rb") as f:
            if pickle.load(f) != stamp(store):
                return None
            for _ in range(parts):
                found = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
            ValueError):
        return None
    return found
