"""An editing session over one dossier file: locked, merged, saved in place.

``open_session`` takes the dossier's lock (a second wizard on the same file is told which
process holds it), reads the file, and remembers what it read: its modification time, size
and content hash. Each :meth:`Session.save` then

1. checks whether the file changed on disk since (a hand edit while the wizard is open);
2. if so, merges: the other side's changes are kept for every question this save does not
   change; a question both changed differently stops the save with a :class:`ConflictError`
   that names it (nothing is written, the session's answers stay in memory);
3. writes only the values that changed, keeping comments and layout (:mod:`reseau_cli.roundtrip`),
   atomically, through a symlink if the dossier is one.
"""

from __future__ import annotations

import hashlib
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reseau_cli import store, yamlio
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import Dossier, dossier_model, to_data
from reseau_cli.errors import (
    ConflictError,
    InvalidDossierError,
    Problem,
    UnreadableError,
    WriteError,
)
from reseau_cli.files import atomic_write
from reseau_cli.lockfile import Lock, acquire


@dataclass
class Session:
    """One process's editing of one dossier file (see the module's description)."""

    path: Path
    clock: store.Clock = store.utc_now
    dossier: Dossier | None = None  # as last read or written; None: no file yet
    warnings: list[Problem] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # keys taken from disk at the last save
    _text: str | None = None
    _digest: str | None = None  # sha256 of the file's bytes as last read or written
    _newline: str = "\n"  # the file's line ends ("\r\n" if saved on Windows), kept
    _lock: Lock | None = None

    @property
    def shown(self) -> str:
        """The file's name as the user gave it."""
        return str(self.path)

    def close(self) -> None:
        """Let other processes write the dossier."""
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- saving -------------------------------------------------------------------------

    def save(self, dossier: Dossier) -> Dossier:
        """Write ``dossier`` (merged with changes made on disk meanwhile); return what was written.

        Raises :class:`ConflictError` when the file changed at a question this save changes
        too, and :class:`~reseau_cli.errors.WriteError` when the disk refuses: in both cases
        the file is left as it was.
        """
        ours = store.stamp(dossier, self.clock)
        self.merged = []
        disk = self._changed_on_disk()
        base: Dossier | None
        if disk is not None:
            theirs, text = disk
            ours = self._merge(ours, theirs)
            base, self._text = theirs, text
        else:
            base = self.dossier
        text = self._text_for(base, ours)
        raw = yamlio.encode(text, self._newline)
        atomic_write(self.path, raw)
        self._digest = hashlib.sha256(raw).hexdigest()
        self.dossier, self._text = ours, text
        return ours

    def _text_for(self, base: Dossier | None, ours: Dossier) -> str:
        if base is not None and self._text is not None:
            text = store.edited_text(self._text, base, ours, self.shown)
            if text is not None:
                return text
        return store.dumps(ours)  # a new file, or a layout the editor cannot follow

    def _changed_on_disk(self) -> tuple[Dossier, str] | None:
        """The dossier on disk and its text, when it is not what this session last saw.

        The modification time is only a hint (it may not move within a second, or be set
        back): the content's hash decides, and reading a dossier costs well under 1 ms.
        """
        try:
            raw = yamlio.read_bytes(self.path)
        except UnreadableError as exc:
            if not os.path.exists(self.path) or os.path.isdir(self.path):
                return None  # removed meanwhile (writing it again loses nothing), or the
                # write will say that a folder is in the way
            raise ConflictError("errors.dossier_changed_invalid", file=self.shown) from exc
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._digest or (self._digest is None and not raw.strip()):
            return None
        try:
            text = yamlio.decode(raw, self.shown)
            theirs, _ = store.parse_checked(text, self.shown)
            self._newline = yamlio.newline_of(raw)
        except (InvalidDossierError, UnreadableError) as exc:
            raise ConflictError("errors.dossier_changed_invalid", file=self.shown) from exc
        return theirs, text

    def _merge(self, ours: Dossier, theirs: Dossier) -> Dossier:
        base = to_data(self.dossier) if self.dossier is not None else {}
        mine, other = to_data(ours), to_data(theirs)
        conflicts: list[str] = []
        merged = dict(other)
        for key in answer_keys():
            b, o, t = _at(base, key), _at(mine, key), _at(other, key)
            if o == b:
                if t != b:
                    self.merged.append(key)
                continue  # this save leaves it: theirs stands
            if t != b and t != o:
                conflicts.append(key)
            _put(merged, key, o)
        if conflicts:
            raise ConflictError("errors.dossier_conflict", file=self.shown,
                                keys=", ".join(conflicts))
        merged["meta"] = mine.get("meta", {})
        try:
            result = dossier_model().model_validate(merged)
        except ValueError as exc:  # pydantic's ValidationError: the two sides do not fit
            raise ConflictError("errors.dossier_conflict", file=self.shown,
                                keys=", ".join(self.merged)) from exc
        return result


def open_session(path: Path, *, clock: store.Clock = store.utc_now, must_exist: bool = False,
                 command: str | None = None) -> Session:
    """Lock ``path`` and read it (when it exists); the lock lasts until ``close`` or exit."""
    path = Path(path)
    if must_exist or os.path.exists(path):
        yamlio.read_bytes(path)  # a missing or unreadable file is said before any lock
    lock = acquire(path, str(path), command)
    session = Session(path=path, clock=clock, _lock=lock)
    weakref.finalize(session, lock.release)  # also released if the caller forgets
    try:
        if os.path.exists(path):
            raw = yamlio.read_bytes(path)
            session._text = yamlio.decode(raw, str(path))
            session._digest = hashlib.sha256(raw).hexdigest()
            session._newline = yamlio.newline_of(raw)
            session.dossier, session.warnings = store.parse_checked(session._text, str(path))
    except BaseException:
        lock.release()
        raise
    return session


def answer_keys() -> list[str]:
    """Every unit a merge decides on: the language, then each question's dotted key."""
    return ["language", *(q.key for q in load_catalogue().questions())]


def _at(data: dict[str, Any], key: str) -> Any:
    if "." not in key:
        return data.get(key, _MISSING)
    section, question = key.split(".", 1)
    part = data.get(section)
    return part.get(question, _MISSING) if isinstance(part, dict) else _MISSING


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if "." not in key:
        if value is _MISSING:
            data.pop(key, None)
        else:
            data[key] = value
        return
    section, question = key.split(".", 1)
    part = dict(data.get(section) or {})
    if value is _MISSING:
        part.pop(question, None)
    else:
        part[question] = value
    data[section] = part


_MISSING: Any = object()


def retrying(session: Session, ask_retry: Callable[[WriteError], bool],
             on_merge: Callable[[list[str]], None]) -> Callable[[Dossier], Dossier]:
    """``session.save`` that, when the disk refuses, asks ``ask_retry`` whether to try again.

    The answer being saved stays in memory meanwhile, and the file keeps every earlier answer
    (writes are atomic). ``on_merge`` hears which questions were taken from the disk.
    """

    def save(dossier: Dossier) -> Dossier:
        while True:
            try:
                saved = session.save(dossier)
            except WriteError as exc:
                if ask_retry(exc):
                    continue
                raise
            if session.merged:
                on_merge(session.merged)
            return saved

    return save
