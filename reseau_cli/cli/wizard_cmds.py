"""Commands of the guided wizard: new, edit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reseau_cli.cli.app import LangOption, app, default_lang

if TYPE_CHECKING:
    from pydantic import BaseModel

    from reseau_cli.errors import WriteError
    from reseau_cli.session import Session
    from reseau_cli.wizard.flow import Wizard

NoAdviceOption = Annotated[
    bool,
    typer.Option("--no-advice", help="Ne pas afficher les conseils de début de section. / "
                 "Do not show the advice at the start of each section."),
]


@app.command()
def new(
    file: Annotated[
        Path, typer.Argument(help="Dossier à créer ou à reprendre. / Dossier to create or resume.")
    ] = Path("reseau.yaml"),
    answers: Annotated[
        Path | None,
        typer.Option("--answers", "-a", help="Réponses préremplies (dossier partiel YAML) ; seules "
                     "les questions manquantes sont posées. / Pre-filled answers (a partial YAML "
                     "dossier); only missing questions are asked."),
    ] = None,
    defaults: Annotated[
        bool,
        typer.Option("--defaults", help="Ne rien demander : chaque question restante prend sa "
                     "valeur par défaut ; erreur si l'une n'en a pas. / Ask nothing: every "
                     "remaining question takes its default; error if one has none."),
    ] = False,
    no_advice: NoAdviceOption = False,
    lang: LangOption = None,
) -> None:
    """Crée ou reprend un dossier, question par question. / Create or resume a dossier.

    Reprend à la première question non posée ; chaque réponse est enregistrée aussitôt. Sans
    terminal, --answers doit tout fournir, ou --defaults compléter avec les valeurs par défaut
    (la phase 2 seulement si elle est commencée). / Resumes at the first question not yet asked;
    every answer is saved at once. Without a terminal, --answers must give everything, or
    --defaults fill in the defaults (phase 2 only once started).

    Exemple : reseau new reseau.yaml --answers reponses.yaml
    """
    from reseau_cli import i18n
    from reseau_cli.catalogue import load_catalogue
    from reseau_cli.dossier import new_dossier
    from reseau_cli.errors import UsageError
    from reseau_cli.session import open_session
    from reseau_cli.wizard.prefill import fill_without_prompts, merge_answers

    catalogue = load_catalogue()
    session = open_session(file)  # locked: a second wizard on this file is told who holds it
    existing = session.dossier
    language = _language(lang.value if lang else None, existing)
    dossier = existing if existing is not None else new_dossier("en" if language == "en" else "fr")
    interactive = sys.stdin.isatty() and not defaults
    if not interactive and not defaults and answers is None:
        raise UsageError("errors.no_terminal")
    merged = 0
    partial = _load_answers(answers) if answers is not None else None
    if partial is not None:
        dossier, merged = merge_answers(dossier, partial, catalogue)
    if not interactive:
        dossier, used = fill_without_prompts(dossier, catalogue, use_defaults=defaults,
                                             lang=language, answers_file=str(answers or ""))
        session.save(dossier)
        typer.echo(i18n.t("wizard.filled", language, count=used, file=str(file)))
        return
    wizard = _wizard(dossier, session, language, no_advice)
    if merged:
        wizard.dossier = wizard.save(dossier)
        wizard.console.print(i18n.t("wizard.answers_loaded", language, count=merged,
                                    file=str(answers)))
    wizard.run_new()


@app.command()
def edit(
    file: Annotated[Path, typer.Argument(help="Dossier à modifier. / Dossier to change.")],
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", help="Section à reprendre (ex. : admission) ; choisie "
                     "dans une liste si absente. / Section to answer again (e.g. admission); "
                     "picked from a list when left out."),
    ] = None,
    no_advice: NoAdviceOption = False,
    lang: LangOption = None,
) -> None:
    """Repose les questions d'une section. / Answer one section again.

    Les réponses actuelles sont proposées par défaut ; les autres sections ne changent pas. /
    Current answers are the defaults; the other sections stay as they are.

    Exemple : reseau edit reseau.yaml --section admission
    """
    from reseau_cli.catalogue import load_catalogue
    from reseau_cli.errors import UsageError
    from reseau_cli.session import open_session
    from reseau_cli.wizard.flow import section_or_error

    session = open_session(file, must_exist=True)
    dossier = session.dossier
    assert dossier is not None  # must_exist
    if section is not None:
        section_or_error(load_catalogue(), section)
    if not sys.stdin.isatty():
        raise UsageError("wizard.edit_no_terminal")
    language = _language(lang.value if lang else None, dossier)
    _wizard(dossier, session, language, no_advice).run_edit(section)


def _language(explicit: str | None, dossier: BaseModel | None) -> str:
    """--lang, else the dossier's language, else $RESEAU_LANG / French."""
    if explicit:
        return explicit
    if dossier is not None:
        return str(dossier.language)  # type: ignore[attr-defined]
    return default_lang()


def _load_answers(path: Path) -> BaseModel | None:
    """The --answers file as a (partial) dossier; every problem reported with its place."""
    from reseau_cli import store

    if not store.load_partial(path):
        return None
    return store.load(path)


def _wizard(dossier: BaseModel, session: Session, language: str, no_advice: bool) -> Wizard:
    """The wizard wired to the real terminal and the dossier's editing session."""
    from rich.console import Console

    from reseau_cli import i18n
    from reseau_cli.cli.output import error_lines, print_warnings
    from reseau_cli.session import retrying
    from reseau_cli.wizard.flow import Wizard
    from reseau_cli.wizard.prompter import QuestionaryPrompter

    console = Console(highlight=False)
    prompter = QuestionaryPrompter(language)
    print_warnings(session.warnings, language)

    def ask_retry(error: WriteError) -> bool:  # the answer stays in memory meanwhile
        for line in error_lines(error, language):
            console.print(line, style="red", markup=False)
        console.print(i18n.t("store.save_failed", language, file=session.shown), markup=False)
        return prompter.confirm(i18n.t("store.retry", language), qmark="!", default=True)

    def merged(keys: list[str]) -> None:
        console.print(i18n.t("store.merged", language, file=session.shown, keys=", ".join(keys)),
                      style="yellow", markup=False)

    return Wizard(dossier=dossier, prompter=prompter, console=console,
                  save=retrying(session, ask_retry, merged), lang=language,
                  file=session.shown, show_advice=False if no_advice else None)
