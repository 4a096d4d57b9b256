"""Writing files: atomically, through symlinks, with the user's umask, errors named.

Every file reseau writes (dossiers, documents, archives, exported templates, its cache) goes
through :func:`atomic_write`: the bytes go to a temporary file beside the target, created with
the final mode, flushed to disk, then renamed over the target, so a reader sees the old file or
the new one, never half of it. A symlinked target is written where the link points, and the link
stays a link. An operating-system failure (full disk, read-only folder, a folder in the way)
becomes a :class:`~reseau_cli.errors.WriteError` that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

from reseau_cli.errors import OutputExistsError, WriteError

#: Fixed entry date in archives: the same content always gives the same zip, byte for byte.
ZIP_STAMP = (1980, 1, 1, 0, 0, 0)

# errno → the reason shown to the user (a key under errors.write_reason_*)
_REASONS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EFBIG: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.EISDIR: "is_folder",
    errno.ENOTDIR: "parent_not_folder",
    errno.ENAMETOOLONG: "name_too_long",
}


def write_error(path: Path | str, exc: OSError) -> WriteError:
    """The user error for ``exc``, raised while writing ``path``."""
    reason = _REASONS.get(exc.errno or 0, "other")
    return WriteError(f"errors.write_{reason}", file=str(path), reason=exc.strerror or str(exc))


def refuse_existing_file(path: Path, *, force: bool) -> None:
    """Raise :class:`OutputExistsError` when ``path`` exists and ``force`` is false."""
    if not force and os.path.lexists(path):
        raise OutputExistsError("errors.output_exists", file=str(path))


def target_of(path: Path) -> Path:
    """Where writing ``path`` really lands: the end of its chain of symlinks."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def atomic_write(
    path: Path, content: str | bytes, *, durable: bool = True, follow_links: bool = True
) -> None:
    """Write ``content`` to ``path`` so a reader sees the old file or the new one, never half.

    The temporary file is created with the final mode (the existing file's, else what the
    umask allows a new file), so a dossier holding names and budgets is never more readable
    than the user wants, even for an instant. ``durable`` fsyncs data and folder (skip it only
    for files that may be lost, such as a cache). With ``follow_links=False`` (documents in an
    output folder) a link at ``path`` is replaced by the file, never written through.
    Raises :class:`WriteError`.
    """
    shown = Path(path)
    target = target_of(shown) if follow_links else shown
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data, durable)
    except OSError as exc:
        raise write_error(shown, exc) from exc


def _replace(target: Path, data: bytes, durable: bool) -> None:
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    tmp = target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp"
    # 0o666 minus the umask for a new file; an existing file's mode is set exactly below.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o600 if mode is not None else 0o666)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked; a full disk shows here as OSError(ENOSPC).
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``(name, data)`` entries with fixed dates (reproducible)."""
    import io
    import zipfile  # only the commands that pack archives pay for it

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_zip(
    target: Path, entries: Iterable[tuple[str, bytes]], *, follow_links: bool = True
) -> None:
    """Write a reproducible zip (a docx is one) of ``entries`` atomically to ``target``."""
    atomic_write(target, zip_bytes(entries), follow_links=follow_links)
