"""The Typer application and the options every command shares.

Kept free of heavy imports: ``reseau --help`` and ``reseau --version`` must start fast, so each
command imports the core (pydantic, questionary, pandoc, typst...) inside its own body.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from reseau_cli.dossier import Dossier
    from reseau_cli.terminal import Environment

from reseau_cli import __version__

app = typer.Typer(
    name="reseau",
    help=(
        "Assistant pour fonder un réseau collaboratif selon le guide CGEM (2010) : questions, "
        "dossier YAML, charte, lettre d'intention et plan d'action.\n\n"
        "Assistant for founding a collaborative network following the CGEM guide (2010)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, Enum):
    """Languages of the interface and of the documents."""

    fr = "fr"
    en = "en"


def default_lang() -> str:
    """The language when no --lang is given: $RESEAU_LANG, else French."""
    value = os.environ.get("RESEAU_LANG", "fr")
    return value if value in ("fr", "en") else "fr"


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang", "-l", help="Langue : fr (défaut) ou en. / Language: fr (default) or en."
    ),
]


class DocLang(str, Enum):
    """Languages of the documents: the interface's, and Arabic (documents only)."""

    fr = "fr"
    en = "en"
    ar = "ar"


def resolve_lang(lang: Lang | DocLang | None) -> str:
    """The language of the interface: --lang, else $RESEAU_LANG, else French."""
    from reseau_cli.i18n import ui_lang

    return ui_lang(lang.value) if lang is not None else default_lang()


def dossier_lang(lang: Lang | DocLang | None, dossier: Dossier) -> str:
    """The one rule for commands that read a dossier: --lang, else the dossier's language."""
    from reseau_cli.dossier import working_language

    return working_language(lang.value if lang is not None else None, dossier, default_lang())


_ENVIRONMENT: list[Environment] = []


def environment() -> Environment:
    """The terminal facts of this run (tests push their own with :func:`use_environment`)."""
    from reseau_cli.terminal import Environment

    return _ENVIRONMENT[-1] if _ENVIRONMENT else Environment()


@contextmanager
def use_environment(env: Environment) -> Iterator[None]:
    """Run commands with ``env`` as their terminal facts."""
    _ENVIRONMENT.append(env)
    try:
        yield
    finally:
        _ENVIRONMENT.pop()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reseau {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Affiche la version. / Show the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Affiche la trace complète des erreurs. / Show full tracebacks."
        ),
    ] = False,
) -> None:
    """Assistant réseau collaboratif (guide CGEM 2010)."""
