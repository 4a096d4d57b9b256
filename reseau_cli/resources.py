"""Where the shipped data lives: ``templates/`` and ``guides/``.

In a wheel they are copied inside the package; in a source checkout they sit at the repository
root. Both layouts are found without configuration.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``templates`` or ``guides``, installed or in a checkout."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reseau is installed without its '{name}' folder")


def guides_dir() -> Path:
    """The folder of question, advice and message catalogues."""
    return data_dir("guides")


def templates_dir() -> Path:
    """The folder of built-in document templates."""
    return data_dir("templates")
