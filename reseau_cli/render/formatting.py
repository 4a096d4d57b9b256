"""Totals and budget tables for the documents; values are shown by :mod:`reseau_cli.display`.

Dates, numbers, money, yes/no and choice labels are formatted in ``reseau_cli.display`` (the
review table and the printable questionnaire use it too); they are re-exported here for the
templates' filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reseau_cli.display import (
    choice_label,
    decimal,
    format_date,
    format_money,
    format_number,
    yes_no,
)

__all__ = ["Budget", "BudgetCategory", "Total", "budget", "choice_label", "format_date",
           "format_money", "format_number", "totals", "yes_no"]

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
