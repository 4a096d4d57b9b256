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

_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar"}


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
    return f"{digits}\u00a0{currency}"


def and_list(items: list[str], lang: str) -> str:
    """``["A", "B", "C"]`` → "A, B et C" / "A, B and C" (the items are already escaped)."""
    from babel.lists import format_list

    if not items:
        return ""
    return str(format_list(items, locale=_locale(lang)))


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

    def words(choices: Iterable[Any]) -> dict[str, Any]:
        # Documents print a choice's document label when it has one (the question's label
        # may be worded for the person answering: "Entreprise (PME, TPE...)").
        return {c.value: c.doc_label or c.label for c in choices}

    table: dict[str, dict[str, Any]] = {}
    for q in load_catalogue().questions():
        if q.choices:
            table[q.key] = words(q.choices)
        for field in q.fields:
            if field.choices:
                table[f"{q.key}.{field.id}"] = words(field.choices)
    return table


def yes_no(value: Any, lang: str) -> str:
    """"Oui"/"Non" ("Yes"/"No"); empty when unanswered."""
    if value is None:
        return ""
    if lang == "en":
        return "Yes" if value else "No"
    return "Oui" if value else "Non"


def choice_label(key: str, value: Any, lang: str) -> str:
    """The label of ``value`` for a question or a record field; the value itself if unknown.

    ``key`` is a question (``model.kind``) or a record field (``members.entities.kind``).
    """
    if value is None:
        return ""
    label = _choices().get(key, {}).get(value)
    return label(lang) if label is not None else str(value)


RESOURCES = ("sales", "financing")  # money coming in
USES = ("purchases", "operations", "capex")  # money going out


class BudgetPart:
    """Resources and uses of one period (or of the whole budget), with their difference."""

    __slots__ = ("difference", "period", "resource_total", "resources", "sales_without_costs",
                 "use_total", "uses")

    def __init__(self, period: str | None, lines: list[Any]) -> None:
        """The part of ``lines`` (budget records) for ``period``."""
        self.period = period

        def ordered(categories: tuple[str, ...]) -> list[Any]:
            return [line for c in categories for line in lines
                    if getattr(line, "category", None) == c]

        self.resources = ordered(RESOURCES)
        known = RESOURCES + USES
        self.uses = ordered(USES) + [line for line in lines
                                     if getattr(line, "category", None) not in known]
        self.resource_total = totals(getattr(line, "amount", None) for line in self.resources)
        self.use_total = totals(getattr(line, "amount", None) for line in self.uses)
        difference: dict[str, Decimal] = {t.currency: t.value for t in self.resource_total}
        for used in self.use_total:
            difference[used.currency] = difference.get(used.currency, Decimal(0)) - used.value
        self.difference = [Total(v, c) for c, v in difference.items()]
        # Gross sales with no cost of producing them: the difference is not a profit.
        categories = {getattr(line, "category", None) for line in lines}
        self.sales_without_costs = "sales" in categories and "purchases" not in categories


class Budget:
    """A plan's budget: one part per period when periods are given, and the whole."""

    __slots__ = ("parts", "whole")

    def __init__(self, lines: Iterable[Any]) -> None:
        """Group ``lines`` (records with category, label, amount, period) by period."""
        kept = [line for line in lines if line is not None]
        periods = list(dict.fromkeys(_period(line) for line in kept))
        self.whole = BudgetPart(None, kept)
        self.parts = ([BudgetPart(p, [line for line in kept if _period(line) == p])
                       for p in periods] if periods != [None] else [])


def _period(line: Any) -> str | None:
    value = getattr(line, "period", None)
    return str(value).strip() if value is not None and str(value).strip() else None


def budget(lines: Iterable[Any] | None) -> Budget:
    """The budget of a plan's budget lines."""
    return Budget(lines or [])
