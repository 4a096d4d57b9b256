"""Safe YAML in and out, with the position of every value.

Dossiers come from other people: only plain YAML types are built (safe loader), anchors and
aliases are refused (they are how "billion laughs" bombs work), duplicate keys are an error, and
files over :data:`MAX_BYTES` are not parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import yaml

from reseau_cli.errors import Problem, UnreadableError
from reseau_cli.gcpause import paused

MAX_BYTES = 5 * 1024 * 1024  # a real dossier is a few kB; 5 MB leaves room for 2,000 members

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_DEPTH = 40  # a dossier nests 5 levels deep; deeper input only exhausts the stack
Mark = tuple[int, int]  # 1-based line, column
PathKey = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed YAML document and the position of each value, by path.

    ``sources`` keeps the text as written of every plain (unquoted) scalar that YAML 1.1 read
    as something other than text (``0661234567`` → an octal number, ``NO`` → false): a field
    typed as text uses that text instead. ``comments`` keeps, for a plain scalar followed on
    its line by `` #``, where that comment starts and what it says: a value such as
    ``Lot #3 à livrer`` was cut there.
    """

    data: Any
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    sources: dict[PathKey, str] = field(default_factory=dict)
    comments: dict[PathKey, tuple[Mark, str]] = field(default_factory=dict)

    def mark(self, path: PathKey) -> Mark | None:
        """Position of ``path``, or of its nearest parent that has one."""
        while True:
            if path in self.marks:
                return self.marks[path]
            if not path:
                return None
            path = path[:-1]


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, refusing folders, huge files and binary content."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing folders, devices and huge files."""
    shown = str(path)
    if not path.exists():
        raise UnreadableError("errors.file_missing", file=shown)
    if path.is_dir():
        raise UnreadableError("errors.file_is_folder", file=shown)
    if not path.is_file():  # a pipe or a device (/dev/zero) could block or never end
        raise UnreadableError("errors.file_unreadable", file=shown, reason="not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableError(
                "errors.file_too_large", file=shown, size=size, limit=MAX_BYTES
            )
        with open(path, "rb") as handle:  # bounded: the size may lie (/proc) or grow meanwhile
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise UnreadableError(
                "errors.file_too_large", file=shown, size=len(raw), limit=MAX_BYTES
            )
    except OSError as exc:
        raise UnreadableError("errors.file_unreadable", file=shown, reason=exc.strerror) from exc
    return raw


def newline_of(raw: bytes) -> str:
    """The line ending a file uses (CR LF for a file saved on Windows), to write it back."""
    return "\r\n" if b"\r\n" in raw else "\n"


def encode(text: str, newline: str = "\n") -> bytes:
    """UTF-8 bytes of ``text`` (whose lines end in LF) with ``newline`` line ends."""
    return (text.replace("\n", newline) if newline != "\n" else text).encode("utf-8")


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is accepted), naming the line of the first bad byte."""
    if b"\x00" in raw:
        raise UnreadableError("errors.file_binary", file=shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnreadableError("errors.file_not_utf8", file=shown, line=line, column=column) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_located(text: str, shown: str) -> Located:
    """Parse one YAML document safely, recording where each value stands."""
    with paused():  # a 2,000-member dossier is ~100,000 objects: collecting meanwhile is waste
        return _load_located(text, shown)


def _load_located(text: str, shown: str) -> Located:
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters right here
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, shown) from exc
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(data=None)
        located = Located(data=None)
        located.data = _build(loader, node, (), located, shown, set(), text)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "?"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise UnreadableError(
            "errors.yaml_syntax", file=shown, line=line, column=column, reason=problem
        ) from exc
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, shown) from exc
    except RecursionError as exc:  # the pure-Python composer recurses once per nesting level
        raise UnreadableError("errors.yaml_syntax", file=shown, line=None, column=None,
                              reason=f"nested deeper than {MAX_DEPTH} levels") from exc
    except yaml.YAMLError as exc:
        raise UnreadableError("errors.yaml_syntax", file=shown, line=None, column=None,
                              reason=str(exc)) from exc
    finally:
        loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, text: str, shown: str) -> UnreadableError:
    # A raw control character: placed by its offset in the text.
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return UnreadableError("errors.yaml_syntax", file=shown, line=line, column=column,
                           reason=f"character U+{code:04X} not allowed")


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _where(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: PathKey,
    located: Located,
    shown: str,
    visited: set[int],
    text: str,
) -> Any:
    # An alias makes the composer hand back the very node it points to: meeting a node twice
    # is how an alias shows, and refusing it is what defuses "billion laughs" documents.
    if id(node) in visited:
        raise _alias_error(node, shown)
    visited.add(id(node))
    marks = located.marks
    marks[path] = _where(node)
    if len(path) > MAX_DEPTH:
        line, column = _where(node)
        raise UnreadableError("errors.yaml_syntax", file=shown, line=line, column=column,
                              reason=f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        line, column = _where(node)  # e.g. !!python/object/apply, !!set: never constructed
        raise UnreadableError("errors.yaml_tag", file=shown, line=line, column=column,
                              tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            if id(key_node) in visited:
                raise _alias_error(key_node, shown)
            visited.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode):
                raise UnreadableError("errors.yaml_bad_key", file=shown, line=_where(key_node)[0],
                                      column=_where(key_node)[1])
            key = _scalar(loader, key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise UnreadableError("errors.yaml_bad_key", file=shown, line=_where(key_node)[0],
                                      column=_where(key_node)[1])
            if key in seen:
                line, column = _where(key_node)
                raise UnreadableError("errors.yaml_duplicate_key", file=shown, line=line,
                                      column=column, key=str(key), first=seen[key][0])
            seen[key] = _where(key_node)
            sub = (*path, str(key))
            if key == "<<":
                raise _alias_error(key_node, shown)
            result[key] = _build(loader, value_node, sub, located, shown, visited, text)
            marks[sub] = _where(key_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), located, shown, visited, text)
            for i, item in enumerate(node.value)
        ]
    value = _scalar(loader, node)
    if not cast(yaml.ScalarNode, node).style:  # plain: YAML 1.1 may have read it otherwise
        if not isinstance(value, str) and value is not None:
            located.sources[path] = node.value
        end = node.end_mark.index
        if text[end:end + 2] in _CUT:
            _note_comment(node, path, located, text)
    return value


# A single space or tab before "#" reads as part of the text to a person ("Lot #3"), while
# YAML ends the value there; two spaces are the usual sign of a deliberate comment.
_CUT = (" #", "\t#")


def _note_comment(node: yaml.Node, path: PathKey, located: Located, text: str) -> None:
    end = node.end_mark.index
    stop = text.find("\n", end)
    rest = text[end + 1: stop if stop >= 0 else len(text)]
    located.comments[path] = ((node.end_mark.line + 1, node.end_mark.column + 2), rest)


# Constructors of these tags return the value at once (no generator, nothing to recurse into):
# calling them directly skips construct_object's bookkeeping, a third of loading a big dossier.
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                         ("str", "int", "float", "bool", "null", "timestamp"))


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # "2026-02-30" looks like a date but is none, "!!int abc" is no number, a 5,000-digit integer
    # exceeds Python's limit: keep such a value as its text, so the schema check says, at its
    # place, what was expected instead of the whole file failing with an internal error.
    try:
        if node.tag in _SCALAR_TAGS and isinstance(node, yaml.ScalarNode):
            return loader.yaml_constructors[node.tag](loader, node)
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return node.value


def _alias_error(node: yaml.Node, shown: str) -> UnreadableError:
    line, column = _where(node)
    return UnreadableError("errors.yaml_alias", file=shown, line=line, column=column)


# --- writing -------------------------------------------------------------------------------


class _BlockDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Readable output: multi-line strings as blocks, no aliases, accents as-is."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _decimal_representer(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _datetime_representer(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:timestamp", value.isoformat(timespec="seconds")
    )


_BlockDumper.add_representer(str, _str_representer)
_BlockDumper.add_representer(Decimal, _decimal_representer)
_BlockDumper.add_representer(dt.datetime, _datetime_representer)


def dump(data: Any) -> str:
    """YAML text for ``data``: key order kept, Unicode written as-is, long lines not folded."""
    return yaml.dump(  # noqa: S506 - a SafeDumper subclass
        data,
        Dumper=_BlockDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
        indent=2,
    )


def problem_at(
    located: Located | None, path: PathKey, key: str, shown: str, dotted: str, /, **params: Any
) -> Problem:
    """A :class:`Problem` for ``path``, placed at its line and column when known."""
    mark = located.mark(path) if located else None
    return Problem(
        key=key, params=params, path=dotted, file=shown,
        line=mark[0] if mark else None, column=mark[1] if mark else None,
    )


def dotted(loc: PathKey) -> str:
    """``('members', 'entities', 2, 'email')`` → ``members.entities[2].email``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def iter_paths(data: Any, prefix: PathKey = ()) -> Iterator[PathKey]:
    """Every path in a nested dict/list structure (used by tests and diagnostics)."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, (*prefix, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_paths(value, (*prefix, i))
