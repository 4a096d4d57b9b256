"""Typed hesitations ("je ne sais pas encore", "TBD", "?"): answers that are not answers yet.

The words are data (``guides/hesitations.yaml``), compared once lower-cased and stripped of
accents and final punctuation. Two strictnesses, one list:

- :func:`is_hesitation`: the text *is* one of them. The dossier and the wizard use it: such an
  answer is stored as unanswered, its words kept as a note.
- :func:`is_hesitant`: also a short answer (a few words) that starts with one ("je ne sais pas
  trop", "à voir avec le comptable"). The diagnostic uses it to flag answers that look unsure.
  Longer text that merely contains such words is a real answer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from reseau_cli.resources import guides_dir
from reseau_cli.shipped import load_yaml

# A hesitation followed by a few more words is still a hesitation; a sentence is an answer.
SHORT_ANSWER_WORDS = 6


def normal(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces, no final punctuation."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.strip().rstrip(".!…").split())


@cache
def hesitations() -> tuple[str, ...]:
    """Every hesitation of the data file, normalised, longest first."""
    data = load_yaml(guides_dir() / "hesitations.yaml") or {}
    words = {normal(str(item)) for items in data.values() for item in items or []}
    return tuple(sorted(words - {""}, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    # One alternation, longest words first, each ending at a word boundary.
    return re.compile("(?:" + "|".join(re.escape(w) for w in hesitations()) + r")(?:\W|$)")


def is_hesitation(text: object) -> bool:
    """Whether ``text`` is exactly one of the hesitations ("NSP", "à voir", "?", "TBD"...)."""
    if not isinstance(text, str) or not text.strip():
        return False
    plain = normal(text)
    return bool(plain) and (not plain.strip("?") or plain in hesitations())


def is_hesitant(text: object) -> bool:
    """Whether ``text`` says "I don't know yet" rather than answering."""
    if not isinstance(text, str) or not text.strip():
        return False
    if text.count(" ") >= 3 * SHORT_ANSWER_WORDS:
        return False  # a paragraph: an answer, whatever words it holds
    return _is_hesitant(text)


@lru_cache(maxsize=4096)
def _is_hesitant(text: str) -> bool:
    plain = normal(text)
    if not plain.strip("?!. "):
        return True  # "?", "??", "..."
    if len(plain.split()) > SHORT_ANSWER_WORDS:
        return False
    return _pattern().match(plain) is not None


def answered(value: Any) -> bool:
    """Whether ``value`` is a real answer: not missing, not blank, not a hesitant text."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not is_hesitant(value)
    if isinstance(value, list | tuple | set | dict):
        return any(answered(v) for v in (value.values() if isinstance(value, dict) else value))
    return True
