"""Rules on dates: the letter of intent opens the calendar, which ends by the target date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reseau_cli.catalogue import Text
from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer
from reseau_cli.check.findings import Finding, make_finding
from reseau_cli.check.registry import rule
from reseau_cli.check.texts import load_texts


def _day(value: dt.date) -> Text:
    from reseau_cli.render.formatting import format_date

    return Text(fr=format_date(value, "fr"), en=format_date(value, "en"))


def _dated(dossier: Dossier) -> list[tuple[dt.date, str]]:
    milestones: list[Any] = list(answer(dossier, "intent.milestones") or [])
    return [(m.date, str(m.title)) for m in milestones if getattr(m, "date", None) is not None]


@rule
def letter_opens_the_calendar(dossier: Dossier) -> list[Finding]:
    """No milestone of the letter's calendar comes before the letter itself is signed."""
    words = load_texts().letter_words
    dated = _dated(dossier)
    letters = [d for d, title in dated if facts.mentions(title, words)]
    if not letters:
        return []
    signed = min(letters)
    earlier = sorted((d, t) for d, t in dated if d < signed and not facts.mentions(t, words))
    if not earlier:
        return []
    first_date, first_title = earlier[0]
    return [make_finding("intent.plan.letter-after-milestone", "intent.milestones",
                         {"letter": _day(signed), "milestone": first_title,
                          "date": _day(first_date), "count": len(earlier)})]


@rule
def calendar_ends_by_the_deadline(dossier: Dossier) -> list[Finding]:
    """Milestones fall on or before the target date the founders set for the network."""
    deadline = answer(dossier, "before.deadline")
    if deadline is None:
        return []
    late = sorted((d, t) for d, t in _dated(dossier) if d > deadline)
    if not late:
        return []
    last_date, last_title = late[-1]
    return [make_finding("intent.plan.after-deadline", "intent.milestones",
                         {"deadline": _day(deadline), "milestone": last_title,
                          "date": _day(last_date), "count": len(late)})]
