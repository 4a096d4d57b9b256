"""``reseau members import`` and ``reseau members export``: the member list as a table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reseau_cli.cli.app import LangOption, app, dossier_lang
from reseau_cli.cli.options import ForceOption
from reseau_cli.i18n import ui_lang

members_app = typer.Typer(
    help="Les membres en tableau (CSV, Excel). / The members as a table (CSV, Excel).",
    no_args_is_help=True,
)
app.add_typer(members_app, name="members")


@members_app.command("import")
def members_import(
    dossier: Annotated[Path, typer.Argument(help="Dossier YAML. / YAML dossier.")],
    table: Annotated[Path, typer.Argument(help="Tableau des membres (.csv ou .xlsx). / Member "
                                               "table (.csv or .xlsx).")],
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Importer les lignes valides et signaler les "
                     "autres. / Import the valid rows and report the others."),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Importe des membres d'un tableau CSV ou Excel. / Import members from a CSV or Excel table.

    En-têtes en français ou en anglais (nom/name, ville/city, représentant/representative,
    courriel/email, téléphone/phone, fondateur/founding…). Chaque ligne est vérifiée ; rien
    n'est enregistré si une ligne est invalide, sauf avec --skip-invalid. Un nom déjà présent
    est mis à jour. / French or English headers; every row is checked; nothing is saved if a
    row is invalid, unless --skip-invalid. A name already there is updated.

    Exemple : reseau members import reseau.yaml membres.xlsx
    """
    from reseau_cli import i18n, members
    from reseau_cli.dossier import get_answer
    from reseau_cli.errors import InvalidDossierError
    from reseau_cli.messages import printable
    from reseau_cli.session import open_session

    session = open_session(dossier, must_exist=True)  # not while a wizard has the file open
    current = session.dossier
    assert current is not None  # must_exist
    language = ui_lang(dossier_lang(lang, current))
    result = members.rows_to_members(members.read_table(table), language)
    if result.unknown_columns:
        known = sorted({f.aliases[0] if language == "fr" and f.aliases else f.id
                        for f in members.member_question().fields})
        typer.echo(printable(i18n.t("members.unknown_columns", language,
                                    columns=", ".join(result.unknown_columns),
                                    known=", ".join(known))), err=True)
    if result.problems and not skip_invalid:
        raise InvalidDossierError("members.bad_rows", problems=result.problems,
                                  file=str(table), count=result.skipped_rows)
    if result.problems:
        from reseau_cli.cli.output import print_error

        print_error(InvalidDossierError("members.skipped", problems=result.problems,
                                        count=result.skipped_rows), language)
    updated, added, changed = members.merge_members(current, result.members)
    saved = session.save(updated)
    total = len(get_answer(saved, members.KEY) or [])
    typer.echo(printable(i18n.t("members.imported", language, added=added, updated=changed,
                                file=str(dossier), total=total)))


@members_app.command("export")
def members_export(
    dossier: Annotated[Path, typer.Argument(help="Dossier YAML. / YAML dossier.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Fichier CSV à écrire (défaut : la sortie standard). / "
                     "CSV file to write (default: standard output).", show_default=False),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Écrit les membres en CSV, relisible par import. / Write the members as CSV.

    Exemple : reseau members export reseau.yaml -o membres.csv
    """
    from reseau_cli import i18n, members, store
    from reseau_cli.dossier import get_answer
    from reseau_cli.files import atomic_write
    from reseau_cli.render.output import refuse_existing

    current = store.load(dossier)
    language = ui_lang(dossier_lang(lang, current))
    text = members.export_csv(current, language)
    if out is None:
        sys.stdout.write(text)
        return
    if not force:
        refuse_existing([out])
    atomic_write(out, text)
    count = len(get_answer(current, members.KEY) or [])
    typer.echo(i18n.t("members.exported", language, count=count, file=str(out)), err=True)
