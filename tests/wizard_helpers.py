"""Helpers for the wizard tests: a scripted prompter, a wired wizard, sample answers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.console import Console

from reseau_cli import store
from reseau_cli.catalogue import Section, load_catalogue
from reseau_cli.dossier import new_dossier
from reseau_cli.prompts import Check, Choices, Signal
from reseau_cli.wizard.flow import Wizard

FIXED_NOW = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)


def prompt(key: str, lang: str = "fr") -> str:
    """The prompt text of question ``key``."""
    return load_catalogue().question(key).prompt(lang)


def field_prompt(key: str, field_id: str, lang: str = "fr") -> str:
    """The prompt text of a record field (``members.entities`` / ``name``)."""
    question = load_catalogue().question(key)
    return next(f for f in question.fields if f.id == field_id).prompt(lang)


@dataclass
class Asked:
    """One prompt the wizard showed."""

    kind: str
    message: str
    default: Any
    qmark: str


class Interrupt:
    """Scripted answer meaning: the user presses Ctrl-C at this prompt."""


@dataclass
class FakePrompter:
    """Answers by prompt text; whatever is not scripted gets the prompt's default.

    A script value may be a list: successive prompts with the same text (record fields, a
    retry after an invalid answer) take the next item. Typed answers go through the wizard's
    own check; a refused one is logged in ``refused`` and the next item is tried.
    """

    script: dict[str, Any] = field(default_factory=dict)
    asked: list[Asked] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)

    def _next(self, message: str) -> tuple[bool, Any]:
        for text, value in self.script.items():
            if message == text or message.startswith(text):
                if isinstance(value, list) and not isinstance(value, _Keep):
                    if not value:
                        continue
                    item = value.pop(0)
                else:
                    item = value
                if isinstance(item, Interrupt):
                    raise KeyboardInterrupt
                return True, item
        return False, None

    def text(self, message: str, *, qmark: str, default: str = "",
             instruction: str | None = None, check: Check | None = None) -> str:
        self.asked.append(Asked("text", message, default, qmark))
        while True:
            found, value = self._next(message)
            answer = str(value) if found else default
            problem = check(answer) if check else None
            if problem is None:
                return answer
            self.refused.append((message, answer, problem))
            if not found:
                raise AssertionError(f"default {answer!r} refused for {message!r}: {problem}")

    def select(self, message: str, choices: Choices, *, qmark: str,
               default: str | None = None) -> str:
        self.asked.append(Asked("select", message, default, qmark))
        found, value = self._next(message)
        values = [v for v, _ in choices]
        answer = value if found else (default if default in values else values[0])
        if answer in {s.value for s in Signal}:  # "<" or "?" pressed in the list
            return str(answer)
        assert answer in values, f"{answer!r} is not a choice of {message!r}: {values}"
        return str(answer)

    def checkbox(self, message: str, choices: Choices, *, qmark: str,
                 default: Sequence[str] = (), ordered: bool = False) -> Any:
        self.asked.append(Asked("checkbox", message, list(default), qmark))
        found, value = self._next(message)
        if found and isinstance(value, Signal):
            return value
        return list(value) if found else list(default)

    def confirm(self, message: str, *, qmark: str, default: bool | None,
                unsure: bool = False) -> Any:
        self.asked.append(Asked("confirm", message, default, qmark))
        found, value = self._next(message)
        if found and isinstance(value, Signal):
            return value
        if not found:
            return Signal.UNSURE if default is None else default
        return bool(value)

    def messages(self) -> list[str]:
        """Every prompt text shown, in order."""
        return [a.message for a in self.asked]


class _Keep(list[Any]):
    """A list answer (for a checkbox) that is not a queue of successive answers."""


def choices(*values: str) -> _Keep:
    """A checkbox answer: these values ticked."""
    return _Keep(values)


def make_wizard(path: Path, prompter: FakePrompter, *, dossier: BaseModel | None = None,
                lang: str = "fr") -> tuple[Wizard, io.StringIO]:
    """A wizard saving to ``path`` with a fixed clock; returns it and its captured output."""
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, force_terminal=False)

    def save(updated: BaseModel) -> BaseModel:
        return store.save(updated, path, lambda: FIXED_NOW)

    start = dossier if dossier is not None else new_dossier("en" if lang == "en" else "fr")
    wizard = Wizard(dossier=start, prompter=prompter, console=console, save=save, lang=lang,
                    file=str(path), show_advice=False)
    return wizard, out


def sample_value(question: Any) -> Any:
    """A plausible answer of the right type for a question or record field."""
    kind = question.type
    if kind in ("text", "long_text"):
        return f"Fès — {question.id}"[:30]
    if kind == "choice":
        return question.choices[0].value
    if kind == "multi_choice":
        return [question.choices[0].value]
    if kind == "yes_no":
        return True
    if kind == "number":
        return 3
    if kind == "amount":
        return {"value": 2500, "currency": "MAD"}
    if kind == "date":
        return dt.date(2027, 6, 30)
    if kind == "records":
        return [{f.id: sample_value(f) for f in question.fields if f.type != "records"}
                for _ in range(2)]
    raise ValueError(kind)


def sample_answers(sections: list[Section]) -> dict[str, Any]:
    """A dossier-shaped mapping answering every question of ``sections``."""
    data: dict[str, Any] = {}
    for section in sections:
        data[section.id] = {q.id: sample_value(q) for q in section.questions}
    members = data.get("members", {}).get("entities")
    if members:  # a valid email, as the catalogue's pattern wants
        for index, member in enumerate(members):
            member["email"] = f"contact{index}@atlas.ma"
    return data


# --- driving the real command in a pseudo-terminal (pexpect) ------------------------------------

_STYLE = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # colour and cursor codes between the mark and the text


def prompt_pattern(qmark: str, message: str) -> str:
    """A regex for a prompt as drawn by prompt_toolkit: the mark, style codes, the message."""
    import re

    return re.escape(qmark) + _STYLE + " " + re.escape(message[:40])


def spawn_reseau(*args: str, cwd: Path, timeout: int = 20) -> Any:
    """``python -m reseau_cli ARGS`` in a pseudo-terminal, French, 120 columns."""
    import os
    import sys

    import pexpect

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "50", "NO_COLOR": "1",
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("RESEAU_LANG", None)
    from tests.cli_helpers import checkout_env

    child = pexpect.spawn(sys.executable, ["-m", "reseau_cli", *args], cwd=str(cwd),
                          env=checkout_env(env),
                          encoding="utf-8", timeout=timeout, dimensions=(50, 120))
    child.logfile_read = io.StringIO()  # the whole screen output, for assertions at the end
    return child


def transcript(child: Any) -> str:
    """Everything the spawned command has written so far."""
    return str(child.logfile_read.getvalue())
