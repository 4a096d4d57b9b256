"""Rewrite only the lines of the values that changed in a block-style YAML dossier.

A dossier is written in block style: each key on its own line, its value's lines indented
under it, list items starting with ``-``. So the lines of any value are found by indentation
alone, without parsing: a section, a question inside it, a member inside a list. A save walks
the old and the new data together and rewrites the smallest block that changed (one member's
lines when a member changed); that block goes through ruamel.yaml's round-trip mode
(:mod:`reseau_cli.roundtrip`), so its comments and quoting stay too. Everything else is the very
text that was read. When the layout is not the expected one (flow style, odd indentation), the
next larger block is rewritten instead, and in the end the caller writes the file afresh; the
caller also reads each rewritten section back to check it (``store.edited_text``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from reseau_cli.roundtrip import Document, Indent, fresh_text, guess_indent

_MISSING: Any = object()
Edit = tuple[int, int, str]  # first line, end line (excluded), new text


@dataclass(frozen=True)
class Edited:
    """The new text, and the new text of each top-level section it rewrote (to check)."""

    text: str
    sections: dict[str, str]


def edit(text: str, old: dict[str, Any], new: dict[str, Any]) -> Edited | None:
    """``text`` (which holds ``old``) changed to hold ``new``; None if its layout defeats us."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    indent = guess_indent(text)
    edits = _edit_mapping(lines, 0, len(lines), 0, old, new, indent)
    if edits is None:
        return None
    for first, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[first:end] = [replacement]
    result = "".join(lines)
    changed = [key for key in new if old.get(key, _MISSING) != new[key]]
    new_lines = result.splitlines(keepends=True)
    starts = _keys_at(new_lines, 0, len(new_lines), 0)
    if starts is None or any(key not in starts for key in changed):
        return None
    ends = _ends(starts, len(new_lines))
    return Edited(text=result, sections={key: "".join(new_lines[starts[key]:ends[key]])
                                         for key in changed})


def _key_pattern(column: int) -> re.Pattern[str]:
    return re.compile(" " * column + r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def _keys_at(lines: list[str], first: int, end: int, column: int) -> dict[str, int] | None:
    """The line of each key written at ``column`` between ``first`` and ``end``."""
    pattern = _key_pattern(column)
    starts: dict[str, int] = {}
    for number in range(first, end):
        match = pattern.match(lines[number])
        if match:
            if match.group(1) in starts:
                return None
            starts[match.group(1)] = number
    return starts


def _ends(starts: dict[str, int], end: int) -> dict[str, int]:
    ordered = sorted(starts.items(), key=lambda item: item[1])
    return {key: ordered[i + 1][1] if i + 1 < len(ordered) else end
            for i, (key, _) in enumerate(ordered)}


def _is_tail(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _content_end(lines: list[str], first: int, end: int) -> int:
    """``end`` less the blank and comment lines just before it (they introduce what follows)."""
    while end > first + 1 and _is_tail(lines[end - 1]):
        end -= 1
    return end


def _first_content(lines: list[str], first: int, end: int) -> int | None:
    return next((n for n in range(first, end) if not _is_tail(lines[n])), None)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _edit_mapping(lines: list[str], first: int, end: int, column: int, old: dict[str, Any],
                  new: dict[str, Any], indent: Indent) -> list[Edit] | None:
    starts = _keys_at(lines, first, end, column)
    if starts is None:
        return None
    # A key the file leaves out but the data holds (``language: fr`` by default) stays out
    # while its value does not change.
    absent = {key for key in old if key not in starts}
    if absent and len(absent) == len(old):
        return None  # nothing found: flow style ({a: 1}) or quoted keys
    new = {k: v for k, v in new.items() if not (k in absent and v == old[k])}
    old = {k: v for k, v in old.items() if k not in absent}
    ends = _ends(starts, end)
    tails = {key: _content_end(lines, starts[key], ends[key]) for key in starts}
    edits: list[Edit] = []
    for key in [k for k in old if k not in new]:
        edits.append((starts[key], tails[key], ""))
    order = list(new)
    for index, key in enumerate(order):
        before, after = old.get(key, _MISSING), new[key]
        if before == after:
            continue
        if before is _MISSING:
            at = next((tails[k] for k in reversed(order[:index]) if k in tails),
                      min(starts.values(), default=first))
            edits.append((at, at, _shift(fresh_text({key: after}, indent), column)))
            continue
        inner = _edit_value(lines, starts[key], tails[key], column, before, after, indent)
        if inner is None:
            whole = _redump(lines[starts[key]:tails[key]], column, {key: before}, {key: after},
                            indent)
            if whole is None:
                return None
            inner = [(starts[key], tails[key], whole)]
        edits.extend(inner)
    return edits


def _edit_value(lines: list[str], start: int, end: int, column: int, before: Any, after: Any,
                indent: Indent) -> list[Edit] | None:
    """Edits inside the value of the key on line ``start``; None: rewrite the key whole."""
    child = _first_content(lines, start + 1, end)
    if child is None:
        return None
    child_column = _indent_of(lines[child])
    if isinstance(before, dict) and isinstance(after, dict) and child_column > column \
            and not lines[child].lstrip().startswith("-"):
        return _edit_mapping(lines, start + 1, end, child_column, before, after, indent)
    if isinstance(before, list) and isinstance(after, list) and before \
            and lines[child].lstrip().startswith("-") and child_column >= column:
        return _edit_items(lines, start + 1, end, child_column, before, after, indent)
    return None


def _edit_items(lines: list[str], first: int, end: int, column: int, old: list[Any],
                new: list[Any], indent: Indent) -> list[Edit] | None:
    dash = re.compile(" " * column + r"-(?: |$)")
    starts = [n for n in range(first, end) if dash.match(lines[n])]
    if len(starts) != len(old):
        return None
    bounds = [*starts[1:], end]
    stops = [_content_end(lines, starts[i], bounds[i]) for i in range(len(old))]
    edits: list[Edit] = []
    # Items matched as a diff would: one member removed from the middle is one deletion, not
    # every later member rewritten.
    matcher = difflib.SequenceMatcher(None, [repr(v) for v in old], [repr(v) for v in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for index, value in zip(range(i1, i2), new[j1:j2], strict=True):
                if not isinstance(old[index], dict) or not isinstance(value, dict):
                    return None
                replacement = _redump_item(lines[starts[index]:stops[index]], column,
                                           old[index], value, indent)
                if replacement is None:
                    return None
                edits.append((starts[index], stops[index], replacement))
            continue
        for index in range(i1, i2):  # deleted (or replaced by a different number of items)
            edits.append((starts[index], stops[index], ""))
        if j2 > j1:
            at = starts[i1] if i1 < len(old) else stops[-1]
            edits.append((at, at, _align(fresh_text(new[j1:j2], indent), column)))
    return edits


def _dedent(lines: list[str], column: int) -> str | None:
    out = []
    for line in lines:
        if line.strip() and _indent_of(line) < column:
            return None  # something less indented in the block: rewrite a larger one
        out.append(line[column:] if line.strip() else line.lstrip(" "))
    return "".join(out)


def _shift(text: str, column: int) -> str:
    if not column:
        return text
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _align(text: str, column: int) -> str:
    """``text`` (a list) shifted so that its dashes stand at ``column``."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return _shift(text, column - _indent_of(first))


def _redump(block: list[str], column: int, old: dict[str, Any], new: dict[str, Any],
            indent: Indent) -> str | None:
    text = _dedent(block, column)
    if text is None:
        return None
    document = Document(text, indent)
    document.update(old, new)
    return _shift(document.dump(), column)


def _redump_item(block: list[str], column: int, old: dict[str, Any], new: dict[str, Any],
                 indent: Indent) -> str | None:
    text = _dedent(block, column)
    if text is None:
        return None
    document = Document(text, indent)
    document.update_item(old, new)
    return _align(document.dump(), column)
