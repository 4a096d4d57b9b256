"""Legal-form guidance: which forms suit the network, best first, each with a one-line reason.

This is guidance drawn from the guide, not legal advice (the disclaimer travels with the list).
:func:`assess` is the one place where the guide's reasoning about forms lives; both the ranking
and the legal-form findings of ``reseau check`` read its verdicts, so they cannot disagree: a form
that a finding rejects is ranked after every form no finding rejects.

- exchanging experience only needs a rallying point (informal) or a light association;
- commercial aims (new clients, shared clients, tenders, invoicing, profit) need a GIE, or an SARL
  as volume grows; an association can only be a first step, and never invoices or bids;
- buying cheaper or pooling costs as the *main* objective suits a cooperative (one member, one
  vote, no joint liability) or a GIE; an association can negotiate for its members but cannot buy
  to resell or invoice them, so it never comes before the GIE for a purchasing group;
- a network made only of cooperatives naturally forms a union of cooperatives (which only
  cooperatives may join);
- shared investment or revenue as an aim point to a company (SARL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reseau_cli.catalogue import Text
from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer, choice_text
from reseau_cli.check.texts import load_texts

# The forms the guidance compares, lightest first (the diagnostic figure's columns).
FORM_ORDER = ("informal", "association", "cooperative", "gie", "sarl")
# Ties in the ranking are broken in this order: the lighter form first.
RANK_ORDER = ("informal", "association", "cooperative", "cooperative_union", "gie", "sarl",
              "voluntary_chain", "franchise", "employers_group")
# Forms that cannot carry these main objectives (the finding legal.cooperative-fit).
UNFIT_FOR_MAIN = {
    "buy_cheaper": ("informal", "association", "employers_group", "franchise"),
    "pool_costs": ("informal", "franchise"),
}


@dataclass(frozen=True)
class Verdict:
    """What the guide says of one form for this network."""

    weight: int  # higher suits better
    reason: str  # key of legal_forms.reasons in guides/checks.yaml
    rejected_by: str | None = None  # the finding raised when this form is chosen anyway


@dataclass(frozen=True)
class LegalFormOption:
    """One legal form in the guidance, with why it suits (or does not suit) this network."""

    rank: int
    form: str  # a value of the legal.form question
    label: Text
    reason: Text
    chosen: bool  # the form the dossier already names
    suitable: bool = True  # False when a finding would reject it

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang``."""
        return {"rank": self.rank, "form": self.form, "label": self.label(lang),
                "reason": self.reason(lang), "chosen": self.chosen, "suitable": self.suitable}


def _association(dossier: Dossier, main: str | None) -> Verdict:
    if facts.invoicing_activities(dossier):
        return Verdict(0, "association.cannot_invoice", "legal.association-limits.invoicing")
    if facts.commercial_reasons(dossier):
        return Verdict(1, "association.first_step", "legal.association-limits")
    if main in UNFIT_FOR_MAIN and "association" in UNFIT_FOR_MAIN[main]:
        return Verdict(0, "association.no_purchasing", "legal.cooperative-fit")
    if facts.is_purchasing(dossier):
        return Verdict(1, "association.negotiates_only")
    acts = set(facts.activities(dossier))
    if acts & set(facts.FORMAL_ACTIVITIES) or facts.pooling_goals(dossier):
        return Verdict(2, "association.formal")
    return Verdict(2, "association.exchange")


def _informal(dossier: Dossier, main: str | None) -> Verdict | None:
    if main in UNFIT_FOR_MAIN and "informal" in UNFIT_FOR_MAIN[main]:
        return Verdict(0, "informal.needs_structure", "legal.cooperative-fit")
    acts = set(facts.activities(dossier))
    needs_form = bool(acts & set(facts.FORMAL_ACTIVITIES)) or bool(facts.pooling_goals(dossier))
    exchange = main == "break_isolation" or acts == {"exchange"}
    if exchange and not needs_form and not facts.is_commercial(dossier):
        return Verdict(3, "informal.exchange")
    if answer(dossier, "model.kind") == "alliance" and not facts.invoicing_activities(dossier):
        return Verdict(2, "informal.alliance")
    return None


def _cooperatives(dossier: Dossier, main: str | None, chosen: str | None) -> dict[str, Verdict]:
    found: dict[str, Verdict] = {}
    commercial = facts.is_commercial(dossier)
    if facts.pooling_goals(dossier):
        found["cooperative"] = Verdict(4 if main in facts.POOLING_GOALS else 2,
                                       "cooperative.pooling")
    elif answer(dossier, "model.functioning") == "production" and not commercial:
        found["cooperative"] = Verdict(1, "cooperative.production")
    if facts.all_cooperatives(dossier):
        found["cooperative_union"] = Verdict(5, "cooperative_union.members")
    elif chosen == "cooperative_union" and facts.non_cooperatives(dossier):
        found["cooperative_union"] = Verdict(0, "cooperative_union.non_members",
                                             "legal.cooperative-union.members")
    return found


def _companies(dossier: Dossier, main: str | None) -> dict[str, Verdict]:
    found: dict[str, Verdict] = {}
    acts = set(facts.activities(dossier))
    commercial = facts.is_commercial(dossier)
    if commercial:
        # Only a GIE (or a company) can bid and invoice in the members' name.
        found["gie"] = Verdict(4 if facts.invoicing_activities(dossier) else 3, "gie.commercial")
    elif facts.is_purchasing(dossier):
        found["gie"] = Verdict(3, "gie.purchasing")
    elif facts.pooling_goals(dossier) or acts & {"pooled_resources", "shared_investment"}:
        found["gie"] = Verdict(2, "gie.pooling")
    for_profit = answer(dossier, "objective.for_profit") is True
    invests = "shared_investment" in acts or answer(dossier, "objective.own_management") is True
    if for_profit or invests:
        found["sarl"] = Verdict(3 if for_profit and invests else 2, "sarl.profit")
    elif commercial:
        found["sarl"] = Verdict(2, "sarl.commercial")
    return found


def assess(dossier: Dossier) -> dict[str, Verdict]:
    """The verdict on each form the answers let us judge, and on the chosen form in any case."""
    main = facts.main_objective(dossier)
    chosen = facts.legal_form(dossier)
    verdicts: dict[str, Verdict] = {}
    informal = _informal(dossier, main)
    if informal is not None:
        verdicts["informal"] = informal
    verdicts["association"] = _association(dossier, main)
    verdicts.update(_cooperatives(dossier, main, chosen))
    verdicts.update(_companies(dossier, main))
    if chosen is not None and chosen not in verdicts:
        unfit = main in UNFIT_FOR_MAIN and chosen in UNFIT_FOR_MAIN[main]
        verdicts[chosen] = (Verdict(0, "other.unfit", "legal.cooperative-fit") if unfit
                            else Verdict(0, "other.chosen"))
    return verdicts


def enough_answers(dossier: Dossier) -> bool:
    """Whether the objective or the joint activities are known (guidance needs one of them)."""
    return facts.answered(dossier, "objective.main") or bool(facts.activities(dossier))


def _order(form: str, verdict: Verdict, chosen: str | None) -> tuple[bool, bool, int, int]:
    rejected = verdict.rejected_by is not None
    # Forms a finding rejects come last; among them the chosen one first, so that no rejected
    # form is ever listed above the founders' choice.
    return (rejected, rejected and form != chosen, -verdict.weight, RANK_ORDER.index(form))


def legal_form_guidance(dossier: Dossier) -> list[LegalFormOption]:
    """Forms, best first ([] when the objective and activities are not answered)."""
    if not enough_answers(dossier):
        return []
    reasons = load_texts().legal_forms.reasons
    chosen = facts.legal_form(dossier)
    verdicts = assess(dossier)
    ordered = sorted(verdicts, key=lambda f: _order(f, verdicts[f], chosen))
    return [
        LegalFormOption(rank=rank, form=form, label=choice_text("legal.form", form),
                        reason=reasons[verdicts[form].reason], chosen=form == chosen,
                        suitable=verdicts[form].rejected_by is None)
        for rank, form in enumerate(ordered, start=1)
    ]
