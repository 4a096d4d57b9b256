"""The ``check`` command: what the guide would tell the founders about their dossier."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reseau_cli.cli.app import LangOption, app, dossier_lang, resolve_lang
from reseau_cli.i18n import ui_lang

if TYPE_CHECKING:
    from reseau_cli.check import Diagnosis


class CheckFormat(str, Enum):
    """Output forms of ``reseau check``."""

    table = "table"
    json = "json"


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="Dossier YAML. / YAML dossier.")],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="table ou json. / table or json.")
    ] = CheckFormat.table,
    lang: LangOption = None,
) -> None:
    """Diagnostic du dossier selon le guide. / Check a dossier against the guide.

    Constats (gravité, conseil, référence du guide), orientation sur la forme juridique et score
    de préparation (facteurs de succès : oui = 1, en partie = 0,5, non = 0 ; les facteurs sans
    réponse ne comptent pas ; un score à partir de 10 réponses). Sortie : 0 sans erreur, 1 en
    cas d'erreur, 2 dossier illisible. Langue : --lang, sinon celle du dossier. / Findings,
    legal-form guidance and a readiness score (unanswered factors are left out; a score from 10
    answers); exit 0 without errors, 1 with errors, 2 unreadable.

    Exemple : reseau check reseau.yaml --format json
    """
    from reseau_cli import store
    from reseau_cli.check import diagnose
    from reseau_cli.cli.output import print_error
    from reseau_cli.errors import ExitCode, InvalidDossierError

    try:
        dossier = store.load(file)
    except InvalidDossierError as exc:
        # For check, a dossier that cannot be understood is unreadable: exit 2, not 1.
        print_error(exc, resolve_lang(lang))
        raise typer.Exit(ExitCode.UNREADABLE) from None
    language = ui_lang(dossier_lang(lang, dossier))  # an Arabic dossier is checked in French
    diagnosis = diagnose(dossier)
    if format is CheckFormat.json:
        import json

        data = {"file": str(file), "language": language,
                **diagnosis.as_dict(language, file=str(file))}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_tables(diagnosis, str(file), language)
    if diagnosis.has_errors:
        raise typer.Exit(ExitCode.INVALID)


WIDE_TABLE = 110  # columns from which the guide reference gets a column of its own


def _summary(counts: dict[str, int], lang: str) -> str:
    from reseau_cli.check.texts import is_singular
    from reseau_cli.i18n import t

    parts = {}
    for severity, n in counts.items():
        one, other = t(f"check.count.{severity}", lang, n=n).split("|", 1)
        parts[severity] = one if is_singular(n, lang) else other
    return t("check.summary", lang, **parts)


def _print_tables(diagnosis: Diagnosis, file: str, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from reseau_cli.i18n import t
    from reseau_cli.messages import printable

    console = Console()
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    data = diagnosis.as_dict(lang, file=file)

    if data["findings"]:
        # Guide references must stay whole (users search for them): on a narrow terminal they
        # go under the finding instead of in a column of their own.
        wide = console.width >= WIDE_TABLE
        title = Text(printable(t("check.title", lang, file=file)))
        table = Table(title=title, title_justify="left",
                      expand=True, show_lines=True)
        table.add_column(t("check.col_severity", lang), no_wrap=True)
        table.add_column(t("check.col_finding", lang), ratio=3)
        table.add_column(t("check.col_advice", lang), ratio=3)
        if wide:
            table.add_column(t("check.col_guide", lang), no_wrap=True)
        for finding in data["findings"]:
            severity = finding["severity"]
            advice = Text(finding["advice"])
            advice.append("\n" + finding["command"], style="dim")
            cells = [Text(t(f"check.severity.{severity}", lang), style=styles[severity]),
                     Text(finding["message"]), advice]
            if wide:
                cells.append(Text(finding["guide_ref"]))
            else:
                cells[1].append("\n" + t("check.guide_line", lang, ref=finding["guide_ref"]),
                                style="dim")
            table.add_row(*cells)
        console.print(table)
    else:
        console.print(Text(t("check.no_findings", lang)))
    console.print(Text(_summary(data["summary"], lang)))

    console.print()
    if data["legal_forms"]:
        legal = Table(title=Text(t("check.legal_title", lang)), title_justify="left", expand=True)
        legal.add_column(t("check.col_rank", lang), no_wrap=True)
        legal.add_column(t("check.col_form", lang), ratio=1)
        legal.add_column(t("check.col_reason", lang), ratio=3)
        for option in data["legal_forms"]:
            label = option["label"] + (" " + t("check.chosen", lang) if option["chosen"] else "")
            legal.add_row(str(option["rank"]), Text(label), Text(option["reason"]))
        console.print(legal)
    else:
        console.print(Text(t("check.legal_title", lang), style="bold"))
    console.print(Text(data["legal_forms_note"], style="italic"))

    console.print()
    readiness = data["readiness"]
    console.print(Text(t("check.readiness_title", lang), style="bold"))
    console.print(Text(t("check.readiness_line", lang, text=readiness["text"])))
    if readiness["score"] is None:
        console.print(Text(t("check.readiness_how", lang, file=file)))
        return
    if not readiness["unmet"]:
        console.print(Text(t("check.readiness_all_met", lang)))
        return
    unmet = Table(expand=True, show_lines=True)
    unmet.add_column(t("check.col_factor", lang), ratio=2)
    unmet.add_column(t("check.col_answer", lang), no_wrap=True)
    unmet.add_column(t("check.col_next_step", lang), ratio=3)
    for factor in readiness["unmet"]:
        unmet.add_row(Text(factor["factor"]), Text(t(f"check.answer.{factor['answer']}", lang)),
                      Text(factor["next_step"]))
    console.print(unmet)
