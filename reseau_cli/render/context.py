"""What a template sees: the dossier, the language, its wording, and the document's extras."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reseau_cli.documents import Document
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


def build_context(dossier: Any, document: Document, lang: str, brand: Any = None,
                  templates: Path | None = None) -> dict[str, Any]:
    """The variables a document template is rendered with (see :mod:`reseau_cli.render`)."""
    return {
        "d": dossier,
        "lang": lang,
        "w": wording(templates, lang, document.id),
        "labels": Labels(lang),
        "extra": document.extra(dossier, lang),
        "brand": brand,
    }
