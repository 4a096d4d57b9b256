"""Reading, checking and saving dossier files.

``load`` returns a valid dossier or raises with *every* problem at once, each placed at its
file:line:column and dotted path. ``save`` is atomic and writes a readable, commented file.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reseau_cli import __version__, yamlio
from reseau_cli.catalogue import Field_, load_catalogue
from reseau_cli.dossier import SCHEMA_VERSION, Dossier, dossier_model, to_data
from reseau_cli.errors import InvalidDossierError, Problem, UnreadableError

SCHEMA_FILE = "reseau-dossier.schema.json"
HEADER = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"

MAX_PROBLEMS = 200  # problems explained one by one; the count covers them all

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, to the second, in UTC (the default clock)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def load(path: Path) -> Dossier:
    """Read and validate a dossier file; raise with every problem found."""
    path = Path(path)
    shown = str(path)
    return parse(yamlio.read_text(path), shown)


def parse(text: str, shown: str) -> Dossier:
    """Validate dossier YAML text (``shown`` names it in messages)."""
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
    try:
        return dossier_model().model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A hostile file can hold 100,000s of mistakes: count them all, explain the first ones.
        problems = [_problem(err, located, shown) for err in errors[:MAX_PROBLEMS]]
        raise InvalidDossierError("errors.dossier_invalid", problems=problems, file=shown,
                                  count=len(errors)) from exc


def dotted(loc: tuple[str | int, ...]) -> str:
    """``('members', 'entities', 2, 'email')`` → ``members.entities[2].email``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


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
        field = _field_at(loc)
        allowed = [c.value for c in field.choices] if field else []
        params["allowed"] = ", ".join(allowed) if allowed else str(ctx.get("expected", ""))
        params["value"] = _short(err.get("input"))
        key = "schema.choice"
    elif kind == "string_pattern_mismatch":
        field = _field_at(loc)
        params["value"] = _short(err.get("input"))
        rule = field.validate_ if field else None
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
        field = model.model_fields.get(part)
        if field is None:
            return ""
        annotation = field.annotation
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


def save(dossier: Dossier, path: Path, clock: Clock = utc_now) -> Dossier:
    """Stamp and atomically write ``dossier`` to ``path``; return the stamped dossier."""
    now = clock()
    meta = dossier.meta.model_copy(
        update={"created": dossier.meta.created or now, "updated": now,
                "generator": f"reseau {__version__}"}
    )
    stamped = dossier.model_copy(update={"meta": meta})
    yamlio.atomic_write(Path(path), dumps(stamped))
    return stamped


def load_partial(path: Path) -> dict[str, Any]:
    """Raw data of a partial answers file (``--answers``), safely parsed, not validated yet."""
    located = yamlio.load_located(yamlio.read_text(Path(path)), str(path))
    if located.data is None:
        return {}
    if not isinstance(located.data, dict):
        raise UnreadableError("errors.dossier_not_mapping", file=str(path), line=1, column=1)
    return located.data
