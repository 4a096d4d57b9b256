"""Facts about a dossier that several rules and the legal-form guidance share.

Each function reads answers by dotted key, so a dossier with any section missing still works.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from reseau_cli.catalogue import Text, load_catalogue
from reseau_cli.check.hesitation import is_hesitant, normal
from reseau_cli.dossier import Dossier as Dossier  # re-exported for the rules
from reseau_cli.dossier import founding_count as _founding_count
from reseau_cli.dossier import get_answer, is_answered, was_asked

# Model of network → fewest member organisations it needs (the guide's definitions).
MODEL_MINIMUM: dict[str, int] = {"alliance": 2, "joint_venture": 2, "business_network": 3}
# With no model chosen, a network still needs two organisations to be a network at all.
ANY_NETWORK_MINIMUM = 2

INVOICING_ACTIVITIES = ("joint_tenders", "joint_invoicing")
# Activities and aims that put members in front of the same clients (the guide's formality rule).
CLIENT_ACTIVITIES = ("shared_clients", "joint_tenders")
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


def filled(value: Any) -> bool:
    """Whether a value says something: not blank, not a typed hesitation ("je ne sais pas")."""
    if isinstance(value, str):
        return bool(value.strip()) and not is_hesitant(value)
    return value not in (None, [], {})


def answered(dossier: Dossier, key: str) -> bool:
    """Whether ``key`` holds a real answer (blank text and typed hesitations count as empty)."""
    value = get_answer(dossier, key)
    if isinstance(value, str):
        return filled(value)
    return is_answered(dossier, key)


def asked(dossier: Dossier, key: str) -> bool:
    """Whether ``key`` was asked (present in the file, even if left blank)."""
    return was_asked(dossier, key)


def entities(dossier: Dossier) -> list[Any]:
    """The member organisations listed in the dossier."""
    return list(answer(dossier, "members.entities") or [])


def all_cooperatives(dossier: Dossier) -> bool:
    """Whether the network has two members or more and every one of them is a cooperative."""
    members = entities(dossier)
    return len(members) >= 2 and all(getattr(m, "kind", None) == "cooperative" for m in members)


def non_cooperatives(dossier: Dossier) -> list[str]:
    """Names of the members whose kind is known and is not a cooperative."""
    return [str(m.name) for m in entities(dossier)
            if getattr(m, "kind", None) not in (None, "cooperative")]


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


def main_objective(dossier: Dossier) -> str | None:
    """The main objective's value (None when not chosen)."""
    main = answer(dossier, "objective.main")
    return str(main) if main else None


def is_purchasing(dossier: Dossier) -> bool:
    """A purchasing group: buying cheaper is an aim, or buying as a group is a joint activity."""
    return "buy_cheaper" in objectives(dossier) or "group_purchasing" in activities(dossier)


def client_reasons(dossier: Dossier) -> list[str]:
    """Why members will face the same clients, as label keys ([] for a network that does not)."""
    reasons = []
    if "shared_clients" in activities(dossier):
        reasons.append("shares_clients")
    if "joint_tenders" in activities(dossier):
        reasons.append("bids_jointly")
    if main_objective(dossier) == "new_clients":
        reasons.append("seeks_clients")
    return reasons


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


def mentions(text: str, words: list[str], whole: bool = False) -> bool:
    """Whether ``text`` contains one of ``words`` (case and accents ignored).

    With ``whole``, a word only counts on its own ("bureau" is not found in "Bureautique").
    """
    plain = normal(text)
    if whole:
        return any(re.search(rf"(?<!\w){re.escape(normal(w))}(?!\w)", plain) for w in words)
    return any(normal(word) in plain for word in words)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normal(text))


def name_tokens(name: str, noise: list[str]) -> frozenset[str]:
    """The words that identify an organisation: legal suffixes and small words left out."""
    ignored = _ignored(tuple(noise))
    return frozenset(w for w in _words(name) if w not in ignored)


@cache
def _ignored(noise: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normal(word) for word in noise)


def same_entity(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two names designate the same organisation ("ATF" and "Tanneurs de Fès — ATF")."""
    return bool(a) and bool(b) and (a <= b or b <= a)
