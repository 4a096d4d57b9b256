"""Pack a client's folder into one zip file, atomically and reproducibly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from reseau_cli.batch.outfolder import read_regular, regular_files
from reseau_cli.yamlio import atomic_write

#: Fixed entry date: the same documents always give the same zip, byte for byte.
_STAMP = (1980, 1, 1, 0, 0, 0)


def zip_folder(folder: Path, target: Path, *, force: bool) -> bool:
    """Write every file of ``folder`` into ``target`` under ``<folder name>/``.

    Returns False, writing nothing, when ``target`` exists and ``force`` is false. The archive
    is written like every output: under a temporary name, then renamed, so a reader never sees
    half of it. A client's documents weigh a few megabytes at most, so it is built in memory.
    Only regular files are packed: a symbolic link (to a file or a folder) is left out, so
    nothing outside the client's folder can end up in the zip.
    """
    if target.exists() and not force:
        return False
    files = regular_files(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}",
                                   date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, read_regular(path))
    atomic_write(target, buffer.getvalue())
    return True
