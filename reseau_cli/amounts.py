"""Sums of money: the dossier's ``Amount`` and reading amounts as people write them.

"30 000 DH", "30.000 dhs", "1,5 M MAD", "2 500 €", "12 500,50 MAD" and "1,250.75 eur" all
read as a value and an ISO currency. In YAML an amount is ``{value: 2500, currency: MAD}`` or
just ``2500`` (MAD).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

DEFAULT_CURRENCY = "MAD"

# What people write for a currency, lower-cased, to its ISO code.
CURRENCY_WORDS: dict[str, str] = {
    "dh": "MAD", "dhs": "MAD", "mad": "MAD", "dirham": "MAD", "dirhams": "MAD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
}
# Multipliers written after the number ("1,5 M MAD", "30 k€", "2 MDH").
SCALE_WORDS: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "million": 1_000_000, "millions": 1_000_000,
    "md": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
    "billion": 1_000_000_000,
}

_SPACES = re.compile(r"[\s\u202f\u00a0']")
_NUMBER = re.compile(r"^[0-9][0-9\s\u202f\u00a0.,']*")


class Amount(BaseModel):
    """A sum of money. In YAML: ``{value: 2500, currency: MAD}``, or just ``2500`` (MAD)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True,
                              str_strip_whitespace=True)
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


def _digits(number: str, scaled: bool) -> str:
    """Plain digits with a dot for decimals, from any grouping and decimal mark."""
    digits = _SPACES.sub("", number).rstrip(".,")
    if "," in digits and "." in digits:  # the last mark is the decimal one
        decimal, grouping = ("," , ".") if digits.rfind(",") > digits.rfind(".") else (".", ",")
        return digits.replace(grouping, "").replace(decimal, ".")
    for mark in (",", "."):
        if mark in digits:
            head, _, tail = digits.rpartition(mark)
            # "30.000" or "1,000,000" group thousands; "1,5" and "2.50" have decimals.
            if digits.count(mark) > 1 or (len(tail) == 3 and not scaled):
                return digits.replace(mark, "")
            return f"{head.replace(mark, '')}.{tail}"
    return digits


def parse_amount(text: str) -> dict[str, Any]:
    """Read an amount as typed into ``{"value": Decimal, "currency": "MAD"}``.

    The currency is left out when none is written. Text that is not an amount comes back as
    ``{"value": text}``, which then fails validation with a clear "not a number".
    """
    rest = text.strip()
    currency = None
    for word, code in CURRENCY_WORDS.items():  # "€ 2 500", "$100"
        if len(word) == 1 and rest.startswith(word):
            currency, rest = code, rest[1:].strip()
    match = _NUMBER.match(rest)
    if not match:
        return {"value": text}
    number, tail = match.group(), rest[match.end():].strip().lower()
    scale = 1
    words = [w for w in re.split(r"[\s.]+|(?<=[a-z])(?=[€$])", tail) if w]
    if words and words[0] in SCALE_WORDS:
        scale = SCALE_WORDS[words.pop(0)]
    elif words and words[0][:1] in ("k", "m") and words[0][1:] in CURRENCY_WORDS:
        scale = SCALE_WORDS[words[0][0]]  # "30k€", "2mdh" is unusual: only k and m
        words[0] = words[0][1:]
    if words:
        if len(words) > 1 or words[0] not in CURRENCY_WORDS and not re.fullmatch("[a-z]{3}",
                                                                                 words[0]):
            return {"value": text}
        currency = CURRENCY_WORDS.get(words[0], words[0].upper())
    try:
        value = Decimal(_digits(number, scale != 1)) * scale
    except InvalidOperation:
        return {"value": text}
    result: dict[str, Any] = {"value": value}
    if currency:
        result["currency"] = currency
    return result
