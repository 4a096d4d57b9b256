"""What a template sees: the dossier, the language, its wording, and the document's extras."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reseau_cli.documents import Document
from reseau_cli.render.answers import Needs
from reseau_cli.render.wording import wording


class Labels:
    """Interface messages in the document's language, callable from templates."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        """Labels in ``lang``."""
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        """The message ``key`` (see ``guides/ui``), formatted with ``params``."""
        from reseau_cli import i18n

        return i18n.t(key, self.lang, **params)


class Numbering:
    """Article numbers generated as the document is written (never typed in a template)."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        """Start before 1."""
        self.count = 0

    def next(self) -> int:
        """The next number."""
        self.count += 1
        return self.count


def build_context(dossier: Any, document: Document, lang: str, brand: Any = None,
                  templates: Path | None = None, needs: Needs | None = None) -> dict[str, Any]:
    """The variables a document template is rendered with (see :mod:`reseau_cli.render`)."""
    return {
        "d": dossier,
        "lang": lang,
        "w": wording(templates, lang, document.id),
        "need": needs if needs is not None else Needs(dossier),
        "number": Numbering(),
        "labels": Labels(lang),
        "extra": document.extra(dossier, lang),
        "brand": brand,
    }
