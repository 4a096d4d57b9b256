"""Rendering many dossiers with a pool of worker processes.

Each worker builds its renderer (Jinja environment, converters) once, in the pool initializer,
and reuses it for every dossier it is given. Dossiers travel to workers as paths and come back
as small :class:`DossierResult` records: rendered bytes never cross the process boundary, so the
parent's memory does not grow with the number of dossiers.

``workers=1`` renders in-process, without a pool (for tests and profiling).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from reseau_cli.batch.discover import Job
from reseau_cli.batch.records import BatchOptions, DossierResult, Failure
from reseau_cli.batch.worker import Worker, init_worker, run_in_worker
from reseau_cli.stopping import Stopped

#: Jobs waiting in the parent per worker; enough to keep workers busy, small enough that a
#: Ctrl-C leaves little in flight and that 500 dossiers cost no more memory than 20.
_IN_FLIGHT_PER_WORKER = 2
#: Seconds a worker has, once told to stop, to end its pandoc and remove its unfinished files.
_GRACE = 5.0


class BatchAborted(Exception):
    """The batch cannot go on for any dossier; carries the reason."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.key)
        self.failure = failure


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    jobs: Sequence[Job],
    options: BatchOptions,
    on_result: Callable[[DossierResult], None],
    *,
    workers: int = 1,
) -> None:
    """Render every job, calling ``on_result`` as each dossier finishes.

    A failing dossier is reported and the others go on. Raises :class:`BatchAborted` when no
    dossier can be rendered (e.g. custom templates that do not load). On Ctrl-C, jobs not yet
    started are cancelled, those in hand finish (and are reported), then KeyboardInterrupt
    propagates; every file on disk is complete.
    """
    if not jobs:
        return
    if workers <= 1 or len(jobs) == 1:
        worker = Worker(options)
        try:
            for job in jobs:
                _report(worker.run(job), on_result)
        finally:
            worker.close()
        return
    # Workers make their temporary folders (and pandoc its own) inside this one, which the
    # parent removes once they are gone: even a worker killed outright leaves nothing behind.
    scratch = tempfile.mkdtemp(prefix="reseau-batch-")
    try:
        _run_pool(jobs, options, on_result, min(workers, len(jobs)), scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _report(result: DossierResult, on_result: Callable[[DossierResult], None]) -> None:
    if result.failure is not None and result.failure.fatal:
        raise BatchAborted(result.failure)
    on_result(result)


def _run_pool(
    jobs: Sequence[Job],
    options: BatchOptions,
    on_result: Callable[[DossierResult], None],
    workers: int,
    scratch: str,
) -> None:
    """Run the jobs on worker processes; if a worker dies, go on with a fresh pool.

    A job that was in hand when a worker died is tried once more; if it is again in hand at
    the next crash, it is reported failed. Two pools in a row that die before finishing
    anything mean the workers cannot run at all: the batch stops.
    """
    remaining = list(jobs)
    crashes: dict[int, int] = {}
    idle_pools = 0
    while remaining:
        outcome = _one_pool(remaining, options, on_result, workers, scratch)
        if outcome.broken is None:
            return
        idle_pools = 0 if outcome.progressed else idle_pools + 1
        if idle_pools >= 2:
            raise BatchAborted(Failure.unexpected(outcome.broken))
        retry: list[Job] = []
        for job in outcome.in_hand:
            crashes[job.index] = crashes.get(job.index, 0) + 1
            if crashes[job.index] >= 2:
                _report(DossierResult(job=job, status="failed", failure=Failure(
                    "batch.worker_crashed", {"reason": str(outcome.broken)})), on_result)
            else:
                retry.append(job)
        remaining = sorted(retry + outcome.not_started, key=lambda j: j.index)


@dataclass
class _PoolOutcome:
    broken: BaseException | None = None  # why the pool died, if it did
    progressed: bool = False
    in_hand: list[Job] = field(default_factory=list)
    not_started: list[Job] = field(default_factory=list)


def _one_pool(
    jobs: Sequence[Job],
    options: BatchOptions,
    on_result: Callable[[DossierResult], None],
    workers: int,
    scratch: str,
) -> _PoolOutcome:
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=init_worker,
                               initargs=(options, os.getpid(), scratch))
    queue = iter(jobs)
    pending: dict[Future[DossierResult], Job] = {}
    outcome = _PoolOutcome()

    def refill() -> None:
        while len(pending) < workers * _IN_FLIGHT_PER_WORKER:
            job = next(queue, None)
            if job is None:
                return
            pending[pool.submit(run_in_worker, job)] = job

    try:
        refill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f].index):
                exc = future.exception()
                if isinstance(exc, BrokenProcessPool):
                    continue  # collected below with the rest of this pool's jobs
                job = pending.pop(future)
                if exc is not None:  # e.g. a result that cannot be sent back
                    result = DossierResult(job=job, status="failed",
                                           failure=Failure.unexpected(exc))
                else:
                    result = future.result()
                    outcome.progressed = True
                _report(result, on_result)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                outcome.broken = next(f.exception() for f in done
                                      if isinstance(f.exception(), BrokenProcessPool))
                outcome.in_hand = sorted(pending.values(), key=lambda j: j.index)
                outcome.not_started = list(queue)
                return outcome
            refill()
    except Stopped:
        _terminate(pool)
        raise
    except KeyboardInterrupt:
        _drain(pool, pending, on_result)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return outcome


def _drain(
    pool: ProcessPoolExecutor,
    pending: dict[Future[DossierResult], Job],
    on_result: Callable[[DossierResult], None],
) -> None:
    """After Ctrl-C: cancel what has not started, let what is running finish and report it."""
    started = [f for f in pending if not f.cancel()]
    try:
        for future in started:
            with contextlib.suppress(Exception):
                on_result(future.result())
    except KeyboardInterrupt:  # a second Ctrl-C (or a SIGTERM meanwhile): stop now
        _terminate(pool)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now.

    First SIGTERM (each unwinds: its pandoc ends, its unfinished files go), then SIGKILL for
    any still there after a few seconds (one stuck in a conversion).
    """
    processes: dict[int, multiprocessing.Process] = getattr(pool, "_processes", None) or {}
    alive = list(processes.values())
    for process in alive:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + _GRACE
    for process in alive:
        with contextlib.suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
    for process in alive:
        with contextlib.suppress(Exception):
            if process.is_alive():
                process.kill()
                process.join(5)


def _context() -> multiprocessing.context.BaseContext:
    """Forkserver where it exists (fast and thread-safe), spawn elsewhere.

    The fork server imports the rendering stack once; each worker is forked from it with those
    modules loaded, instead of importing them again.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reseau_cli.batch.preload"])
        return context
    return multiprocessing.get_context("spawn")
