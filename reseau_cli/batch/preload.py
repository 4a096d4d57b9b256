"""Imported once by the fork server, so that workers start with the rendering stack loaded.

Each worker is forked from the fork server; whatever this module imports and caches there is
already in the worker's memory, instead of being imported again by every worker.
"""

from __future__ import annotations

import contextlib
import importlib

MODULES = (
    "reseau_cli.store",
    "reseau_cli.render",
    "reseau_cli.render.html",
    "reseau_cli.render.formatting",
    "reseau_cli.check",
    "reseau_cli.check.report",
    "markdown_it",
    "babel.dates",
    "babel.numbers",
)


def warm() -> None:
    """Import the rendering stack and fill the caches every render reads."""
    for name in MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    with contextlib.suppress(Exception):  # a worker still works without the warm-up
        from reseau_cli import i18n
        from reseau_cli.catalogue import load_catalogue
        from reseau_cli.dossier import dossier_model

        load_catalogue()
        dossier_model()
        i18n.has("batch.progress")


warm()
