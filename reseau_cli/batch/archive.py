"""Pack a client's folder into one zip file, atomically and reproducibly."""

from __future__ import annotations

from pathlib import Path

from reseau_cli.files import write_zip


def zip_folder(folder: Path, target: Path, *, force: bool) -> bool:
    """Write every file of ``folder`` into ``target`` under ``<folder name>/``.

    Returns False, writing nothing, when ``target`` exists and ``force`` is false. The archive
    is written like every output: under a temporary name, then renamed, so a reader never sees
    half of it. A client's documents weigh a few megabytes at most, so it is built in memory.
    """
    if target.exists() and not force:
        return False
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    write_zip(target, ((f"{folder.name}/{path.relative_to(folder).as_posix()}", path.read_bytes())
                       for path in files))
    return True
