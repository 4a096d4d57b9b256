"""Totals and budget tables for the documents; values are shown by :mod:`reseau_cli.display`.

Dates, numbers, money, yes/no and choice labels are formatted in ``reseau_cli.display`` (the
review table and the printable questionnaire use it too); they are re-exported here for the
templates' filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

from reseau_cli.display import (
    choice_label,
    decimal,
    format_date,
    format_money,
    format_number,
    yes_no,
)

__all__ = ["Budget", "BudgetPart", "Total", "and_list", "budget", "choice_label",
           "doc_choice_label", "format_date", "format_money", "format_number", "totals",
           "yes_no"]

# How values look to a reader is decided once, in reseau_cli.display; these names stay here
# because the templates' filters are built from this module.
_decimal = decimal


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



_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar"}


def and_list(items: list[str], lang: str) -> str:
    """``["A", "B", "C"]`` → "A, B et C" / "A, B and C" (the items are already escaped)."""
    from babel.lists import format_list

    if not items:
        return ""
    return str(format_list(items, locale=_LOCALES.get(lang, "fr_FR")))


@cache
def _doc_choices() -> dict[str, dict[str, Any]]:
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


def doc_choice_label(key: str, value: Any, lang: str) -> str:
    """The words a document prints for a choice: its document label, else its label."""
    if value is None:
        return ""
    label = _doc_choices().get(key, {}).get(value)
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
