"""Ranked legal-form guidance: suitable forms, each with a one-line reason, as guidance only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau_cli.catalogue import load_catalogue
from reseau_cli.check import diagnose
from reseau_cli.check.legal_forms import legal_form_guidance
from reseau_cli.check.texts import load_texts
from tests.check_helpers import build, dossier_with, member

OBJECTIVES = [c.value for c in load_catalogue().question("objective.main").choices]
FORMS = [c.value for c in load_catalogue().question("legal.form").choices]
ACTIVITIES = [c.value for c in load_catalogue().question("legal.activities").choices]


def _forms(dossier) -> list[str]:  # type: ignore[no-untyped-def]
    return [option.form for option in legal_form_guidance(dossier)]


def test_network_that_bids_and_invoices_is_pointed_to_a_gie_first() -> None:
    dossier = dossier_with({"objective.main": "new_clients",
                            "legal.activities": ["joint_tenders", "shared_clients"]})
    options = legal_form_guidance(dossier)
    assert options[0].form == "gie"
    association = next(o for o in options if o.form == "association")
    assert association.rank == len(options) and not association.suitable
    assert association.reason == load_texts().legal_forms.reasons["association.cannot_invoice"]
    assert "informal" not in _forms(dossier)


def test_network_with_commercial_aims_keeps_the_association_as_a_first_step_only() -> None:
    dossier = dossier_with({"objective.main": "new_clients", "legal.activities": ["exchange"]})
    association = next(o for o in legal_form_guidance(dossier) if o.form == "association")
    assert association.reason == load_texts().legal_forms.reasons["association.first_step"]
    assert _forms(dossier)[0] == "gie"


def test_network_for_breaking_isolation_is_pointed_to_a_light_frame() -> None:
    dossier = dossier_with({"objective.main": "break_isolation", "legal.activities": ["exchange"]})
    assert _forms(dossier)[:2] == ["informal", "association"]
    assert "gie" not in _forms(dossier) and "sarl" not in _forms(dossier)


def test_group_purchasing_network_is_pointed_to_a_cooperative_first() -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper",
                            "legal.activities": ["group_purchasing"]})
    assert _forms(dossier)[0] == "cooperative"


def test_profit_and_shared_investment_bring_a_company_forward() -> None:
    dossier = dossier_with({"objective.main": "new_clients", "objective.for_profit": True,
                            "legal.activities": ["shared_investment", "shared_clients"]})
    assert _forms(dossier)[:2] == ["gie", "sarl"]


def test_the_form_already_chosen_is_marked() -> None:
    options = legal_form_guidance(dossier_with({"legal.form": "gie",
                                                "legal.activities": ["joint_invoicing"]}))
    assert [o.form for o in options if o.chosen] == ["gie"]


def test_every_option_has_a_rank_a_label_and_a_one_line_reason() -> None:
    options = legal_form_guidance(dossier_with({"objective.main": "pool_costs"}))
    assert [o.rank for o in options] == list(range(1, len(options) + 1))
    for option in options:
        for lang in ("fr", "en"):
            assert option.label(lang) and option.reason(lang)
            assert "\n" not in option.reason(lang)


def test_no_guidance_without_objective_or_activities() -> None:
    dossier = build({"name.name": "Réseau"})
    assert legal_form_guidance(dossier) == []
    data = diagnose(dossier).as_dict("fr")
    assert data["legal_forms"] == []
    assert data["legal_forms_note"] == load_texts().legal_forms.not_enough("fr")


def test_guidance_is_labelled_as_not_legal_advice() -> None:
    for lang, words in (("fr", "pas un conseil juridique"), ("en", "not legal advice")):
        data = diagnose(dossier_with()).as_dict(lang)
        assert data["legal_forms"]
        assert words in data["legal_forms_note"]


@pytest.mark.parametrize("main", ["buy_cheaper", "pool_costs", "develop"])
def test_association_never_outranks_the_gie_for_a_purchasing_group(main: str) -> None:
    dossier = dossier_with({"objective.main": main, "legal.activities": ["group_purchasing"]})
    forms = _forms(dossier)
    assert forms.index("gie") < forms.index("association")


def test_network_of_cooperatives_is_pointed_to_a_union_first() -> None:
    coops = [member(f"Coopérative {n}", i < 2, kind="cooperative") for i, n in enumerate("ABC")]
    dossier = dossier_with({"members.entities": coops, "legal.form": "gie",
                            "objective.main": "develop"})
    assert _forms(dossier)[0] == "cooperative_union"
    assert "legal.cooperative-union" in [f.id for f in diagnose(dossier).findings]


def test_alliance_lists_an_agreement_without_structure() -> None:
    dossier = dossier_with({"model.kind": "alliance", "legal.form": "gie",
                            "legal.activities": ["skills_transfer"]})
    assert "informal" in _forms(dossier)


def _rejected_above_chosen(dossier) -> list[str]:  # type: ignore[no-untyped-def]
    options = legal_form_guidance(dossier)
    chosen = next((o.rank for o in options if o.chosen), None)
    if chosen is None:
        return []
    return [o.form for o in options if o.rank < chosen and not o.suitable]


@settings(max_examples=150, deadline=None)
@given(main=st.sampled_from(OBJECTIVES), form=st.sampled_from(FORMS),
       acts=st.sets(st.sampled_from(ACTIVITIES)), profit=st.booleans(),
       coops=st.booleans(), kind=st.sampled_from(["alliance", "business_network"]))
def test_ranking_and_findings_never_disagree(main: str, form: str, acts: set[str], profit: bool,
                                             coops: bool, kind: str) -> None:
    entities = [member(f"M{i}", i < 2, kind="cooperative" if coops else "company")
                for i in range(3)]
    dossier = dossier_with({"objective.main": main, "legal.form": form, "model.kind": kind,
                            "legal.activities": sorted(acts), "objective.for_profit": profit,
                            "members.entities": entities})
    options = legal_form_guidance(dossier)
    ids = {f.id for f in diagnose(dossier).findings}
    chosen = next(o for o in options if o.chosen)
    rejecting = {"legal.association-limits.invoicing", "legal.association-limits",
                 "legal.cooperative-fit", "legal.cooperative-union.members"}
    # The chosen form is marked unsuitable exactly when a finding rejects it...
    assert chosen.suitable == (not ids & rejecting)
    # ...and no form a finding would reject is ranked above it.
    assert _rejected_above_chosen(dossier) == []
    # Suitable forms always come before unsuitable ones.
    flags = [o.suitable for o in options]
    assert flags == sorted(flags, reverse=True) or not chosen.suitable
