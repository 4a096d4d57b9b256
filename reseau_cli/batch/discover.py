"""Which dossiers a batch works on, and which sub-folder of --out each one gets.

Inputs are files, folders (every ``*.yaml``/``*.yml`` directly inside) and globs (``**``
recurses). The list is deduplicated and sorted, so the same inputs always give the same jobs in
the same order, whatever the number of workers.
"""

from __future__ import annotations

import glob
import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase as fnmatch
from pathlib import Path

import yaml

from reseau_cli.errors import ReseauError, UnreadableError, UsageError

SUFFIXES = (".yaml", ".yml")
_GLOB_MAGIC = frozenset("*?[")

_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Job:
    """One dossier to render: its file, its slug and the folder its documents go to."""

    index: int  # position in the sorted list (failures are summed up in this order)
    path: Path
    slug: str
    out_dir: Path


def discover(inputs: Sequence[str | Path]) -> list[Path]:
    """Every dossier file named by ``inputs``, deduplicated and sorted by path.

    A file is taken as given (even when it does not exist: the batch then reports it as
    failed instead of stopping); a folder gives its YAML files; a glob gives what it matches.
    Raises :class:`UsageError` when an input that is a folder or a glob yields nothing.
    """
    found: dict[str, Path] = {}
    for raw in inputs:
        text = str(raw)
        matches = _expand(text)
        if matches is None:
            raise UsageError("batch.no_match", input=text)
        for path in matches:
            found.setdefault(os.path.realpath(path), path)
    return sorted(found.values(), key=_sort_key)


def _expand(text: str) -> list[Path] | None:
    path = Path(text)
    if path.is_dir():
        return _yaml_in(path) or None
    if path.exists() or not (_GLOB_MAGIC & set(text)):
        return [path]
    matches: list[Path] = []
    for hit in sorted(_glob(text)):
        hit_path = Path(hit)
        if hit_path.is_dir():
            matches += _yaml_in(hit_path)
        elif hit_path.suffix.lower() in SUFFIXES and hit_path.is_file():  # not a pipe
            matches.append(hit_path)
    return matches or None


def _glob(pattern: str) -> set[str]:
    """What ``pattern`` matches, like :func:`glob.glob` with ``recursive=True``.

    Except that ``**`` enters each real folder once: a link loop (``d/self -> .``) cannot
    make it run on.
    """
    absolute = pattern.startswith(os.sep)
    parts = [part for part in pattern.split(os.sep) if part]
    if pattern.endswith(os.sep) and parts:
        parts.append("")  # a trailing separator: folders only
    found: set[str] = set()
    _match(os.sep if absolute else "", parts, found)
    return found


def _match(base: str, parts: list[str], found: set[str]) -> None:
    if not parts or parts == [""]:
        if base and (os.path.isdir(base) if parts else os.path.lexists(base)):
            found.add(base)
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        for folder in _folders_below(base):
            _match(folder, rest, found)
            if not rest:  # a final ``**`` also matches the files in every folder
                found.update(os.path.join(folder, name) for name in _names(folder)
                             if not name.startswith("."))
    elif not glob.has_magic(head):
        path = os.path.join(base, head)
        if os.path.isdir(path) if rest else os.path.lexists(path):
            _match(path, rest, found)
    else:
        for name in _names(base):
            if (not name.startswith(".") or head.startswith(".")) and fnmatch(name, head):
                path = os.path.join(base, name)
                if not rest or os.path.isdir(path):
                    _match(path, rest, found)


def _folders_below(base: str) -> list[str]:
    """``base`` and every visible folder under it, links followed, each real folder once."""
    seen: set[tuple[int, int]] = set()
    folders: list[str] = []
    pending = deque([base])  # breadth first: a folder is reached by its shortest path
    while pending:
        folder = pending.popleft()
        try:
            info = os.stat(folder or ".")
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        folders.append(folder)
        for name in _names(folder):
            path = os.path.join(folder, name)
            if not name.startswith(".") and os.path.isdir(path):
                pending.append(path)
    return folders


def _names(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder or "."))
    except OSError:
        return []


def _yaml_in(folder: Path) -> list[Path]:
    try:
        children = list(folder.iterdir())
    except OSError as exc:
        raise UnreadableError("errors.file_unreadable", file=str(folder),
                              reason=exc.strerror) from exc
    return sorted(
        child for child in children
        if child.suffix.lower() in SUFFIXES and not child.name.startswith(".") and child.is_file()
    )


def _sort_key(path: Path) -> tuple[str, ...]:
    return path.parts


def plan(
    paths: Iterable[Path], out_dir: Path, slug_of: Callable[[str | None, Path], str]
) -> list[Job]:
    """Give each dossier its own sub-folder of ``out_dir``, named from its slug.

    ``slug_of(name, path)`` turns the network's short name or name (``None`` when there is
    none or it cannot be read) into a slug. Two dossiers with the same slug get ``slug``,
    ``slug-2``, ``slug-3``... in the order of ``paths`` (sorted), so the layout does not
    depend on which worker finishes first.
    """
    from reseau_cli.naming import unique_name

    taken: set[str] = set()
    jobs: list[Job] = []
    for index, path in enumerate(paths):
        slug = unique_name(slug_of(read_name(path), path), taken)
        taken.add(slug)
        jobs.append(Job(index=index, path=path, slug=slug, out_dir=out_dir / slug))
    return jobs


def read_name(path: Path) -> str | None:
    """What a dossier's slug comes from: ``name.short_name``, else ``name.name``, else ``None``.

    Only the YAML events up to the end of the ``name`` section are parsed, so this costs a
    fraction of loading the dossier; a file that cannot be read gives ``None`` (it fails later,
    when it is loaded, with the full message).
    """
    from reseau_cli.yamlio import read_text

    try:
        text = read_text(path)
    except ReseauError:
        return None
    try:
        found = _scan_name_section(yaml.parse(text, Loader=_Parser))
    except yaml.YAMLError:
        return None
    return found.get("short_name") or found.get("name") or None


def _scan_name_section(events: Iterable[yaml.Event]) -> dict[str, str]:
    """The plain text values directly in the top-level ``name`` mapping, stopping after it."""
    frames: list[_Frame] = []
    found: dict[str, str] = {}
    for event in events:
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            frames.append(_Frame(is_map=isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frames.pop()
            if len(frames) == 1 and frames[0].key == "name" and not frames[0].awaiting_key:
                return found  # the name section is over
            _node_done(frames)
        elif isinstance(event, yaml.ScalarEvent):
            top = frames[-1] if frames else None
            if top is not None and top.is_map and top.awaiting_key:
                top.key = event.value
            elif (len(frames) == 2 and frames[0].key == "name" and top is not None
                  and top.key is not None and event.value.strip() and not _is_null(event)):
                found[top.key] = event.value.strip()
            _node_done(frames)
        elif isinstance(event, yaml.AliasEvent):
            return {}  # refused when the dossier is loaded
    return found


def _is_null(event: yaml.ScalarEvent) -> bool:
    return not event.style and event.value in ("~", "null", "Null", "NULL")


@dataclass
class _Frame:
    is_map: bool
    key: str | None = None
    awaiting_key: bool = True


def _node_done(frames: list[_Frame]) -> None:
    """A key or a value has been read in the innermost mapping: expect the other one."""
    if frames and frames[-1].is_map:
        top = frames[-1]
        if not top.awaiting_key:
            top.key = None
        top.awaiting_key = not top.awaiting_key
