"""Question kinds: one class per ``type`` of the catalogue (text, choice, yes/no, amount...).

A kind holds everything that depends on the type of an answer: its pydantic annotation in the
dossier model, reading typed text, the message for unreadable text, the text that pre-fills a
prompt, how a value is shown to people, how it is asked, and its answer space in the printable
questionnaire. Adding a type of question is adding one class here and naming it in ``KINDS``.

Over 300 lines on purpose: nine small classes side by side, so that what differs between two
kinds reads at a glance; each class alone is short.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)
from typing_extensions import override

from reseau_cli import display, i18n
from reseau_cli.amounts import Amount
from reseau_cli.prompts import Prompter, Signal

if TYPE_CHECKING:
    from reseau_cli.catalogue import Field_

# Per-answer bounds no real charter comes near; they keep every later stage (templates, pandoc,
# Typst, whose time grows faster than the text) fast, and show in the JSON schema and in errors.
TEXT_MAX = 200  # one line: a name, a city, a short answer
LONG_TEXT_MAX = 5_000  # a paragraph or a few (about two pages)
LIST_MAX = 2_000  # members, milestones, budget lines...: benchmarks/run.py times 2,000 members


class Strict(BaseModel):
    """Base of the models built from the catalogue: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)


def _empty_list() -> list[Any]:
    # A plain function rather than ``list``: pydantic inspects a default factory's signature,
    # which is slow for builtins and model classes (the model is built at every start).
    return []


def _blank_as_empty(value: Any) -> Any:
    # "secondary:" left blank in a hand-edited file means "asked, nothing chosen".
    return [] if value is None else value


def _decimal_text(value: Any) -> str:
    number = display.decimal(value)
    if number is None:
        return str(value)
    if number == number.to_integral_value():
        return str(number.quantize(1))
    return format(number.quantize(display.decimal("0.01")), "f")  # type: ignore[arg-type]


class Kind:
    """What every type of answer has; subclasses override what differs."""

    name: ClassVar[str]
    typed: ClassVar[bool] = True  # answered by typing a line of text
    many: ClassVar[bool] = False  # a list (empty by default)
    unreadable: ClassVar[str | None] = None  # message key for text that cannot be read
    space_lines: ClassVar[int] = 1  # lines to write on in the printable questionnaire

    def annotation(self, field: Field_) -> Any:
        """The Python type of an answer (without ``None``)."""
        raise NotImplementedError

    def read(self, text: str) -> str:
        """Typed text as given to the validator."""
        return text

    def to_text(self, value: Any) -> str:
        """A value as the user would type it (to pre-fill a prompt)."""
        return "" if value is None else str(value)

    def show(self, field: Field_, value: Any, lang: str) -> str:
        """A value as people read it (labels, not raw values); '' when empty."""
        return "" if value is None else str(value)

    def echo(self, field: Field_, value: Any, lang: str) -> str | None:
        """What to say back after reading a typed answer (None: nothing)."""
        return None

    def tag(self, lang: str) -> str:
        """Said after the question in the printable questionnaire ("(one answer)")."""
        return ""

    def answer_space(self, field: Field_, lang: str) -> list[str]:
        """Where to write the answer in the printable questionnaire."""
        return ["_" * 90 + "  " for _ in range(self.space_lines)]

    def ask(self, field: Field_, prompter: Prompter, *, message: str, qmark: str,
            default: Any, lang: str, skipped: bool) -> Any:
        """Ask through ``prompter``; a value, or a :class:`Signal` (never for typed kinds)."""
        raise NotImplementedError(f"{self.name} is typed")  # typed kinds: see wizard.answers


class TextKind(Kind):
    """One line of text."""

    name = "text"
    max_length = TEXT_MAX

    @override
    def annotation(self, field: Field_) -> Any:
        rule = field.validate_
        return Annotated[str, StringConstraints(
            min_length=rule.min_length if rule and rule.min_length else None,
            max_length=rule.max_length if rule and rule.max_length else self.max_length,
            pattern=rule.pattern if rule else None)]


class LongTextKind(TextKind):
    """A paragraph or more."""

    name = "long_text"
    max_length = LONG_TEXT_MAX
    space_lines = 4


class NumberKind(Kind):
    """A number ("12", "2,5", "1 200")."""

    name = "number"
    unreadable = "wizard.number_format"

    @override
    def annotation(self, field: Field_) -> Any:
        rule = field.validate_
        return Annotated[float, Field(ge=rule.minimum if rule else None,
                                      le=rule.maximum if rule else None)]

    @override
    def read(self, text: str) -> str:
        return re.sub(r"[\s\u202f\u00a0']", "", text).replace(",", ".")

    @override
    def to_text(self, value: Any) -> str:
        return "" if value is None else _decimal_text(value)

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return "" if value is None else display.format_number(value, lang)


class AmountKind(Kind):
    """A sum of money with its currency ("30 000 DH", "1,5 M MAD", "2 500 €")."""

    name = "amount"
    unreadable = "wizard.amount_format"

    @override
    def annotation(self, field: Field_) -> Any:
        return Amount

    @override
    def to_text(self, value: Any) -> str:
        if value is None:
            return ""
        amount = value.model_dump() if isinstance(value, BaseModel) else (
            value if isinstance(value, dict) else {"value": value})
        return f"{_decimal_text(amount['value'])} {amount.get('currency', '')}".strip()

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return display.format_money(value, lang)

    @override
    def echo(self, field: Field_, value: Any, lang: str) -> str | None:
        return None if value is None else i18n.t("wizard.amount_read", lang,
                                                  amount=self.show(field, value, lang))

    @override
    def answer_space(self, field: Field_, lang: str) -> list[str]:
        return [i18n.t("questions.amount_hint", lang)]


class DateKind(Kind):
    """A day, typed as YYYY-MM-DD."""

    name = "date"
    unreadable = "wizard.date_format"
    _FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    @override
    def annotation(self, field: Field_) -> Any:
        return dt.date

    @override
    def read(self, text: str) -> str:
        if not self._FORM.match(text):
            raise ValueError(text)
        return text

    @override
    def to_text(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else super().to_text(value)

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return display.format_date(value, lang, "medium")

    @override
    def answer_space(self, field: Field_, lang: str) -> list[str]:
        return [i18n.t("questions.date_hint", lang)]


class ChoiceKind(Kind):
    """One value among the catalogue's choices."""

    name = "choice"
    typed = False

    @override
    def annotation(self, field: Field_) -> Any:
        return Literal[tuple(c.value for c in field.choices)]

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return "" if value is None else field.choice_label(value, lang)

    @override
    def tag(self, lang: str) -> str:
        return i18n.t("questions.one", lang)

    @override
    def answer_space(self, field: Field_, lang: str) -> list[str]:
        return [f"- [ ] {c.label(lang)}" for c in field.choices]

    @override
    def ask(self, field: Field_, prompter: Prompter, *, message: str, qmark: str,
            default: Any, lang: str, skipped: bool, offered: list[str] | None = None) -> Any:
        choices = [(c.value, c.label(lang)) for c in field.choices
                   if offered is None or c.value in offered]
        if not field.required:
            choices.append((Signal.UNSURE.value, i18n.t("wizard.unsure_choice", lang)))
        picked = prompter.select(message, choices, qmark=qmark,
                                 default=Signal.UNSURE.value if skipped else default)
        return Signal(picked) if picked in set(Signal) else picked


class MultiChoiceKind(ChoiceKind):
    """Any number of values among the catalogue's choices (in order when asked for)."""

    name = "multi_choice"
    many = True

    @override
    def annotation(self, field: Field_) -> Any:
        return Annotated[list[super().annotation(field)],  # type: ignore[misc]
                         BeforeValidator(_blank_as_empty)]

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return "; ".join(field.choice_label(v, lang) for v in value or [])

    @override
    def tag(self, lang: str) -> str:
        return i18n.t("questions.several", lang)

    @override
    def ask(self, field: Field_, prompter: Prompter, *, message: str, qmark: str,
            default: Any, lang: str, skipped: bool, offered: list[str] | None = None) -> Any:
        choices = [(c.value, c.label(lang)) for c in field.choices
                   if offered is None or c.value in offered]
        if not field.required:
            choices.append((Signal.UNSURE.value, i18n.t("wizard.unsure_choice", lang)))
        picked = prompter.checkbox(message, choices, qmark=qmark, default=list(default or []),
                                   ordered=field.ordered)
        if isinstance(picked, Signal) or Signal.UNSURE.value not in picked:
            return picked
        return Signal.UNSURE


class YesNoKind(Kind):
    """Yes or no (or "I don't know yet")."""

    name = "yes_no"
    typed = False

    @override
    def annotation(self, field: Field_) -> Any:
        return bool

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return display.yes_no(value, lang)

    @override
    def answer_space(self, field: Field_, lang: str) -> list[str]:
        return [f"- [ ] {display.yes_no(True, lang)}    - [ ] {display.yes_no(False, lang)}"]

    @override
    def ask(self, field: Field_, prompter: Prompter, *, message: str, qmark: str,
            default: Any, lang: str, skipped: bool) -> Any:
        return prompter.confirm(message, qmark=qmark,
                                default=None if default is None else bool(default),
                                unsure=not field.required)


class RecordsKind(Kind):
    """A list of records (members, milestones, budget lines), each with its own fields."""

    name = "records"
    typed = False
    many = True

    @override
    def annotation(self, field: Field_) -> Any:
        return Annotated[list[record_model(field)],  # type: ignore[misc]
                         BeforeValidator(_blank_as_empty)]

    @override
    def show(self, field: Field_, value: Any, lang: str) -> str:
        return "\n".join(f"• {record_summary(field.fields, r, lang)}" for r in value or [])

    @override
    def answer_space(self, field: Field_, lang: str) -> list[str]:
        columns = [f.prompt(lang) for f in field.fields]
        rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        rows += ["|" + "   |" * len(columns) for _ in range(4)]
        return [i18n.t("questions.records_hint", lang), "", *rows]


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    TextKind(), LongTextKind(), NumberKind(), AmountKind(), DateKind(), ChoiceKind(),
    MultiChoiceKind(), YesNoKind(), RecordsKind())}


def kind_of(field: Field_) -> Kind:
    """The kind of a question or record field."""
    return KINDS[field.type]


def field_type(field: Field_) -> tuple[Any, Any]:
    """Python type and default for one question or record field."""
    kind = kind_of(field)
    base = kind.annotation(field)
    if kind.many:
        return Annotated[base, Field(max_length=LIST_MAX)], Field(default_factory=_empty_list)
    if field.required:
        return base, ...
    return base | None, None


def record_model(question: Field_) -> type[BaseModel]:
    """The model of one record of a ``records`` question."""
    fields: dict[str, Any] = {f.id: field_type(f) for f in question.fields}
    name = "".join(part.capitalize() for part in question.id.split("_")) + "Record"
    return create_model(name, __base__=Strict, **fields)


def record_summary(fields: list[Field_], record: Any, lang: str) -> str:
    """One line for a record: its first two filled fields, and the founding-core mark."""
    data = record.model_dump() if isinstance(record, BaseModel) else dict(record)
    parts: list[str] = []
    for field in fields:
        if isinstance(kind_of(field), YesNoKind) or len(parts) == 2:
            continue
        shown = kind_of(field).show(field, data.get(field.id), lang)
        if shown:
            parts.append(shown)
    if data.get("founding"):
        parts.append(i18n.t("wizard.founding_mark", lang))
    return " — ".join(parts)
