"""Our own YAML data files (catalogue, advice, messages), parsed once per version of the file.

Every command reads the question catalogue and the interface messages first; parsing that YAML
costs more than everything else ``reseau validate`` does. The parsed data is kept as JSON in the
user's cache folder, under the hash of the file's bytes: an edited file simply gets a new entry,
a missing, unreadable or unwritable cache only means parsing the YAML again. Only data that
survives a JSON round trip unchanged is cached. Dossiers never go through here (they need the
positions of their values, see :mod:`reseau_cli.yamlio`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from reseau_cli.errors import ReseauError
from reseau_cli.files import atomic_write

_FORMAT = "1"  # bump when the cached form changes


def cache_dir() -> Path:
    """Where parsed data files are kept: ``$XDG_CACHE_HOME/reseau``, else ``~/.cache/reseau``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reseau"


def load_yaml(path: Path) -> Any:
    """The data of a YAML file we ship (safe loading), from the cache when it holds it."""
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=12, person=_FORMAT.encode()).hexdigest()
    cached = cache_dir() / f"{path.stem}-{digest}.json"
    with contextlib.suppress(OSError, ValueError), open(cached, encoding="utf-8") as handle:
        return json.load(handle)
    data = _parse(raw)
    _store(cached, data)
    return data


def _parse(raw: bytes) -> Any:
    import yaml

    loader_class: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(raw.decode("utf-8"))  # libyaml when present; safe either way
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _store(target: Path, data: Any) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:  # e.g. dates or non-string keys: not worth caching
            return
        atomic_write(target, text, durable=False)  # a lost cache entry is only parsed again
    except (ReseauError, OSError, TypeError, ValueError):
        return  # no cache: the next start parses the YAML again
