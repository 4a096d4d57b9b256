"""Undo YAML 1.1's guesses where the catalogue says what a value is.

A hand-written dossier meets YAML 1.1's implicit types: ``phone: 0661234567`` is an octal
number, ``short_name: NO`` is false, ``answer: yes`` in a choice field is true. The question
catalogue knows which fields hold text or a choice key, so those get the scalar's text as
written; yes/no fields also accept oui/non. A text value cut short by `` #`` (read as a
comment) gets a warning placed at the ``#``.
"""

from __future__ import annotations

from typing import Any

from reseau_cli.catalogue import Field_, load_catalogue
from reseau_cli.errors import Problem
from reseau_cli.yamlio import Located, PathKey, dotted

TEXT_TYPES = frozenset({"text", "long_text"})
_YES = frozenset({"oui", "yes", "true", "vrai", "o", "y"})
_NO = frozenset({"non", "no", "false", "faux", "n"})


def as_written(located: Located, shown: str) -> list[Problem]:
    """Fix ``located.data`` in place, field by field; return the warnings about cut values."""
    data = located.data
    warnings: list[Problem] = []
    if not isinstance(data, dict):
        return warnings
    for section in load_catalogue().sections:
        answers = data.get(section.id)
        if not isinstance(answers, dict):
            continue
        for question in section.questions:
            if question.id not in answers:
                continue
            path: PathKey = (section.id, question.id)
            if question.type != "records":
                answers[question.id] = _fix(question, answers[question.id], path, located,
                                            warnings, shown)
                continue
            records = answers[question.id]
            # Text fields of a list: only where the loader noted something (below), as a
            # 2,000-member dossier holds ~30,000 values and usually no trap at all.
            fields = [f for f in question.fields if f.type in _WALKED]
            for index, record in enumerate(records if isinstance(records, list) else ()):
                if not isinstance(record, dict):
                    continue
                for item in fields:
                    if item.id in record:
                        record[item.id] = _fix(item, record[item.id], (*path, index, item.id),
                                               located, warnings, shown)
    _record_texts(located, warnings, shown)
    return warnings


_WALKED = frozenset({"choice", "multi_choice", "yes_no"})


def _record_texts(located: Located, warnings: list[Problem], shown: str) -> None:
    """Text fields of list items (members...) that the loader noted: source text, cut value."""
    catalogue = load_catalogue()
    for path in {*located.sources, *located.comments}:
        if len(path) != 4 or not isinstance(path[2], int):
            continue
        section, question_id, _, field_id = path
        index = path[2]
        try:
            question = catalogue.question(f"{section}.{question_id}")
        except KeyError:
            continue
        item = next((f for f in question.fields if f.id == field_id), None)
        records = located.data.get(section, {}).get(question_id) if isinstance(
            located.data.get(section), dict) else None
        if item is None or item.type not in TEXT_TYPES or not isinstance(records, list) \
                or not isinstance(records[index], dict):
            continue
        records[index][field_id] = _fix(item, records[index][field_id], path, located,
                                        warnings, shown)


def _fix(item: Field_, value: Any, path: PathKey, located: Located, warnings: list[Problem],
         shown: str) -> Any:
    if item.type == "yes_no" and isinstance(value, bool):
        return value  # the common case, first
    if item.type in TEXT_TYPES:
        if path in located.comments:
            warnings.append(_cut_warning(located, path, shown))
        return located.sources.get(path, value)
    if item.type == "choice":
        return _choice(item, value, located.sources.get(path))
    if item.type == "multi_choice" and isinstance(value, list):
        return [_choice(item, v, located.sources.get((*path, i))) for i, v in enumerate(value)]
    if item.type == "yes_no" and isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return value


def _choice(item: Field_, value: Any, source: str | None) -> Any:
    text = source if source is not None else value
    if not isinstance(text, str):
        return value
    cached = _KEYS.get(id(item))
    if cached is None or cached[0] is not item:  # the item is kept: its id is not reused
        cached = _KEYS[id(item)] = (item, {c.value.lower(): c.value for c in item.choices})
    keys = cached[1]
    if text in keys.values():
        return text
    return keys.get(text.strip().lower(), text)


_KEYS: dict[int, tuple[Field_, dict[str, str]]] = {}


def _cut_warning(located: Located, path: PathKey, shown: str) -> Problem:
    (line, column), rest = located.comments[path]
    return Problem(key="warnings.comment_in_text", params={"rest": rest.strip()},
                   path=dotted(path), file=shown, line=line, column=column)
