"""Our own YAML data files (catalogue, advice, messages), parsed with libyaml when present.

There used to be a parsed copy in the user's cache folder (``~/.cache/reseau``); it saved a few
milliseconds per start at the price of writing to the home folder and trusting what it found
there. It is gone: see ``benchmarks/RESULTS.md`` for the measured cost. Dossiers never go
through here (they need the positions of their values, see :mod:`reseau_cli.yamlio`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_yaml(path: Path) -> Any:
    """The data of a YAML file we ship (safe loading)."""
    return _parse(path.read_bytes())


def _parse(raw: bytes) -> Any:
    import yaml

    loader_class: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(raw.decode("utf-8"))  # libyaml when present; safe either way
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
