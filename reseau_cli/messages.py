"""Errors and problems as people read them: one line each, where first, then what to do.

Used by every command and by ``batch`` (which must not import the CLI). Plain text only: it
must stay readable in logs and CI. :func:`printable` makes control characters visible so that
text quoted from a hostile file cannot drive the terminal.
"""

from __future__ import annotations

import re

from reseau_cli import i18n
from reseau_cli.errors import Problem, ReseauError

__all__ = ["error_lines", "printable", "problem_order", "problem_text", "sorted_problems",
           "warning_lines"]


def problem_order(problem: Problem) -> tuple[str, int, int, str]:
    """The one sort key of problems: by file, line, column, then dotted path."""
    return (problem.file, problem.line or 0, problem.column or 0, problem.path)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """``problems`` in reading order (see :func:`problem_order`)."""
    return sorted(problems, key=problem_order)


def problem_text(problem: Problem, lang: str) -> str:
    """``file:line:column (path): message`` for one problem."""
    key = problem.key if i18n.has(problem.key) else "schema.other"
    message = i18n.t(key, lang, **problem.params)
    return i18n.t("validate.problem", lang, where=problem.where, message=message)


def error_lines(error: ReseauError, lang: str) -> list[str]:
    """The message of an error, then one line per problem, sorted by position."""
    lines = [i18n.t(error.key, lang, **error.params)]
    lines += [f"  - {problem_text(p, lang)}" for p in sorted_problems(error.problems)]
    return lines


def warning_lines(warnings: list[Problem], lang: str) -> list[str]:
    """One line per warning (a valid file that may not say what its author meant)."""
    return [printable(f"  ! {problem_text(p, lang)}") for p in sorted_problems(warnings)]


# Control characters and bidi overrides quoted from a hostile dossier (or file name) must not
# reach the terminal: an escape sequence could rewrite the screen, a newline could forge a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with control and bidi-override characters shown as ``\xNN`` / ``\uNNNN``."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
