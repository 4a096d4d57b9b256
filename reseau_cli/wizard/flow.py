"""The order of the wizard: phases, sections, questions, going back, review.

The flow does no I/O of its own: it asks through the injected :class:`Prompter`, prints on the
injected rich ``Console`` and stores each answer through the injected ``save`` callback (which
writes the file atomically and stamps it with the command's clock). Ctrl-C becomes
:class:`~reseau_cli.errors.Interrupted`: every answer given so far is already on disk. Lists of
records are asked by :mod:`reseau_cli.wizard.records`, the review by
:mod:`reseau_cli.wizard.review`. Values from the dossier are printed as plain ``Text``, never
as Rich markup.

A little over 300 lines: the walk through a section (with going back) and the asking of one
question share the wizard's state; lists and the review already live in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Field_, Question, Section, load_catalogue
from reseau_cli.dossier import Dossier, get_answer, set_answer, was_asked
from reseau_cli.errors import Interrupted, UsageError
from reseau_cli.kinds import RecordsKind, kind_of
from reseau_cli.messages import printable
from reseau_cli.prompts import Prompter, Signal, Unsure
from reseau_cli.wizard.answers import check, read_typed
from reseau_cli.wizard.progress import applies, pending, prune, started, unset

Save = Callable[[Dossier], Dossier]
"""Writes a dossier and returns it as written (stamped)."""

SKIP = Signal.UNSURE.value  # the "don't know yet" entry of a choice list
DONE = "__done__"


def section_or_error(catalogue: Catalogue, section_id: str) -> Section:
    """The section ``section_id``, or a usage error listing the possible ones."""
    try:
        return catalogue.section(section_id)
    except KeyError:
        raise UsageError("errors.unknown_section", section=section_id,
                         allowed=", ".join(s.id for s in catalogue.sections)) from None


def question_or_error(catalogue: Catalogue, key: str) -> Question:
    """The question ``key`` (e.g. ``dues.amount``), or a usage error saying how to list them."""
    try:
        return catalogue.question(key)
    except KeyError:
        raise UsageError("errors.unknown_question", question=key) from None


def in_order(section: Section) -> list[Question]:
    """The questions of ``section`` in asking order (a summary asked last)."""
    return [q for q in section.questions if not q.ask_last] + \
        [q for q in section.questions if q.ask_last]


@dataclass
class Wizard:
    """One run of the wizard over one dossier."""

    dossier: Dossier
    prompter: Prompter
    console: Console
    save: Save
    lang: str
    file: str
    show_advice: bool | None = None  # None: ask once, at the first section that has advice
    quick: bool = True  # lists with quick fields ask only those (details later)
    catalogue: Catalogue = field(default_factory=load_catalogue)
    _asked: int = field(default=0, init=False)  # questions asked in this run so far
    _phase_shown: int = field(default=0, init=False)

    # --- entry points ---------------------------------------------------------------------

    def run_new(self) -> Dossier:
        """Ask everything not asked yet, phase by phase, then review; return the dossier."""
        from reseau_cli.wizard.review import review_loop

        with self._interruptible():
            self._welcome()
            self._run_sections(self.catalogue.phase_sections(1))
            phase2 = self.catalogue.phase_sections(2)
            if self._has_pending(phase2):
                if started(self.dossier, phase2) or self.prompter.confirm(
                        self._t("wizard.phase2_ask", count=len(phase2)), qmark="?",
                        default=True) is True:
                    self._run_sections(phase2)
                else:
                    self.say("wizard.phase2_later", file=self.file)
            if not self._has_pending(phase2):
                self._offer_optional()
            review_loop(self)
            self.say("wizard.done", file=self.file)
        return self.dossier

    def run_edit(self, section_id: str | None) -> Dossier:
        """Ask one section again, current answers as defaults (picked when ``None``)."""
        from reseau_cli.wizard.review import review_table

        being_edited: list[str] = []  # filled once known, for the resume hint
        self.quick = False
        with self._interruptible(being_edited):
            if section_id is None:
                section_id = self.prompter.select(
                    self._t("wizard.edit_pick"),
                    [(s.id, f"{s.title(self.lang)} ({s.id})") for s in self.catalogue.sections],
                    qmark="?")
            section = section_or_error(self.catalogue, section_id)
            being_edited.append(section.id)
            self.run_section(section, redo=True)
            self.console.print(review_table(self.catalogue, self.dossier, self.lang,
                                            sections=[section]))
            self.say("wizard.edit_done", title=section.title(self.lang), file=self.file)
        return self.dossier

    def run_question(self, key: str) -> Dossier:
        """Ask one question again (``reseau edit --question``), its answer as the default."""
        question = question_or_error(self.catalogue, key)
        self.quick = False
        with self._interruptible([question.section]):
            self.ask_one(question)
            self.say("wizard.question_done", question=key, file=self.file)
        return self.dossier

    # --- phases and sections --------------------------------------------------------------

    def t(self, key: str, **params: Any) -> str:
        """The interface message ``key`` in the wizard's language."""
        return i18n.t(key, self.lang, **params)

    _t = t

    def say(self, key: str, *, style: str = "", **params: Any) -> None:
        """Print a message with its values, as plain text (never markup, never raw escapes)."""
        safe = {k: v if isinstance(v, int | float) else printable(str(v))
                for k, v in params.items()}  # numbers stay numbers (for plurals)
        self.console.print(Text(self._t(key, **safe), style=style))

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
        self.console.rule(Text(printable(self._t("wizard.welcome", file=self.file))))
        self.say("wizard.welcome_hint", style="dim", file=self.file)
        self.say("wizard.help_line", style="dim")
        done = sum(was_asked(self.dossier, q.key) for q in self.catalogue.questions())
        if done:
            self.say("wizard.resume", done=done)

    def _has_pending(self, sections: list[Section]) -> bool:
        return any(pending(self.dossier, s) for s in sections)

    def _run_sections(self, sections: list[Section]) -> None:
        for section in sections:
            if pending(self.dossier, section) or self._incomplete_list(section):
                self.run_section(section, redo=False)

    def _incomplete_list(self, section: Section) -> bool:
        return any(q.key == self.dossier.meta.incomplete_list() for q in section.questions)

    def _offer_optional(self) -> None:
        for section in self.catalogue.sections:
            if not section.optional or not pending(self.dossier, section):
                continue
            if started(self.dossier, [section]) or self.prompter.confirm(
                    self._t("wizard.success_ask", count=len(section.questions)), qmark="?",
                    default=False) is True:
                self.run_section(section, redo=False)
            else:
                self.say("wizard.success_later", file=self.file)

    def _header(self, section: Section, left: int) -> None:
        siblings = self.catalogue.phase_sections(section.phase)
        if section.phase != self._phase_shown:
            self._phase_shown = section.phase
            phase_title = self._t(f"questions.phase_{section.phase}")
            self.console.print()
            self.say("wizard.phase_header", style="bold magenta", phase=section.phase,
                     title=phase_title)
        self.console.rule(Text(self._t("wizard.section_header", index=siblings.index(section) + 1,
                                       total=len(siblings), title=section.title(self.lang))))
        self.say("wizard.section_left", style="dim", left=left)

    def _advice(self, section: Section) -> None:
        items = [self.catalogue.advice[a] for a in section.advice if a in self.catalogue.advice]
        if not items:
            return
        if self.show_advice is None:
            self.show_advice = self.prompter.confirm(self._t("wizard.advice_ask"), qmark="?",
                                                     default=True) is True
        if not self.show_advice:
            return
        body = Group(*[Text.assemble((item.title(self.lang), "bold"), "\n", item.text(self.lang))
                       for item in items])
        self.console.print(Panel(body, title=Text(self._t("wizard.advice_title",
                                                          title=section.title(self.lang))),
                                 title_align="left", border_style="cyan"))

    def run_section(self, section: Section, *, redo: bool) -> None:
        """Ask the questions of ``section`` (all of them when ``redo``), "<" going back."""
        order = in_order(section)
        todo = [q for q in order if applies(self.dossier, q)
                and (redo or not was_asked(self.dossier, q.key))]
        self._header(section, len(todo))
        self._advice(section)
        resumed = self.dossier.meta.incomplete_list()
        done: list[Question] = []  # answered in this pass, for going back
        revisit: set[str] = set()  # reached again by going back: asked even if answered
        index = 0
        while index < len(order):
            question = order[index]
            if not applies(self.dossier, question):
                if was_asked(self.dossier, question.key):  # an earlier answer changed
                    self.dossier = self.save(unset(self.dossier, question.key))
                index += 1
                continue
            if not redo and question.key not in revisit and question.key != resumed \
                    and was_asked(self.dossier, question.key):
                index += 1
                continue
            remaining = [q for q in order[index + 1:] if applies(self.dossier, q)
                         and (redo or not was_asked(self.dossier, q.key))]
            qmark = self._t("wizard.qmark", index=len(done) + 1,
                            total=len(done) + 1 + len(remaining))
            if self.ask_one(question, qmark=qmark) is Signal.BACK:
                if not done:
                    self.say("wizard.first_question", style="dim")
                    continue
                previous = done.pop()
                revisit.add(previous.key)
                index = order.index(previous)
                continue
            revisit.discard(question.key)
            resumed = None if question.key == resumed else resumed
            done.append(question)
            index += 1
        self.prune_after(section.id)

    def prune_after(self, changed: str) -> None:
        """Drop the answers whose condition no longer holds after ``changed`` (a section)."""
        pruned = prune(self.dossier, self.catalogue, changed=changed)
        if pruned is not self.dossier:
            self.dossier = self.save(pruned)

    # --- questions ------------------------------------------------------------------------

    def store(self, key: str, value: Any, *, unsure: str | None = None) -> None:
        """Validate and save one answer (``unsure``: "don't know yet", with the words used)."""
        self.dossier = self.save(set_answer(self.dossier, key, value, unsure=unsure))

    def ask_one(self, question: Question, *, qmark: str = "?") -> Any:
        """Ask one question (its current answer as the default) and store the answer.

        Returns :attr:`Signal.BACK` when the user asked for the previous question.
        """
        from reseau_cli.wizard.records import ask_records

        if question.help:
            self.console.print(Text(f"  {question.help(self.lang)}", style="dim italic"))
        if isinstance(kind_of(question), RecordsKind):
            ask_records(self, question, qmark)
            self._asked += 1
            return None
        asked = was_asked(self.dossier, question.key)
        default = get_answer(self.dossier, question.key) if asked else question.default
        while True:
            value = self.ask_value(question, question.key, default, qmark,
                                   skipped=asked and default is None)
            if value is Signal.HELP:
                self._help(question)
                continue
            if value is Signal.BACK:
                return Signal.BACK
            break
        if isinstance(value, Unsure):
            self.store(question.key, None, unsure=value.note)
            self.say("wizard.unsure_saved", style="dim", note=value.note)
        else:
            self.store(question.key, value)
            echo = kind_of(question).echo(question, value, self.lang)
            if echo:
                self.console.print(Text(f"  {echo}", style="green"))
        self._asked += 1
        return None

    def _help(self, item: Field_) -> None:
        if item.help:
            self.console.print(Text(f"  {item.help(self.lang)}", style="italic"))
        else:
            self.say("wizard.no_help", style="dim")

    def ask_value(self, item: Field_, key: str, default: Any, qmark: str, *,
                  skipped: bool = False, instruction: str | None = None) -> Any:
        """Ask one question or record field: a value, a :class:`Signal` or :class:`Unsure`."""
        kind = kind_of(item)
        message = item.prompt(self.lang)
        if kind.typed:
            text = self.prompter.text(message, qmark=qmark, default=kind.to_text(default),
                                      instruction=instruction,
                                      check=lambda typed: check(item, typed, key, self.lang))
            return read_typed(item, text, key)
        extra: dict[str, Any] = {}
        if isinstance(item, Question) and (item.excluding or any(c.when for c in item.choices)):
            extra["offered"] = self._offered(item)
        answer = kind.ask(item, self.prompter, message=message, qmark=qmark, default=default,
                          lang=self.lang, skipped=skipped, **extra)
        if answer is Signal.UNSURE:
            return Unsure(self._t("wizard.unsure_word"))
        return answer

    def _offered(self, question: Question) -> list[str]:
        """The choices that make sense given earlier answers."""
        taken = get_answer(self.dossier, question.excluding) if question.excluding else None
        return [c.value for c in question.choices
                if c.value != taken and (c.when is None or c.when.holds(
                    get_answer(self.dossier, c.when.question)))]
