"""The documents reseau produces, each declared once.

One entry per document: its id (used by ``--doc`` and in template names), the file stem per
language (``atlas_charte.pdf`` / ``atlas_charter.pdf``), other names accepted on the command
line (French ones), whether ``--doc all`` includes it, and where its extra template context
comes from. A fifth document is one entry here plus its templates
(``templates/<id>.md.j2`` and ``templates/<lang>/<id>.yaml``, see templates/README.md).

The context provider is named by an import path (``"package.module:function"``) and imported
only when that document is rendered, the way plugin entry points work: the table sits below
the renderer, and the renderer never imports the areas above it (the diagnostic report's data
lives in ``reseau_cli.check``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reseau_cli.errors import UsageError

ContextProvider = Callable[[Any, str], Mapping[str, Any]]


@dataclass(frozen=True)
class Document:
    """One document: names, inclusion in ``all``, and its extra context."""

    id: str
    stems: Mapping[str, str]
    aliases: tuple[str, ...] = ()
    in_all: bool = True
    context: str | None = None  # "module:function" returning the template's ``extra``
    drafts: bool = True  # a document to sign: a draft while it lacks answers (not the report)

    def stem(self, lang: str) -> str:
        """The document part of a file name in ``lang`` (French when the language has none)."""
        return self.stems.get(lang) or self.stems["fr"]

    def extra(self, dossier: Any, lang: str) -> dict[str, Any]:
        """The extra template context (``extra`` in templates); empty without a provider."""
        if self.context is None:
            return {}
        return dict(_provider(self.context)(dossier, lang))


@cache
def _provider(path: str) -> Callable[[Any, str], Any]:
    module, _, name = path.partition(":")
    provider: Callable[[Any, str], Any] = getattr(importlib.import_module(module), name)
    return provider


DOCUMENTS: tuple[Document, ...] = (
    Document("charter", {"fr": "charte", "en": "charter"}, aliases=("charte",)),
    Document("letter", {"fr": "lettre-intention", "en": "letter-of-intent"},
             aliases=("lettre", "lettre-intention")),
    Document("plan", {"fr": "plan-action", "en": "action-plan"}, aliases=("plan-action",)),
    Document("report", {"fr": "diagnostic", "en": "report"}, aliases=("rapport", "diagnostic"),
             in_all=False, context="reseau_cli.check.report:report_context", drafts=False),
)

# Answers that no document prints, and why (by question, or by section for all its questions).
# Every other question of the catalogue appears in at least one document's template:
# tests/test_templates_structure.py holds both lists to it.
NOT_PRINTED: dict[str, str] = {
    "rules.charter": "asks whether the founders want a charter at all; the charter itself is "
                     "the answer, and the diagnosis warns when it is no",
    "success": "the self-assessment against the guide's success factors is summed up by "
               "reseau check in the diagnostic report (score and unmet factors), not quoted",
}

# The dossier's error-level findings, as sentences in a language: any of them makes every
# document to sign a draft. Imported when first needed, like the context providers.
BLOCKING = "reseau_cli.check.report:blocking_findings"


def blocking(dossier: Any, lang: str) -> list[str]:
    """The dossier's error-level findings in ``lang`` (see :data:`BLOCKING`)."""
    found: list[str] = _provider(BLOCKING)(dossier, lang)
    return found


def ids(table: Sequence[Document] = DOCUMENTS) -> tuple[str, ...]:
    """Every document id, in table order."""
    return tuple(doc.id for doc in table)


def founding(table: Sequence[Document] = DOCUMENTS) -> tuple[str, ...]:
    """The ids ``--doc all`` stands for."""
    return tuple(doc.id for doc in table if doc.in_all)


def find(name: str, table: Sequence[Document] = DOCUMENTS) -> Document | None:
    """The document called ``name`` (id or alias, any case), or None."""
    wanted = name.strip().lower()
    for doc in table:
        if wanted == doc.id or wanted in doc.aliases:
            return doc
    return None


def get(name: str, table: Sequence[Document] = DOCUMENTS) -> Document:
    """The document called ``name``; a :class:`UsageError` listing the known ones otherwise."""
    doc = find(name, table)
    if doc is None:
        raise UsageError("render.unknown_doc", doc=name, allowed=", ".join(ids(table)))
    return doc


def select(text: str, table: Sequence[Document] = DOCUMENTS) -> tuple[str, ...]:
    """``"charte,plan"``, ``"all"`` or ``"all,report"`` → document ids, in table order."""
    names = [part for part in text.split(",") if part.strip()] or ["all"]
    chosen: set[str] = set()
    for name in names:
        if name.strip().lower() == "all":
            chosen.update(founding(table))
        else:
            chosen.add(get(name, table).id)
    return tuple(doc.id for doc in table if doc.id in chosen)
