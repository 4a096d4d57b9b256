"""Members in bulk: a CSV or XLSX table of member organisations, into and out of a dossier.

Column headers may be French or English: each member field of the catalogue lists the words
that name it (``aliases``: nom/name, ville/city, courriel/email...), compared without case or
accents. Every row is checked with the dossier's own member model; a bad cell is reported as
``FILE:row:column``. Cells are read as text, so phone numbers keep their leading zero (in XLSX
too, when the cell's number format pads with zeros). Members are matched by name: a name
already in the dossier is updated, a new one is added.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from reseau_cli import display
from reseau_cli.catalogue import Field_, Question, load_catalogue
from reseau_cli.dossier import Dossier, get_answer, set_answer
from reseau_cli.errors import InvalidDossierError, Problem, UnreadableError
from reseau_cli.kinds import ChoiceKind, YesNoKind, kind_of, record_model
from reseau_cli.yamlio import read_text

KEY = "members.entities"
_YES = {"oui", "o", "yes", "y", "x", "1", "true", "vrai"}
_NO = {"non", "n", "no", "0", "false", "faux", ""}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def member_question() -> Question:
    """The catalogue's member list question."""
    return load_catalogue().question(KEY)


def header_map(question: Question) -> dict[str, Field_]:
    """Every accepted header (normalised) → its field: id, prompts, aliases."""
    names: dict[str, Field_] = {}
    for item in question.fields:
        for word in (item.id, item.prompt("fr"), item.prompt("en"), *item.aliases):
            names.setdefault(_plain(word), item)
    return names


@dataclass
class Table:
    """A table read from a file: its header row and its rows, all cells as text."""

    header: list[str]
    rows: list[list[str]]
    file: str


@dataclass
class ImportResult:
    """What an import found and did."""

    members: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)  # bad rows (skipped with --skip-invalid)
    unknown_columns: list[str] = field(default_factory=list)
    skipped_rows: int = 0


def _xlsx_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value)) if float(value).is_integer() else str(value)
        pad = str(cell.number_format or "")
        if pad and set(pad) == {"0"} and len(pad) > len(text):  # "0612..." kept by its format
            text = text.zfill(len(pad))
        return text
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def read_table(path: Path) -> Table:
    """The first sheet of an XLSX file, or a CSV file (comma or semicolon, UTF-8)."""
    shown = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise UnreadableError("errors.file_missing", file=shown) from None
        except Exception as exc:  # noqa: BLE001 - any damaged workbook: one clear message
            raise UnreadableError("members.bad_xlsx", file=shown, reason=str(exc)) from None
        sheet = book.worksheets[0]
        rows = [[_xlsx_text(c) for c in row] for row in sheet.iter_rows()]
        book.close()
    else:
        text = read_text(path)
        dialect = "excel"
        first = text.split("\n", 1)[0]
        if first.count(";") > first.count(","):
            dialect = "excel-semicolon"
        reader = csv.reader(io.StringIO(text), delimiter=";" if dialect != "excel" else ",")
        rows = [[cell.strip() for cell in row] for row in reader]
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise UnreadableError("members.empty_table", file=shown)
    return Table(header=rows[0], rows=rows[1:], file=shown)


def _cell_value(item: Field_, text: str, lang: str) -> Any:
    kind = kind_of(item)
    if isinstance(kind, YesNoKind):
        word = _plain(text)
        if word in _YES:
            return True
        if word in _NO:
            return None if not text else False
        return text  # fails validation: "yes or no expected"
    if isinstance(kind, ChoiceKind):
        for choice in item.choices:
            if _plain(text) in {_plain(choice.value), _plain(choice.label("fr")),
                                _plain(choice.label("en"))}:
                return choice.value
        return text or None
    return text or None


def rows_to_members(table: Table, lang: str) -> ImportResult:
    """Check every row; the members of the good ones, and a problem per bad cell."""
    question = member_question()
    names = header_map(question)
    result = ImportResult()
    columns: dict[int, Field_] = {}
    for index, header in enumerate(table.header):
        item = names.get(_plain(header))
        if item is None:
            if header.strip():
                result.unknown_columns.append(header)
        elif item not in columns.values():
            columns[index] = item
    name_field = question.fields[0]
    if name_field not in columns.values():
        raise InvalidDossierError("members.no_name_column", file=table.file,
                                  headers=", ".join(table.header))
    model = TypeAdapter(record_model(question))
    for number, row in enumerate(table.rows, start=2):
        data: dict[str, Any] = {}
        for index, item in columns.items():
            value = _cell_value(item, row[index] if index < len(row) else "", lang)
            if value is not None:
                data[item.id] = value
        try:
            record = model.validate_python(data)
        except ValidationError as exc:
            result.skipped_rows += 1
            for error in exc.errors():
                result.problems.append(_problem(error, columns, table, number, data))
            continue
        result.members.append(record.model_dump(exclude_none=True))
    return result


def _problem(error: Any, columns: dict[int, Field_], table: Table, number: int,
             data: dict[str, Any]) -> Problem:
    """One bad cell as ``FILE:row:column`` with the schema's message in the user's words."""
    field_id = str(error["loc"][0]) if error["loc"] else ""
    column = next((i for i, f in columns.items() if f.id == field_id), None)
    item = columns.get(column) if column is not None else None
    kind = error["type"]
    params: dict[str, Any] = {k: v for k, v in (error.get("ctx") or {}).items()
                              if isinstance(v, str | int | float)}
    params.update(value=data.get(field_id, ""), detail=error["msg"])
    key = "schema.pattern" if kind == "string_pattern_mismatch" else f"schema.{kind}"
    if item is not None and item.validate_ and item.validate_.message:
        key, params = "schema.custom", {"fr": item.validate_.message("fr"),
                                        "en": item.validate_.message("en")}
    header = table.header[column] if column is not None else field_id
    return Problem(key=key, file=table.file, line=number,
                   column=(column + 1) if column is not None else None,
                   path=f"{header}", params=params)


def merge_members(dossier: Dossier, imported: list[dict[str, Any]]) -> tuple[Dossier, int, int]:
    """``dossier`` with ``imported`` members: same name → updated, else added."""
    current = [m.model_dump(exclude_none=True) for m in get_answer(dossier, KEY) or []]
    index = {_plain(str(m.get("name", ""))): i for i, m in enumerate(current)}
    added = updated = 0
    for member in imported:
        where = index.get(_plain(str(member["name"])))
        if where is None:
            index[_plain(str(member["name"]))] = len(current)
            current.append(member)
            added += 1
        else:
            current[where] = {**current[where], **member}
            updated += 1
    return set_answer(dossier, KEY, current), added, updated


def export_rows(dossier: Dossier, lang: str) -> list[list[str]]:
    """The members as a table (header first) that :func:`rows_to_members` reads back."""
    question = member_question()
    header = [item.aliases[0] if lang == "fr" and item.aliases else item.id
              for item in question.fields]
    rows = [header]
    for member in get_answer(dossier, KEY) or []:
        data = member.model_dump()
        row = []
        for item in question.fields:
            value = data.get(item.id)
            if isinstance(kind_of(item), YesNoKind):
                row.append(display.yes_no(value, lang).lower())
            else:
                row.append(kind_of(item).show(item, value, lang))
        rows.append(row)
    return rows


def export_csv(dossier: Dossier, lang: str) -> str:
    """The members as CSV text (comma-separated, UTF-8)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(export_rows(dossier, lang))
    return out.getvalue()
