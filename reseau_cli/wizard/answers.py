"""Typed text to answer values: reading, checking, and the words that are not answers.

Checks use the dossier's own pydantic types (so the wizard and ``reseau validate`` agree) and
show the catalogue's message when the question has one, else pydantic's error in the user's
language (``schema.*`` keys of ``guides/ui/common.yaml``). "<" (back), "?" (help) and the
hesitations of ``guides/hesitations.yaml`` ("je ne sais pas", "NSP", "TBD"...) are always
accepted: they steer the wizard instead of being stored.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from reseau_cli import i18n
from reseau_cli.catalogue import Field_
from reseau_cli.dossier import field_adapter
from reseau_cli.kinds import kind_of, record_summary
from reseau_cli.prompts import BACK_KEY, HELP_KEY, Signal, Unsure, is_hesitation

__all__ = ["adapter", "check", "display", "parse", "read_typed", "record_summary", "to_text"]


def adapter(field: Field_, key: str) -> TypeAdapter[Any]:
    """The dossier's validator for one question or record field (``key`` names it)."""
    return field_adapter(field, key)


def parse(field: Field_, text: str, key: str) -> Any:
    """The value for typed ``text`` (None when left blank); raises ``ValueError``."""
    text = text.strip()
    if not text:
        return None
    return adapter(field, key).validate_python(kind_of(field).read(text))


def signal(text: str) -> Signal | Unsure | None:
    """What typed ``text`` means when it is not an answer: back, help, or "don't know"."""
    stripped = text.strip()
    if stripped == BACK_KEY:
        return Signal.BACK
    if stripped == HELP_KEY:
        return Signal.HELP
    if is_hesitation(stripped):
        return Unsure(stripped)
    return None


def read_typed(field: Field_, text: str, key: str) -> Any:
    """The value, :class:`Signal` or :class:`Unsure` that typed ``text`` stands for."""
    meaning = signal(text)
    if isinstance(meaning, Unsure) and field.required:
        meaning = None
    return meaning if meaning is not None else parse(field, text, key)


def check(field: Field_, text: str, key: str, lang: str) -> str | None:
    """The message to show for typed ``text``, or None when it is acceptable."""
    stripped = text.strip()
    meaning = signal(stripped)
    if meaning is not None and not (isinstance(meaning, Unsure) and field.required):
        return None
    if not stripped:
        return i18n.t("wizard.required", lang) if field.required else None
    try:
        parse(field, stripped, key)
    except ValueError as exc:  # ValidationError is a ValueError too
        return _message(field, exc, stripped, lang)
    return None


def _message(field: Field_, exc: ValueError, text: str, lang: str) -> str:
    errors = exc.errors() if isinstance(exc, ValidationError) else []
    kind = errors[0]["type"] if errors else "other"
    bound = kind in ("greater_than_equal", "less_than_equal", "decimal_max_places",
                     "decimal_max_digits")
    unreadable = kind_of(field).unreadable
    if unreadable and not bound:
        return i18n.t(unreadable, lang, value=text)
    if field.validate_ and field.validate_.message:
        return field.validate_.message(lang)
    ctx = (errors[0].get("ctx") or {}) if errors else {}
    params: dict[str, Any] = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    params["value"] = text
    params["detail"] = errors[0]["msg"] if errors else str(exc)
    key = "schema.pattern" if kind == "string_pattern_mismatch" else f"schema.{kind}"
    return i18n.t(key if i18n.has(key) else "schema.other", lang, **params)


def to_text(field: Field_, value: Any) -> str:
    """A value as the user would type it (to pre-fill a text prompt)."""
    return kind_of(field).to_text(value)


def display(field: Field_, value: Any, lang: str) -> str:
    """A value as shown in the review table (labels, not raw values); '' when empty."""
    if value is None or value == "" or value == []:
        return ""
    return kind_of(field).show(field, value, lang)
