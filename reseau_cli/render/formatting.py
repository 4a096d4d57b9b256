"""Dates, numbers, money and choice labels as a reader of each language expects them.

Babel is imported on first use only. French: "26 novembre 2026", "12 500,00 MAD";
English: "26 November 2026", "MAD 12,500.00".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_MA"}
# Arabic documents name the dirham in words; other currencies keep their code.
_CURRENCY_WORDS = {"ar": {"MAD": "درهم"}}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "fr_FR")


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


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_number(value: Any, lang: str) -> str:
    """A number with the language's grouping and decimal mark."""
    from babel.numbers import format_decimal

    number = _decimal(value)
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
    amount = _decimal(getattr(value, "value", value))
    currency = str(getattr(value, "currency", "MAD") or "MAD")
    if amount is None:
        return str(value)
    digits = str(format_decimal(amount, format="#,##0.00", locale=_locale(lang)))
    if lang == "en":
        return f"{currency} {digits}"
    currency = _CURRENCY_WORDS.get(lang, {}).get(currency, currency)
    return f"{digits}\u00a0{currency}"


class Total:
    """A sum of amounts in one currency (quacks like the dossier's Amount)."""

    __slots__ = ("currency", "value")

    def __init__(self, value: Decimal, currency: str) -> None:
        """A total of ``value`` in ``currency``."""
        self.value = value
        self.currency = currency


def totals(amounts: Iterable[Any]) -> list[Total]:
    """Sums by currency, in order of first appearance (empty amounts are skipped)."""
    sums: dict[str, Decimal] = {}
    for amount in amounts:
        if amount is None:
            continue
        number = _decimal(getattr(amount, "value", amount))
        if number is None:
            continue
        currency = str(getattr(amount, "currency", "MAD") or "MAD")
        sums[currency] = sums.get(currency, Decimal(0)) + number
    return [Total(v, c) for c, v in sums.items()]


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


def yes_no(value: Any, lang: str) -> str:
    """"Oui"/"Non" ("Yes"/"No"); empty when unanswered."""
    if value is None:
        return ""
    if lang == "en":
        return "Yes" if value else "No"
    if lang == "ar":
        return "نعم" if value else "لا"
    return "Oui" if value else "Non"


def choice_label(key: str, value: Any, lang: str) -> str:
    """The label of ``value`` for a question or a record field; the value itself if unknown.

    ``key`` is a question (``model.kind``) or a record field (``members.entities.kind``).
    """
    if value is None:
        return ""
    label = _choices().get(key, {}).get(value)
    return label(lang) if label is not None else str(value)


_BUDGET_ORDER = ("sales", "financing", "operations", "capex")
_RESOURCES = ("sales", "financing")


class BudgetCategory:
    """The lines of one budget category and their total(s)."""

    __slots__ = ("category", "lines", "totals")

    def __init__(self, category: str, lines: list[Any], sums: list[Total]) -> None:
        """A category with its lines and sums by currency."""
        self.category = category
        self.lines = lines
        self.totals = sums


class Budget:
    """A budget table: categories in a fixed order, resources, uses and the balance."""

    __slots__ = ("balance", "categories", "resources", "uses")

    def __init__(self, lines: Iterable[Any]) -> None:
        """Group ``lines`` (records with category, label, amount) by category."""
        lines = [line for line in lines if line is not None]
        known = [c for c in _BUDGET_ORDER]
        others = [getattr(line, "category", None) for line in lines]
        order = known + [c for c in dict.fromkeys(others) if c not in known]
        self.categories: list[BudgetCategory] = []
        for category in order:
            chosen = [line for line in lines if getattr(line, "category", None) == category]
            if chosen:
                sums = totals(getattr(line, "amount", None) for line in chosen)
                self.categories.append(BudgetCategory(str(category), chosen, sums))
        amounts = [(getattr(line, "category", None), getattr(line, "amount", None))
                   for line in lines]
        self.resources = totals(a for c, a in amounts if c in _RESOURCES)
        self.uses = totals(a for c, a in amounts if c not in _RESOURCES)
        balance: dict[str, Decimal] = {t.currency: t.value for t in self.resources}
        for used in self.uses:
            balance[used.currency] = balance.get(used.currency, Decimal(0)) - used.value
        self.balance = [Total(v, c) for c, v in balance.items()]


def budget(lines: Iterable[Any] | None) -> Budget:
    """The budget table of a plan's budget lines."""
    return Budget(lines or [])
