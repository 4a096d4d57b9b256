"""The rules added for issue 14, each firing on one dossier and silent on a near-identical one."""

from __future__ import annotations

import datetime as dt

import pytest

from reseau_cli.check import diagnose
from reseau_cli.check.hesitation import is_hesitant
from tests.check_helpers import dossier_with, finding_ids, member, severity_of


def _finding(dossier, finding_id):  # type: ignore[no-untyped-def]
    return next(f for f in diagnose(dossier).findings if f.id == finding_id)


def _coops(n: int) -> list[dict]:
    return [member(f"Coopérative {i}", i < 2, kind="cooperative") for i in range(n)]


# --- members.contribution ---------------------------------------------------------------------


@pytest.mark.parametrize("blank", [None, "", "  ", "?", "je ne sais pas encore"])
def test_member_without_contribution_is_named(blank: str | None) -> None:
    entities = [member("A", True), member("B", True),
                member("Forge Bab Guissa", contribution=blank)]
    finding = _finding(dossier_with({"members.entities": entities}), "members.contribution")
    assert finding.severity == "warning"
    assert finding.message("fr").startswith("1 membre n'a pas encore dit ce qu'il apporte")
    assert "Forge Bab Guissa" in finding.message("en")


def test_members_with_contributions_pass() -> None:
    assert "members.contribution" not in finding_ids(dossier_with())


def test_many_members_without_contribution_are_summed_up() -> None:
    entities = [member(f"M{i}", i < 2, contribution=None) for i in range(12)]
    message = _finding(dossier_with({"members.entities": entities}),
                       "members.contribution").message("en")
    assert message.startswith("12 members have not yet said what they bring")
    assert "M4 and 7 others" in message


def test_large_network_only_notes_silent_ordinary_members() -> None:
    entities = [member(f"M{i}", i < 3, contribution=None if i > 30 else "Un four.")
                for i in range(40)]
    assert severity_of(dossier_with({"members.entities": entities}),
                       "members.contribution") == "info"


def test_large_network_warns_when_a_founder_is_silent() -> None:
    entities = [member(f"M{i}", i < 3, contribution=None if i in (0, 35) else "Un four.")
                for i in range(40)]
    assert severity_of(dossier_with({"members.entities": entities}),
                       "members.contribution") == "warning"


# --- members.dilution -------------------------------------------------------------------------


def test_association_of_forty_members_gets_the_dilution_warning() -> None:
    entities = [member(f"M{i}", i < 3) for i in range(40)]
    assert severity_of(dossier_with({"members.entities": entities}), "members.dilution") == "info"


def test_association_of_thirty_nine_members_does_not() -> None:
    entities = [member(f"M{i}", i < 3) for i in range(39)]
    assert "members.dilution" not in finding_ids(dossier_with({"members.entities": entities}))


def test_cooperative_of_forty_members_does_not() -> None:
    entities = [member(f"M{i}", i < 3) for i in range(40)]
    dossier = dossier_with({"members.entities": entities, "legal.form": "cooperative"})
    assert "members.dilution" not in finding_ids(dossier)


# --- intent.responsibilities.non-member -------------------------------------------------------


def _responsibilities(*who: str) -> dict:
    return {"intent.responsibilities": [{"member": w, "responsibility": "Salon."} for w in who]}


def test_responsibility_given_to_an_outsider_is_flagged() -> None:
    dossier = dossier_with(_responsibilities("Tannerie Chouara", "Chambre de Commerce de Fès"))
    finding = _finding(dossier, "intent.responsibilities.non-member")
    assert "Chambre de Commerce de Fès" in finding.message("fr")
    assert "Tannerie" not in finding.message("fr")


@pytest.mark.parametrize("who", ["tannerie chouara", "Chouara", "Tannerie Chouara SARL",
                                 "Tous les membres", "All members", "L'animatrice",
                                 "Mme Nadia Benjelloun", "Le comité de gestion", "La présidente",
                                 "L'association", "The treasurer", "Chaque fondateur"])
def test_responsibility_given_to_a_member_or_the_group_passes(who: str) -> None:
    dossier = dossier_with(_responsibilities(who))
    assert "intent.responsibilities.non-member" not in finding_ids(dossier)


# --- intent.plan ------------------------------------------------------------------------------


def _milestones(*items: tuple[str, dt.date]) -> dict:
    return {"intent.milestones": [{"title": t, "date": d} for t, d in items]}


def test_letter_signed_after_the_first_milestone_is_flagged() -> None:
    dossier = dossier_with(_milestones(("Étude de marché", dt.date(2027, 2, 1)),
                                       ("Signature de la lettre d'intention", dt.date(2027, 3, 1)),
                                       ("Accord définitif", dt.date(2027, 9, 1))))
    finding = _finding(dossier, "intent.plan.letter-after-milestone")
    assert "1er mars 2027" in finding.message("fr") and "1er février 2027" in finding.message("fr")


def test_letter_signed_first_passes() -> None:
    dossier = dossier_with(_milestones(("Étude de marché", dt.date(2027, 4, 1)),
                                       ("Signature de la lettre d'intention", dt.date(2027, 3, 1)),
                                       ("Accord définitif", dt.date(2027, 9, 1))))
    assert "intent.plan.letter-after-milestone" not in finding_ids(dossier)


def test_milestone_after_the_target_date_is_flagged() -> None:
    dossier = dossier_with({"before.deadline": dt.date(2027, 6, 30),
                            **_milestones(("Final agreement signed", dt.date(2027, 9, 1)))},
                           language="en")
    finding = _finding(dossier, "intent.plan.after-deadline")
    assert finding.message("en").startswith("A milestone is planned after")
    assert "30 June 2027" in finding.message("en")


def test_milestones_by_the_target_date_pass() -> None:
    dossier = dossier_with({"before.deadline": dt.date(2027, 9, 1),
                            **_milestones(("Final agreement signed", dt.date(2027, 9, 1)))})
    assert "intent.plan.after-deadline" not in finding_ids(dossier)


# --- model.alliance-structure -----------------------------------------------------------------


@pytest.mark.parametrize("form", ["gie", "sarl", "association"])
def test_alliance_with_a_separate_body_is_flagged(form: str) -> None:
    dossier = dossier_with({"model.kind": "alliance", "legal.form": form})
    assert severity_of(dossier, "model.alliance-structure") == "warning"


def test_alliance_on_an_informal_agreement_passes() -> None:
    dossier = dossier_with({"model.kind": "alliance", "legal.formal": "informal"},
                           without=["legal.form"])
    assert "model.alliance-structure" not in finding_ids(dossier)


def test_business_network_with_a_gie_passes() -> None:
    assert "model.alliance-structure" not in finding_ids(dossier_with({"legal.form": "gie"}))


# --- legal.cooperative-union ------------------------------------------------------------------


def test_network_of_cooperatives_in_a_gie_is_told_about_the_union() -> None:
    dossier = dossier_with({"members.entities": _coops(3), "legal.form": "gie"})
    finding = _finding(dossier, "legal.cooperative-union")
    assert finding.severity == "info" and "3" in finding.message("fr")


def test_network_with_one_company_among_cooperatives_is_not() -> None:
    entities = [*_coops(2), member("Distribution SARL")]
    dossier = dossier_with({"members.entities": entities, "legal.form": "gie"})
    assert "legal.cooperative-union" not in finding_ids(dossier)


def test_union_of_cooperatives_made_of_cooperatives_passes() -> None:
    dossier = dossier_with({"members.entities": _coops(3), "legal.form": "cooperative_union"})
    assert not [i for i in finding_ids(dossier) if i.startswith("legal.cooperative-union")]


def test_union_of_cooperatives_with_a_company_is_a_warning() -> None:
    entities = [*_coops(2), member("Distribution SARL")]
    dossier = dossier_with({"members.entities": entities, "legal.form": "cooperative_union"})
    finding = _finding(dossier, "legal.cooperative-union.members")
    assert finding.severity == "warning" and "Distribution SARL" in finding.message("en")


# --- legal.cooperative-exclusivity ------------------------------------------------------------


@pytest.mark.parametrize("answer", [None, "none"])
def test_purchasing_cooperative_without_exclusivity_is_flagged(answer: str | None) -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper", "legal.form": "cooperative",
                            "legal.activities": ["group_purchasing"],
                            "legal.exclusivity": answer})
    assert severity_of(dossier, "legal.cooperative-exclusivity") == "warning"


@pytest.mark.parametrize("answer", ["full", "minimum"])
def test_purchasing_cooperative_with_exclusivity_passes(answer: str) -> None:
    dossier = dossier_with({"objective.main": "buy_cheaper", "legal.form": "cooperative",
                            "legal.activities": ["group_purchasing"],
                            "legal.exclusivity": answer})
    assert "legal.cooperative-exclusivity" not in finding_ids(dossier)


def test_production_cooperative_is_not_asked_for_exclusivity() -> None:
    dossier = dossier_with({"objective.main": "develop", "legal.form": "cooperative",
                            "legal.activities": ["pooled_resources"]})
    assert "legal.cooperative-exclusivity" not in finding_ids(dossier)


# --- answers.hesitant -------------------------------------------------------------------------


def test_hesitant_facilitator_counts_as_missing_and_is_named() -> None:
    dossier = dossier_with({"members.facilitator": "Je ne sais pas encore."})
    ids = finding_ids(dossier)
    assert "pitfalls.facilitator" in ids and "answers.hesitant" in ids
    assert "Les membres" in _finding(dossier, "answers.hesitant").message("fr")


def test_real_answer_mentioning_a_doubt_is_not_a_hesitation() -> None:
    dossier = dossier_with({"rules.projects": "À voir en réunion mensuelle : le membre pilote "
                                              "présente le budget et le calendrier du projet."})
    assert "answers.hesitant" not in finding_ids(dossier)


@pytest.mark.parametrize("text,hesitant", [
    ("je ne sais pas", True), ("Je ne sais pas trop…", True), ("NSP", True), ("??", True),
    ("TBD.", True), ("not sure yet", True), ("Nadia Benjelloun", False),
    ("Pas encore de cotisation : on attend les premiers résultats du réseau", False)])
def test_typed_hesitations(text: str, hesitant: bool) -> None:
    assert is_hesitant(text) is hesitant
