"""Where a dossier stands: which questions apply, which are still to ask, what to drop.

A question applies when its ``when`` condition holds on the answers so far. An answer whose
condition no longer holds (the user changed an earlier answer) is removed, not kept as stale.
"""

from __future__ import annotations

from reseau_cli.catalogue import Catalogue, Question, Section
from reseau_cli.dossier import Dossier, get_answer, unset_answer, was_asked


def applies(dossier: Dossier, question: Question) -> bool:
    """Whether ``question`` is to be asked, given the answers so far."""
    if question.when is None:
        return True
    return question.when.holds(get_answer(dossier, question.when.question))


def pending(dossier: Dossier, section: Section) -> list[Question]:
    """The questions of ``section`` that apply and have not been asked yet."""
    return [q for q in section.questions if applies(dossier, q) and not was_asked(dossier, q.key)]


def started(dossier: Dossier, sections: list[Section]) -> bool:
    """Whether any question of ``sections`` has been asked."""
    return any(was_asked(dossier, q.key) for s in sections for q in s.questions)


unset = unset_answer


def prune(dossier: Dossier, catalogue: Catalogue, *, changed: str | None = None) -> Dossier:
    """Remove the answers whose condition no longer holds.

    With ``changed`` (a section id), only answers that depend on that section are looked at:
    going over one section again must not touch the rest of the file.
    """
    for question in catalogue.questions():
        if changed is not None and (question.when is None or
                                    not question.when.question.startswith(f"{changed}.")):
            continue
        if was_asked(dossier, question.key) and not applies(dossier, question):
            dossier = unset(dossier, question.key)
    return dossier
