"""Pausing Python's cyclic garbage collector around work that builds large trees.

Parsing a big dossier or deriving the dossier model allocates many objects and frees few; the
collector would run again and again over everything the process holds, which makes the work grow
faster than the input (see benchmarks/RESULTS.md). Cycles made meanwhile are collected after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the ``with`` body without cyclic collections (restores the previous state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
