"""Reading, checking and saving dossier files.

``load`` returns a valid dossier or raises with *every* problem at once, each placed at its
file:line:column and dotted path. ``save`` is atomic, writes a readable, commented file, and
changes only the values that changed in a file that exists (see :mod:`reseau_cli.splice`).
Editing sessions that lock the file and merge changes made meanwhile are in
:mod:`reseau_cli.session`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reseau_cli import __version__, splice, yamlio
from reseau_cli.catalogue import Field_, load_catalogue
from reseau_cli.dossier import SCHEMA_VERSION, Dossier, dossier_model, to_data
from reseau_cli.errors import InvalidDossierError, Problem, UnreadableError
from reseau_cli.files import atomic_write
from reseau_cli.yamltraps import as_written

dotted = yamlio.dotted  # ``('members', 'entities', 2)`` → ``members.entities[2]``

SCHEMA_FILE = "reseau-dossier.schema.json"
HEADER = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"

MAX_PROBLEMS = 200  # problems explained one by one; the count covers them all

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, to the second, in UTC (the default clock)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def load(path: Path) -> Dossier:
    """Read and validate a dossier file; raise with every problem found."""
    return read(path).dossier


@dataclass(frozen=True)
class Loaded:
    """A valid dossier, the text it was read from, and warnings about that text."""

    dossier: Dossier
    text: str  # with "\n" line ends
    warnings: list[Problem] = field(default_factory=list)
    newline: str = "\n"  # the file's own line ends, kept when it is saved


def read(path: Path) -> Loaded:
    """Read and validate a dossier file, keeping its text and the warnings it deserves."""
    raw = yamlio.read_bytes(Path(path))
    text = yamlio.decode(raw, str(path))
    dossier, warnings = parse_checked(text, str(path))
    return Loaded(dossier=dossier, text=text, warnings=warnings, newline=yamlio.newline_of(raw))


def parse(text: str, shown: str) -> Dossier:
    """Validate dossier YAML text (``shown`` names it in messages)."""
    return parse_checked(text, shown)[0]


def parse_checked(text: str, shown: str) -> tuple[Dossier, list[Problem]]:
    """Validate dossier YAML text; also return warnings (values a ``#`` cut short)."""
    located = yamlio.load_located(text, shown)
    data = located.data
    if data is None:
        raise InvalidDossierError("errors.dossier_empty", file=shown)
    if not isinstance(data, dict):
        line, column = located.mark(()) or (None, None)
        raise InvalidDossierError("errors.dossier_not_mapping", file=shown, line=line,
                                  column=column)
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        line, column = located.mark(("schema_version",)) or (None, None)
        raise InvalidDossierError("errors.schema_from_future", file=shown, line=line,
                                  column=column, found=version, supported=SCHEMA_VERSION)
    warnings = as_written(located, shown)[:MAX_PROBLEMS]  # a hostile file may hold 100,000s
    try:
        return dossier_model().model_validate(data), warnings
    except ValidationError as exc:
        errors = exc.errors()
        # A hostile file can hold 100,000s of mistakes: count them all, explain the first ones.
        problems = [_problem(err, located, shown) for err in errors[:MAX_PROBLEMS]]
        raise InvalidDossierError("errors.dossier_invalid", problems=problems + warnings,
                                  file=shown, count=len(errors)) from exc


def _problem(err: Any, located: yamlio.Located, shown: str) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = err["type"]
    params: dict[str, Any] = {"detail": err.get("msg", "")}
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        params["key"] = str(loc[-1])
        params["suggestion"] = _did_you_mean(loc)
        key = "schema.unknown_key_hint" if params["suggestion"] else "schema.unknown_key"
    elif kind == "literal_error":
        item = _field_at(loc)
        params["value"] = _short(err.get("input"))
        if item and item.choices:  # the labels the wizard shows, each with the key to write
            for lang in ("fr", "en"):
                params[f"allowed_{lang}"] = ", ".join(
                    f"{c.value} ({c.label(lang)})" for c in item.choices)
            key = "schema.choice_labels"
        else:
            params["allowed"] = str(ctx.get("expected", ""))
            key = "schema.choice"
    elif kind.startswith("date_") and _impossible_date(err.get("input")):
        params["value"] = _short(err.get("input"))
        key = "schema.date_impossible"
    elif kind == "string_pattern_mismatch":
        item = _field_at(loc)
        params["value"] = _short(err.get("input"))
        rule = item.validate_ if item else None
        if rule and rule.message:
            params["fr"], params["en"] = rule.message.fr, rule.message.en
            key = "schema.custom"
        else:
            key = "schema.pattern"
    else:
        params.update({k: v for k, v in ctx.items() if isinstance(v, str | int | float)})
        params["value"] = _short(err.get("input"))
        key = f"schema.{kind}"
    return yamlio.problem_at(located, loc, key, shown, dotted(loc), **params)


def _impossible_date(value: Any) -> bool:
    """Whether ``value`` is written as a date YYYY-MM-DD that the calendar lacks (02-30)."""
    if not isinstance(value, str) or not _DATE_SHAPE.match(value.strip()):
        return False
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return True
    return False


_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _field_at(loc: tuple[str | int, ...]) -> Field_ | None:
    """The catalogue definition of the field at ``loc``, if it is a question or record field."""
    names = [p for p in loc if isinstance(p, str)]
    if len(names) < 2:
        return None
    try:
        question = load_catalogue().question(f"{names[0]}.{names[1]}")
    except KeyError:
        return None
    if len(names) >= 3:
        return next((f for f in question.fields if f.id == names[2]), None)
    return question


def _did_you_mean(loc: tuple[str | int, ...]) -> str:
    """The closest allowed key at the level of an unknown key, or ''."""
    model: Any = dossier_model()
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return ""
        annotation = info.annotation
        model = _model_in(annotation)
        if model is None:
            return ""
    matches = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def dumps(dossier: Dossier) -> str:
    """The YAML text of a dossier, with its schema comment."""
    return HEADER + yamlio.dump(to_data(dossier))


def stamp(dossier: Dossier, clock: Clock = utc_now) -> Dossier:
    """``dossier`` with its creation and update times and the generator's version set."""
    now = clock()
    meta = dossier.meta.model_copy(
        update={"created": dossier.meta.created or now, "updated": now,
                "generator": f"reseau {__version__}"}
    )
    return dossier.model_copy(update={"meta": meta})


def edited_text(text: str, before: Dossier, after: Dossier, shown: str) -> str | None:
    """``text`` (which ``before`` was read from) changed to hold ``after``.

    Only the values that differ are rewritten: comments, order, quoting and layout stay (see
    :mod:`reseau_cli.splice`). Each section written anew is read back and checked (the
    others are the very lines that were read): None when one does not hold exactly what
    ``after`` holds (a layout the editor cannot follow), and the caller writes the dossier
    afresh instead.
    """
    expected = to_data(after)
    edited = splice.edit(text, to_data(before), expected)
    if edited is None:
        return None
    for key, section in edited.sections.items():
        try:
            if to_data(parse(section, shown)).get(key) != expected[key]:
                return None
        except (InvalidDossierError, UnreadableError):
            return None
    return edited.text


def save(dossier: Dossier, path: Path, clock: Clock = utc_now) -> Dossier:
    """Stamp and atomically write ``dossier`` to ``path``; return the stamped dossier.

    An existing valid dossier is edited in place (see :func:`edited_text`), so its comments
    and layout survive; otherwise the file is written afresh.
    """
    path = Path(path)
    stamped = stamp(dossier, clock)
    text, newline = dumps(stamped), "\n"
    if path.exists():
        try:
            before = read(path)
        except (InvalidDossierError, UnreadableError):
            pass
        else:
            edited = edited_text(before.text, before.dossier, stamped, str(path))
            text = edited if edited is not None else text
            newline = before.newline
    atomic_write(path, yamlio.encode(text, newline))
    return stamped


def load_partial(path: Path) -> dict[str, Any]:
    """Raw data of a partial answers file (``--answers``), safely parsed, not validated yet."""
    located = yamlio.load_located(yamlio.read_text(Path(path)), str(path))
    if located.data is None:
        return {}
    if not isinstance(located.data, dict):
        raise UnreadableError("errors.dossier_not_mapping", file=str(path), line=1, column=1)
    return located.data
