"""Producing a dossier's documents into a folder: the one core call of ``render`` and ``demo``.

The overwrite check lives here, once, before anything is written: nothing (documents or the
demo's copy of its dossier) is replaced without ``force``.
"""

from __future__ import annotations

from pathlib import Path

from reseau_cli import documents, store
from reseau_cli.dossier import Dossier
from reseau_cli.errors import UnreadableError
from reseau_cli.files import atomic_write
from reseau_cli.render import FORMATS, Renderer, parse_selection, render_to_dir
from reseau_cli.render.output import planned_paths, refuse_existing
from reseau_cli.resources import guides_dir
from reseau_cli.yamlio import read_text


def publish(dossier: Dossier, *, doc: str, format: str, out: Path, lang: str, force: bool,
            templates: Path | None = None, brand: Path | None = None,
            extra: dict[Path, bytes] | None = None, figures: bool = True) -> list[Path]:
    """Render the documents ``doc`` × ``format`` (and write ``extra`` files); the paths written.

    ``doc`` and ``format`` are as typed on the command line ("charte,plan", "all", "md,pdf").
    """
    docs = documents.select(doc)  # "all" is the founding documents; the report when named
    formats = parse_selection(format, FORMATS, "format")
    if not force:  # the one overwrite check, before anything is written
        planned = planned_paths(dossier, out, docs, formats, lang)
        refuse_existing([*planned.values(), *(extra or {})])
    with Renderer(templates=templates, brand=brand, figures=figures) as renderer:
        report = render_to_dir(renderer, dossier, out, docs, formats, lang, force=True)
    for path, data in (extra or {}).items():
        atomic_write(path, data)
    return [*report.written, *(extra or {})]


def demo_source(lang: str) -> Path:
    """The bundled example dossier in ``lang`` (French when there is none in that language)."""
    examples = guides_dir() / "examples"
    source = examples / ("atlas-en.yaml" if lang == "en" else "atlas.yaml")
    if not source.is_file():
        source = examples / "atlas.yaml"
    if not source.is_file():
        raise UnreadableError("render.demo_missing", file=str(source))
    return source


def publish_demo(*, out: Path, lang: str, force: bool) -> tuple[list[Path], Path]:
    """The example network's documents, with a copy of its dossier to edit; (written, copy)."""
    source = demo_source(lang)
    copy = out / source.name
    written = publish(store.load(source), doc="all", format="all", out=out, lang=lang,
                      force=force, extra={copy: read_text(source).encode("utf-8")})
    return written, copy
