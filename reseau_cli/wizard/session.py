"""A wizard session from start to end: load, merge prefilled answers, ask or fill in.

Load or create the dossier, merge prefilled answers, then ask (in a terminal) or fill in
without asking. ``reseau new`` and ``reseau edit`` are
thin commands over :func:`new_session` and :func:`edit_session`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reseau_cli import i18n, store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import Dossier, new_dossier, working_language
from reseau_cli.errors import UsageError
from reseau_cli.terminal import Environment
from reseau_cli.wizard.flow import Wizard, question_or_error, section_or_error
from reseau_cli.wizard.prefill import fill_without_prompts, merge_answers


@dataclass(frozen=True)
class Outcome:
    """What a session did, for the command to report."""

    dossier: Dossier
    message: str = ""  # a last line to print (the wizard prints its own while it runs)


def _wizard(dossier: Dossier, file: Path, language: str, no_advice: bool,
            env: Environment) -> Wizard:
    """The wizard wired to the terminal of ``env``, the file and the clock."""
    from reseau_cli.wizard.prompter import QuestionaryPrompter

    def save(updated: Dossier) -> Dossier:
        return store.save(updated, file, store.utc_now)

    return Wizard(dossier=dossier, prompter=QuestionaryPrompter(language, **env.prompt_io),
                  console=env.console(), save=save, lang=language, file=str(file),
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
    existing = store.load(file) if file.exists() else None
    language = working_language(lang, existing, fallback_lang)
    dossier = existing if existing is not None else new_dossier("en" if language == "en" else "fr")
    interactive = env.interactive and not defaults
    if not interactive and not defaults and answers is None:
        key = "errors.no_terminal_output" if env.stdin_isatty else "errors.no_terminal"
        raise UsageError(key, file=str(file))
    partial = _load_answers(answers) if answers is not None else None
    merged = 0
    if partial is not None:
        dossier, merged = merge_answers(dossier, partial, catalogue)
    if not interactive:
        dossier, used = fill_without_prompts(dossier, catalogue, use_defaults=defaults,
                                             lang=language, answers_file=str(answers or ""))
        dossier = store.save(dossier, file)
        return Outcome(dossier, i18n.t("wizard.filled", language, count=used, file=str(file)))
    wizard = _wizard(dossier, file, language, no_advice, env)
    if merged:
        wizard.dossier = wizard.save(dossier)
        wizard.say("wizard.answers_loaded", count=merged, file=str(answers))
    return Outcome(wizard.run_new())


def edit_session(*, file: Path, section: str | None, question: str | None, no_advice: bool,
                 lang: str | None, fallback_lang: str, env: Environment) -> Outcome:
    """Ask one section (or one question) of ``file`` again, current answers as defaults."""
    dossier = store.load(file)
    catalogue = load_catalogue()
    if section is not None:
        section_or_error(catalogue, section)
    if question is not None:
        question_or_error(catalogue, question)
    if not env.interactive:
        raise UsageError("wizard.edit_no_terminal")
    wizard = _wizard(dossier, file, working_language(lang, dossier, fallback_lang), no_advice,
                     env)
    if question is not None:
        return Outcome(wizard.run_question(question))
    return Outcome(wizard.run_edit(section))
