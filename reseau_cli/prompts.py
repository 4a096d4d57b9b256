"""What asking a question needs from a terminal, and the answers that are not values.

:class:`Prompter` is the protocol the question kinds ask through (the wizard's real one is
``wizard.prompter.QuestionaryPrompter``; tests give a scripted fake). Besides values, a prompt
can return a :class:`Signal`: go back to the previous question, show the help, or "I don't know
yet" (:class:`Unsure`, with what the person typed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

Check = Callable[[str], str | None]
"""Checks typed text: returns the message to show, or None when the text is acceptable."""

Choices = Sequence[tuple[str, str]]
"""(value, label) pairs, in display order."""


class Signal(str, Enum):
    """Answers that steer the wizard instead of giving a value."""

    BACK = "\x00back"  # return to the previous question
    HELP = "\x00help"  # show the question's help, then ask again
    UNSURE = "\x00unsure"  # "I don't know yet": asked, left unanswered, hesitation noted


BACK_KEY = "<"
HELP_KEY = "?"


@dataclass(frozen=True)
class Unsure:
    """An "I don't know yet" answer, with the words used (kept in the dossier as a note)."""

    note: str


class Prompter(Protocol):
    """What the wizard needs from a terminal.

    Every method may return :attr:`Signal.BACK` or :attr:`Signal.HELP`; ``select`` and
    ``confirm`` also :attr:`Signal.UNSURE` when ``unsure`` is allowed.
    """

    def text(self, message: str, *, qmark: str, default: str = "",
             instruction: str | None = None, check: Check | None = None) -> str:
        """Free text (one line; Enter finishes). Typed signals ("<", "?") come back as text."""
        ...

    def select(self, message: str, choices: Choices, *, qmark: str,
               default: str | None = None) -> str:
        """One value among ``choices`` (or a :class:`Signal` value)."""
        ...

    def checkbox(self, message: str, choices: Choices, *, qmark: str,
                 default: Sequence[str] = (), ordered: bool = False) -> list[str] | Signal:
        """Any number of values among ``choices``; in the order ticked when ``ordered``."""
        ...

    def confirm(self, message: str, *, qmark: str, default: bool | None,
                unsure: bool = False) -> bool | Signal:
        """Yes or no (or "don't know" when ``unsure``)."""
        ...


def is_hesitation(text: str) -> bool:
    """Whether typed ``text`` means "I don't know yet" (``guides/hesitations.yaml``)."""
    from reseau_cli.hesitations import is_hesitation as exact

    return exact(text)
