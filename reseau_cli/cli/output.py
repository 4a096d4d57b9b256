"""Writing errors to the terminal; the wording itself lives in :mod:`reseau_cli.messages`."""

from __future__ import annotations

import sys
from typing import TextIO

from reseau_cli.errors import Problem, ReseauError
from reseau_cli.messages import error_lines, printable, problem_text, warning_lines

__all__ = ["error_lines", "print_error", "print_warnings", "printable", "problem_text"]


def print_error(error: ReseauError, lang: str, stream: TextIO | None = None) -> None:
    """Write an error to stderr (plain text: it must stay readable in logs and CI)."""
    out = stream or sys.stderr
    for line in error_lines(error, lang):
        print(printable(line), file=out)


def print_warnings(warnings: list[Problem], lang: str, stream: TextIO | None = None) -> None:
    """Write warnings (the file is valid, but may not say what its author meant) to stderr."""
    out = stream or sys.stderr
    for line in warning_lines(warnings, lang):
        print(line, file=out)
