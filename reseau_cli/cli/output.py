"""Writing errors to the terminal; the wording itself lives in :mod:`reseau_cli.messages`."""

from __future__ import annotations

import sys
from typing import TextIO

from reseau_cli.errors import ReseauError
from reseau_cli.messages import error_lines, printable, problem_text

__all__ = ["error_lines", "print_error", "printable", "problem_text"]


def print_error(error: ReseauError, lang: str, stream: TextIO | None = None) -> None:
    """Write an error to stderr (plain text: it must stay readable in logs and CI)."""
    out = stream or sys.stderr
    for line in error_lines(error, lang):
        print(printable(line), file=out)
