"""Hesitant answers: "je ne sais pas encore", "à voir", "TBD" typed where an answer was expected.

They count as unanswered everywhere in ``reseau check`` (see :func:`facts.filled`); this rule
also names, section by section, where they are, so the founders know what is still open.
"""

from __future__ import annotations

from typing import Any

from reseau_cli.catalogue import Question, load_catalogue
from reseau_cli.check.facts import Dossier, answer
from reseau_cli.check.findings import Finding, make_finding
from reseau_cli.check.hesitation import is_hesitant
from reseau_cli.check.registry import rule


def _hesitations_in(value: Any, question: Question) -> int:
    if isinstance(value, str):
        return int(is_hesitant(value))
    if isinstance(value, list) and question.type == "records":
        return sum(int(is_hesitant(getattr(item, f.id, None))) for item in value
                   for f in question.fields if f.type in ("text", "long_text"))
    return 0


def hesitant_answers(dossier: Dossier) -> dict[str, list[Question]]:
    """Section id → the questions whose answer (or a record's text) is a typed hesitation."""
    found: dict[str, list[Question]] = {}
    noted = dossier.unsure  # "don't know yet" answers the dossier stored as unanswered
    for question in load_catalogue().questions():
        if question.key in noted or question.type in ("text", "long_text", "records") and \
                _hesitations_in(answer(dossier, question.key), question):
            found.setdefault(question.section, []).append(question)
    return found


@rule
def hesitations_are_not_answers(dossier: Dossier) -> list[Finding]:
    """A typed hesitation leaves the question open: say where, one finding per section."""
    catalogue = load_catalogue()
    findings = []
    for section_id, questions in hesitant_answers(dossier).items():
        first = questions[0]
        finding = make_finding("answers.hesitant", first.key,
                               {"count": len(questions),
                                "section": catalogue.section(section_id).title})
        if first.guide_ref:
            finding = finding.with_guide_ref(first.guide_ref[0])
        findings.append(finding)
    return findings
