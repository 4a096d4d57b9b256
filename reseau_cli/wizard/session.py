"""A wizard session from start to end: lock, load, merge prefilled answers, ask or fill in.

``reseau new`` and ``reseau edit`` are thin commands over :func:`new_session` and
:func:`edit_session`. The dossier is held through :mod:`reseau_cli.session` (locked, merged
with hand edits made meanwhile, saved in place with its comments); a refused write asks
whether to try again, the answer staying in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from rich.text import Text

from reseau_cli import i18n, store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import Dossier, new_dossier, working_language
from reseau_cli.errors import UsageError, WriteError
from reseau_cli.i18n import ui_lang
from reseau_cli.messages import error_lines, printable, warning_lines
from reseau_cli.session import Session, open_session, retrying
from reseau_cli.terminal import Environment
from reseau_cli.wizard.flow import Wizard, question_or_error, section_or_error
from reseau_cli.wizard.prefill import fill_without_prompts, merge_answers


@dataclass(frozen=True)
class Outcome:
    """What a session did, for the command to report."""

    dossier: Dossier
    message: str = ""  # a last line to print (the wizard prints its own while it runs)


def _wizard(dossier: Dossier, session: Session, language: str, no_advice: bool,
            env: Environment) -> Wizard:
    """The wizard wired to the terminal of ``env`` and the dossier's editing session."""
    from reseau_cli.wizard.prompter import QuestionaryPrompter

    console = env.console()
    prompter = QuestionaryPrompter(language, **env.prompt_io)
    for line in warning_lines(session.warnings, language):
        console.print(Text(line, style="yellow"))

    def ask_retry(error: WriteError) -> bool:  # the answer stays in memory meanwhile
        for line in error_lines(error, language):
            console.print(Text(printable(line), style="red"))
        console.print(Text(printable(i18n.t("store.save_failed", language, file=session.shown))))
        return prompter.confirm(i18n.t("store.retry", language), qmark="!", default=True) is True

    def merged(keys: list[str]) -> None:
        console.print(Text(printable(i18n.t("store.merged", language, file=session.shown,
                                            keys=", ".join(keys))), style="yellow"))

    save = retrying(session, ask_retry, merged)
    return Wizard(dossier=dossier, prompter=prompter, console=console,
                  save=save, lang=language, file=session.shown,
                  show_advice=False if no_advice else None)


def _load_answers(path: Path) -> Dossier | None:
    """The --answers file as a (partial) dossier; every problem reported with its place."""
    if not store.load_partial(path):
        return None
    return store.load(path)


def new_session(*, file: Path, answers: Path | None, defaults: bool, no_advice: bool,
                lang: str | None, fallback_lang: str, env: Environment) -> Outcome:
    """Create or resume ``file``: ask in a terminal, else complete it from answers/defaults."""
    catalogue = load_catalogue()
    interactive = env.interactive and not defaults
    if not interactive and not defaults and answers is None:
        key = "errors.no_terminal_output" if env.stdin_isatty else "errors.no_terminal"
        raise UsageError(key, file=str(file))
    with open_session(file) as session:  # locked: a second wizard is told who holds the file
        existing = session.dossier
        language = ui_lang(working_language(lang, existing, fallback_lang))
        dossier = existing if existing is not None else new_dossier(
            "en" if language == "en" else "fr")
        partial = _load_answers(answers) if answers is not None else None
        merged = 0
        if partial is not None:
            dossier, merged = merge_answers(dossier, partial, catalogue)
        if not interactive:
            dossier, used = fill_without_prompts(dossier, catalogue, use_defaults=defaults,
                                                 lang=language, answers_file=str(answers or ""))
            saved = session.save(dossier)
            return Outcome(saved, i18n.t("wizard.filled", language, count=used, file=str(file)))
        wizard = _wizard(dossier, session, language, no_advice, env)
        if merged:
            wizard.dossier = wizard.save(dossier)
            wizard.say("wizard.answers_loaded", count=merged, file=str(answers))
        return Outcome(wizard.run_new())


def edit_session(*, file: Path, section: str | None, question: str | None, no_advice: bool,
                 lang: str | None, fallback_lang: str, env: Environment) -> Outcome:
    """Ask one section (or one question) of ``file`` again, current answers as defaults."""
    catalogue = load_catalogue()
    if section is not None:
        section_or_error(catalogue, section)
    if question is not None:
        question_or_error(catalogue, question)
    with open_session(file, must_exist=True) as session:
        dossier = cast(Dossier, session.dossier)
        if not env.interactive:
            raise UsageError("wizard.edit_no_terminal")
        wizard = _wizard(dossier, session, ui_lang(working_language(lang, dossier, fallback_lang)),
                         no_advice, env)
        if question is not None:
            return Outcome(wizard.run_question(question))
        return Outcome(wizard.run_edit(section))
