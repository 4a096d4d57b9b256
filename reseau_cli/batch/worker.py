"""The worker side of a batch: one renderer per process, built once, used for every dossier."""

from __future__ import annotations

import multiprocessing.util
import os
import select
import signal
import tempfile
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reseau_cli.batch.discover import Job
from reseau_cli.batch.outfolder import claim_client_folder
from reseau_cli.batch.records import BatchOptions, DossierResult, Failure, Findings, Status
from reseau_cli.errors import ReseauError

if TYPE_CHECKING:
    from reseau_cli.render import Renderer


class Worker:
    """A renderer built once, then used for every dossier handed to this process."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.renderer: Renderer | None = None
        self.setup_failure: Failure | None = None
        try:
            from reseau_cli.render import Renderer

            self.renderer = Renderer(templates=options.templates, brand=options.brand,
                                     figures=options.figures)
        except ReseauError as exc:
            self.setup_failure = Failure.from_error(exc, fatal=True)
        except Exception as exc:  # noqa: BLE001 - reported once, as the reason the batch stops
            self.setup_failure = replace(Failure.unexpected(exc), fatal=True)

    def close(self) -> None:
        """Let the renderer remove its temporary files."""
        if self.renderer is not None:
            self.renderer.close()

    def run(self, job: Job) -> DossierResult:
        """Render one dossier; any error becomes a failed result, never an exception."""
        if self.setup_failure is not None or self.renderer is None:
            return DossierResult(job=job, status="failed", failure=self.setup_failure)
        written = skipped = 0
        findings: Findings | None = None
        from reseau_cli.render.output import RenderReport

        report = RenderReport()  # counts true even when a write fails half-way (full disk)
        try:
            from reseau_cli import store
            from reseau_cli.render import render_to_dir

            dossier = store.load(job.path)
            claim_client_folder(job.out_dir)  # a real folder, not a link leading elsewhere
            if self.options.check:
                findings = _diagnose(dossier)
            lang = self.options.lang or dossier.language
            render_to_dir(
                self.renderer, dossier, job.out_dir, self.options.docs, self.options.formats,
                lang, self.options.force, slug=job.slug, report=report,
            )
            written, skipped = len(report.written), len(report.skipped)
            if self.options.zip:
                from reseau_cli.batch.archive import zip_folder

                target = job.out_dir.parent / f"{job.slug}.zip"
                if zip_folder(job.out_dir, target, force=self.options.force or written > 0):
                    written += 1
                else:
                    skipped += 1
        except ReseauError as exc:
            written, skipped = max(written, len(report.written)), max(skipped, len(report.skipped))
            return DossierResult(job=job, status="failed", written=written, skipped=skipped,
                                 failure=Failure.from_error(exc), findings=findings)
        except Exception as exc:  # noqa: BLE001 - one dossier's bug must not stop the batch
            written, skipped = max(written, len(report.written)), max(skipped, len(report.skipped))
            return DossierResult(job=job, status="failed", written=written, skipped=skipped,
                                 failure=Failure.unexpected(exc), findings=findings)
        status: Status = "rendered" if written else "skipped"
        return DossierResult(job=job, status=status, written=written, skipped=skipped,
                             findings=findings)


def _diagnose(dossier: Any) -> Findings:
    from reseau_cli.check import diagnose

    counts = diagnose(dossier).counts()
    return Findings(errors=counts.get("error", 0), warnings=counts.get("warning", 0))


_WORKER: Worker | None = None


class _Terminated(SystemExit):
    """SIGTERM in a worker: unwind (unfinished files go, pandoc ends), then leave."""


def init_worker(options: BatchOptions, parent: int, scratch: str) -> None:
    """Pool initializer: build this process's :class:`Worker` once.

    ``parent`` is the batch's process: when it is gone, however it ended, this worker stops
    too. ``scratch`` is the batch's private folder, where this worker and its pandoc make
    their temporary files; the batch removes it at the end.
    """
    # Ctrl-C and a closed terminal reach the whole process group: the parent alone decides
    # what stops, so a worker finishes the dossier in hand (its files stay complete).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # Told to stop (second Ctrl-C, SIGTERM to the batch), a worker unwinds, so atomic writes
    # remove their temporary files and the renderer ends its pandoc process.
    signal.signal(signal.SIGTERM, _exit_on_term)
    tempfile.tempdir = scratch
    os.environ["TMPDIR"] = scratch  # for pandoc's own temporary files
    threading.Thread(target=_watch, args=(parent,), name="reseau-parent-watch",
                     daemon=True).start()
    global _WORKER
    _WORKER = Worker(options)
    # Pool workers leave through multiprocessing's exit path, which runs these finalizers
    # (atexit handlers do not run there).
    multiprocessing.util.Finalize(_WORKER, _WORKER.close, exitpriority=10)


def _exit_on_term(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: let the clean-up finish
    raise _Terminated(128 + signum)


def _watch(parent: int) -> None:
    """Stop this worker when the batch's process ends (even by SIGKILL)."""
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        handle = None  # already gone
    except (AttributeError, OSError):  # no pidfd (old kernel, not Linux): poll instead
        while _alive(parent):
            time.sleep(1.0)
        handle = None
    if handle is not None:
        select.select([handle], [], [])  # readable once the process has ended
        os.close(handle)
    os.kill(os.getpid(), signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_in_worker(job: Job) -> DossierResult:
    """Pool task: render one dossier with this process's worker."""
    assert _WORKER is not None, "the pool initializer has not run"
    try:
        return _WORKER.run(job)
    except _Terminated as stop:
        # The pool would catch this and go on with the next dossier: leave now instead.
        _WORKER.close()
        os._exit(stop.code if isinstance(stop.code, int) else 1)
