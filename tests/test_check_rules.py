"""One test per rule of `reseau check`, firing and not firing, from a clean dossier."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau_cli.check import diagnose
from tests.check_helpers import clean_answers, dossier_with, finding_ids, member, severity_of


def _finding(dossier, finding_id):  # type: ignore[no-untyped-def]
    return next(f for f in diagnose(dossier).findings if f.id == finding_id)


def test_clean_dossier_raises_no_finding() -> None:
    assert finding_ids(dossier_with()) == []


# --- model.member-count -----------------------------------------------------------------------


def test_business_network_with_two_members_is_flagged() -> None:
    dossier = dossier_with({"members.entities": [member("A", True), member("B", True)]})
    finding = _finding(dossier, "model.member-count")
    assert finding.severity == "error"
    assert finding.guide_ref == "model.member-count"
    assert "3" in finding.message("fr") and "2" in finding.message("fr")


def test_business_network_with_three_members_passes() -> None:
    assert len(clean_answers()["members.entities"]) == 3
    assert "model.member-count" not in finding_ids(dossier_with())


def test_alliance_with_two_members_passes() -> None:
    dossier = dossier_with({"model.kind": "alliance",
                            "members.entities": [member("A", True), member("B", True)]})
    assert "model.member-count" not in finding_ids(dossier)


@pytest.mark.parametrize("kind", ["alliance", "joint_venture"])
def test_two_party_model_with_one_member_is_flagged(kind: str) -> None:
    dossier = dossier_with({"model.kind": kind, "members.entities": [member("A", True)]})
    assert severity_of(dossier, "model.member-count") == "error"


def test_member_count_is_not_judged_before_a_model_is_chosen() -> None:
    dossier = dossier_with({"members.entities": [member("A", True), member("B", True)]},
                           without=["model.kind"])
    assert "model.member-count" not in finding_ids(dossier)


# --- members.core -----------------------------------------------------------------------------


@pytest.mark.parametrize("founders", [0, 1, 4])
def test_founding_core_other_than_two_or_three_is_flagged(founders: int) -> None:
    entities = [member(f"M{i}", i < founders) for i in range(5)]
    dossier = dossier_with({"members.entities": entities})
    finding = _finding(dossier, "members.core")
    assert finding.severity == "warning"
    assert str(founders) in finding.message("en")


@pytest.mark.parametrize("founders", [2, 3])
def test_founding_core_of_two_or_three_passes(founders: int) -> None:
    entities = [member(f"M{i}", i < founders) for i in range(4)]
    assert "members.core" not in finding_ids(dossier_with({"members.entities": entities}))


# --- legal.association-limits -----------------------------------------------------------------


def test_association_with_commercial_objective_suggests_gie() -> None:
    dossier = dossier_with({"objective.main": "new_clients"})
    finding = _finding(dossier, "legal.association-limits")
    assert finding.severity == "warning"
    assert finding.guide_ref == "legal.association-limits"
    assert "GIE" in finding.advice("fr") and "SARL" in finding.advice("fr")
    assert "starting point" in finding.advice("en")


def test_association_for_profit_suggests_gie() -> None:
    assert "legal.association-limits" in finding_ids(dossier_with({"objective.for_profit": True}))


@pytest.mark.parametrize("activity", ["joint_tenders", "joint_invoicing"])
def test_association_that_must_invoice_or_bid_is_an_error(activity: str) -> None:
    dossier = dossier_with({"legal.activities": ["exchange", activity]})
    finding = _finding(dossier, "legal.association-limits.invoicing")
    assert finding.severity == "error"
    assert "GIE" in finding.advice("en")
    assert "legal.association-limits" not in finding_ids(dossier)  # one finding, not two


def test_association_for_sharing_experience_raises_no_legal_finding() -> None:
    dossier = dossier_with({"objective.main": "break_isolation", "legal.activities": ["exchange"]})
    assert not [i for i in finding_ids(dossier) if i.startswith("legal.")]


def test_gie_with_commercial_objective_is_not_flagged() -> None:
    dossier = dossier_with({"objective.main": "new_clients", "legal.form": "gie",
                            "legal.activities": ["joint_tenders", "shared_clients"]})
    assert not [i for i in finding_ids(dossier) if i.startswith("legal.association")]


# --- legal.cooperative-fit -------------------------------------------------------------------


def test_buy_cheaper_as_main_objective_of_an_association_is_a_warning() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper",
                            "legal.activities": ["group_purchasing"]})
    finding = _finding(dossier, "legal.cooperative-fit")
    assert finding.severity == "warning"
    assert "cannot" in finding.message("en") or "neither" in finding.message("en")
    assert "one member, one vote" in finding.advice("en")


def test_buy_cheaper_as_main_objective_of_a_gie_is_not_flagged() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper", "legal.form": "gie",
                            "legal.activities": ["group_purchasing"]})
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_group_purchasing_as_a_side_activity_of_an_association_is_not_flagged() -> None:
    dossier = dossier_with({"legal.activities": ["exchange", "group_purchasing"],
                            "objective.secondary": ["buy_cheaper"]})
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_pool_costs_as_main_objective_of_an_informal_group_is_flagged() -> None:
    dossier = dossier_with({"objective.main": "pool_costs", "legal.formal": "informal"},
                           without=["legal.form"])
    assert severity_of(dossier, "legal.cooperative-fit") == "warning"


def test_pool_costs_as_secondary_objective_of_an_informal_group_is_not_flagged() -> None:
    dossier = dossier_with({"objective.secondary": ["pool_costs"], "legal.formal": "informal"},
                           without=["legal.form"])
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_pool_costs_as_main_objective_of_an_association_is_not_flagged() -> None:
    # The guide's own example: an association sharing premises and office equipment.
    dossier = dossier_with({"objective.main": "pool_costs",
                            "legal.activities": ["pooled_resources"]})
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_cooperative_with_pooling_goals_is_not_flagged() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper", "legal.form": "cooperative",
                            "legal.activities": ["group_purchasing"], "legal.exclusivity": "full"})
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_pooling_goal_is_not_judged_before_a_form_is_chosen() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper"},
                           without=["legal.form", "legal.formal"])
    assert "legal.cooperative-fit" not in finding_ids(dossier)


def test_association_that_bids_and_buys_gets_one_legal_finding_not_two() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper",
                            "legal.activities": ["joint_tenders", "group_purchasing"]})
    legal = [i for i in finding_ids(dossier) if i.startswith("legal.")]
    assert legal == ["legal.association-limits.invoicing"]


# --- dues.avoid-at-start ----------------------------------------------------------------------


def test_fee_without_services_is_a_warning() -> None:
    dossier = dossier_with({"dues.needed": True, "dues.amount": 1200})
    finding = _finding(dossier, "dues.unjustified-fee")
    assert (finding.severity, finding.guide_ref) == ("warning", "dues.avoid-at-start")
    assert "dues.fee-at-start" not in finding_ids(dossier)


def test_fee_with_blank_services_is_a_warning() -> None:
    dossier = dossier_with({"dues.needed": True, "dues.services": "   "})
    assert "dues.unjustified-fee" in finding_ids(dossier)


def test_fee_with_services_is_only_noted_as_best_avoided_at_start() -> None:
    dossier = dossier_with({"dues.needed": True, "dues.services": "Animation, salon annuel."})
    assert severity_of(dossier, "dues.fee-at-start") == "info"
    assert "dues.unjustified-fee" not in finding_ids(dossier)


def test_no_fee_raises_no_dues_finding() -> None:
    assert not [i for i in finding_ids(dossier_with()) if i.startswith("dues.")]


# --- rules.formality-rule ---------------------------------------------------------------------


def test_shared_clients_without_written_rules_lists_what_is_missing() -> None:
    dossier = dossier_with({"legal.activities": ["shared_clients"],
                            "objective.targets": "20 nouveaux clients d'ici 2027"},
                           without=["rules.confidentiality", "rules.referrals"])
    finding = _finding(dossier, "rules.formality-rule")
    assert finding.severity == "warning"
    message = finding.message("en")
    assert "shares clients and has quantified targets" in message
    assert "confidentiality" in message and "business referrals" in message
    assert "quality control" not in message and "decision circuits" not in message


def test_pure_purchasing_group_with_targets_needs_no_client_rules() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper", "legal.form": "gie",
                            "legal.activities": ["group_purchasing"],
                            "objective.targets": "-8 % sur les achats d'ici 2027"},
                           without=["rules.confidentiality", "rules.referrals", "rules.quality"])
    assert "rules.formality-rule" not in finding_ids(dossier)


@pytest.mark.parametrize("changes", [{"legal.activities": ["joint_tenders"], "legal.form": "gie"},
                                     {"objective.main": "new_clients", "legal.form": "gie"}])
def test_bidding_or_seeking_clients_together_needs_the_client_rules(changes: dict) -> None:
    dossier = dossier_with(changes, without=["rules.referrals"])
    assert "business referrals" in _finding(dossier, "rules.formality-rule").message("en")


def test_shared_clients_without_decision_rules_is_flagged() -> None:
    dossier = dossier_with({"legal.activities": ["shared_clients"]},
                           without=["rules.decision_mode"])
    assert "decision circuits" in _finding(dossier, "rules.formality-rule").message("en")


def test_shared_clients_with_the_four_rules_written_passes() -> None:
    dossier = dossier_with({"legal.activities": ["shared_clients"],
                            "objective.targets": "20 clients"})
    assert "rules.formality-rule" not in finding_ids(dossier)


def test_decisions_described_in_words_count_as_a_decision_circuit() -> None:
    dossier = dossier_with({"legal.activities": ["shared_clients"],
                            "rules.decisions": "Le bureau tranche les urgences."},
                           without=["rules.decision_mode"])
    assert "rules.formality-rule" not in finding_ids(dossier)


def test_hesitation_typed_as_a_rule_counts_as_missing() -> None:
    dossier = dossier_with({"legal.activities": ["shared_clients"],
                            "rules.quality": "je ne sais pas encore"})
    assert "quality control" in _finding(dossier, "rules.formality-rule").message("en")


def test_modest_network_needs_no_formal_rules() -> None:
    dossier = dossier_with(without=["rules.confidentiality", "rules.referrals", "rules.quality"])
    assert "rules.formality-rule" not in finding_ids(dossier)


# --- pitfalls.strategy ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["before.statement", "objective.main"])
def test_missing_strategy_answer_is_a_strategy_pitfall(key: str) -> None:
    finding = _finding(dossier_with(without=[key]), "pitfalls.strategy")
    assert (finding.severity, finding.path) == ("warning", key)


def test_statement_and_main_objective_answered_pass_the_strategy_step() -> None:
    assert "pitfalls.strategy" not in finding_ids(dossier_with())


# --- pitfalls.partners ------------------------------------------------------------------------


def test_no_partner_criteria_is_a_partners_pitfall() -> None:
    finding = _finding(dossier_with(without=["members.criteria"]), "pitfalls.partners")
    assert "criteria" in finding.message("en")


def test_lone_member_without_a_model_is_a_partners_pitfall() -> None:
    dossier = dossier_with({"members.entities": [member("A", True)]}, without=["model.kind"])
    assert "too few" in _finding(dossier, "pitfalls.partners").message("en")


def test_too_few_members_for_the_model_is_reported_once() -> None:
    dossier = dossier_with({"members.entities": [member("A", True), member("B", True)]})
    ids = finding_ids(dossier)
    assert "model.member-count" in ids and "pitfalls.partners" not in ids


# --- pitfalls.agreement -----------------------------------------------------------------------


def test_refusing_a_charter_is_an_agreement_pitfall() -> None:
    dossier = dossier_with({"rules.charter": False})
    assert severity_of(dossier, "pitfalls.agreement.no-charter") == "warning"


def test_milestones_asked_and_left_empty_are_an_agreement_pitfall() -> None:
    dossier = dossier_with({"intent.milestones": []})
    assert severity_of(dossier, "pitfalls.agreement.no-milestones") == "warning"


def test_milestones_without_a_final_agreement_are_noted() -> None:
    dossier = dossier_with({"intent.milestones": [{"title": "Étude de marché",
                                                   "date": dt.date(2027, 3, 1)}]})
    assert severity_of(dossier, "pitfalls.agreement.no-final-step") == "info"


@pytest.mark.parametrize("title", ["Signing of the final agreement", "Dépôt des STATUTS du GIE"])
def test_milestone_naming_the_final_agreement_passes(title: str) -> None:
    dossier = dossier_with({"intent.milestones": [{"title": title}]})
    assert not [i for i in finding_ids(dossier) if i.startswith("pitfalls.agreement")]


def test_phase_two_milestones_not_asked_yet_are_only_information() -> None:
    dossier = dossier_with(without=["intent.milestones"])
    assert severity_of(dossier, "pitfalls.agreement.pending") == "info"
    assert "pitfalls.agreement.no-milestones" not in finding_ids(dossier)


# --- pitfalls.implementation ------------------------------------------------------------------


def test_no_decision_rule_and_no_project_management_is_an_implementation_pitfall() -> None:
    dossier = dossier_with(without=["rules.decision_mode", "rules.projects"])
    message = _finding(dossier, "pitfalls.implementation").message("en")
    assert "decision circuits" in message and "joint projects" in message


def test_no_project_management_alone_is_an_implementation_pitfall() -> None:
    message = _finding(dossier_with(without=["rules.projects"]),
                       "pitfalls.implementation").message("en")
    assert "joint projects" in message and "decision" not in message


def test_decisions_and_projects_defined_pass_the_implementation_step() -> None:
    assert "pitfalls.implementation" not in finding_ids(dossier_with())


# --- pitfalls.facilitator ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "  "])
def test_no_facilitator_is_an_error(value: str | None) -> None:
    dossier = dossier_with({"members.facilitator": value})
    finding = _finding(dossier, "pitfalls.facilitator")
    assert (finding.severity, finding.path) == ("error", "members.facilitator")


def test_named_facilitator_passes() -> None:
    assert "pitfalls.facilitator" not in finding_ids(dossier_with())


# --- conflicts, exclusion, dissolution --------------------------------------------------------


def test_no_conflict_resolution_is_flagged() -> None:
    assert severity_of(dossier_with(without=["rules.conflicts"]), "rules.conflicts") == "warning"


def test_chosen_conflict_resolution_passes() -> None:
    dossier = dossier_with({"rules.conflicts": "arbitration_council"})
    assert "rules.conflicts" not in finding_ids(dossier)


def test_no_exclusion_terms_are_flagged() -> None:
    dossier = dossier_with({"admission.exclusion": None})
    assert severity_of(dossier, "admission.exclusion") == "warning"


def test_exclusion_terms_pass() -> None:
    assert "admission.exclusion" not in finding_ids(dossier_with())


def test_dissolution_asked_and_left_blank_is_flagged() -> None:
    dossier = dossier_with({"launch.dissolution": None})
    assert severity_of(dossier, "launch.dissolution") == "warning"


def test_dissolution_not_asked_yet_is_only_information() -> None:
    dossier = dossier_with(without=["launch.dissolution"])
    assert severity_of(dossier, "launch.dissolution.pending") == "info"
    assert "launch.dissolution" not in finding_ids(dossier)


def test_dissolution_terms_pass() -> None:
    assert not [i for i in finding_ids(dossier_with()) if i.startswith("launch.")]


# --- across rules -----------------------------------------------------------------------------


def test_phase_one_only_dossier_has_no_error_from_phase_two_questions() -> None:
    dossier = dossier_with(without=["intent.milestones", "launch.dissolution"])
    assert not diagnose(dossier).has_errors
    phase_two = [f for f in diagnose(dossier).findings
                 if f.path.split(".")[0] in ("setup", "intent", "plan", "launch")]
    assert phase_two and all(f.severity == "info" for f in phase_two)


def test_findings_are_ordered_errors_first() -> None:
    dossier = dossier_with({"dues.needed": True, "dues.services": "x", "rules.charter": False,
                            "members.facilitator": None})
    severities = [f.severity for f in diagnose(dossier).findings]
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert set(severities) == {"error", "warning", "info"}


def test_empty_dossier_is_checked_without_crashing_and_left_unfilled_placeholders() -> None:
    from tests.check_helpers import build

    for finding in diagnose(build({})).findings:
        for lang in ("fr", "en"):
            assert not re.search(r"\{\w+\}|\?$| \? ", finding.message(lang) + finding.advice(lang))


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(sorted(clean_answers()))))
def test_any_unanswered_subset_is_checked_without_crashing(missing: set[str]) -> None:
    diagnosis = diagnose(dossier_with(without=missing))
    for finding in diagnosis.findings:
        assert finding.guide_ref and finding.message("fr") and finding.advice("en")
    assert diagnosis.has_errors == any(f.severity == "error" for f in diagnosis.findings)
    if "members.facilitator" in missing:
        assert diagnosis.has_errors
