"""Legal-form guidance: which forms suit the network, best first, each with a one-line reason.

This is guidance drawn from the guide, not legal advice (the disclaimer travels with the list).
The weights encode the guide's reasoning; the reasons' words are in ``guides/checks.yaml``:

- exchanging experience only needs a rallying point (informal) or a light association;
- commercial aims (new clients, shared clients, tenders, invoicing, profit) need a GIE, or an SARL
  as volume grows; an association can only be a first step;
- buying cheaper and pooling costs or services suit a cooperative (one member, one vote, no joint
  liability); a GIE can also pool means;
- shared investment or revenue as an aim point to a company (SARL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reseau_cli.catalogue import Text
from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer, choice_text
from reseau_cli.check.texts import load_texts

# Ties are broken in this order: the lighter form first.
FORM_ORDER = ("informal", "association", "cooperative", "gie", "sarl")


@dataclass(frozen=True)
class LegalFormOption:
    """One suitable legal form, with why it suits this network."""

    rank: int
    form: str  # a value of the legal.form question
    label: Text
    reason: Text
    chosen: bool  # the form the dossier already names

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang``."""
        return {"rank": self.rank, "form": self.form, "label": self.label(lang),
                "reason": self.reason(lang), "chosen": self.chosen}


def _weights(dossier: Dossier) -> dict[str, tuple[int, str]]:
    """Form → (weight, reason key) for each form that suits the answers."""
    acts = set(facts.activities(dossier))
    commercial = facts.is_commercial(dossier)
    pooling = bool(facts.pooling_goals(dossier))
    needs_form = bool(acts & set(facts.FORMAL_ACTIVITIES))
    for_profit = answer(dossier, "objective.for_profit") is True
    invests = "shared_investment" in acts or answer(dossier, "objective.own_management") is True
    exchange = answer(dossier, "objective.main") == "break_isolation" or acts == {"exchange"}

    main_pooling = answer(dossier, "objective.main") in facts.POOLING_GOALS
    invoicing = bool(facts.invoicing_activities(dossier))

    found: dict[str, tuple[int, str]] = {}
    if not (commercial or needs_form or pooling) and exchange:
        found["informal"] = (3, "informal.exchange")
    if commercial:
        found["association"] = (1, "association.first_step")
    elif needs_form or pooling:
        found["association"] = (2, "association.formal")
    else:
        found["association"] = (2, "association.exchange")
    if pooling:
        found["cooperative"] = (4 if main_pooling else 2, "cooperative.pooling")
    elif answer(dossier, "model.functioning") == "production" and not commercial:
        found["cooperative"] = (1, "cooperative.production")
    if commercial:
        # Only a GIE (or a company) can bid and invoice in the members' name.
        found["gie"] = (4 if invoicing else 3, "gie.commercial")
    elif pooling or "pooled_resources" in acts or "shared_investment" in acts:
        found["gie"] = (2, "gie.pooling")
    if for_profit or invests:
        found["sarl"] = (3 if for_profit and invests else 2, "sarl.profit")
    elif commercial:
        found["sarl"] = (2, "sarl.commercial")
    return found


def enough_answers(dossier: Dossier) -> bool:
    """Whether the objective or the joint activities are known (guidance needs one of them)."""
    return facts.answered(dossier, "objective.main") or bool(facts.activities(dossier))


def legal_form_guidance(dossier: Dossier) -> list[LegalFormOption]:
    """Suitable forms, best first ([] when the objective and activities are not answered)."""
    if not enough_answers(dossier):
        return []
    reasons = load_texts().legal_forms.reasons
    chosen = facts.legal_form(dossier)
    weights = _weights(dossier)
    ordered = sorted(weights, key=lambda f: (-weights[f][0], FORM_ORDER.index(f)))
    return [
        LegalFormOption(rank=rank, form=form, label=choice_text("legal.form", form),
                        reason=reasons[weights[form][1]], chosen=form == chosen)
        for rank, form in enumerate(ordered, start=1)
    ]
