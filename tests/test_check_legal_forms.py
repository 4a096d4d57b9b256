"""Ranked legal-form guidance: suitable forms, each with a one-line reason, as guidance only."""

from __future__ import annotations

from reseau_cli.check import diagnose
from reseau_cli.check.legal_forms import legal_form_guidance
from reseau_cli.check.texts import load_texts
from tests.check_helpers import build, dossier_with


def _forms(dossier) -> list[str]:  # type: ignore[no-untyped-def]
    return [option.form for option in legal_form_guidance(dossier)]


def test_network_that_bids_and_invoices_is_pointed_to_a_gie_first() -> None:
    dossier = dossier_with({"objective.main": "new_clients",
                            "legal.activities": ["joint_tenders", "shared_clients"]})
    options = legal_form_guidance(dossier)
    assert options[0].form == "gie"
    association = next(o for o in options if o.form == "association")
    assert association.rank == len(options)  # only as a first step
    assert association.reason == load_texts().legal_forms.reasons["association.first_step"]
    assert "informal" not in _forms(dossier)


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
