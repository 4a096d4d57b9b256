"""Commands about the dossier file and the catalogue: schema, validate, questions."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from reseau_cli.cli.app import LangOption, app, resolve_lang
from reseau_cli.cli.options import ForceOption


@app.command()
def schema(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Écrire dans ce fichier. / Write to this file."),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Affiche le schéma JSON du dossier. / Print the dossier's JSON Schema.

    Exemple : reseau schema -o reseau-dossier.schema.json
    """
    import json

    from reseau_cli.dossier import dossier_model
    from reseau_cli.files import atomic_write, refuse_existing_file

    if out is not None:
        refuse_existing_file(out, force=force)  # e.g. "-o reseau.yaml" would erase the dossier
    text = json.dumps(dossier_model().model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Dossiers YAML. / YAML dossiers.")],
    lang: LangOption = None,
) -> None:
    """Vérifie des dossiers ; 0 valide, 1 invalide, 2 illisible. / Check dossiers.

    Exemple : reseau validate reseau.yaml autre.yaml
    """
    from reseau_cli import i18n, store
    from reseau_cli.cli.output import print_error, print_warnings
    from reseau_cli.errors import ExitCode, InvalidDossierError, UnreadableError
    from reseau_cli.messages import printable

    language = resolve_lang(lang)
    counts = {"valid": 0, "invalid": 0, "unreadable": 0}
    for path in files:
        try:
            loaded = store.read(path)
        except UnreadableError as exc:
            print_error(exc, language)
            counts["unreadable"] += 1
        except InvalidDossierError as exc:
            print_error(exc, language)
            counts["invalid"] += 1
        else:
            typer.echo(printable(i18n.t("validate.ok", language, file=str(path))))
            print_warnings(loaded.warnings, language)
            counts["valid"] += 1
    if len(files) > 1:
        typer.echo(i18n.t("validate.summary", language, **counts))
    if counts["unreadable"]:
        raise typer.Exit(ExitCode.UNREADABLE)
    if counts["invalid"]:
        raise typer.Exit(ExitCode.INVALID)


class QuestionsFormat(str, Enum):
    """Output forms of ``reseau questions``."""

    table = "table"
    md = "md"
    json = "json"


@app.command()
def questions(
    format: Annotated[
        QuestionsFormat, typer.Option("--format", "-f", help="table, md ou json.")
    ] = QuestionsFormat.table,
    lang: LangOption = None,
) -> None:
    """Affiche le catalogue des questions. / Print the question catalogue.

    Exemple : reseau questions --format md > questionnaire.md
    """
    from reseau_cli import questionnaire
    from reseau_cli.catalogue import load_catalogue

    language = resolve_lang(lang)
    catalogue = load_catalogue()
    if format is QuestionsFormat.json:
        import json

        data = questionnaire.as_json(catalogue, language)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif format is QuestionsFormat.md:
        sys.stdout.write(questionnaire.as_markdown(catalogue, language))
    else:
        _print_table(catalogue, language)


def _print_table(catalogue: object, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from reseau_cli import i18n
    from reseau_cli.catalogue import Catalogue

    assert isinstance(catalogue, Catalogue)
    console = Console()
    total = len(catalogue.sections)
    for index, section in enumerate(catalogue.sections, start=1):
        table = Table(title=i18n.t("questions.header_section", lang, index=index, total=total,
                                   title=section.title(lang)), title_justify="left", expand=True)
        table.add_column(i18n.t("questions.col_id", lang), no_wrap=True)
        table.add_column(i18n.t("questions.col_question", lang), ratio=3)
        table.add_column(i18n.t("questions.col_type", lang))
        table.add_column(i18n.t("questions.col_guide", lang))
        for q in section.questions:
            table.add_row(q.key, q.prompt(lang), i18n.t(f"questions.types.{q.type}", lang),
                          ", ".join(q.guide_ref))
        console.print(table)
