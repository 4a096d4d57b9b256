"""Answers that are hesitations ("je ne sais pas encore", "?", "TBD"...), which count as none.

The words are data (``guides/hesitations.yaml``, one list per language). An answer is hesitant
when, once lower-cased and stripped of accents and final punctuation, it is one of them, or is
a short answer (a few words) that starts with one ("je ne sais pas trop", "à voir avec le
comptable"); a longer text that merely contains such words is an answer.

This module sits below the renderer, so documents can use it; ``reseau_cli.check.hesitation``
applies the same rule to the same file for the diagnosis (it could delegate here).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

SHORT_ANSWER_WORDS = 6  # a hesitation followed by a few words is still one; a sentence is not


def normal(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces, no final punctuation."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.strip().rstrip(".!…").split())


@cache
def _pattern() -> re.Pattern[str]:
    from reseau_cli.resources import guides_dir
    from reseau_cli.yamlio import load_located, read_text

    path = guides_dir() / "hesitations.yaml"
    data = load_located(read_text(path), str(path)).data or {}
    words = {normal(str(item)) for items in data.values() for item in items or []} - {""}
    ordered = sorted(words, key=len, reverse=True)  # longest first
    return re.compile("(?:" + "|".join(re.escape(w) for w in ordered) + r")(?:\W|$)")


def is_hesitation(value: Any) -> bool:
    """Whether ``value`` says "I don't know yet" rather than answering."""
    if not isinstance(value, str) or not value.strip():
        return False
    if value.count(" ") >= 3 * SHORT_ANSWER_WORDS:
        return False  # a paragraph: an answer, whatever words it holds
    return _is_hesitation(value)


@lru_cache(maxsize=4096)
def _is_hesitation(text: str) -> bool:
    plain = normal(text)
    if not plain.strip("?!. "):
        return True  # "?", "??", "..."
    if len(plain.split()) > SHORT_ANSWER_WORDS:
        return False
    return _pattern().match(plain) is not None


def answered(value: Any) -> bool:
    """Whether ``value`` is a real answer: not missing, not blank, not a hesitation."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not is_hesitation(value)
    if isinstance(value, list | tuple | set | dict):
        return any(answered(v) for v in (value.values() if isinstance(value, dict) else value))
    return True
