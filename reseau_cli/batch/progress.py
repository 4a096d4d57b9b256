"""How a running batch shows itself: a progress bar in a terminal, one line per dossier elsewhere.

Both reporters write to a stream they are given; the command picks one from ``isatty``.
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TextIO

from reseau_cli.batch.records import DossierResult
from reseau_cli.batch.summary import reason

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Reporter(Protocol):
    """Shows each finished dossier while the batch runs (a context manager around it)."""

    def __enter__(self) -> Reporter: ...

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None: ...

    def __call__(self, result: DossierResult) -> None:
        """Show one finished dossier."""


def result_line(result: DossierResult, lang: str) -> str:
    """``ok  clients/atlas.yaml → out/atlas (8 fichiers)``, or the skip or failure line."""
    from reseau_cli import i18n
    from reseau_cli.messages import printable

    job = result.job
    params = {"file": str(job.path), "folder": _shown(job.out_dir), "count": result.written,
              "skipped": result.skipped}
    if result.status == "failed":
        assert result.failure is not None
        line = i18n.t("batch.line_failed", lang, file=str(job.path),
                      reason=reason(result.failure, lang))
    elif result.status == "skipped":
        line = i18n.t("batch.line_skipped", lang, **params)
    else:
        line = i18n.t("batch.line_rendered", lang, **params)
    if result.findings is not None:
        line += i18n.t("batch.line_findings", lang, errors=result.findings.errors,
                       warnings=result.findings.warnings)
    return printable(line)  # file names come from other people: no escape sequences


def _shown(path: os.PathLike[str]) -> str:
    return os.fspath(path)


class PlainReporter:
    """One line per finished dossier, flushed at once (for logs, CI and cron)."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.lang = lang

    def __enter__(self) -> PlainReporter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        return None

    def __call__(self, result: DossierResult) -> None:
        """Show one finished dossier."""
        print(result_line(result, self.lang), file=self.stream, flush=True)


class BarReporter:
    """A rich progress bar (done/total, elapsed, remaining); failures print above it."""

    def __init__(self, stream: TextIO, lang: str, total: int) -> None:
        from rich.console import Console

        self.lang = lang
        self.total = total
        self.console = Console(file=stream)
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BarReporter:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from reseau_cli import i18n

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=self.console, transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(i18n.t("batch.progress", self.lang),
                                             total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, result: DossierResult) -> None:
        """Advance the bar; print failures above it so they stay on screen."""
        assert self._progress is not None and self._task is not None
        if result.status == "failed":
            self._progress.console.print(result_line(result, self.lang), markup=False,
                                         highlight=False)
        self._progress.advance(self._task)
