"""What a template sees: the dossier, the language, labels, and extra context per document."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ContextProvider = Callable[[Any, str], Mapping[str, Any]]

# Extra context by document, e.g. diagnostics registers
# ``CONTEXT_PROVIDERS["report"] = lambda dossier, lang: {"findings": [...]}``;
# templates read it as ``extra.findings``. Values go through the same escaping as the dossier.
CONTEXT_PROVIDERS: dict[str, ContextProvider] = {}


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


def build_context(dossier: Any, doc: str, lang: str, brand: Any = None) -> dict[str, Any]:
    """The variables a document template is rendered with."""
    provider = CONTEXT_PROVIDERS.get(doc)
    extra = dict(provider(dossier, lang)) if provider is not None else {}
    return {"d": dossier, "lang": lang, "labels": Labels(lang), "extra": extra, "brand": brand}
