"""Write output files whole or not at all, and name them safely.

- :func:`atomic_open`: a file replaces its old version only once written completely
  (a temporary file beside it, flushed to disk, renamed into place);
- :func:`atomic_dir`: a folder of files (the tables) replaces the old folder in one step,
  so a reader never sees half of the new tables beside half of the old ones;
- temporary files and folders left by a killed process are removed by the next write;
- :func:`inside`: a path made from text never leads out of its folder.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..graph.faults import point

_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<kind>tmp|old)$")


@contextmanager
def atomic_open(path: str | Path, newline: str | None = None, durable: bool = True) -> Iterator[IO[str]]:
    """A UTF-8 text file that replaces ``path`` only once it has been written completely.

    The temporary file sits beside ``path`` (same file system, so the rename is atomic)
    and is created with ``open`` so the result gets the usual permissions. It is flushed
    to disk before the rename, so a crash never leaves an empty file under the real name.

    Not ``durable``: for files that their readers check against a hash they hold (the
    article texts), no wait for the disk and no look for stale copies (the caller calls
    :func:`remove_stale` once for the folder): a file a crash tears fails its check and
    the next build writes it again; a folder of 100,000 such files is written in seconds,
    not hours.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if durable:
        remove_stale(path.parent, path.name)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        point("file.written")
        os.replace(tmp, path)
        if durable:
            _sync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """A temporary folder to write into; when the block ends without error it takes the
    place of ``path`` in one step (``renameat2(RENAME_EXCHANGE)`` on Linux).

    Files of the old folder that the new one does not have are carried over, so nothing
    a person put there is lost. Where the exchange is not available the old folder is
    moved aside first; a process killed between the two renames leaves it beside, and
    the next write puts it back before starting.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent, path.name)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        yield tmp
        if path.is_dir():
            for old in path.iterdir():
                if not (tmp / old.name).exists() and not _TMP.match(old.name):
                    _carry(old, tmp / old.name)
        _sync_dir(tmp)
        _swap(tmp, path)
        point("dir.swapped")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # after the swap: the old folder
    _sync_dir(path.parent)


def remove_stale(folder: Path, name: str | None = None) -> None:
    """Remove the temporary copies of ``folder/name`` (of every file in ``folder`` when
    ``name`` is None) left by processes that died (and put back an old folder that a killed
    :func:`atomic_dir` had moved aside)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        m = _TMP.match(entry.name)
        if not m or (name is not None and m.group("name") != name) or _alive(int(m.group("pid"))):
            continue
        if m.group("kind") == "old" and not (folder / name).exists():
            os.replace(entry, folder / name)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # our own: in use by an enclosing write
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _carry(source: Path, target: Path) -> None:
    """``source`` at ``target`` too: hard links where possible (no copying), else copies."""
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=_link)
    else:
        _link(source, target)


def _link(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _swap(new: Path, path: Path) -> None:
    """Put ``new`` at ``path``; afterwards ``new`` holds the old folder (or nothing)."""
    if not path.exists():
        os.replace(new, path)
        return
    if _exchange(new, path):
        return
    aside = path.with_name(f".{path.name}.{os.getpid()}.old")
    os.replace(path, aside)
    os.replace(new, path)
    os.replace(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- paths made from text ---------------------------------------------------------------------

def inside(folder: str | Path, *names: str) -> Path:
    """``folder/names...``, or ``ValueError`` when that would lead out of ``folder`` (``..``,
    an absolute name, a symbolic link pointing elsewhere): the last guard for a file whose
    name was made from text (see ``site_paths.safe_name`` for making the name)."""
    root = Path(folder).resolve()
    target = root.joinpath(*names).resolve()
    if target == root or not target.is_relative_to(root):
        raise ValueError(f"{'/'.join(names)!r} leads out of {folder}")
    return target
