"""One error hierarchy: every error says what, where, and what to do.

Core code raises these; only the CLI turns them into a message and an exit code.
Messages are looked up in ``guides/ui/*.yaml`` by key so they follow the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    INVALID = 1  # the input was read but is not acceptable (or a check failed)
    UNREADABLE = 2  # the input could not be read at all (or bad usage)
    INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input, with where it is."""

    key: str  # message key in guides/ui.yaml (errors.*)
    params: dict[str, Any] = field(default_factory=dict)
    path: str = ""  # dotted path in the dossier, e.g. members.entities[2].email
    file: str = ""
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    @property
    def where(self) -> str:
        """``file:line:column`` (as much of it as is known), then the dotted path."""
        loc = self.file
        if self.line is not None:
            loc = f"{loc}:{self.line}" if loc else f"{self.line}"
            if self.column is not None:
                loc = f"{loc}:{self.column}"
        if self.path:
            loc = f"{loc} ({self.path})" if loc else self.path
        return loc


class ReseauError(Exception):
    """Base of every error a user can act on."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(
        self, key: str, /, problems: list[Problem] | None = None, **params: Any
    ) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.problems = problems or []


class UnreadableError(ReseauError):
    """A file that cannot be read or parsed (missing, binary, YAML syntax error...)."""

    exit_code = ExitCode.UNREADABLE


class InvalidDossierError(ReseauError):
    """A dossier that parses but does not fit the schema; carries every problem at once."""

    exit_code = ExitCode.INVALID


class UsageError(ReseauError):
    """A command was called in a way that cannot work (e.g. no terminal for the wizard)."""

    exit_code = ExitCode.UNREADABLE


class OutputExistsError(ReseauError):
    """An output file exists and --force was not given."""

    exit_code = ExitCode.INVALID


class TemplateError(ReseauError):
    """A (custom) template failed to load or render; names the template file and line."""

    exit_code = ExitCode.INVALID


class ConversionError(ReseauError):
    """pandoc or typst failed on a document."""

    exit_code = ExitCode.INVALID


class Interrupted(ReseauError):
    """The user pressed Ctrl-C; what was answered is already saved."""

    exit_code = ExitCode.INTERRUPTED


class WriteError(ReseauError):
    """A file could not be written (disk full, read-only, a folder in the way...)."""

    exit_code = ExitCode.INVALID


class DossierBusyError(ReseauError):
    """Another reseau process is writing the same dossier; names that process."""

    exit_code = ExitCode.INVALID


class ConflictError(ReseauError):
    """The dossier changed on disk at a question this session also changed."""

    exit_code = ExitCode.INVALID
