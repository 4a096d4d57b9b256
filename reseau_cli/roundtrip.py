"""Edit YAML text with ruamel.yaml's round-trip mode: comments, quoting and layout stay.

:mod:`reseau_cli.splice` hands over the smallest block of a dossier that changed (a section,
a question, one member); this module loads it, applies the differences between the old and the
new data value by value, and writes it back with the file's own indentation. New texts are
quoted whenever YAML 1.1 (as our loader reads) would take them for something else.

Safety: ruamel.yaml only ever sees text that :mod:`reseau_cli.yamlio`'s safe loader has already
accepted (no tags, aliases, huge or deeply nested input), and its round-trip constructor builds
nothing but maps, lists and scalars. ruamel.yaml is imported on first use: reading commands
never load it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import yaml

_RESOLVER: Any = yaml.resolver.Resolver()  # YAML 1.1 as we read it: what needs quotes
_STR_TAG = "tag:yaml.org,2002:str"


Indent = tuple[int, int, int]  # ruamel.yaml's mapping indent, sequence indent, dash offset


def fresh_text(data: dict[str, Any] | list[Any], indent: Indent) -> str:
    """The text of new data, laid out like the file it goes into."""
    out = io.StringIO()
    _make_yaml(indent).dump(_plain(data), out)
    return out.getvalue()


class Document:
    """A YAML document loaded for editing, written back with the file's indentation."""

    def __init__(self, text: str, indent: Indent | None = None) -> None:
        self._rt = _make_yaml(indent or guess_indent(text))
        self.root: Any = self._rt.load(text)

    def update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Apply to the document (a mapping) the differences from ``old`` to ``new``."""
        _update_map(self.root, old, new)

    def update_item(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Apply to the document (a list of one mapping) the differences in that item."""
        self.root[0] = _merge(self.root[0], old, new)

    def dump(self) -> str:
        """The document's text."""
        out = io.StringIO()
        self._rt.dump(self.root, out)
        return out.getvalue()


def _make_yaml(indent: Indent) -> Any:
    from ruamel.yaml import YAML

    rt = YAML(typ="rt", pure=True)
    rt.Representer = _representer_class()
    rt.preserve_quotes = True
    rt.width = 10_000  # keep long lines as they are: the wrapping is the author's
    rt.allow_unicode = True
    mapping, sequence, offset = indent
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    return rt


_KEY_LINE = re.compile(r"^( *)[^\s#\-][^\n]*:[ \t]*(?:#.*)?$")
_DASH_LINE = re.compile(r"^( *)- ")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's (mapping indent, sequence indent, dash offset), as ruamel.yaml counts them."""
    mapping = sequence = offset = None
    previous = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        parent = _KEY_LINE.match(previous)
        if parent and not stripped.startswith("-") and mapping is None:
            child = indent - len(parent.group(1))
            mapping = child if child > 0 else None
        dash = _DASH_LINE.match(line)
        if dash and parent and offset is None:
            offset = max(indent - len(parent.group(1)), 0)
            sequence = offset + 2
        if mapping is not None and offset is not None:
            break
        previous = line
    return mapping or 2, sequence or 2, offset or 0


# --- applying differences -----------------------------------------------------------------


def _update_map(target: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        if key in target:
            del target[key]
    order = list(new)
    for index, (key, value) in enumerate(new.items()):
        if key in old and key in target and old[key] == value:
            continue  # untouched: its text stays exactly as written
        if key in target and key in old:
            target[key] = _merge(target[key], old[key], value)
        elif key in target:
            target[key] = _plain(value)
        else:
            target.insert(_position(target, order[:index]), key, _plain(value))


def _merge(current: Any, old: Any, new: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(current, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        _update_map(current, old, new)
        return current
    if isinstance(current, CommentedSeq) and isinstance(old, list) and isinstance(new, list) \
            and len(current) == len(old):
        # Items edited in place keep their comments; added items go at the end, removed ones
        # are dropped from the end (the wizard edits lists in order).
        for index, value in enumerate(new[: len(old)]):
            if old[index] != value:
                current[index] = _merge(current[index], old[index], value)
        del current[len(new):]
        for value in new[len(old):]:
            current.append(_plain(value))
        return current
    return _plain(new)


def _position(target: Any, before: list[str]) -> int:
    """Where to insert a key: just after the nearest key that precedes it in ``new``."""
    keys = list(target)
    for key in reversed(before):
        if key in keys:
            return keys.index(key) + 1
    return 0


def _plain(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, _plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    if isinstance(value, str):
        return NewText(value)
    return value


class NewText(str):
    """A text this save writes: quoted when YAML 1.1 would read it as something else.

    Texts already in the file keep ruamel.yaml's reading and writing (and their quotes).
    """

    __slots__ = ()


# --- writing new values as our loader will read them back ----------------------------------


def _representer_class() -> Any:
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # our loader refuses aliases: never write one (same date twice...)

    Representer.add_representer(NewText, _represent_str)
    Representer.add_representer(Decimal, _represent_decimal)
    Representer.add_representer(dt.datetime, _represent_datetime)
    return Representer


def _represent_str(representer: Any, value: str) -> Any:
    value = str(value)
    if "\n" in value:
        return representer.represent_scalar(_STR_TAG, value, style="|")
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG:
        return representer.represent_scalar(_STR_TAG, value)  # the emitter quotes if it must
    # "0661234567", "NO", "2026-01-01"... would not read back as this text under YAML 1.1
    return representer.represent_scalar(_STR_TAG, value, style='"' if _needs_double(value)
                                        else "'")


def _needs_double(value: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in value)


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    if value == value.to_integral_value():
        return representer.represent_int(int(value))
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _represent_datetime(representer: Any, value: dt.datetime) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:timestamp",
                                        value.isoformat(timespec="seconds"))
