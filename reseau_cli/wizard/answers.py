"""Typed text to answer values and back: parsing, checking, pre-filling and displaying.

Checks use the dossier's own pydantic types (so the wizard and ``reseau validate`` agree) and
show the catalogue's message when the question has one, else pydantic's error in the user's
language (``schema.*`` keys of ``guides/ui/common.yaml``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from reseau_cli import i18n
from reseau_cli.catalogue import Field_

TEXT_TYPES = ("text", "long_text", "number", "amount", "date")
"""Question types answered by typing text (the others pick among choices)."""

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
def adapter(field: Field_, key: str) -> TypeAdapter[Any]:
    """The dossier's validator for one question or record field (``key`` names it)."""
    from reseau_cli.dossier import field_adapter

    return field_adapter(field, key)


def _number_text(text: str) -> str:
    return re.sub(r"[\s\u202f\u00a0']", "", text).replace(",", ".")


def parse(field: Field_, text: str, key: str) -> Any:
    """The value for typed ``text`` (None when left blank); raises ``ValidationError``."""
    text = text.strip()
    if not text:
        return None
    if field.type == "number":
        return adapter(field, key).validate_python(_number_text(text))
    if field.type == "date" and not _DATE_RE.match(text):
        raise ValueError(text)
    return adapter(field, key).validate_python(text)


def check(field: Field_, text: str, key: str, lang: str) -> str | None:
    """The message to show for typed ``text``, or None when it is acceptable."""
    stripped = text.strip()
    if not stripped:
        return i18n.t("wizard.required", lang) if field.required else None
    try:
        parse(field, stripped, key)
    except ValueError as exc:  # ValidationError is a ValueError too
        return _message(field, exc, stripped, lang)
    return None


def _message(field: Field_, exc: ValueError, text: str, lang: str) -> str:
    if field.type == "date":
        return i18n.t("wizard.date_format", lang, value=text)
    errors = exc.errors() if isinstance(exc, ValidationError) else []
    kind = errors[0]["type"] if errors else "other"
    bound = kind in ("greater_than_equal", "less_than_equal", "decimal_max_places",
                     "decimal_max_digits")
    if field.type == "number" and not bound:
        return i18n.t("wizard.number_format", lang, value=text)
    if field.type == "amount" and not bound:
        return i18n.t("wizard.amount_format", lang, value=text)
    if field.validate_ and field.validate_.message:
        return field.validate_.message(lang)
    ctx = (errors[0].get("ctx") or {}) if errors else {}
    params: dict[str, Any] = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    params["value"] = text
    params["detail"] = errors[0]["msg"] if errors else str(exc)
    key = "schema.pattern" if kind == "string_pattern_mismatch" else f"schema.{kind}"
    return i18n.t(key if i18n.has(key) else "schema.other", lang, **params)


# --- showing values ---------------------------------------------------------------------------


def _decimal_text(value: Decimal | float) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.quantize(Decimal("0.01")), "f")


def to_text(field: Field_, value: Any) -> str:
    """A value as the user would type it (to pre-fill a text prompt)."""
    if value is None:
        return ""
    if field.type == "amount":
        amount = _plain(value)
        return f"{_decimal_text(amount['value'])} {amount.get('currency', '')}".strip()
    if field.type == "number":
        return _decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> dict[str, Any]:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return value
    return {"value": value}


def display(field: Field_, value: Any, lang: str) -> str:
    """A value as shown in the review table (labels, not raw values); '' when empty."""
    if value is None or value == "" or value == []:
        return ""
    if field.type == "choice":
        return field.choice_label(value, lang)
    if field.type == "multi_choice":
        return "; ".join(field.choice_label(v, lang) for v in value)
    if field.type == "yes_no":
        return i18n.t("wizard.yes" if value else "wizard.no", lang)
    if field.type == "amount":
        amount = _plain(value)
        number = Decimal(str(amount["value"]))
        shown = format(number, ",")
        if lang == "fr":
            shown = shown.replace(",", "\u202f").replace(".", ",")
        return f"{shown} {amount.get('currency', '')}".strip()
    if field.type == "number":
        return _decimal_text(value)
    if field.type == "records":
        fields = getattr(field, "fields", [])
        return "\n".join(f"• {record_summary(fields, r, lang)}" for r in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def record_summary(fields: list[Field_], record: Any, lang: str) -> str:
    """One line for a record: its first two filled fields, and the founding-core mark."""
    data = record.model_dump() if isinstance(record, BaseModel) else dict(record)
    parts: list[str] = []
    for field in fields:
        if field.type == "yes_no" or len(parts) == 2:
            continue
        shown = display(field, data.get(field.id), lang)
        if shown:
            parts.append(shown)
    if data.get("founding"):
        parts.append(i18n.t("wizard.founding_mark", lang))
    return " — ".join(parts)
