"""How errors and problems reach the user: one line each, where first, then what to do."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from reseau_cli.errors import Problem, ReseauError


def problem_text(problem: Problem, lang: str) -> str:
    """``file:line:column (path): message`` for one problem."""
    from reseau_cli import i18n

    key = problem.key if i18n.has(problem.key) else "schema.other"
    message = i18n.t(key, lang, **problem.params)
    return i18n.t("validate.problem", lang, where=problem.where, message=message)


def error_lines(error: ReseauError, lang: str) -> list[str]:
    """The message of an error, then one line per problem, sorted by position."""
    from reseau_cli import i18n

    lines = [i18n.t(error.key, lang, **error.params)]
    ordered = sorted(error.problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
    lines += [f"  - {problem_text(p, lang)}" for p in ordered]
    return lines


# Control characters and bidi overrides quoted from a hostile dossier (or file name) must not
# reach the terminal: an escape sequence could rewrite the screen, a newline could forge a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with control and bidi-override characters shown as ``\xNN`` / ``\uNNNN``."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def print_error(error: ReseauError, lang: str, stream: TextIO | None = None) -> None:
    """Write an error to stderr (plain text: it must stay readable in logs and CI)."""
    out = stream or sys.stderr
    for line in error_lines(error, lang):
        print(printable(line), file=out)


def print_warnings(warnings: list[Problem], lang: str, stream: TextIO | None = None) -> None:
    """Write warnings (the file is valid, but may not say what its author meant) to stderr."""
    out = stream or sys.stderr
    for problem in sorted(warnings, key=lambda p: (p.file, p.line or 0, p.column or 0)):
        print(printable(f"  ! {problem_text(problem, lang)}"), file=out)
