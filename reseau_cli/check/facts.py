"""Facts about a dossier that several rules and the legal-form guidance share.

Each function reads answers by dotted key, so a dossier with any section missing still works.
"""

from __future__ import annotations

from typing import Any

from reseau_cli.catalogue import Text, load_catalogue
from reseau_cli.dossier import Dossier as Dossier  # re-exported for the rules
from reseau_cli.dossier import founding_count as _founding_count
from reseau_cli.dossier import get_answer, is_answered, was_asked

# Model of network → fewest member organisations it needs (the guide's definitions).
MODEL_MINIMUM: dict[str, int] = {"alliance": 2, "joint_venture": 2, "business_network": 3}
# With no model chosen, a network still needs two organisations to be a network at all.
ANY_NETWORK_MINIMUM = 2

INVOICING_ACTIVITIES = ("joint_tenders", "joint_invoicing")
POOLING_GOALS = ("buy_cheaper", "pool_costs")
POOLING_ACTIVITIES = ("group_purchasing", "pooled_resources")
# Activities the guide says call for a legal form rather than a rallying point.
FORMAL_ACTIVITIES = (
    "skills_transfer", "shared_clients", "pooled_resources", "shared_investment",
    "joint_tenders", "joint_invoicing", "group_purchasing",
)


def answer(dossier: Dossier, key: str) -> Any:
    """The answer at ``key`` (None when not answered)."""
    return get_answer(dossier, key)


def answered(dossier: Dossier, key: str) -> bool:
    """Whether ``key`` holds a non-empty answer (blank text counts as empty)."""
    value = get_answer(dossier, key)
    if isinstance(value, str):
        return bool(value.strip())
    return is_answered(dossier, key)


def asked(dossier: Dossier, key: str) -> bool:
    """Whether ``key`` was asked (present in the file, even if left blank)."""
    return was_asked(dossier, key)


def entities(dossier: Dossier) -> list[Any]:
    """The member organisations listed in the dossier."""
    return list(answer(dossier, "members.entities") or [])


def founding_count(dossier: Dossier) -> int:
    """How many members are marked as part of the founding core."""
    return _founding_count(dossier)


def activities(dossier: Dossier) -> list[str]:
    """What the network will do jointly (``legal.activities``)."""
    return list(answer(dossier, "legal.activities") or [])


def objectives(dossier: Dossier) -> list[str]:
    """The main objective followed by the secondary ones."""
    main = answer(dossier, "objective.main")
    secondary = list(answer(dossier, "objective.secondary") or [])
    return ([main] if main else []) + [s for s in secondary if s != main]


def commercial_reasons(dossier: Dossier) -> list[str]:
    """Why the network is commercial, as label keys of ``checks.yaml`` ([] when it is not)."""
    reasons = []
    if answer(dossier, "objective.main") == "new_clients":
        reasons.append("reason_new_clients")
    if "shared_clients" in activities(dossier):
        reasons.append("reason_shared_clients")
    if answer(dossier, "objective.for_profit") is True:
        reasons.append("reason_for_profit")
    return reasons


def invoicing_activities(dossier: Dossier) -> list[str]:
    """The planned activities that need invoicing in the network's name."""
    return [a for a in activities(dossier) if a in INVOICING_ACTIVITIES]


def is_commercial(dossier: Dossier) -> bool:
    """New clients as main objective, selling or sharing clients together, or for profit."""
    return bool(commercial_reasons(dossier) or invoicing_activities(dossier))


def pooling_goals(dossier: Dossier) -> list[str]:
    """Buy-cheaper / pool-costs objectives and pooling activities, as ``goal_*`` label keys."""
    goals = [f"goal_{o}" for o in objectives(dossier) if o in POOLING_GOALS]
    goals += [f"goal_{a}" for a in activities(dossier) if a in POOLING_ACTIVITIES]
    return goals


def legal_form(dossier: Dossier) -> str | None:
    """The intended legal form; "informal" for an informal arrangement; None if not decided."""
    form = answer(dossier, "legal.form")
    if form:
        return str(form)
    if answer(dossier, "legal.formal") == "informal":
        return "informal"
    return None


def model_minimum(dossier: Dossier) -> int | None:
    """The fewest members the chosen model needs (None when no model is chosen)."""
    kind = answer(dossier, "model.kind")
    return MODEL_MINIMUM.get(str(kind)) if kind else None


def choice_text(question_key: str, value: str) -> Text:
    """The catalogue's label of a choice value, in both languages (the value if unknown)."""
    for choice in load_catalogue().question(question_key).choices:
        if choice.value == value:
            return choice.label
    return Text(fr=value, en=value)
