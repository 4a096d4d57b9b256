"""Commands of the guided wizard: new, edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reseau_cli.cli.app import LangOption, app, default_lang, environment

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
    from reseau_cli.wizard.session import new_session

    outcome = new_session(file=file, answers=answers, defaults=defaults, no_advice=no_advice,
                          lang=lang.value if lang else None, fallback_lang=default_lang(),
                          env=environment())
    if outcome.message:
        typer.echo(outcome.message)


@app.command()
def edit(
    file: Annotated[Path, typer.Argument(help="Dossier à modifier. / Dossier to change.")],
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", help="Section à reprendre (ex. : admission) ; choisie "
                     "dans une liste si absente. / Section to answer again (e.g. admission); "
                     "picked from a list when left out."),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option("--question", "-q", help="Une seule question à reprendre (ex. : "
                     "dues.amount ; liste : reseau questions). / One question to answer again "
                     "(e.g. dues.amount; list: reseau questions)."),
    ] = None,
    no_advice: NoAdviceOption = False,
    lang: LangOption = None,
) -> None:
    """Repose les questions d'une section, ou une seule question. / Answer a section again.

    Les réponses actuelles sont proposées par défaut ; le reste du dossier ne change pas. /
    Current answers are the defaults; the rest of the dossier stays as it is.

    Exemple : reseau edit reseau.yaml --section admission
    """
    from reseau_cli.wizard.session import edit_session

    edit_session(file=file, section=section, question=question, no_advice=no_advice,
                 lang=lang.value if lang else None, fallback_lang=default_lang(),
                 env=environment())
