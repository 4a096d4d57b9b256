"""Copying the built-in templates into a folder a consultant can edit."""

from __future__ import annotations

from pathlib import Path

from reseau_cli.errors import OutputExistsError, Problem, UsageError
from reseau_cli.resources import templates_dir

_SKIP_SUFFIXES = (".pyc",)


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every built-in template into ``folder`` (same relative paths); return the copies.

    Existing files are replaced only with ``force``; otherwise nothing is copied and an
    :class:`OutputExistsError` names them.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError("render.out_not_folder", folder=str(folder))
    base = templates_dir()
    sources = sorted(p for p in base.rglob("*") if p.is_file()
                     and "__pycache__" not in p.parts and not p.name.endswith(_SKIP_SUFFIXES))
    targets = {source: folder / source.relative_to(base) for source in sources}
    existing = [target for target in targets.values() if target.exists()]
    if existing and not force:
        raise OutputExistsError(
            "render.outputs_exist", count=len(existing),
            problems=[Problem(key="render.exists_item", file=str(p)) for p in existing])
    from reseau_cli.files import atomic_write

    for source, target in targets.items():
        atomic_write(target, source.read_bytes())
    return list(targets.values())
