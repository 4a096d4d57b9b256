"""The small records a batch passes around: options out to the workers, results back.

Everything here pickles cheaply: a result carries counts and, for a failure, its message key,
parameters and first problems, never rendered documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reseau_cli.batch.discover import Job
from reseau_cli.errors import ExitCode, Problem, ReseauError
from reseau_cli.messages import sorted_problems

Status = Literal["rendered", "skipped", "failed"]

_KEPT_PROBLEMS = 3


@dataclass(frozen=True)
class BatchOptions:
    """What to render for every dossier of a batch (sent once to each worker)."""

    docs: tuple[str, ...]
    formats: tuple[str, ...]
    lang: str | None = None  # None: each dossier's own language
    templates: Path | None = None
    brand: Path | None = None
    force: bool = False
    check: bool = False
    zip: bool = False
    figures: bool = True  # False: --no-figures


@dataclass(frozen=True)
class Failure:
    """Why a dossier failed, as data that crosses process boundaries (errors do not pickle)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    fatal: bool = False  # the batch itself cannot go on (e.g. the templates do not load)
    exit_code: int = int(ExitCode.INVALID)
    problem_count: int = 0  # problems in the dossier; only the first few travel

    @classmethod
    def from_error(cls, error: ReseauError, *, fatal: bool = False) -> Failure:
        """Capture a :class:`ReseauError` with its first problems (by position) and their count.

        A dossier with thousands of problems still sends back a small record; ``reseau
        validate`` lists them all.
        """
        ordered = sorted_problems(error.problems)
        problems = tuple(
            Problem(key=p.key, params=_plain(p.params), path=p.path, file=p.file, line=p.line,
                    column=p.column)
            for p in ordered[:_KEPT_PROBLEMS]
        )
        return cls(key=error.key, params=_plain(error.params), problems=problems, fatal=fatal,
                   exit_code=int(error.exit_code), problem_count=_count(error, len(ordered)))

    @classmethod
    def unexpected(cls, exc: BaseException) -> Failure:
        """A bug rather than bad input: still contained to its dossier."""
        return cls(key="errors.unexpected", params={"reason": f"{type(exc).__name__}: {exc}"})

    def error(self) -> ReseauError:
        """The error again, to format it like any other."""
        error = ReseauError(self.key, problems=list(self.problems), **self.params)
        error.exit_code = ExitCode(self.exit_code)
        return error


def _count(error: ReseauError, listed: int) -> int:
    # Loading stops explaining after a few hundred problems; its "count" covers them all.
    declared = error.params.get("count")
    return max(listed, declared) if isinstance(declared, int) else listed


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, str | int | float | bool | None) else str(v)
            for k, v in params.items()}


@dataclass(frozen=True)
class Findings:
    """Counts of diagnostics findings for one dossier (``--check``)."""

    errors: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class DossierResult:
    """What happened to one dossier."""

    job: Job
    status: Status
    written: int = 0
    skipped: int = 0
    failure: Failure | None = None
    findings: Findings | None = None
