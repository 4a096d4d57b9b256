"""Lists of records in the wizard: members, responsibilities, milestones, risks, budget lines.

One way to end a list, always the same: Enter on an empty first field (a name, a title...) or,
when the first field is a choice, its "end of the list" entry. No yes/no "add another?" whose
default could change under the user's fingers. In quick mode (``reseau new``) only the fields
marked ``quick`` are asked; the others come later (``reseau edit``, ``reseau members import``).
Each field is saved as it is typed: Ctrl-C inside an item keeps it, marked incomplete in the
dossier's ``meta``, and the next run completes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from rich.text import Text

from reseau_cli.catalogue import Field_, Question
from reseau_cli.display import founding_core_ok
from reseau_cli.dossier import get_answer
from reseau_cli.kinds import kind_of, record_summary
from reseau_cli.prompts import Signal, Unsure

if TYPE_CHECKING:
    from reseau_cli.wizard.flow import Wizard

END = "\x00end"  # the "end of the list" entry of a first field that is a choice
_KEEP, _EDIT, _DELETE = "keep", "edit", "delete"


def _noun(wizard: Wizard, question: Question) -> str:
    return question.item(wizard.lang) if question.item else question.prompt(wizard.lang)


def asked_fields(wizard: Wizard, question: Question) -> list[Field_]:
    """The fields asked for each item: the quick ones in quick mode, else all."""
    quick = [f for f in question.fields if f.quick]
    return quick if wizard.quick and quick else list(question.fields)


def ask_records(wizard: Wizard, question: Question, qmark: str) -> None:
    """Go over the current items (when editing), then add items until an empty first field."""
    current = get_answer(wizard.dossier, question.key) or []
    records: list[dict[str, Any]] = [r.model_dump(exclude_none=True) for r in current]
    meta = wizard.dossier.meta
    resuming = meta.incomplete_list() == question.key
    if resuming:
        index = meta.incomplete_index()
        if index is not None and index < len(records):  # stopped inside an item: complete it
            records[index] = _ask_record(wizard, question, records, index, records[index])
            _store(wizard, question, records, None)
    elif records and not wizard.quick:  # going over a list again: keep, change or drop each
        records = _review_items(wizard, question, records, qmark)
    fields = asked_fields(wizard, question)
    if wizard.quick and len(fields) < len(question.fields):
        wizard.say("wizard.records_quick", style="dim", count=len(fields),
                   fields=", ".join(f.prompt(wizard.lang) for f in fields), file=wizard.file,
                   section=question.section)
    wizard.say("wizard.records_end_hint", style="dim", item=_noun(wizard, question))
    while True:
        record = _ask_record(wizard, question, records, len(records), {})
        if not record:
            break
        records.append(record)
        _store(wizard, question, records, None)
    _store(wizard, question, records, None)
    _founding_note(wizard, question, records)


def _review_items(wizard: Wizard, question: Question, records: list[dict[str, Any]],
                  qmark: str) -> list[dict[str, Any]]:
    """Pick items to change or delete, one at a time, until "keep the list" (the default).

    A list of 200 members is not walked item by item: one prompt keeps it as it is.
    """
    noun = _noun(wizard, question)
    while records:
        choices = [(_KEEP, wizard.t("wizard.records_keep_all", count=len(records)))]
        choices += [(str(i), wizard.t("wizard.record_pick", item=noun.capitalize(), index=i + 1,
                                      summary=record_summary(question.fields, r, wizard.lang)))
                    for i, r in enumerate(records)]
        picked = wizard.prompter.select(wizard.t("wizard.records_action", item=noun), choices,
                                        qmark=qmark, default=_KEEP)
        if not picked.isdigit():
            return records
        index = int(picked)
        action = wizard.prompter.select(
            wizard.t("wizard.record_action"),
            [(_KEEP, wizard.t("wizard.record_keep")), (_EDIT, wizard.t("wizard.record_edit")),
             (_DELETE, wizard.t("wizard.record_delete"))], qmark=qmark, default=_KEEP)
        if action == _EDIT:
            records[index] = _ask_record(wizard, question, records, index, records[index])
        elif action == _DELETE:
            del records[index]
        _store(wizard, question, records, None)
    return records


def _store(wizard: Wizard, question: Question, records: list[dict[str, Any]],
           incomplete: int | None) -> None:
    marker = f"{question.key}[{incomplete}]" if incomplete is not None else None
    wizard.dossier = wizard.dossier.model_copy(
        update={"meta": wizard.dossier.meta.model_copy(update={"incomplete": marker})})
    wizard.store(question.key, records)


def _keep_partial(wizard: Wizard, question: Question, records: list[dict[str, Any]],
                  index: int, record: dict[str, Any]) -> bool:
    """Save an item as typed so far, marked incomplete; False when it cannot be saved yet."""
    try:
        _store(wizard, question, [*records[:index], record, *records[index + 1:]], index)
    except ValidationError:  # a required field is still missing
        return False
    return True


def _ask_record(wizard: Wizard, question: Question, records: list[dict[str, Any]],
                index: int, current: dict[str, Any]) -> dict[str, Any]:
    """Ask the fields of item ``index``; {} when the first field is left empty (end of list)."""
    noun = _noun(wizard, question)
    wizard.say("wizard.record_header", style="bold", item=noun.capitalize(), index=index + 1)
    fields = asked_fields(wizard, question)
    record: dict[str, Any] = dict(current)
    gender = "f" if question.feminine else "m"
    end_text = wizard.t(f"wizard.records_none_{gender}" if index == 0 else
                        f"wizard.records_end_{gender}", item=noun)
    position = 0
    try:
        while position < len(fields):
            item = fields[position]
            value = _ask_field(wizard, question, item, fields, position, record, current,
                               end_text)
            if value is Signal.BACK:
                position = max(position - 1, 0)
                continue
            if position == 0 and not current and value in (None, END):
                return {}
            if value is None or isinstance(value, Unsure):
                record.pop(item.id, None)
            else:
                record[item.id] = value
            position += 1
            if position < len(fields):  # saved as typed: Ctrl-C keeps what is there
                _keep_partial(wizard, question, records, index, record)
    except (KeyboardInterrupt, EOFError):
        if not record:
            _store(wizard, question, records, len(records))
        elif _keep_partial(wizard, question, records, index, record):
            wizard.say(f"wizard.record_kept_{gender}", item=noun.capitalize(), index=index + 1,
                       file=wizard.file)
        else:
            wizard.say(f"wizard.record_lost_{gender}", style="yellow", item=noun.capitalize(),
                       index=index + 1)
        raise
    return record


def _ask_field(wizard: Wizard, question: Question, item: Field_, fields: list[Field_],
               position: int, record: dict[str, Any], current: dict[str, Any],
               end_text: str) -> Any:
    qmark = "  " + wizard.t("wizard.qmark", index=position + 1, total=len(fields))
    key = f"{question.key}.{item.id}"
    first = position == 0 and not current
    while True:
        if first and not kind_of(item).typed:
            value = _first_choice(wizard, item, qmark, end_text)
        else:
            instruction = end_text if first else None
            default = record.get(item.id, item.default)
            required = item.required
            if first:  # an empty first field ends the list
                item = item.model_copy(update={"required": False})
            value = wizard.ask_value(item, key, default, qmark, instruction=instruction,
                                     skipped=bool(current) and item.id not in current)
            item = item.model_copy(update={"required": required})
        if value is Signal.HELP:
            if item.help:
                wizard.console.print(Text(f"    {item.help(wizard.lang)}", style="italic"))
            else:
                wizard.say("wizard.no_help", style="dim")
            continue
        return value


def _first_choice(wizard: Wizard, item: Field_, qmark: str, end_text: str) -> Any:
    choices = [(c.value, c.label(wizard.lang)) for c in item.choices]
    choices.append((END, end_text))
    picked = wizard.prompter.select(item.prompt(wizard.lang), choices, qmark=qmark, default=END)
    return Signal(picked) if picked in set(Signal) else picked


def _founding_note(wizard: Wizard, question: Question, records: list[dict[str, Any]]) -> None:
    if not any(item.id == "founding" for item in question.fields) or not records:
        return
    count = sum(bool(r.get("founding")) for r in records)
    wizard.say("wizard.founding_count", count=count)
    if not founding_core_ok(count):
        wizard.say("wizard.founding_advice", style="yellow")

