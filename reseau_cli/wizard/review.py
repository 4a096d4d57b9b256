"""The review table: every answer, section by section, with labels rather than raw values."""

from __future__ import annotations

from pydantic import BaseModel
from rich.table import Table
from rich.text import Text

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Section
from reseau_cli.dossier import get_answer, was_asked
from reseau_cli.wizard.answers import display
from reseau_cli.wizard.progress import applies, started


def shown_sections(catalogue: Catalogue, dossier: BaseModel) -> list[Section]:
    """Phase 1 always; later sections once something in them has been asked."""
    return [s for s in catalogue.sections if s.phase == 1 or started(dossier, [s])]


def review_table(catalogue: Catalogue, dossier: BaseModel, lang: str, *, title: str = "",
                 sections: list[Section] | None = None) -> Table:
    """A table of the answers of ``sections`` (by default :func:`shown_sections`)."""
    table = Table(title=title or None, title_justify="left", expand=True, show_lines=False)
    table.add_column(i18n.t("wizard.review_col_question", lang), ratio=2)
    table.add_column(i18n.t("wizard.review_col_answer", lang), ratio=3)
    for section in sections if sections is not None else shown_sections(catalogue, dossier):
        table.add_section()
        table.add_row(Text(section.title(lang), style="bold"), "")
        for question in section.questions:
            if not applies(dossier, question):
                continue
            if not was_asked(dossier, question.key):
                answer = Text(i18n.t("common.to_complete", lang), style="yellow")
            else:
                shown = display(question, get_answer(dossier, question.key), lang)
                answer = Text(shown) if shown else Text(i18n.t("wizard.review_empty", lang),
                                                        style="dim")
            table.add_row(question.prompt(lang), answer)
    return table
