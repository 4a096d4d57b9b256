"""The words drawn in the figures, per language (``templates/figures/<lang>.yaml``).

A language is one data file: adding Arabic is a translated copy with ``dir: rtl``; no code
changes. Missing keys fall back to French, so a partial translation still renders.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reseau_cli.resources import templates_dir
from reseau_cli.shipped import load_yaml

FALLBACK = "fr"


@cache
def _load(lang: str) -> dict[str, Any]:
    path = templates_dir() / "figures" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = load_yaml(path)
    return data if isinstance(data, dict) else {}


@cache
def legal_criteria() -> dict[str, dict[str, str]]:
    """Criterion → form → "yes" / "partly" / "no" (``templates/figures/legal_criteria.yaml``)."""
    data = load_yaml(templates_dir() / "figures" / "legal_criteria.yaml")
    return {str(k): {str(f): str(v) for f, v in row.items()} for k, row in data.items()}


class Wording:
    """Look up ``"network.caption"``-style keys in one language, French when missing."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        """Words in ``lang``."""
        self.lang = lang

    def raw(self, key: str) -> Any:
        """The value at the dotted ``key`` (a text, list or mapping)."""
        for lang in (self.lang, FALLBACK):
            node: Any = _load(lang)
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node is not None:
                return node
        raise KeyError(f"figure wording {key!r} is missing")

    def __call__(self, key: str, **params: Any) -> str:
        """The text at ``key``, with ``{name}`` placeholders filled from ``params``."""
        text = str(self.raw(key))
        return text.format(**params) if params else text

    def count(self, key: str, count: int, **params: Any) -> str:
        """A text with ``one``/``other`` forms, chosen by ``count``."""
        forms = self.raw(key)
        form = forms.get("one" if count == 1 else "other") if isinstance(forms, dict) else forms
        return str(form).format(count=count, **params)

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self("dir") == "rtl"

    def date(self, value: Any) -> str:
        """A date as ``1 janv. 2027`` in this language."""
        months = self.raw("months")
        return self("date", day=value.day, month=months[value.month - 1], year=value.year)

    def month(self, value: Any) -> str:
        """A month as ``janv. 2027``."""
        return f"{self.raw('months')[value.month - 1]} {value.year}"
