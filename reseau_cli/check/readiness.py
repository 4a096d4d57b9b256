"""Readiness: a score from the guide's 19 success factors, and a next step for each unmet one.

Scoring (a decision, documented here and in ``reseau check --help``): yes = 1, partly = 0.5,
no = 0, and **unanswered factors are left out** of the score, which is the share of the points
possible over the *answered* factors, as a percentage rounded to one decimal. Counting an
unanswered factor as "no" would confuse "not assessed" with "not met". A percentage on a handful
of answers would mislead, so the score is only given once enough factors are answered
(``readiness.minimum`` in ``guides/checks.yaml``, 10 of 19); before that it is None and the text
says how many are answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reseau_cli.catalogue import Text, load_catalogue
from reseau_cli.check.facts import Dossier, answer
from reseau_cli.check.texts import Param, fill, load_texts

SECTION = "success"
POINTS = {"yes": Decimal(1), "partly": Decimal("0.5"), "no": Decimal(0)}


@dataclass(frozen=True)
class UnmetFactor:
    """A success factor answered "no" or "partly", with one concrete next step."""

    id: str  # e.g. "success.trust"
    answer: str  # "no" or "partly"
    factor: Text
    next_step: Text

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang``."""
        return {"id": self.id, "answer": self.answer, "factor": self.factor(lang),
                "next_step": self.next_step(lang)}


@dataclass(frozen=True)
class Readiness:
    """The self-assessment's result."""

    score: float | None  # percentage, one decimal; None until enough factors are answered
    answered: int
    total: int
    unmet: list[UnmetFactor] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    minimum: int = 10

    def text(self, lang: str) -> str:
        """The score with how many factors it rests on, or why there is no score yet."""
        texts = load_texts().readiness
        params: dict[str, Param] = {"answered": self.answered, "total": self.total,
                                    "minimum": self.minimum}
        if self.score is not None:
            score = f"{self.score:.1f}"
            params["score"] = score.replace(".", ",") if lang != "en" else score
            return fill(texts.score, params)(lang)
        return fill(texts.not_enough if self.answered else texts.none, params)(lang)

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang`` (the stable shape of ``reseau check --format json``)."""
        return {"score": self.score, "answered": self.answered, "total": self.total,
                "minimum": self.minimum, "text": self.text(lang),
                "unmet": [u.as_dict(lang) for u in self.unmet], "unanswered": self.unanswered}


def readiness(dossier: Dossier) -> Readiness:
    """Score the ``success`` answers; list unmet factors ("no" first, then "partly")."""
    questions = load_catalogue().section(SECTION).questions
    steps = load_texts().success
    points = Decimal(0)
    answered = 0
    unmet: list[UnmetFactor] = []
    unanswered: list[str] = []
    for q in questions:
        value = answer(dossier, q.key)
        if value not in POINTS:
            unanswered.append(q.key)
            continue
        answered += 1
        points += POINTS[value]
        if value != "yes":
            unmet.append(UnmetFactor(id=q.key, answer=value, factor=q.prompt,
                                     next_step=steps[q.id]))
    unmet.sort(key=lambda u: u.answer != "no")  # stable: "no" first, catalogue order kept
    minimum = load_texts().readiness.minimum
    score = None
    if answered and answered >= minimum:
        percent = (points * 100 / answered).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        score = float(percent)
    return Readiness(score=score, answered=answered, total=len(questions), unmet=unmet,
                     unanswered=unanswered, minimum=minimum)
