"""The output folder of a batch: one batch at a time, and no symbolic link is ever followed.

``--out`` is the user's choice and is taken as given (it may itself be a link). What lies
inside it may have been put there by anyone who can write there: a client folder that is a
link would send documents elsewhere, a linked file would put someone else's file in a zip.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reseau_cli.errors import UsageError

# File systems without flock on folders (some network shares): the batch goes on unlocked.
_NO_LOCKING = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL, errno.EBADF)


@contextlib.contextmanager
def locked_output(folder: Path) -> Iterator[None]:
    """Hold a lock on ``folder`` for the duration: a second batch into it stops at once.

    Two batches writing into the same folder would interleave two clients' files; the second
    one is refused with :class:`UsageError` before it renders anything. The lock is taken on
    the folder itself (``flock``), so no lock file is left in the deliverables, two spellings
    of one folder share it, and it goes with the process however that ends: a killed batch
    never leaves a stale lock behind.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError("batch.out_not_folder", folder=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise UsageError("batch.out_lock_failed", folder=str(folder),
                         reason=exc.strerror or str(exc)) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError("batch.out_busy", folder=str(folder)) from None
        except OSError as exc:
            if exc.errno not in _NO_LOCKING:
                raise UsageError("batch.out_lock_failed", folder=str(folder),
                                 reason=exc.strerror or str(exc)) from exc
        yield
    finally:
        os.close(fd)


def claim_client_folder(folder: Path) -> None:
    """Make sure ``folder`` is a real folder (created if missing), never a symbolic link.

    Raises :class:`UsageError` when it is a link or not a folder: documents must not be
    written wherever a link points.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)  # --out itself: the user's choice
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
    try:
        mode = os.lstat(folder).st_mode
    except OSError as exc:
        raise UsageError("batch.client_folder_bad", folder=str(folder)) from exc
    if stat.S_ISLNK(mode):
        raise UsageError("batch.client_folder_link", folder=str(folder))
    if not stat.S_ISDIR(mode):
        raise UsageError("batch.client_folder_bad", folder=str(folder))


def regular_files(folder: Path) -> list[Path]:
    """Every regular, visible file under ``folder``, sorted; links are not followed, nor listed.

    Sub-folders are entered only when they are real folders, so a link loop cannot make
    this walk forever.
    """
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
    return sorted(found)


def read_regular(path: Path) -> bytes:
    """The bytes of ``path``, refusing (``OSError``) a link or anything but a regular file.

    Opened with ``O_NOFOLLOW`` and checked after opening, so a file swapped for a link
    between listing and reading is refused too.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read()
