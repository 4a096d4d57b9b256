"""Answers that are hesitations ("je ne sais pas encore", "?", "TBD"...), which count as none.

The list is data (``guides/hesitations.yaml``); :func:`is_hesitation` is the one place that
reads it. Documents use :func:`answered` so that a hesitation is never printed as content and
a document needing that answer stays a draft.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

_TRAILING = " \t\n.…!?;:,"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


@cache
def _lists() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    from reseau_cli.resources import guides_dir
    from reseau_cli.yamlio import load_located, read_text

    data = load_located(read_text(guides_dir() / "hesitations.yaml"), "hesitations.yaml").data
    exact = {_normal(str(t)) for t in data.get("exact", [])}
    exact |= {_fold(t) for t in exact}
    starts = {_normal(str(t)) for t in data.get("starts", [])}
    starts |= {_fold(t) for t in starts}
    choices = frozenset(str(c) for c in data.get("choices", []))
    return frozenset(exact), tuple(sorted(starts)), choices


_LONGEST = 60  # a hesitation is a few words; only the start of a longer text is looked at


def is_hesitation(value: Any) -> bool:
    """Whether ``value`` is a typed or chosen "don't know (yet)"."""
    if not isinstance(value, str):
        return False
    return _is_hesitation(value[:_LONGEST * 2])


@lru_cache(maxsize=4096)
def _is_hesitation(value: str) -> bool:
    exact, starts, choices = _lists()
    if value in choices:
        return True
    text = _normal(value)
    folded = _fold(text)
    trimmed = text.rstrip(_TRAILING) or text.strip()
    if trimmed in exact or _fold(trimmed) in exact or text in exact:
        return True
    for candidate in (text, folded):
        for start in starts:
            if candidate.startswith(start):
                rest = candidate[len(start):]
                if not rest or not rest[0].isalnum():
                    return True
    return False


def answered(value: Any) -> bool:
    """Whether ``value`` is a real answer: not missing, not blank, not a hesitation."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not is_hesitation(value)
    if isinstance(value, list | tuple | set | dict):
        return any(answered(v) for v in (value.values() if isinstance(value, dict) else value))
    return True
