"""Answers that arrive without a prompt: ``--answers FILE`` and ``--defaults``.

``--answers`` is a partial dossier (same keys as a dossier file); what it contains is taken as
answered, the rest is asked. Without a terminal (or with ``--defaults``) nothing is asked: every
question still to ask must then get its answer from the file or from the catalogue's default.
Phase 1 is always completed; phase 2 and the self-assessment only when something in them was
already answered (in the dossier or the answers file).
"""

from __future__ import annotations

from reseau_cli.catalogue import Catalogue, Question, Section
from reseau_cli.dossier import Dossier, get_answer, set_answer, was_asked
from reseau_cli.errors import ReseauError, UsageError
from reseau_cli.wizard.progress import applies, prune, started, unset


def merge_answers(dossier: Dossier, answers: Dossier,
                  catalogue: Catalogue) -> tuple[Dossier, int]:
    """``dossier`` with every answer present in ``answers``; also return how many there were."""
    count = 0
    for question in catalogue.questions():
        if was_asked(answers, question.key):
            dossier = set_answer(dossier, question.key, get_answer(answers, question.key),
                                 unsure=answers.unsure.get(question.key))
            count += 1
    return prune(dossier, catalogue), count


def sections_to_complete(dossier: Dossier, catalogue: Catalogue) -> list[Section]:
    """Phase 1; phase 2 once started; optional sections once started."""
    phase2 = catalogue.phase_sections(2)
    chosen = list(catalogue.phase_sections(1))
    if started(dossier, phase2):
        chosen += phase2
    chosen += [s for s in catalogue.sections
               if s.phase > 2 and started(dossier, [s]) and s not in chosen]
    return chosen


def fill_without_prompts(dossier: Dossier, catalogue: Catalogue, *, use_defaults: bool,
                         lang: str, answers_file: str = "") -> tuple[Dossier, int]:
    """Complete ``dossier`` without asking; return it and the number of defaults used.

    Raises ``errors.no_default`` (with ``use_defaults``) or ``wizard.missing_answers`` naming the
    first question left without an answer; nothing is changed then.
    """
    used = 0
    missing: list[Question] = []
    for section in sections_to_complete(dossier, catalogue):
        for question in section.questions:
            if not applies(dossier, question):
                if was_asked(dossier, question.key):
                    dossier = unset(dossier, question.key)
                continue
            if was_asked(dossier, question.key):
                continue
            if use_defaults and question.default is not None:
                dossier = set_answer(dossier, question.key, question.default)
                used += 1
            else:
                missing.append(question)
    if missing:
        first = missing[0]
        if use_defaults:
            raise ReseauError("errors.no_default", question=first.key, prompt=first.prompt(lang))
        raise UsageError("wizard.missing_answers", question=first.key, prompt=first.prompt(lang),
                         count=len(missing), file=answers_file)
    return dossier, used
