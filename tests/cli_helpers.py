"""Running ``reseau`` from tests: as a real process, or in-process through ``main``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment in which ``python -m reseau_cli`` runs this checkout's code.

    Not a copy installed earlier in site-packages: the checkout comes first on PYTHONPATH.
    """
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m reseau_cli ARGS`` with no terminal on stdin; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "reseau_cli", *args], capture_output=True, text=True, cwd=cwd,
        timeout=timeout, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn,
        env=checkout_env({**os.environ, **(env or {})}),
    )


def run_main(*args: str) -> int:
    """Call the CLI's ``main`` in this process; return its exit code."""
    from reseau_cli.cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
