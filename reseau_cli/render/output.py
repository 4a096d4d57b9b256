"""Writing documents to a folder: safe names, atomic writes, no silent overwrite."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau_cli.errors import OutputExistsError, Problem, UsageError
from reseau_cli.naming import dossier_slug, file_name

if TYPE_CHECKING:
    from reseau_cli.render.renderer import Renderer


@dataclass
class RenderReport:
    """What :func:`render_to_dir` did: files written, and files left alone because they exist."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def output_name(dossier: Any, doc: str, fmt: str, lang: str) -> str:
    """The file name of one document: ``<slug>_charte.pdf`` (fr), ``<slug>_charter.pdf`` (en)."""
    return file_name(dossier_slug(dossier), doc, fmt, lang)


def planned_paths(
    dossier: Any, out_dir: Path, docs: Sequence[str], formats: Sequence[str], lang: str,
    *, slug: str | None = None,
) -> dict[tuple[str, str], Path]:
    """Where each (document, format) of a dossier goes in ``out_dir``."""
    stem = slug if slug is not None else dossier_slug(dossier)
    return {(doc, fmt): out_dir / file_name(stem, doc, fmt, lang)
            for doc in docs for fmt in formats}


def refuse_existing(paths: Iterable[Path]) -> None:
    """Raise :class:`OutputExistsError` naming every path that already exists."""
    existing = [path for path in paths if path.exists()]
    if existing:
        raise OutputExistsError(
            "render.outputs_exist", count=len(existing),
            problems=[Problem(key="render.exists_item", file=str(p)) for p in existing])


def render_to_dir(
    renderer: Renderer,
    dossier: Any,
    out_dir: Path,
    docs: Sequence[str],
    formats: Sequence[str],
    lang: str,
    force: bool,
    *,
    strict: bool = False,
    slug: str | None = None,
    report: RenderReport | None = None,
) -> RenderReport:
    """Render ``docs`` × ``formats`` into ``out_dir`` (created if needed).

    Existing files are replaced only with ``force``. Without it they are skipped and listed in
    :attr:`RenderReport.skipped`, or, with ``strict``, an :class:`OutputExistsError` naming all
    of them is raised before anything is written. Each file is written atomically. ``slug``
    overrides the dossier's slug (batch passes a de-duplicated one). A ``report`` passed in
    tells, even when a write fails half-way, which files were written before.
    """
    from reseau_cli.files import atomic_write

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("render.out_not_folder", folder=str(out_dir))
    targets = planned_paths(dossier, out_dir, docs, formats, lang, slug=slug)
    if strict and not force:
        refuse_existing(targets.values())
    report = report if report is not None else RenderReport()  # filled as files land
    wanted = [key for key, path in targets.items() if force or not path.exists()]
    report.skipped = [path for key, path in targets.items() if key not in wanted]
    if not wanted:
        return report
    # One call for the whole dossier, so the converters' work is shared between documents.
    wanted_docs = [doc for doc in docs if any(key[0] == doc for key in wanted)]
    wanted_formats = [fmt for fmt in formats if any(key[1] == fmt for key in wanted)]
    results = renderer.render_documents(dossier, wanted_docs, wanted_formats, lang)
    for key in wanted:
        # a link planted in the output folder is replaced, never written through
        atomic_write(targets[key], results[key], follow_links=False)
        report.written.append(targets[key])
    return report


def parse_selection(
    text: str, allowed: Sequence[str], kind: str, everything: Sequence[str] | None = None
) -> tuple[str, ...]:
    """``"charter,plan"`` or ``"all"`` → the chosen names, in ``allowed`` order.

    ``kind`` is ``"doc"`` or ``"format"`` (for the error message); ``"all"`` means
    ``everything`` (default: all of ``allowed``) and may be combined with other names.
    """
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        names = ["all"]
    chosen = set(names)
    if "all" in chosen:  # "all" may be combined with extras: "all,report"
        chosen.discard("all")
        chosen |= set(everything if everything is not None else allowed)
    for name in chosen:
        if name not in allowed:
            if kind == "doc":
                raise UsageError("render.unknown_doc", doc=name, allowed=", ".join(allowed))
            raise UsageError("render.unknown_format", format=name, allowed=", ".join(allowed))
    return tuple(name for name in allowed if name in chosen)
