"""Interface messages in French and English, from ``guides/ui/*.yaml``.

Each area of the interface keeps its messages in its own file (``common.yaml``,
``wizard.yaml``...); all files are merged, and a key defined twice is an error.

Messages are looked up by dotted key (``errors.yaml_syntax``) and formatted with named
parameters; a missing parameter shows as ``?`` rather than failing.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

from reseau_cli.resources import guides_dir
from reseau_cli.shipped import load_yaml

DEFAULT_LANG = "fr"
UI_LANGS = ("fr", "en")


def ui_lang(lang: str) -> str:
    """The interface language for a language (French for a documents-only one, e.g. Arabic)."""
    return lang if lang in UI_LANGS else DEFAULT_LANG


@cache
def _messages() -> dict[str, dict[str, str]]:
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict) and set(node) == {"fr", "en"}:
            flat[prefix] = node
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)

    for path in sorted((guides_dir() / "ui").glob("*.yaml")):
        before = len(flat)
        raw = load_yaml(path) or {}  # parsed once per version of the file (see shipped)
        keys = _count(raw)
        walk("", raw)
        if len(flat) != before + keys:
            raise ValueError(f"{path}: a message key is defined twice")
    return flat


def _count(node: Any) -> int:
    if isinstance(node, dict) and set(node) == {"fr", "en"}:
        return 1
    if isinstance(node, dict):
        return sum(_count(v) for v in node.values())
    return 0


def is_singular(count: int, lang: str) -> bool:
    """French says "0 membre, 1 membre"; English says "1 member" but "0 members"."""
    return count in (0, 1) if lang != "en" else count == 1


class LenientFormatter(string.Formatter):
    """``str.format`` where a missing parameter shows as ``?`` instead of failing.

    ``{count:membre|membres}`` gives the singular or the plural by the language's rule.
    """

    def __init__(self, lang: str = DEFAULT_LANG) -> None:
        """A formatter for texts in ``lang`` (for its plural rule)."""
        self.lang = lang

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        """The named parameter, or ``?``."""
        value = kwargs.get(key) if isinstance(key, str) else None
        return "?" if value is None else value

    def format_field(self, value: Any, format_spec: str) -> Any:
        """``value`` formatted; ``one|other`` chooses a word by the number ``value``."""
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            if isinstance(value, int) and not isinstance(value, bool):
                return one if is_singular(value, self.lang) else other
            return other
        return super().format_field(value, format_spec)


_FORMATTERS = {lang: LenientFormatter(lang) for lang in ("fr", "en")}


def has(key: str) -> bool:
    """Whether a message exists for ``key``."""
    return key in _messages()


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    entry = _messages().get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["fr"]
    return _FORMATTERS.get(lang, _FORMATTERS[DEFAULT_LANG]).format(template, **params)
