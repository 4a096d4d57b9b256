"""The review: one line per section, then one section's answers, then one answer to change.

The whole dossier as a table runs to hundreds of lines; the review instead shows a short
overview (a line per section: answered, to complete), lets one open a section (its table fits
a screen) and pick a single question to answer again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Section
from reseau_cli.dossier import Dossier, get_answer, is_answered, was_asked
from reseau_cli.messages import printable
from reseau_cli.wizard.answers import display
from reseau_cli.wizard.progress import applies, started

if TYPE_CHECKING:
    from reseau_cli.wizard.flow import Wizard

DONE = "__done__"
BACK = "__back__"


def shown_sections(catalogue: Catalogue, dossier: Dossier) -> list[Section]:
    """Phase 1 always; later sections once something in them has been asked."""
    return [s for s in catalogue.sections if s.phase == 1 or started(dossier, [s])]


def _answer_cell(dossier: Dossier, key: str, shown: str, lang: str) -> Text:
    if not was_asked(dossier, key):
        return Text(i18n.t("common.to_complete", lang), style="yellow")
    note = dossier.unsure.get(key)
    if note:
        return Text(printable(i18n.t("wizard.review_unsure", lang, note=note)), style="yellow")
    if not shown:
        return Text(i18n.t("wizard.review_empty", lang), style="dim")
    # Values come from the user: plain Text (never markup), control characters made visible.
    return Text("\n".join(printable(line) for line in shown.split("\n")))


def review_table(catalogue: Catalogue, dossier: Dossier, lang: str, *, title: str = "",
                 sections: list[Section] | None = None) -> Table:
    """A table of the answers of ``sections`` (by default :func:`shown_sections`)."""
    table = Table(title=Text(printable(title)) if title else None, title_justify="left",
                  expand=True, show_lines=False)
    table.add_column(i18n.t("wizard.review_col_question", lang), ratio=2)
    table.add_column(i18n.t("wizard.review_col_answer", lang), ratio=3)
    for section in sections if sections is not None else shown_sections(catalogue, dossier):
        table.add_section()
        table.add_row(Text(section.title(lang), style="bold"), "")
        for question in section.questions:
            if not applies(dossier, question):
                continue
            shown = display(question, get_answer(dossier, question.key), lang)
            table.add_row(Text(question.prompt(lang)),
                          _answer_cell(dossier, question.key, shown, lang))
    return table


def overview(catalogue: Catalogue, dossier: Dossier, lang: str, title: str) -> Table:
    """One line per section: how many questions are answered and how many are left."""
    table = Table(title=Text(printable(title)), title_justify="left", expand=True)
    table.add_column(i18n.t("wizard.review_col_section", lang), ratio=3)
    table.add_column(i18n.t("wizard.review_col_answered", lang), justify="right")
    table.add_column(i18n.t("wizard.review_col_left", lang), justify="right")
    for section in shown_sections(catalogue, dossier):
        applying = [q for q in section.questions if applies(dossier, q)]
        answered = sum(is_answered(dossier, q.key) for q in applying)
        left = len(applying) - answered
        table.add_row(Text(section.title(lang)), f"{answered}/{len(applying)}",
                      Text(str(left), style="yellow" if left else "green"))
    return table


def section_label(catalogue: Catalogue, dossier: Dossier, section: Section, lang: str) -> str:
    """A section in the review's list, with what is left in it."""
    applying = [q for q in section.questions if applies(dossier, q)]
    left = sum(not is_answered(dossier, q.key) for q in applying)
    return i18n.t("wizard.review_section", lang, title=section.title(lang), left=left)


def review_loop(wizard: Wizard) -> None:
    """Overview, pick a section, see its answers, pick one question to change; until done."""
    catalogue, lang = wizard.catalogue, wizard.lang
    while True:
        wizard.console.print(overview(catalogue, wizard.dossier, lang,
                                      wizard.t("wizard.review_title", file=wizard.file)))
        sections = shown_sections(catalogue, wizard.dossier)
        choices = [(DONE, wizard.t("wizard.review_confirm"))]
        choices += [(s.id, section_label(catalogue, wizard.dossier, s, lang)) for s in sections]
        picked = wizard.prompter.select(wizard.t("wizard.review_action"), choices, qmark="?",
                                        default=DONE)
        if picked == DONE:
            return
        if picked in {s.id for s in sections}:
            _review_section(wizard, catalogue.section(picked))


def _review_section(wizard: Wizard, section: Section) -> None:
    lang = wizard.lang
    while True:
        wizard.console.print(review_table(wizard.catalogue, wizard.dossier, lang,
                                          sections=[section]))
        questions = [q for q in section.questions if applies(wizard.dossier, q)]
        choices = [(BACK, wizard.t("wizard.review_back"))]
        choices += [(q.key, q.prompt(lang)) for q in questions]
        picked = wizard.prompter.select(wizard.t("wizard.review_pick"), choices, qmark="?",
                                        default=BACK)
        if picked not in {q.key for q in questions}:
            return
        wizard.quick = False
        wizard.ask_one(wizard.catalogue.question(picked))
        wizard.prune_after(section.id)
