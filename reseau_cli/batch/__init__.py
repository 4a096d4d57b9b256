"""Render many dossiers at once: find them, give each its folder, render them in parallel.

Typical use (this is what ``reseau batch`` does)::

    jobs = prepare(["clients/"], Path("out"))
    summary = Summary(total=len(jobs))
    with locked_output(Path("out")):     # one batch at a time into a folder
        run_batch(jobs, options, summary.add, workers=4)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reseau_cli.batch.discover import Job, discover, plan, read_name
from reseau_cli.batch.jobs import BatchAborted, default_workers, run_batch
from reseau_cli.batch.outfolder import locked_output
from reseau_cli.batch.records import BatchOptions, DossierResult, Failure, Findings
from reseau_cli.batch.summary import Summary, reason
from reseau_cli.errors import UsageError

__all__ = [
    "BatchAborted",
    "BatchOptions",
    "DossierResult",
    "Failure",
    "Findings",
    "Job",
    "Summary",
    "default_workers",
    "discover",
    "locked_output",
    "plan",
    "prepare",
    "read_name",
    "reason",
    "run_batch",
    "slug_of",
]


def slug_of(name: str | None, path: Path) -> str:
    """The folder name of a dossier: its network's slug, else its file name's."""
    from reseau_cli.naming import slugify_name

    return slugify_name(name if name else path.stem)


def prepare(
    inputs: Sequence[str | Path], out_dir: Path, *, exclude: Sequence[Path] = ()
) -> list[Job]:
    """The jobs for ``inputs``: dossiers found, sorted, each with its own folder in ``out_dir``.

    ``exclude`` names files that are not dossiers though they may sit among them (the
    ``--brand`` file, typically kept in the clients' folder).
    """
    skipped = {os.path.realpath(p) for p in exclude}
    paths = [p for p in discover(inputs) if os.path.realpath(p) not in skipped]
    if not paths:
        raise UsageError("batch.nothing")
    return plan(paths, out_dir, slug_of)
