"""The order of the wizard: phases, sections, questions, records, review.

The flow does no I/O of its own: it asks through the injected :class:`Prompter`, prints on the
injected rich ``Console`` and stores each answer through the injected ``save`` callback (which
writes the file atomically and stamps it with the command's clock). Ctrl-C becomes
:class:`~reseau_cli.errors.Interrupted`: every answer given so far is already on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Field_, Question, Section, load_catalogue
from reseau_cli.dossier import get_answer, set_answer, was_asked
from reseau_cli.errors import Interrupted, UsageError
from reseau_cli.wizard.answers import TEXT_TYPES, check, parse, record_summary, to_text
from reseau_cli.wizard.progress import applies, pending, prune, started, unset
from reseau_cli.wizard.prompter import Prompter
from reseau_cli.wizard.review import review_table, shown_sections

Save = Callable[[BaseModel], BaseModel]
"""Writes a dossier and returns it as written (stamped)."""

SKIP = "__skip__"
DONE = "__done__"
_KEEP, _EDIT, _DELETE = "keep", "edit", "delete"


def section_or_error(catalogue: Catalogue, section_id: str) -> Section:
    """The section ``section_id``, or a usage error listing the possible ones."""
    try:
        return catalogue.section(section_id)
    except KeyError:
        raise UsageError("errors.unknown_section", section=section_id,
                         allowed=", ".join(s.id for s in catalogue.sections)) from None


@dataclass
class Wizard:
    """One run of the wizard over one dossier."""

    dossier: BaseModel
    prompter: Prompter
    console: Console
    save: Save
    lang: str
    file: str
    show_advice: bool | None = None  # None: ask once, at the first section that has advice
    catalogue: Catalogue = field(default_factory=load_catalogue)
    _asked: int = field(default=0, init=False)  # questions asked in this run so far
    _phase_shown: int = field(default=0, init=False)

    # --- entry points ---------------------------------------------------------------------

    def run_new(self) -> BaseModel:
        """Ask everything not asked yet, phase by phase, then review; return the dossier."""
        with self._interruptible():
            self._welcome()
            self._run_sections(self.catalogue.phase_sections(1))
            phase2 = self.catalogue.phase_sections(2)
            if self._has_pending(phase2):
                if started(self.dossier, phase2) or self.prompter.confirm(
                        self._t("wizard.phase2_ask", count=len(phase2)), qmark="?",
                        default=True):
                    self._run_sections(phase2)
                else:
                    self.console.print(self._t("wizard.phase2_later", file=self.file))
            if not self._has_pending(phase2):
                self._offer_optional()
            self._review_loop()
            self.console.print(self._t("wizard.done", file=self.file))
        return self.dossier

    def run_edit(self, section_id: str | None) -> BaseModel:
        """Ask one section again, current answers as defaults (picked when ``None``)."""
        being_edited: list[str] = []  # filled once known, for the resume hint
        with self._interruptible(being_edited):
            if section_id is None:
                section_id = self.prompter.select(
                    self._t("wizard.edit_pick"),
                    [(s.id, f"{s.title(self.lang)} ({s.id})") for s in self.catalogue.sections],
                    qmark="?")
            section = section_or_error(self.catalogue, section_id)
            being_edited.append(section.id)
            self._run_section(section, redo=True)
            self._prune(section.id)
            self.console.print(review_table(self.catalogue, self.dossier, self.lang,
                                            sections=[section]))
            self.console.print(self._t("wizard.edit_done", title=section.title(self.lang),
                                       file=self.file))
        return self.dossier

    # --- phases and sections --------------------------------------------------------------

    def _t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    @contextmanager
    def _interruptible(self, section: list[str] | None = None) -> Iterator[None]:
        """Turn Ctrl-C into :class:`Interrupted`, saying how to resume (``section``: edit)."""
        try:
            yield
        except (KeyboardInterrupt, EOFError) as exc:
            self.console.print()
            if section:
                raise Interrupted("wizard.interrupted_edit", file=self.file,
                                  section=section[0]) from exc
            raise Interrupted("common.interrupted", file=self.file) from exc

    def _welcome(self) -> None:
        self.console.rule(self._t("wizard.welcome", file=self.file))
        self.console.print(Text(self._t("wizard.welcome_hint", file=self.file), style="dim"))
        done = sum(was_asked(self.dossier, q.key) for q in self.catalogue.questions())
        if done:
            self.console.print(self._t("wizard.resume", done=done))

    def _has_pending(self, sections: list[Section]) -> bool:
        return any(pending(self.dossier, s) for s in sections)

    def _run_sections(self, sections: list[Section]) -> None:
        for section in sections:
            if pending(self.dossier, section):
                self._run_section(section, redo=False)

    def _offer_optional(self) -> None:
        for section in self.catalogue.sections:
            if not section.optional or not pending(self.dossier, section):
                continue
            if started(self.dossier, [section]) or self.prompter.confirm(
                    self._t("wizard.success_ask", count=len(section.questions)), qmark="?",
                    default=False):
                self._run_section(section, redo=False)
            else:
                self.console.print(self._t("wizard.success_later", file=self.file))

    def _header(self, section: Section, redo: bool) -> None:
        siblings = self.catalogue.phase_sections(section.phase)
        if section.phase != self._phase_shown:
            self._phase_shown = section.phase
            phase_title = self._t(f"questions.phase_{section.phase}")
            self.console.print()
            self.console.print(Text(self._t("wizard.phase_header", phase=section.phase,
                                            title=phase_title), style="bold magenta"))
        self.console.rule(self._t("wizard.section_header", index=siblings.index(section) + 1,
                                  total=len(siblings), title=section.title(self.lang)))
        if redo:
            left = sum(applies(self.dossier, q) for q in section.questions)
        else:
            left = len(pending(self.dossier, section))
        self.console.print(Text(self._t("wizard.section_left", left=left), style="dim"))

    def _advice(self, section: Section) -> None:
        items = [self.catalogue.advice[a] for a in section.advice if a in self.catalogue.advice]
        if not items:
            return
        if self.show_advice is None:
            self.show_advice = self.prompter.confirm(self._t("wizard.advice_ask"), qmark="?",
                                                     default=True)
        if not self.show_advice:
            return
        body = Group(*[Text.assemble((item.title(self.lang), "bold"), "\n", item.text(self.lang))
                       for item in items])
        self.console.print(Panel(body, title=self._t("wizard.advice_title",
                                                     title=section.title(self.lang)),
                                 title_align="left", border_style="cyan"))

    def _run_section(self, section: Section, *, redo: bool) -> None:
        self._header(section, redo)
        self._advice(section)
        previous: Question | None = None
        for question in section.questions:
            if not applies(self.dossier, question):
                if was_asked(self.dossier, question.key):  # an earlier answer changed
                    self.dossier = self.save(unset(self.dossier, question.key))
                continue
            if not redo and was_asked(self.dossier, question.key):
                previous = question
                continue
            if not redo and self._asked == 0 and previous is not None \
                    and previous.type == "records":
                # Resuming just after a list: the user may have been stopped half-way through it.
                self._ask_records(previous, self._qmark(section, previous), resume=True)
            self._ask(section, question)
            previous = question

    def _prune(self, changed: str) -> None:
        pruned = prune(self.dossier, self.catalogue, changed=changed)
        if pruned is not self.dossier:
            self.dossier = self.save(pruned)

    # --- questions ------------------------------------------------------------------------

    def _qmark(self, section: Section, question: Question) -> str:
        applicable = [q for q in section.questions if applies(self.dossier, q)]
        return self._t("wizard.qmark", index=applicable.index(question) + 1,
                       total=len(applicable))

    def _store(self, key: str, value: Any) -> None:
        self.dossier = self.save(set_answer(self.dossier, key, value))

    def _ask(self, section: Section, question: Question) -> None:
        qmark = self._qmark(section, question)
        if question.help:
            self.console.print(Text(f"  {question.help(self.lang)}", style="dim italic"))
        if question.type == "records":
            self._ask_records(question, qmark, resume=False)
        else:
            asked = was_asked(self.dossier, question.key)
            default = get_answer(self.dossier, question.key) if asked else question.default
            value = self._ask_value(question, question.key, default, qmark,
                                    skipped=asked and default is None)
            self._store(question.key, value)
        self._asked += 1

    def _ask_value(self, item: Field_, key: str, default: Any, qmark: str, *,
                   skipped: bool = False) -> Any:
        """Ask one question or record field; return its value (None when skipped)."""
        message = item.prompt(self.lang)
        if item.type in TEXT_TYPES:
            text = self.prompter.text(message, qmark=qmark, default=to_text(item, default),
                                      check=lambda typed: check(item, typed, key, self.lang))
            return parse(item, text, key)
        choices = [(c.value, c.label(self.lang)) for c in item.choices]
        if item.type == "choice":
            if not item.required:
                choices.append((SKIP, self._t("wizard.skip_choice")))
            picked = self.prompter.select(message, choices, qmark=qmark,
                                          default=SKIP if skipped else default)
            return None if picked == SKIP else picked
        if item.type == "multi_choice":
            return self.prompter.checkbox(message, choices, qmark=qmark,
                                          default=list(default or []))
        if item.type == "yes_no":
            return self.prompter.confirm(message, qmark=qmark,
                                         default=bool(default) if default is not None else False)
        raise ValueError(f"{key}: cannot ask a {item.type} here")  # pragma: no cover

    # --- records --------------------------------------------------------------------------

    def _ask_records(self, question: Question, qmark: str, *, resume: bool) -> None:
        prompt = question.prompt(self.lang)
        current = get_answer(self.dossier, question.key) or []
        records: list[dict[str, Any]] = [r.model_dump(exclude_none=True) for r in current]
        if records and not resume:  # going over a list again: keep, change or drop each item
            kept: list[dict[str, Any]] = []
            for index, record in enumerate(records, start=1):
                summary = record_summary(question.fields, record, self.lang)
                self.console.print(self._t("wizard.record_existing", prompt=prompt, index=index,
                                           summary=summary))
                action = self.prompter.select(
                    self._t("wizard.record_action"),
                    [(_KEEP, self._t("wizard.record_keep")), (_EDIT, self._t("wizard.record_edit")),
                     (_DELETE, self._t("wizard.record_delete"))], qmark=qmark, default=_KEEP)
                if action == _KEEP:
                    kept.append(record)
                elif action == _EDIT:
                    kept.append(self._ask_record(question, record, len(kept) + 1))
                self._store(question.key, kept + records[index:])
            records = kept
        while True:
            if records and question.add_another:
                ask = question.add_another(self.lang)
            else:
                ask = self._t("wizard.records_first", prompt=prompt)
            if not self.prompter.confirm(ask, qmark=qmark, default=len(records) < 2):
                break
            records.append(self._ask_record(question, {}, len(records) + 1))
            self._store(question.key, records)
        self._store(question.key, records)
        self._founding_note(question, records)

    def _ask_record(self, question: Question, current: dict[str, Any],
                    index: int) -> dict[str, Any]:
        self.console.print(Text(self._t("wizard.record_header", prompt=question.prompt(self.lang),
                                        index=index), style="bold"))
        record: dict[str, Any] = {}
        total = len(question.fields)
        for position, item in enumerate(question.fields, start=1):
            qmark = "  " + self._t("wizard.qmark", index=position, total=total)
            if item.help:
                self.console.print(Text(f"    {item.help(self.lang)}", style="dim italic"))
            default = current.get(item.id, item.default)
            value = self._ask_value(item, f"{question.key}.{item.id}", default, qmark,
                                    skipped=bool(current) and item.id not in current)
            if value is not None:
                record[item.id] = value
        return record

    def _founding_note(self, question: Question, records: list[dict[str, Any]]) -> None:
        if not any(item.id == "founding" for item in question.fields) or not records:
            return
        count = sum(bool(r.get("founding")) for r in records)
        self.console.print(self._t("wizard.founding_count", count=count))
        if count not in (2, 3):
            self.console.print(Text(self._t("wizard.founding_advice"), style="yellow"))

    # --- review ---------------------------------------------------------------------------

    def _review_loop(self) -> None:
        while True:
            sections = shown_sections(self.catalogue, self.dossier)
            self.console.print(review_table(self.catalogue, self.dossier, self.lang,
                                            title=self._t("wizard.review_title", file=self.file)))
            choices = [(DONE, self._t("wizard.review_confirm"))]
            choices += [(s.id, self._t("wizard.review_redo", title=s.title(self.lang)))
                        for s in sections]
            picked = self.prompter.select(self._t("wizard.review_action"), choices, qmark="?",
                                          default=DONE)
            if picked == DONE:
                return
            self._run_section(self.catalogue.section(picked), redo=True)
            self._prune(picked)
