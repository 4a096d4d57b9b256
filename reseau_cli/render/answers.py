"""The answers a document sees, and the ones it needs but does not have.

Documents read the dossier through :func:`without_hesitations`: a "je ne sais pas encore"
becomes no answer at all, so a template's ``is filled`` tests never print one. A template
declares the answers it needs with ``need("rules.rights", ...)``; :class:`Needs` records those
left unanswered, which make the document a draft and are listed on its first page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reseau_cli.hesitations import answered, is_hesitant
from reseau_cli.render.markup import Md


def without_hesitations(dossier: Any) -> Any:
    """A copy of ``dossier`` where every hesitation is no answer (the original is untouched)."""
    if not isinstance(dossier, BaseModel):
        return dossier
    updates: dict[str, Any] = {}
    for name in type(dossier).model_fields:
        section = getattr(dossier, name, None)
        if isinstance(section, BaseModel):
            cleaned = _clean_model(section)
            if cleaned is not section:
                updates[name] = cleaned
    return dossier.model_copy(update=updates) if updates else dossier


def _clean_model(model: BaseModel) -> BaseModel:
    changed: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = model.__dict__.get(name)
        cleaned = _clean(value)
        if cleaned is not value:
            changed[name] = cleaned
    return model.model_copy(update=changed) if changed else model


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return None if is_hesitant(value) or not value.strip() else value
    if isinstance(value, list):
        items = [_clean(v) for v in value]
        kept = [v for v in items if v is not None]
        if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)):
            return value
        return kept
    if isinstance(value, BaseModel):
        return _clean_model(value)
    return value


@dataclass(frozen=True)
class Missing:
    """An answer a document needs: its dotted key and its section."""

    key: str

    @property
    def section(self) -> str:
        """The section to reopen with ``reseau edit FILE --section``."""
        return self.key.split(".", 1)[0]


class Needs:
    """What one rendering of a document needed and did not find (callable from templates)."""

    __slots__ = ("dossier", "missing")

    def __init__(self, dossier: Any) -> None:
        """Check needs against ``dossier`` (already without hesitations)."""
        self.dossier = dossier
        self.missing: list[Missing] = []

    def __call__(self, *keys: str) -> Md:
        """Record that the document needs ``keys``; prints nothing."""
        for key in keys:
            section, _, question = key.partition(".")
            value = getattr(getattr(self.dossier, section, None), question, None)
            if not answered(value) and Missing(key) not in self.missing:
                self.missing.append(Missing(key))
        return Md("")
