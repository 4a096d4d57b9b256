"""Pack a client's folder into one zip file, atomically and reproducibly."""

from __future__ import annotations

from pathlib import Path

from reseau_cli.batch.outfolder import read_regular, regular_files
from reseau_cli.files import write_zip


def zip_folder(folder: Path, target: Path, *, force: bool) -> bool:
    """Write every file of ``folder`` into ``target`` under ``<folder name>/``.

    Returns False, writing nothing, when ``target`` exists and ``force`` is false. The archive
    is written like every output: under a temporary name, then renamed, so a reader never sees
    half of it. A client's documents weigh a few megabytes at most, so it is built in memory.
    Only regular files are packed: a symbolic link (to a file or a folder) is left out, so
    nothing outside the client's folder can end up in the zip; a link in the zip's place is
    replaced, never written through.
    """
    if target.exists() and not force:
        return False
    files = regular_files(folder)
    write_zip(target, ((f"{folder.name}/{path.relative_to(folder).as_posix()}",
                        read_regular(path)) for path in files), follow_links=False)
    return True
