"""Where a dossier stands: which questions apply, which are still to ask, what to drop.

A question applies when its ``when`` condition holds on the answers so far. An answer whose
condition no longer holds (the user changed an earlier answer) is removed, not kept as stale.
"""

from __future__ import annotations

from pydantic import BaseModel

from reseau_cli.catalogue import Catalogue, Question, Section
from reseau_cli.dossier import get_answer, was_asked


def applies(dossier: BaseModel, question: Question) -> bool:
    """Whether ``question`` is to be asked, given the answers so far."""
    if question.when is None:
        return True
    return question.when.holds(get_answer(dossier, question.when.question))


def pending(dossier: BaseModel, section: Section) -> list[Question]:
    """The questions of ``section`` that apply and have not been asked yet."""
    return [q for q in section.questions if applies(dossier, q) and not was_asked(dossier, q.key)]


def started(dossier: BaseModel, sections: list[Section]) -> bool:
    """Whether any question of ``sections`` has been asked."""
    return any(was_asked(dossier, q.key) for s in sections for q in s.questions)


def unset(dossier: BaseModel, key: str) -> BaseModel:
    """A copy of ``dossier`` where question ``key`` is no longer asked."""
    section_id, question_id = key.split(".", 1)
    part = getattr(dossier, section_id)
    data = part.model_dump(exclude_unset=True)
    data.pop(question_id, None)
    return dossier.model_copy(update={section_id: type(part).model_validate(data)})


def prune(dossier: BaseModel, catalogue: Catalogue, *, changed: str | None = None) -> BaseModel:
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
