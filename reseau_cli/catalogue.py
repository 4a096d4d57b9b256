"""The question catalogue (``guides/questions.yaml``) and the advice texts (``guides/advice.yaml``).

Questions are data. This module only reads and checks them; the dossier model, the wizard, the
review table, the printable questionnaire and the JSON Schema are all derived from what it returns.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reseau_cli.resources import guides_dir
from reseau_cli.shipped import load_yaml

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
# Languages of documents only (the terminal interface stays French/English): texts that reach
# a document (choice labels, findings) also have them; a text without one falls back to French.
DocLang = Literal["fr", "en", "ar"]
DOC_LANGS: tuple[DocLang, ...] = ("fr", "en", "ar")
QuestionType = Literal[
    "text", "long_text", "choice", "multi_choice", "yes_no", "number", "amount", "date", "records"
]


class Text(BaseModel):
    """A text in French and English, and in Arabic when it can appear in a document."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    fr: str
    en: str
    ar: str | None = None

    def __call__(self, lang: str) -> str:
        """The text in ``lang`` (French when the language is unknown or has no text)."""
        if lang == "en":
            return self.en
        if lang == "ar" and self.ar is not None:
            return self.ar
        return self.fr


class Condition(BaseModel):
    """Ask a question only when an earlier answer matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    question: str  # full id, e.g. "dues.needed"
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_empty: bool | None = None

    def holds(self, value: Any) -> bool:
        """Whether ``value`` (the answer to :attr:`question`) satisfies the condition."""
        if self.in_ is not None:
            return value in self.in_
        if self.not_empty:
            return value not in (None, "", [], {})
        return bool(value == self.equals)


class Choice(BaseModel):
    """One allowed value of a choice question, with its label.

    ``when``: offered only when an earlier answer matches (e.g. "none" after "formal statutes").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str
    label: Text
    when: Condition | None = None


class Validation(BaseModel):
    """Constraints on an answer, with the message shown when they fail."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    message: Text | None = None


class Field_(BaseModel):
    """A field of a record (a member, a milestone, a budget line...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    type: QuestionType
    prompt: Text
    help: Text | None = None
    choices: list[Choice] = []
    default: Any = None
    required: bool = False
    validate_: Validation | None = Field(default=None, alias="validate")
    fields: list[Field_] = []  # the fields of each record (``records`` only)
    ordered: bool = False  # a multi-choice whose order matters (ticked first = first)
    quick: bool = False  # a record field asked in the wizard's quick entry (details later)
    aliases: list[str] = []  # column headers meaning this field in an imported table

    def choice_label(self, value: Any, lang: str) -> str:
        """The label of a choice value (the value itself when unknown)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label(lang)
        return str(value)


class Question(Field_):
    """One question of the wizard; its answer lives at ``<section>.<id>`` in the dossier."""

    section: str = ""
    guide_ref: list[str] = []
    when: Condition | None = None
    add_another: Text | None = None
    item: Text | None = None  # what one record is called ("membre", "étape")
    feminine: bool = False  # the item noun is feminine in French ("une étape")
    ask_last: bool = False  # asked after the other questions of its section (a summary)
    excluding: str | None = None  # choices not offered: the answer to this other question

    @property
    def key(self) -> str:
        """Full id and dotted path in the dossier, e.g. ``dues.amount``."""
        return f"{self.section}.{self.id}"

    @model_validator(mode="after")
    def _check(self) -> Question:
        if self.type in ("choice", "multi_choice") and not self.choices:
            raise ValueError(f"question {self.id}: a {self.type} needs choices")
        if self.type == "records" and not self.fields:
            raise ValueError(f"question {self.id}: records need fields")
        return self


class Section(BaseModel):
    """A step of the wizard: a titled group of questions, opened by advice."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    phase: int
    title: Text
    advice: list[str] = []
    optional: bool = False  # offered, never required (e.g. the success self-assessment)
    questions: list[Question]


class Advice(BaseModel):
    """A short piece of guidance shown at the start of a section, in our own words."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: Text
    text: Text
    guide_ref: list[str] = []


class Catalogue(BaseModel):
    """Every section and question, in wizard order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sections: list[Section]
    advice: dict[str, Advice] = {}

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if there is none)."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def questions(self) -> list[Question]:
        """Every question, in order."""
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question:
        """The question with full id ``key`` (KeyError if there is none)."""
        for q in self.questions():
            if q.key == key:
                return q
        raise KeyError(key)

    def phase_sections(self, phase: int) -> list[Section]:
        """The sections of one phase, in order."""
        return [s for s in self.sections if s.phase == phase]


def _load_yaml(name: str) -> Any:
    # Our own shipped files: plain safe loading (anchors are used for shared choice sets), kept
    # parsed in the cache: every command that reads a dossier loads the catalogue first.
    return load_yaml(guides_dir() / name)


@cache
def load_catalogue() -> Catalogue:
    """Read and check the shipped catalogue once per process."""
    raw = _load_yaml("questions.yaml")
    sections = []
    for section in raw["sections"]:
        questions = [{**q, "section": section["id"]} for q in section["questions"]]
        sections.append({**section, "questions": questions})
    advice_raw = _load_yaml("advice.yaml") if (guides_dir() / "advice.yaml").exists() else {}
    advice = {item["id"]: item for item in (advice_raw or {}).get("advice", [])}
    catalogue = Catalogue.model_validate({"sections": sections, "advice": advice})
    _check_references(catalogue)
    return catalogue


def _check_references(catalogue: Catalogue) -> None:
    keys = {q.key for q in catalogue.questions()}
    for q in catalogue.questions():
        refs = [q.when.question] if q.when else []
        refs += [c.when.question for c in q.choices if c.when]
        refs += [q.excluding] if q.excluding else []
        for ref in refs:
            if ref not in keys:
                raise ValueError(f"question {q.key}: refers to unknown question {ref}")
    ids = [q.key for q in catalogue.questions()]
    if len(ids) != len(set(ids)):
        raise ValueError("two questions share an id")
