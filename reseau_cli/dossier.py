"""The dossier: one typed model, built from the question catalogue.

Each section of the catalogue becomes a sub-model and each question a field of it, so the model,
its JSON Schema and the wizard can never disagree. A field left out of the YAML file has not been
asked yet; a field present with an empty value was asked and left blank.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    TypeAdapter,
    create_model,
    model_validator,
)

from reseau_cli import amounts, kinds
from reseau_cli.catalogue import DocLang, Field_, Lang, Question, load_catalogue
from reseau_cli.display import founding_core_ok
from reseau_cli.gcpause import paused
from reseau_cli.kinds import Strict, field_type
from reseau_cli.prompts import is_hesitation

SCHEMA_VERSION: Literal[1] = 1
DEFAULT_CURRENCY = amounts.DEFAULT_CURRENCY
TEXT_MAX = kinds.TEXT_MAX
LONG_TEXT_MAX = kinds.LONG_TEXT_MAX
LIST_MAX = kinds.LIST_MAX
Amount = amounts.Amount
parse_amount = amounts.parse_amount
_Strict = Strict


class Meta(Strict):
    """Bookkeeping written by reseau; users need not touch it."""

    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    generator: str | None = None
    # A list item the wizard was stopped in ("members.entities[4]"): the next run resumes it.
    incomplete: str | None = None

    def incomplete_list(self) -> str | None:
        """The question key of the list left with an incomplete item (None when none)."""
        return self.incomplete.split("[", 1)[0] if self.incomplete else None

    def incomplete_index(self) -> int | None:
        """The position (0-based) of the incomplete item in its list."""
        if not self.incomplete or "[" not in self.incomplete:
            return None
        text = self.incomplete.split("[", 1)[1].rstrip("]")
        return int(text) if text.isdigit() else None


def _make(model: type[BaseModel]) -> Any:
    def factory() -> BaseModel:
        return model()

    return factory


class Dossier(_Strict):
    """What every dossier has; :func:`dossier_model` adds one field per catalogue section.

    ``unsure`` maps a question key to the words of an "I don't know yet" answer: the question
    counts as asked and unanswered (its value is None), and the file shows the words.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    language: DocLang = "fr"  # Arabic: documents only, the wizard stays French
    meta: Meta = Field(default_factory=_make(Meta))
    _unsure: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _hesitations(cls, data: Any, handler: ModelWrapValidatorHandler[Dossier]) -> Dossier:
        notes: dict[str, str] = {}
        if isinstance(data, dict):
            data = dict(data)
            for section_id, part in data.items():
                if not isinstance(part, dict) or section_id == "meta":
                    continue
                found = {k: v for k, v in part.items() if isinstance(v, str) and is_hesitation(v)}
                if found:
                    data[section_id] = {**part, **dict.fromkeys(found)}
                    notes.update({f"{section_id}.{k}": v.strip() for k, v in found.items()})
        dossier = handler(data)
        if notes:
            dossier._unsure = {**dossier._unsure, **notes}
        return dossier

    @property
    def unsure(self) -> dict[str, str]:
        """Questions answered "I don't know yet", with the words used."""
        return dict(self._unsure)


def _section_model(section_id: str, questions: list[Question]) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for q in questions:
        annotation, default = field_type(q)
        if default is ...:  # a question is never required in the file: it may not be asked yet
            annotation, default = annotation | None, None
        fields[q.id] = (annotation, default)
    name = section_id.capitalize() + "Section"
    return create_model(name, __base__=_Strict, **fields)


@cache
def dossier_model() -> type[Dossier]:
    """The pydantic model of a dossier, derived once from the catalogue."""
    # Building ~20 models allocates many objects and frees few: the cyclic garbage collector
    # would run dozens of times for nothing (~10% of ``reseau validate``).
    with paused():
        return _build_model()


def _build_model() -> type[Dossier]:
    catalogue = load_catalogue()
    fields: dict[str, Any] = {}
    for section in catalogue.sections:
        model = _section_model(section.id, section.questions)
        fields[section.id] = (model, Field(default_factory=_make(model)))
    return create_model("Dossier", __base__=Dossier, **fields)


def new_dossier(language: Lang = "fr") -> Dossier:
    """An empty dossier in ``language``."""
    return dossier_model().model_validate({"language": language})


def working_language(explicit: str | None, dossier: Dossier | None, fallback: str) -> str:
    """The language to work in: the one asked for, else the dossier's, else ``fallback``."""
    if explicit:
        return explicit
    if dossier is not None:
        return dossier.language
    return fallback


# --- answers by dotted key ------------------------------------------------------------------


def get_answer(dossier: Dossier, key: str) -> Any:
    """The answer stored at ``section.question`` (None when not answered)."""
    section_id, question_id = key.split(".", 1)
    return getattr(getattr(dossier, section_id), question_id)


def was_asked(dossier: Dossier, key: str) -> bool:
    """Whether the question has been asked (its key is in the file, even if left empty)."""
    section_id, question_id = key.split(".", 1)
    return question_id in getattr(dossier, section_id).model_fields_set


def is_answered(dossier: Dossier, key: str) -> bool:
    """Whether the question has a real answer: not empty, blank or "I don't know yet".

    Documents and the diagnostic ask this (never the raw value) to know what is missing.
    """
    value = get_answer(dossier, key)
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [])


def unsure_note(dossier: Dossier, key: str) -> str | None:
    """The words of an "I don't know yet" answer to ``key`` (None when there is none)."""
    return dossier.unsure.get(key)


def set_answer(dossier: Dossier, key: str, value: Any, *, unsure: str | None = None) -> Dossier:
    """Return a copy of ``dossier`` with ``value`` validated and stored at ``key``.

    With ``unsure`` (the words used), the question is stored as asked, unanswered and noted.
    Raises pydantic's ``ValidationError`` when the value does not fit the question.
    """
    section_id, question_id = key.split(".", 1)
    section = getattr(dossier, section_id)
    data = section.model_dump(exclude_unset=True)
    data[question_id] = None if unsure else value
    new_section = type(section).model_validate(data)
    updated = dossier.model_copy(update={section_id: new_section})
    updated.__pydantic_fields_set__.add(section_id)
    notes = {k: v for k, v in dossier.unsure.items() if k != key}
    if unsure:
        notes[key] = unsure
    updated._unsure = notes
    return updated


def unset_answer(dossier: Dossier, key: str) -> Dossier:
    """A copy of ``dossier`` where question ``key`` is no longer asked."""
    section_id, question_id = key.split(".", 1)
    part = getattr(dossier, section_id)
    data = part.model_dump(exclude_unset=True)
    data.pop(question_id, None)
    updated = dossier.model_copy(update={section_id: type(part).model_validate(data)})
    updated._unsure = {k: v for k, v in dossier.unsure.items() if k != key}
    return updated


def founding_count(dossier: Dossier) -> int:
    """How many members are marked as part of the founding core."""
    members = get_answer(dossier, "members.entities") or []
    return sum(1 for member in members if getattr(member, "founding", False) is True)


def founding_core_advised(dossier: Dossier) -> bool:
    """Whether the founding core has the size the guide advises (2 or 3 members)."""
    return founding_core_ok(founding_count(dossier))


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def field_adapter(field: Field_, key: str) -> TypeAdapter[Any]:
    """The validator of one question or record field, cached under ``key`` (its dotted path).

    The wizard checks each answer with it as it is typed, against the very type the dossier
    model gives that field.
    """
    if key not in _ADAPTERS:
        annotation, _ = field_type(field)
        _ADAPTERS[key] = TypeAdapter(annotation)
    return _ADAPTERS[key]


def to_data(dossier: Dossier) -> dict[str, Any]:
    """Plain data for YAML: what was asked, in catalogue order; empty sections left out.

    An "I don't know yet" answer is written as the words used, where the answer would go.
    """
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "language": dossier.language}
    meta = dossier.meta.model_dump(mode="python", exclude_none=True)
    if meta:
        data["meta"] = meta
    notes = dossier.unsure
    for section in load_catalogue().sections:
        part = getattr(dossier, section.id)
        asked = part.model_dump(mode="python", exclude_unset=True)
        if asked:
            data[section.id] = {q.id: notes.get(q.key, asked[q.id]) if asked[q.id] is None
                                else asked[q.id] for q in section.questions if q.id in asked}
    cleaned: dict[str, Any] = _drop_none_in_records(data)
    return cleaned


def _drop_none_in_records(data: Any, depth: int = 0) -> Any:
    # Inside records (members, milestones...) empty fields are noise: leave them out.
    if isinstance(data, dict):
        return {k: _drop_none_in_records(v, depth + 1) for k, v in data.items()
                if not (depth >= 3 and v is None)}
    if isinstance(data, list):
        return [_drop_none_in_records(v, depth + 1) for v in data]
    return data
