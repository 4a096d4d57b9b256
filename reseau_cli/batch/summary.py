"""The tally of a batch, and the one-line reason shown for each failed dossier."""

from __future__ import annotations

from dataclasses import dataclass, field

from reseau_cli.batch.records import DossierResult, Failure

MAX_REASON = 300  # characters of a failure's reason in lines and in the summary


@dataclass
class Summary:
    """Counts of dossiers and files, and every failure, filled as results arrive.

    Only failures are kept whole; a rendered dossier adds to counters, so a batch of thousands
    holds no more than its failures.
    """

    total: int
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    files_written: int = 0
    files_skipped: int = 0
    checked: int = 0  # dossiers that went through --check
    check_errors: int = 0
    check_warnings: int = 0
    failures: list[DossierResult] = field(default_factory=list)
    interrupted: bool = False

    def add(self, result: DossierResult) -> None:
        """Count one dossier's result."""
        if result.status == "rendered":
            self.rendered += 1
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
            self.failures.append(result)
        self.files_written += result.written
        self.files_skipped += result.skipped
        if result.findings is not None:
            self.checked += 1
            self.check_errors += result.findings.errors
            self.check_warnings += result.findings.warnings

    @property
    def done(self) -> int:
        """Dossiers finished, whatever their outcome."""
        return self.rendered + self.skipped + self.failed

    @property
    def not_started(self) -> int:
        """Dossiers left out by an interruption."""
        return self.total - self.done

    def sorted_failures(self) -> list[DossierResult]:
        """Failures in input order (workers finish in any order)."""
        return sorted(self.failures, key=lambda r: r.job.index)


def reason(failure: Failure, lang: str) -> str:
    """One line saying why a dossier failed: the first problem (where and what) or the error."""
    from reseau_cli import i18n
    from reseau_cli.messages import error_lines, problem_text, sorted_problems

    error = failure.error()
    if not error.problems:
        return _one_line(error_lines(error, lang)[0])
    ordered = sorted_problems(error.problems)
    first = _one_line(problem_text(ordered[0], lang))
    count = max(failure.problem_count, len(ordered))
    if count == 1:
        return first
    return i18n.t("batch.more_problems", lang, first=first, more=count - 1)


def _one_line(text: str) -> str:
    """Messages may quote a converter's output: keep one line, and not a screenful."""
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_REASON else flat[: MAX_REASON - 1].rstrip() + "…"
