"""The analysis graph of a build kept beside its store, so a research command need not read the store.

Reading the store into the analysis graph (:func:`.analysis.build_graph`) takes about 12 s
per 1,000 articles on this project's machine, and every research command needs it. A
build has that graph in hand once its exports have read the store, so it keeps it in
``OUT/.cadregraph-graph.pickle`` (a few MB per 1,000 articles, read back in a fraction of
a second), stamped with the store's state (:meth:`.store.GraphStore.state`) and with the
code that shapes the graph. :func:`.analysis.load_graph` uses it only when the stamp is
the store's and the code's: a later build, complete or cut off, changes the state, and
the graph is read from the store again.

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

CACHE_FILE = ".cadregraph-graph.pickle"
# the modules that decide what the analysis graph holds
_SHAPERS = [Path(__file__).with_name(name) for name in ("analysis.py", "reading.py")]


def stamp(store: GraphStore) -> str:
    """What a kept graph must have been made from to stand for ``store``'s graph now."""
    digest = hashlib.sha256(f"{__version__}\0{store.state()}".encode())
    for path in _SHAPERS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def keep(out: str | Path, store: GraphStore, g: nx.MultiDiGraph) -> Path:
    """Keep ``g``, the analysis graph of ``store`` as it is now, in the build folder ``out``."""
    path = Path(out) / CACHE_FILE
    tmp = path.with_name(f"{path.name}.tmp")  # one name: builds hold the build lock; a killed one's is overwritten
    try:
        with open(tmp, "wb") as f:
            pickle.dump(stamp(store), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def kept(out: str | Path, store: GraphStore) -> nx.MultiDiGraph | None:
    """The graph kept in ``out`` if it stands for ``store``'s graph now, else ``None``."""
    try:
        with open(Path(out) / CACHE_FILE, "rb") as f:
            if pickle.load(f) != stamp(store):
                return None
            g = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
            ValueError):
        return None
    return g if isinstance(g, nx.MultiDiGraph) else None
