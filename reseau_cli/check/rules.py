"""The coherence rules of ``reseau check``: one small pure function per rule.

Each rule reads the dossier and returns the findings it raises ([] when the answers agree with the
guide). Rules register with :func:`registry.rule` (other ``rules_*`` modules hold the legal-form,
member, calendar and hesitation rules); findings are reported errors first, then warnings,
then information, each group in the wizard's order of the section it concerns.

Severities: *error* only where the guide says the point blocks — too few members for the model
(the model's definition), an association that must invoice or bid (it legally cannot), no
facilitator (the network is "threatened from the start"); *warning* for what the guide asks for
and is missing; *info* for advice and for phase-2 answers not given yet.

Choices made here:

- Phase-2 questions (letter of intent, launch) that were never asked do not count as missing: the
  founders may not have reached phase 2. The rule then gives an *info* "not answered yet" finding
  (``*.pending``); once the question was asked and left blank, it gives a warning.
- Phase-1 questions left unanswered count as missing: phase 1 is what founding a network needs.
- Too few members for the chosen model is reported once, by ``model.member-count``;
  ``pitfalls.partners`` reports the count only when no model has been chosen yet.
- ``pitfalls.implementation`` fires when *either* the decision rules or the management of joint
  projects is missing, and names what is missing.
"""

from __future__ import annotations

from reseau_cli.catalogue import Text
from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer, answered, asked, choice_text
from reseau_cli.check.findings import Finding, make_finding
from reseau_cli.check.registry import rule
from reseau_cli.check.texts import fill, load_texts
from reseau_cli.display import founding_core_ok


def _label(key: str) -> Text:
    return load_texts().label(key)


# --- model and members ------------------------------------------------------------------------


@rule
def member_count_fits_model(dossier: Dossier) -> list[Finding]:
    """A business network needs 3 organisations or more; an alliance or joint venture 2."""
    minimum = facts.model_minimum(dossier)
    count = len(facts.entities(dossier))
    if minimum is None or count >= minimum:
        return []
    model = choice_text("model.kind", str(answer(dossier, "model.kind")))
    return [make_finding("model.member-count", "members.entities",
                         {"model": model, "minimum": minimum, "count": count})]


@rule
def founding_core_of_two_or_three(dossier: Dossier) -> list[Finding]:
    """The founding core should be 2 or 3 fully committed members."""
    if not facts.entities(dossier):
        return []
    count = facts.founding_count(dossier)
    if founding_core_ok(count):
        return []
    return [make_finding("members.core", "members.entities", {"count": count})]


# --- fees -------------------------------------------------------------------------------------


@rule
def fee_needs_services_and_is_best_avoided(dossier: Dossier) -> list[Finding]:
    """A fee is best avoided at the start; if there is one, a list of services must justify it."""
    if answer(dossier, "dues.needed") is not True:
        return []
    if not answered(dossier, "dues.services"):
        return [make_finding("dues.unjustified-fee", "dues.services")]
    return [make_finding("dues.fee-at-start", "dues.needed")]


# --- common rules -----------------------------------------------------------------------------


def _decisions_defined(dossier: Dossier) -> bool:
    return answered(dossier, "rules.decision_mode") or answered(dossier, "rules.decisions")


@rule
def shared_clients_need_written_rules(dossier: Dossier) -> list[Finding]:
    """A network whose members face the same clients writes down four rules.

    The guide ties confidentiality, decision circuits, business referrals and quality control to
    sharing clients; a pure purchasing or exchange network, even with quantified targets, is
    not asked for them (its need for a written charter is checked by ``pitfalls.agreement``).
    """
    reasons = [_label(key) for key in facts.client_reasons(dossier)]
    if not reasons:
        return []
    if answered(dossier, "objective.targets"):
        reasons.append(_label("has_targets"))
    missing = []
    if not answered(dossier, "rules.confidentiality"):
        missing.append(_label("confidentiality"))
    if not _decisions_defined(dossier):
        missing.append(_label("decisions"))
    if not answered(dossier, "rules.referrals"):
        missing.append(_label("referrals"))
    if not answered(dossier, "rules.quality"):
        missing.append(_label("quality"))
    if not missing:
        return []
    return [make_finding("rules.formality-rule", "rules", {"reasons": reasons, "missing": missing})]


@rule
def conflict_resolution_chosen(dossier: Dossier) -> list[Finding]:
    """A way of settling conflicts is chosen from the start."""
    if answered(dossier, "rules.conflicts"):
        return []
    return [make_finding("rules.conflicts", "rules.conflicts")]


@rule
def exclusion_terms_set(dossier: Dossier) -> list[Finding]:
    """The terms for excluding a failing member are decided from the start."""
    if answered(dossier, "admission.exclusion"):
        return []
    return [make_finding("admission.exclusion", "admission.exclusion")]


@rule
def dissolution_terms_set(dossier: Dossier) -> list[Finding]:
    """Dissolution terms are decided from the start (a phase-2 question)."""
    if not asked(dossier, "launch.dissolution"):
        return [make_finding("launch.dissolution.pending", "launch.dissolution")]
    if answered(dossier, "launch.dissolution"):
        return []
    return [make_finding("launch.dissolution", "launch.dissolution")]


# --- the five critical steps ------------------------------------------------------------------


@rule
def strategy_agreed(dossier: Dossier) -> list[Finding]:
    """Critical step a: a strategy — a main objective and a statement of what to achieve."""
    missing = []
    if not answered(dossier, "before.statement"):
        missing.append(_label("statement"))
    if not answered(dossier, "objective.main"):
        missing.append(_label("main_objective"))
    if not missing:
        return []
    path = "before.statement" if not answered(dossier, "before.statement") else "objective.main"
    return [make_finding("pitfalls.strategy", path, {"missing": missing})]


@rule
def partners_search_framed(dossier: Dossier) -> list[Finding]:
    """Critical step b: suitable partners — criteria to choose them, and enough of them."""
    reasons = []
    count = len(facts.entities(dossier))
    if facts.model_minimum(dossier) is None and count < facts.ANY_NETWORK_MINIMUM:
        reasons.append(fill(_label("too_few_partners"), {"count": count}))
    if not answered(dossier, "members.criteria"):
        reasons.append(_label("no_criteria"))
    if not reasons:
        return []
    return [make_finding("pitfalls.partners", "members.criteria", {"missing": reasons})]


def _mentions_final_agreement(title: str) -> bool:
    return facts.mentions(title, load_texts().final_agreement_words)


@rule
def formal_agreement_planned(dossier: Dossier) -> list[Finding]:
    """Critical step c: a written charter, and dated milestones up to the final agreement."""
    found = []
    if answer(dossier, "rules.charter") is False:
        found.append(make_finding("pitfalls.agreement.no-charter", "rules.charter"))
    milestones = list(answer(dossier, "intent.milestones") or [])
    if not asked(dossier, "intent.milestones"):
        found.append(make_finding("pitfalls.agreement.pending", "intent.milestones"))
    elif not milestones:
        found.append(make_finding("pitfalls.agreement.no-milestones", "intent.milestones"))
    elif not any(_mentions_final_agreement(str(m.title)) for m in milestones):
        found.append(make_finding("pitfalls.agreement.no-final-step", "intent.milestones"))
    return found


@rule
def running_the_network_agreed(dossier: Dossier) -> list[Finding]:
    """Critical step d: how the network is run — who decides, and how joint projects are led."""
    missing = []
    if not _decisions_defined(dossier):
        missing.append(_label("decisions"))
    if not answered(dossier, "rules.projects"):
        missing.append(_label("projects"))
    if not missing:
        return []
    return [make_finding("pitfalls.implementation", "rules", {"missing": missing})]


@rule
def facilitator_named(dossier: Dossier) -> list[Finding]:
    """Critical step e: a dedicated facilitator; without one the network is at risk from day one."""
    if answered(dossier, "members.facilitator"):
        return []
    return [make_finding("pitfalls.facilitator", "members.facilitator")]
