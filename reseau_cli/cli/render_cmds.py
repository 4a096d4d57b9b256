"""Documents: ``reseau render``, ``reseau demo`` and ``reseau templates export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reseau_cli.cli.app import DocLang, LangOption, app, dossier_lang, resolve_lang
from reseau_cli.cli.options import (
    BrandOption,
    DocOption,
    ForceOption,
    FormatOption,
    NoFiguresOption,
    TemplatesOption,
)
from reseau_cli.messages import printable

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
        DocLang | None,
        typer.Option("--lang", "-l", help="Langue des documents : fr, en ou ar (défaut : celle "
                                          "du dossier). / Language of the documents: fr, en or "
                                          "ar (default: the dossier's).",
                     show_default=False),
    ] = None,
    force: ForceOption = False,
    templates: TemplatesOption = None,
    brand: BrandOption = None,
    no_figures: NoFiguresOption = False,
) -> None:
    """Produit la charte, la lettre d'intention et le plan d'action. / Render the documents.

    Les fichiers s'appellent <sigle>_charte.pdf, <sigle>_lettre-intention.docx... ; rien
    n'est remplacé sans --force. / Files are named <slug>_charter.pdf...; nothing is replaced
    without --force.

    Exemple : reseau render reseau.yaml --format pdf,docx --out documents
    """
    from reseau_cli import i18n, store
    from reseau_cli.publish import publish

    dossier = store.load(file)
    written = publish(dossier, doc=doc, format=format, out=out, lang=dossier_lang(lang, dossier),
                      force=force, templates=templates, brand=brand,
                      figures=not no_figures)
    for path in written:
        typer.echo(printable(i18n.t("render.written", resolve_lang(lang), file=str(path))))


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
    from reseau_cli import i18n
    from reseau_cli.publish import publish_demo

    language = resolve_lang(lang)
    written, copy = publish_demo(out=out, lang=language, force=force)
    for path in written:
        typer.echo(printable(i18n.t("render.written", language, file=str(path))))
    typer.echo(printable(i18n.t("render.demo_dossier", language, file=str(copy),
                                folder=str(out))))


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
