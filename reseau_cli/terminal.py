"""The terminal facts a command needs, gathered once and passed in (httpie's ``Environment``).

Commands get an :class:`Environment` from :func:`reseau_cli.cli.app.environment`; tests build
one with the facts they want (a terminal or not) instead of monkeypatching ``isatty``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class Environment:
    """Where input comes from and output goes, and whether they are terminals."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None  # None: ask the stream
    stdout_isatty: bool | None = None
    prompt_io: dict[str, Any] = field(default_factory=dict)  # prompt_toolkit input/output

    def __post_init__(self) -> None:
        """Fill in the terminal facts the caller did not give."""
        if self.stdin_isatty is None:
            self.stdin_isatty = _isatty(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)

    @property
    def interactive(self) -> bool:
        """Whether questions can be asked and seen: both stdin and stdout are terminals."""
        return bool(self.stdin_isatty and self.stdout_isatty)

    def console(self) -> Console:
        """A rich console on stdout that prints text as given (no highlighting)."""
        from rich.console import Console

        return Console(file=self.stdout, highlight=False)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
