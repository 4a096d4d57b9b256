"""The dossier: one typed model, built from the question catalogue.

Each section of the catalogue becomes a sub-model and each question a field of it, so the model,
its JSON Schema and the wizard can never disagree. A field left out of the YAML file has not been
asked yet; a field present with an empty value was asked and left blank.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    create_model,
    model_validator,
)

from reseau_cli.catalogue import Field_, Lang, Question, load_catalogue
from reseau_cli.gcpause import paused

SCHEMA_VERSION = 1
DEFAULT_CURRENCY = "MAD"
# Per-answer bounds no real charter comes near; they keep every later stage (templates, pandoc,
# Typst, whose time grows faster than the text) fast, and show in the JSON schema and in errors.
TEXT_MAX = 200  # one line: a name, a city, a short answer
LONG_TEXT_MAX = 5_000  # a paragraph or a few (about two pages)
LIST_MAX = 2_000  # members, milestones, budget lines...: benchmarks/run.py times 2,000 members


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)


class Amount(_Strict):
    """A sum of money. In YAML: ``{value: 2500, currency: MAD}``, or just ``2500`` (MAD)."""

    value: Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=2)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = DEFAULT_CURRENCY

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, bool):
            return data  # let the normal validation reject it
        if isinstance(data, int | float | Decimal):
            data = {"value": data}
        if isinstance(data, str):
            data = parse_amount(data)
        if isinstance(data, dict) and "currency" not in data:
            data = {**data, "currency": DEFAULT_CURRENCY}  # written out, so a reader sees it
        return data


_AMOUNT_RE = re.compile(r"^\s*([0-9][0-9\s\u202f\u00a0.,']*)\s*([A-Za-z]{3})?\s*$")


def parse_amount(text: str) -> dict[str, Any]:
    """Read ``"12 500,50 MAD"``, ``"12500.5"`` or ``"2500 eur"`` into value and currency."""
    match = _AMOUNT_RE.match(text)
    if not match:
        return {"value": text}  # fails validation with a clear "not a number"
    digits = re.sub(r"[\s\u202f\u00a0']", "", match.group(1))
    if "," in digits and "." in digits:
        digits = digits.replace(".", "").replace(",", ".") if digits.rfind(",") > digits.rfind(
            "."
        ) else digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    try:
        value: Any = Decimal(digits)
    except InvalidOperation:
        value = text
    result: dict[str, Any] = {"value": value}
    if match.group(2):
        result["currency"] = match.group(2).upper()
    return result


class Meta(_Strict):
    """Bookkeeping written by reseau; users need not touch it."""

    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    generator: str | None = None


def _empty_list() -> list[Any]:
    # A plain function rather than ``list``: pydantic inspects a default factory's signature,
    # which is slow for builtins and model classes (the model is built at every start).
    return []


def _make(model: type[BaseModel]) -> Any:
    def factory() -> BaseModel:
        return model()

    return factory


def _blank_as_empty(value: Any) -> Any:
    # "secondary:" left blank in a hand-edited file means "asked, nothing chosen".
    return [] if value is None else value


def _list_of(item: Any) -> Any:
    return Annotated[list[item], BeforeValidator(_blank_as_empty), Field(max_length=LIST_MAX)]


def _literal(values: list[str]) -> Any:
    return Literal[tuple(values)]


def _field_type(field: Field_) -> tuple[Any, Any]:
    """Python type and default for one question or record field."""
    rule = field.validate_
    if field.type in ("text", "long_text"):
        max_len = LONG_TEXT_MAX if field.type == "long_text" else TEXT_MAX
        constraints = StringConstraints(
            min_length=rule.min_length if rule and rule.min_length else None,
            max_length=rule.max_length if rule and rule.max_length else max_len,
            pattern=rule.pattern if rule else None,
        )
        base: Any = Annotated[str, constraints]
    elif field.type == "choice":
        base = _literal([c.value for c in field.choices])
    elif field.type == "multi_choice":
        item = _literal([c.value for c in field.choices])
        return _list_of(item), Field(default_factory=_empty_list)
    elif field.type == "yes_no":
        base = bool
    elif field.type == "number":
        base = Annotated[
            float, Field(ge=rule.minimum if rule else None, le=rule.maximum if rule else None)
        ]
    elif field.type == "amount":
        base = Amount
    elif field.type == "date":
        base = dt.date
    elif field.type == "records":
        record = _record_model(field)
        return _list_of(record), Field(default_factory=_empty_list)
    else:  # pragma: no cover - the catalogue's own schema forbids other types
        raise ValueError(field.type)
    if getattr(field, "required", False):
        return base, ...
    return base | None, None


def _record_model(question: Field_) -> type[BaseModel]:
    fields: dict[str, Any] = {f.id: _field_type(f) for f in getattr(question, "fields", [])}
    name = "".join(part.capitalize() for part in question.id.split("_")) + "Record"
    return create_model(name, __base__=_Strict, **fields)


def _section_model(section_id: str, questions: list[Question]) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for q in questions:
        annotation, default = _field_type(q)
        if default is ...:  # a question is never required in the file: it may not be asked yet
            annotation, default = annotation | None, None
        fields[q.id] = (annotation, default)
    name = section_id.capitalize() + "Section"
    return create_model(name, __base__=_Strict, **fields)


@cache
def dossier_model() -> type[BaseModel]:
    """The pydantic model of a dossier, derived once from the catalogue."""
    # Building ~20 models allocates many objects and frees few: the cyclic garbage collector
    # would run dozens of times for nothing (~10% of ``reseau validate``).
    with paused():
        return _build_model()


def _build_model() -> type[BaseModel]:
    catalogue = load_catalogue()
    fields: dict[str, Any] = {
        "schema_version": (Literal[SCHEMA_VERSION], SCHEMA_VERSION),
        "language": (Literal["fr", "en"], "fr"),
        "meta": (Meta, Field(default_factory=_make(Meta))),
    }
    for section in catalogue.sections:
        model = _section_model(section.id, section.questions)
        fields[section.id] = (model, Field(default_factory=_make(model)))
    return create_model("Dossier", __base__=_Strict, **fields)


def new_dossier(language: Lang = "fr") -> BaseModel:
    """An empty dossier in ``language``."""
    return dossier_model()(language=language)


# --- answers by dotted key ------------------------------------------------------------------


def get_answer(dossier: BaseModel, key: str) -> Any:
    """The answer stored at ``section.question`` (None when not answered)."""
    section_id, question_id = key.split(".", 1)
    return getattr(getattr(dossier, section_id), question_id)


def was_asked(dossier: BaseModel, key: str) -> bool:
    """Whether the question has been asked (its key is in the file, even if left empty)."""
    section_id, question_id = key.split(".", 1)
    return question_id in getattr(dossier, section_id).model_fields_set


def is_answered(dossier: BaseModel, key: str) -> bool:
    """Whether the question has a non-empty answer."""
    return get_answer(dossier, key) not in (None, "", [])


def set_answer(dossier: BaseModel, key: str, value: Any) -> BaseModel:
    """Return a copy of ``dossier`` with ``value`` validated and stored at ``key``.

    Raises pydantic's ``ValidationError`` when the value does not fit the question.
    """
    section_id, question_id = key.split(".", 1)
    section = getattr(dossier, section_id)
    data = section.model_dump(exclude_unset=True)
    data[question_id] = value
    new_section = type(section).model_validate(data)
    updated = dossier.model_copy(update={section_id: new_section})
    updated.__pydantic_fields_set__.add(section_id)
    return updated


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def field_adapter(field: Field_, key: str) -> TypeAdapter[Any]:
    """The validator of one question or record field, cached under ``key`` (its dotted path).

    The wizard checks each answer with it as it is typed, against the very type the dossier
    model gives that field.
    """
    if key not in _ADAPTERS:
        annotation, _ = _field_type(field)
        _ADAPTERS[key] = TypeAdapter(annotation)
    return _ADAPTERS[key]


def to_data(dossier: BaseModel) -> dict[str, Any]:
    """Plain data for YAML: what was asked, in catalogue order; empty sections left out."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION,
                            "language": getattr(dossier, "language", "fr")}
    meta = dossier.meta.model_dump(mode="python", exclude_none=True)  # type: ignore[attr-defined]
    if meta:
        data["meta"] = meta
    for section in load_catalogue().sections:
        part = getattr(dossier, section.id)
        asked = part.model_dump(mode="python", exclude_unset=True)
        if asked:
            data[section.id] = {q.id: asked[q.id] for q in section.questions if q.id in asked}
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
