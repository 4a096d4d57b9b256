"""Values as people read them: yes/no, amounts, numbers, dates and choice labels.

The one place that decides how an answer looks to a person. The review table, the printable
questionnaire, the wizard's echoes and the document templates (through
``render/formatting.py``) all show values with these functions. Babel is imported on first use.
French: "26 novembre 2026", "12 500,00 MAD"; English: "26 November 2026", "MAD 12,500.00".

Also here: the founding-core rule (the guide's 2 or 3 fully committed members), decided once
for the wizard's advice and the diagnostic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from reseau_cli import i18n

_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_MA"}
# Arabic documents name the dirham in words; other currencies keep their code.
_CURRENCY_WORDS = {"ar": {"MAD": "درهم"}}
_YES_NO_WORDS = {"ar": ("نعم", "لا")}

FOUNDING_CORE_SIZES = (2, 3)
"""How many members the guide advises for the founding core."""


def founding_core_ok(count: int) -> bool:
    """Whether ``count`` founding members is what the guide advises."""
    return count in FOUNDING_CORE_SIZES


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "fr_FR")


def yes_no(value: Any, lang: str) -> str:
    """"Oui"/"Non" ("Yes"/"No"); empty when unanswered."""
    if value is None:
        return ""
    if lang in _YES_NO_WORDS:  # a documents-only language, which the interface messages lack
        yes, no = _YES_NO_WORDS[lang]
        return yes if value else no
    return i18n.t("common.yes" if value else "common.no", lang)


def format_date(value: Any, lang: str, style: str = "long") -> str:
    """``2026-11-26`` → "26 novembre 2026" / "26 November 2026"; text passes unchanged."""
    from babel.dates import format_date as babel_date

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        text = str(babel_date(value, format=style, locale=_locale(lang)))
        if lang == "fr" and value.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]  # "1er octobre 2027", as French writes the first day
        return text
    if isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value.strip()), lang, style)
        except ValueError:
            return value
    return "" if value is None else str(value)


def decimal(value: Any) -> Decimal | None:
    """``value`` as a Decimal, or None when it is not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_number(value: Any, lang: str) -> str:
    """A number with the language's grouping and decimal mark."""
    from babel.numbers import format_decimal

    number = decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return str(format_decimal(number, locale=_locale(lang)))


def format_money(value: Any, lang: str) -> str:
    """An Amount (``.value``, ``.currency``), a number (MAD), or a list of them joined by "+"."""
    from babel.numbers import format_decimal

    if isinstance(value, list | tuple):
        return " + ".join(format_money(v, lang) for v in value if v is not None)
    if value is None:
        return ""
    if isinstance(value, dict):
        amount, currency = decimal(value.get("value")), str(value.get("currency") or "MAD")
    else:
        amount = decimal(getattr(value, "value", value))
        currency = str(getattr(value, "currency", "MAD") or "MAD")
    if amount is None:
        return str(value)
    digits = str(format_decimal(amount, format="#,##0.00", locale=_locale(lang)))
    if lang == "en":
        return f"{currency} {digits}"
    currency = _CURRENCY_WORDS.get(lang, {}).get(currency, currency)
    return f"{digits}\u00a0{currency}"


@cache
def _choices() -> dict[str, dict[str, Any]]:
    from reseau_cli.catalogue import load_catalogue

    table: dict[str, dict[str, Any]] = {}
    for q in load_catalogue().questions():
        if q.choices:
            table[q.key] = {c.value: c.label for c in q.choices}
        for field in q.fields:
            if field.choices:
                table[f"{q.key}.{field.id}"] = {c.value: c.label for c in field.choices}
    return table


def choice_label(key: str, value: Any, lang: str) -> str:
    """The label of ``value`` for a question or a record field; the value itself if unknown.

    ``key`` is a question (``model.kind``) or a record field (``members.entities.kind``).
    """
    if value is None:
        return ""
    label = _choices().get(key, {}).get(value)
    return label(lang) if label is not None else str(value)
