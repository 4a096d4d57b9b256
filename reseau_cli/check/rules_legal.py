"""Rules on the legal form and the model: they read the verdicts of :func:`legal_forms.assess`.

The chosen form is judged by the same verdicts that rank the forms, so a form a finding rejects
is never recommended above the founders' choice.
"""

from __future__ import annotations

from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer, choice_text
from reseau_cli.check.findings import Finding, make_finding
from reseau_cli.check.legal_forms import assess
from reseau_cli.check.registry import rule
from reseau_cli.check.texts import Param, load_texts

# Forms that create an organisation distinct from the members (an alliance creates none).
SEPARATE_BODY_FORMS = ("association", "cooperative", "cooperative_union", "gie", "sarl",
                       "employers_group")
COOPERATIVE_FORMS = ("cooperative", "cooperative_union")
EXCLUSIVE = ("full", "minimum")


def _rejection_params(dossier: Dossier, finding_id: str, form: str) -> dict[str, Param]:
    labels = load_texts().labels
    if finding_id == "legal.association-limits.invoicing":
        return {"activities": [choice_text("legal.activities", a)
                               for a in facts.invoicing_activities(dossier)]}
    if finding_id == "legal.association-limits":
        return {"reasons": [labels[r] for r in facts.commercial_reasons(dossier)]}
    if finding_id == "legal.cooperative-union.members":
        return {"names": ", ".join(facts.non_cooperatives(dossier))}
    why = labels.get(f"unfit_{form}", labels["unfit_other"])
    return {"objective": choice_text("objective.main", str(facts.main_objective(dossier))),
            "form": choice_text("legal.form", form), "why": why}


@rule
def chosen_form_fits_the_network(dossier: Dossier) -> list[Finding]:
    """The chosen form can carry what the network does and its main objective.

    An association cannot invoice or bid (error) and is only a first step for commercial aims
    (warning); buying cheaper or pooling costs as the main objective needs a form that can buy
    or hold shared means; only cooperatives can join a union of cooperatives.
    """
    form = facts.legal_form(dossier)
    if form is None:
        return []
    verdict = assess(dossier).get(form)
    if verdict is None or verdict.rejected_by is None:
        return []
    path = "legal.activities" if verdict.rejected_by.endswith(".invoicing") else "legal.form"
    return [make_finding(verdict.rejected_by, path,
                         _rejection_params(dossier, verdict.rejected_by, form))]


@rule
def alliance_creates_no_structure(dossier: Dossier) -> list[Finding]:
    """A strategic alliance rests on an agreement and creates no separate organisation."""
    form = facts.legal_form(dossier)
    if answer(dossier, "model.kind") != "alliance" or form not in SEPARATE_BODY_FORMS:
        return []
    return [make_finding("model.alliance-structure", "model.kind",
                         {"form": choice_text("legal.form", form)})]


@rule
def cooperatives_form_a_union(dossier: Dossier) -> list[Finding]:
    """A network made only of cooperatives naturally takes the form of a union of cooperatives."""
    form = facts.legal_form(dossier)
    if form in (None, "cooperative_union") or not facts.all_cooperatives(dossier):
        return []
    return [make_finding("legal.cooperative-union", "legal.form",
                         {"count": len(facts.entities(dossier)),
                          "form": choice_text("legal.form", form)})]


@rule
def purchasing_cooperative_has_exclusivity(dossier: Dossier) -> list[Finding]:
    """A cooperative purchasing centre depends on its members' commitment to buy through it."""
    if facts.legal_form(dossier) not in COOPERATIVE_FORMS or not facts.is_purchasing(dossier):
        return []
    value = answer(dossier, "legal.exclusivity")
    if value in EXCLUSIVE:
        return []
    state = "exclusivity_refused" if value == "none" else "exclusivity_undecided"
    return [make_finding("legal.cooperative-exclusivity", "legal.exclusivity",
                         {"state": load_texts().label(state)})]
