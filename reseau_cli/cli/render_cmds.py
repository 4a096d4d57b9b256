"""Documents: ``reseau render``, ``reseau demo`` and ``reseau templates export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reseau_cli.cli.app import Lang, LangOption, app, resolve_lang
from reseau_cli.cli.options import (
    BrandOption,
    DocOption,
    FinalOption,
    ForceOption,
    FormatOption,
    NoFiguresOption,
    TemplatesOption,
)

templates_app = typer.Typer(
    help="Modèles de documents (pour les consultants). / Document templates (for consultants).",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")

@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="Le dossier YAML. / The YAML dossier.")],
    doc: DocOption = "all",
    format: FormatOption = "all",
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Dossier de sortie. / Output folder."),
    ] = Path("."),
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", "-l", help="Langue des documents (défaut : celle du dossier). / "
                                          "Language of the documents (default: the dossier's).",
                     show_default=False),
    ] = None,
    force: ForceOption = False,
    templates: TemplatesOption = None,
    brand: BrandOption = None,
    no_figures: NoFiguresOption = False,
    final: FinalOption = False,
) -> None:
    """Produit la charte, la lettre d'intention et le plan d'action. / Render the documents.

    Les fichiers s'appellent <sigle>_charte.pdf, <sigle>_lettre-intention.docx... ; rien
    n'est remplacé sans --force. / Files are named <slug>_charter.pdf...; nothing is replaced
    without --force.

    Exemple : reseau render reseau.yaml --format pdf,docx --out documents
    """
    from reseau_cli import store

    dossier = store.load(file)
    language = lang.value if lang is not None else str(getattr(dossier, "language", "fr"))
    _render(dossier, doc=doc, format=format, out=out, lang=language, force=force,
            templates=templates, brand=brand, ui_lang=resolve_lang(lang),
            figures=not no_figures, final=final)


def _render(dossier: object, *, doc: str, format: str, out: Path, lang: str, force: bool,
            templates: Path | None, brand: Path | None, ui_lang: str,
            extra: dict[Path, bytes] | None = None, figures: bool = True,
            final: bool = False) -> None:
    from reseau_cli import documents, i18n
    from reseau_cli.files import atomic_write
    from reseau_cli.render import FORMATS, Renderer, parse_selection, render_to_dir
    from reseau_cli.render.output import planned_paths, refuse_existing

    # "all" is the founding documents; others (e.g. report) only when named.
    docs = documents.select(doc)
    formats = parse_selection(format, FORMATS, "format")
    if not force:  # checked before anything is written: nothing is replaced without --force
        planned = planned_paths(dossier, out, docs, formats, lang)
        refuse_existing([*planned.values(), *(extra or {})])
    with Renderer(templates=templates, brand=brand, figures=figures) as renderer:
        report = render_to_dir(renderer, dossier, out, docs, formats, lang, force, strict=True,
                               final=final)
    for path, data in (extra or {}).items():
        atomic_write(path, data)
    for path in [*report.written, *(extra or {})]:
        typer.echo(i18n.t("render.written", ui_lang, file=str(path)))
    if report.drafts:  # said once, after the files: what they are and how to finish them
        typer.echo(i18n.t("render.drafts", ui_lang, count=len(report.drafts)))


@app.command()
def demo(
    lang: LangOption = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Dossier de sortie. / Output folder.")
    ] = Path("reseau-demo"),
    force: ForceOption = False,
) -> None:
    """Produit les 12 documents du réseau d'exemple. / Render the example network's documents.

    Le dossier d'exemple est copié à côté, pour le modifier et relancer. / The example dossier
    is copied next to them, to edit and render again.

    Exemple : reseau demo --lang en --out demo-en
    """
    from reseau_cli import i18n, store
    from reseau_cli.errors import UnreadableError
    from reseau_cli.resources import guides_dir
    from reseau_cli.yamlio import read_text

    language = resolve_lang(lang)
    examples = guides_dir() / "examples"
    source = examples / ("atlas-en.yaml" if language == "en" else "atlas.yaml")
    if not source.is_file():
        source = examples / "atlas.yaml"
    if not source.is_file():
        raise UnreadableError("render.demo_missing", file=str(source))
    dossier = store.load(source)
    copy = out / source.name
    _render(dossier, doc="all", format="all", out=out, lang=language, force=force,
            templates=None, brand=None, ui_lang=language,
            extra={copy: read_text(source).encode("utf-8")})
    typer.echo(i18n.t("render.demo_dossier", language, file=str(copy), folder=str(out)))


@templates_app.command("export")
def templates_export(
    folder: Annotated[Path, typer.Argument(help="Dossier où copier les modèles. / Folder to "
                                                "copy the templates to.")],
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Copie les modèles fournis pour les modifier. / Copy the built-in templates for editing.

    Utilisez ensuite --templates DOSSIER avec render. / Then use --templates FOLDER with render.

    Exemple : reseau templates export mes-modeles
    """
    from reseau_cli import i18n
    from reseau_cli.render.export import export_templates

    written = export_templates(folder, force=force)
    typer.echo(i18n.t("render.exported", resolve_lang(lang), count=len(written),
                      folder=str(folder)))
