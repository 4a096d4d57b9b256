"""Python values as Typst literals, every string escaped, so no dossier text runs as Typst code."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Control characters (except none: newlines are flattened too) have no place in a label.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def string(value: str) -> str:
    """A Typst string literal showing exactly ``value`` (as text, never as markup)."""
    clean = _CONTROL.sub(" ", value)
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def literal(value: Any) -> str:
    """A Typst literal for ``None``, bools, numbers, strings, sequences and mappings."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, str):
        return string(value)
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        items = ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items())
        return f"({items})"
    if isinstance(value, Sequence):
        items = ", ".join(literal(v) for v in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    raise TypeError(f"no Typst literal for {type(value).__name__}")


_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _key(key: Any) -> str:
    text = str(key)
    if _KEY.match(text):
        return text
    return string(text)
