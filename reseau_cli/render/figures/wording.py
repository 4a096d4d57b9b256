"""The words of the figures, per language: ``templates/<lang>/figures.yaml``.

Loaded like the documents' wording (:mod:`reseau_cli.render.wording`: a custom templates
folder replaces the keys it holds, plurals follow the language's rules), but the values are
plain text: they are drawn, or escaped for the format they enter, never read as Markdown.
A language is its file (``dir: rtl`` for Arabic); keys missing there fall back to French.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reseau_cli.resources import templates_dir
from reseau_cli.shipped import load_yaml

FALLBACK = "fr"
FILE = "figures"


@cache
def legal_criteria() -> dict[str, dict[str, str]]:
    """Criterion → form → "yes" / "partly" / "no" (``templates/figures/legal_criteria.yaml``)."""
    data = load_yaml(templates_dir() / "figures" / "legal_criteria.yaml")
    return {str(k): {str(f): str(v) for f, v in row.items()} for k, row in data.items()}


class Wording:
    """Look up ``"network.caption"``-style keys in one language, French when missing."""

    __slots__ = ("_custom", "lang")

    def __init__(self, lang: str, custom: Path | None = None) -> None:
        """Words in ``lang``, with the keys of a custom templates folder over them."""
        self.lang = lang
        self._custom = custom

    def _texts(self, lang: str) -> Any:
        from reseau_cli.render.wording import wording

        return wording(self._custom, lang, FILE)

    def raw(self, key: str) -> Any:
        """The value at the dotted ``key`` (a text, or plural variants)."""
        for lang in dict.fromkeys((self.lang, FALLBACK)):
            texts = self._texts(lang)
            if texts.has(key):
                return texts.texts[key]
        raise KeyError(f"figure wording {key!r} is missing")

    def __call__(self, key: str, **params: Any) -> str:
        """The text at ``key``, its variant chosen by ``count``, placeholders filled."""
        from reseau_cli.render.wording import PLACEHOLDER

        value = self.raw(key)
        if isinstance(value, dict):
            value = self._texts(self.lang).pick(value, params, key)
        return PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), str(value))

    def count(self, key: str, count: int, **params: Any) -> str:
        """A text with plural forms, chosen by ``count``."""
        return self(key, count=count, **params)

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self("dir") == "rtl"

    def date(self, value: Any) -> str:
        """A date as ``1 janv. 2027`` in this language."""
        return self("date", day=value.day, month=self(f"months.{value.month}"), year=value.year)

    def month(self, value: Any) -> str:
        """A month as ``janv. 2027``."""
        return f"{self(f'months.{value.month}')} {value.year}"
