"""Stopping on request: SIGTERM and SIGHUP unwind the program like Ctrl-C does.

Python's default for SIGTERM and SIGHUP is to die on the spot: no ``finally`` runs, so worker
processes, the pandoc process and temporary folders outlive the command. :func:`install` makes
both signals raise :class:`Stopped` (a ``KeyboardInterrupt``) in the main thread instead, so
every clean-up that already runs on Ctrl-C runs on ``kill`` and ``timeout`` too, and the
command then exits with ``128 + signal``, as if the signal had ended it.
"""

from __future__ import annotations

import signal
from types import FrameType

__all__ = ["STOP_SIGNALS", "Stopped", "exit_code", "install", "received"]

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)

_received: int | None = None


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP): clean up now, then exit."""

    def __init__(self, signum: int) -> None:
        """Remember which signal asked."""
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    global _received
    if _received is not None:  # already unwinding: let the clean-up finish
        return
    _received = signum
    raise Stopped(signum)


def install() -> None:
    """Make SIGTERM and SIGHUP raise :class:`Stopped` (call from the main thread)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise)


def received() -> int | None:
    """The stop signal received so far, if any."""
    return _received


def exit_code() -> int | None:
    """``128 + signal`` once a stop signal was received (143 for SIGTERM), else None."""
    return None if _received is None else 128 + _received
