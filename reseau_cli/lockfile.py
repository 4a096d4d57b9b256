"""One writer per dossier: an advisory lock beside the file, naming its holder.

The lock is ``.<name>.lock`` next to the dossier (next to the symlink's target, so two paths to
one file share it), held with ``fcntl.flock``: the system drops it when the process ends, even
killed, so a stale file never blocks anyone. The file holds the holder's process id, command
and start time, for the message the next process shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reseau_cli.errors import DossierBusyError
from reseau_cli.files import target_of


def lock_path(dossier: Path) -> Path:
    """Where the lock of ``dossier`` lives."""
    target = target_of(Path(dossier))
    return target.parent / f".{target.name}.lock"


@dataclass
class Lock:
    """A held lock; :meth:`release` (or the end of the process) lets others in."""

    path: Path
    fd: int | None

    def release(self) -> None:
        """Remove the lock file, then drop the lock (in that order: see :func:`acquire`)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None


def acquire(dossier: Path, shown: str, command: str | None = None) -> Lock:
    """Take the lock of ``dossier`` or raise :class:`DossierBusyError` naming its holder.

    A folder where no lock file can be created (read-only) gives a lock that holds nothing:
    nobody can write there anyway, and the save itself will say why.
    """
    import fcntl

    path = lock_path(dossier)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
                return Lock(path=path, fd=None)
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise DossierBusyError("errors.dossier_busy", file=shown, pid=holder["pid"],
                                   command=holder["command"], since=holder["since"]) from None
        # The holder may have removed the file between our open and our lock: then the lock
        # we hold is on a deleted file, and we start again on a fresh one.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    info = {"pid": os.getpid(), "command": command or _command(),
            "since": dt.datetime.now().astimezone().strftime("%H:%M:%S")}
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info, ensure_ascii=False).encode("utf-8"))
    return Lock(path=path, fd=fd)


def _holder(fd: int) -> dict[str, str]:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
    except (OSError, ValueError):
        info = {}
    if not isinstance(info, dict):
        info = {}
    return {key: str(info.get(key, "?")) for key in ("pid", "command", "since")}


def _command() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "reseau"
    if name in ("__main__.py", "-c", ""):
        name = "reseau"
    return " ".join([name, *sys.argv[1:3]])
