"""The wizard's ways out of a question: back, help, "don't know", and amounts as written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reseau_cli import i18n, store
from reseau_cli.amounts import parse_amount
from reseau_cli.catalogue import load_catalogue
from reseau_cli.check import facts
from reseau_cli.dossier import get_answer, is_answered, new_dossier, set_answer, was_asked
from reseau_cli.prompts import Signal
from reseau_cli.wizard.flow import in_order
from tests.wizard_helpers import FakePrompter, choices, make_wizard, prompt

CATALOGUE = load_catalogue()


def run_section(tmp_path: Path, section: str, script: dict[str, Any],
                dossier: Any = None) -> tuple[FakePrompter, str, Any]:
    prompter = FakePrompter(script)
    wizard, out = make_wizard(tmp_path / "d.yaml", prompter, dossier=dossier)
    wizard.run_section(CATALOGUE.section(section), redo=False)
    return prompter, out.getvalue(), store.load(tmp_path / "d.yaml")


def test_back_returns_to_the_previous_question_with_its_answer(tmp_path: Path) -> None:
    situation, why = prompt("before.situation"), prompt("before.why_network")
    script = {situation: ["Pharmacie à Fès", "Pharmacie à Fès, 3 associés"],
              prompt("before.option"): ["network"],
              why: ["<", "Pour acheter ensemble"]}
    prompter, _, dossier = run_section(tmp_path, "before", script)
    asked = [a for a in prompter.asked if a.message in (situation, why)]
    assert [a.message for a in asked][:3] == [situation, why, why]
    option = [a for a in prompter.asked if a.message == prompt("before.option")]
    assert len(option) == 2 and option[1].default == "network"  # asked again, answer kept
    assert get_answer(dossier, "before.why_network") == "Pour acheter ensemble"


def test_back_on_a_list_question_uses_its_key(tmp_path: Path) -> None:
    prompter = FakePrompter({prompt("objective.main"): [Signal.BACK.value, "develop"]})
    wizard, out = make_wizard(tmp_path / "d.yaml", prompter)
    wizard.run_section(CATALOGUE.section("objective"), redo=False)
    assert i18n.t("wizard.first_question", "fr") in out.getvalue()
    assert get_answer(store.load(tmp_path / "d.yaml"), "objective.main") == "develop"


def test_question_mark_shows_the_help_and_is_not_saved(tmp_path: Path) -> None:
    key = "before.strengths"
    _, out, dossier = run_section(tmp_path, "before", {prompt(key): ["?", "Savoir-faire"]})
    assert out.count(CATALOGUE.question(key).help("fr")) >= 2  # type: ignore[misc]
    assert get_answer(dossier, key) == "Savoir-faire"


@pytest.mark.parametrize("typed", ["je ne sais pas", "Je ne sais pas encore.", "NSP", "à voir",
                                   "TBD", "don't know"])
def test_typed_hesitations_leave_the_question_unanswered_with_a_note(tmp_path: Path,
                                                                     typed: str) -> None:
    key = "before.strengths"
    _, out, dossier = run_section(tmp_path, "before", {prompt(key): typed})
    assert was_asked(dossier, key) and not is_answered(dossier, key)
    assert not facts.answered(dossier, key)  # the diagnostic sees it missing
    assert dossier.unsure[key] == typed
    assert typed in (tmp_path / "d.yaml").read_text(encoding="utf-8")  # the file shows it
    assert i18n.t("wizard.unsure_saved", "fr", note=typed) in out


def test_yes_no_and_choices_accept_dont_know(tmp_path: Path) -> None:
    script = {prompt("objective.for_profit"): Signal.UNSURE,
              prompt("objective.main"): Signal.UNSURE.value,
              prompt("objective.secondary"): Signal.UNSURE}
    _, _, dossier = run_section(tmp_path, "objective", script)
    for key in ("objective.for_profit", "objective.main"):
        assert was_asked(dossier, key) and get_answer(dossier, key) is None, key
        assert key in dossier.unsure
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert "for_profit: Je ne sais pas encore" in text


def test_a_hand_written_hesitation_loads_as_unanswered_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("schema_version: 1\nlanguage: fr\nobjective:\n  for_profit: à voir\n"
                    "dues:\n  amount: TBD\n", encoding="utf-8")
    dossier = store.load(path)
    assert get_answer(dossier, "objective.for_profit") is None
    assert not is_answered(dossier, "dues.amount")
    store.save(dossier, path)
    assert "for_profit: à voir" in path.read_text(encoding="utf-8")
    answered = set_answer(store.load(path), "objective.for_profit", True)
    assert "objective.for_profit" not in answered.unsure


def test_unsure_yes_no_never_becomes_no(tmp_path: Path) -> None:
    key = "objective.for_profit"
    assert CATALOGUE.question(key).default is None
    _, _, dossier = run_section(tmp_path, "objective", {})  # Enter everywhere
    assert get_answer(dossier, key) is None


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("30 000 DH", "30000", "MAD"), ("30.000 dhs", "30000", "MAD"),
    ("1,5 M MAD", "1500000", "MAD"), ("2 500 €", "2500", "EUR"), ("€ 300", "300", "EUR"),
    ("12 500,50 MAD", "12500.50", "MAD"), ("2 MDH", "2000000", "MAD"), ("30k€", "30000", "EUR"),
    ("1,250.75 eur", "1250.75", "EUR"), ("2.50", "2.50", None),
])
def test_amounts_as_people_write_them(text: str, value: str, currency: str | None) -> None:
    parsed = parse_amount(text)
    assert parsed["value"] == Decimal(value)
    assert parsed.get("currency") == currency


def test_a_typed_amount_is_echoed_back(tmp_path: Path) -> None:
    dossier = set_answer(new_dossier(), "dues.needed", True)
    _, out, saved = run_section(tmp_path, "dues", {prompt("dues.amount"): "30 000 DH"}, dossier)
    assert get_answer(saved, "dues.amount").value == Decimal(30000)
    assert "Montant lu : 30\u202f000,00\u00a0MAD" in out


def test_secondary_objectives_keep_their_order_and_leave_out_the_main_one(tmp_path: Path) -> None:
    script = {prompt("objective.main"): "develop",
              prompt("objective.secondary"): choices("pool_costs", "break_isolation")}
    prompter, _, dossier = run_section(tmp_path, "objective", script)
    assert get_answer(dossier, "objective.secondary") == ["pool_costs", "break_isolation"]
    secondary = next(q for q in CATALOGUE.questions() if q.key == "objective.secondary")
    assert secondary.ordered and secondary.excluding == "objective.main"


def test_the_summary_of_the_plan_is_asked_last() -> None:
    order = in_order(CATALOGUE.section("plan"))
    assert order[-1].key == "plan.summary"


def test_a_formal_network_is_not_offered_no_legal_form(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    class Spy(FakePrompter):
        def select(self, message: str, choices: Any, **kwargs: Any) -> str:
            if message == prompt("legal.form"):
                seen.append([v for v, _ in choices])
            return super().select(message, choices, **kwargs)

    prompter = Spy({prompt("legal.formal"): "formal"})
    wizard, _ = make_wizard(tmp_path / "d.yaml", prompter)
    wizard.run_section(CATALOGUE.section("legal"), redo=False)
    assert seen and "informal" not in seen[0] and "association" in seen[0]


def test_edit_one_question_asks_only_that_question(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(set_answer(new_dossier(), "name.name", "Atlas"), path)
    prompter = FakePrompter({prompt("name.name"): "Atlas Pharma"})
    wizard, out = make_wizard(path, prompter, dossier=store.load(path))
    wizard.run_question("name.name")
    assert [a.message for a in prompter.asked] == [prompt("name.name")]
    assert prompter.asked[0].default == "Atlas"
    assert get_answer(store.load(path), "name.name") == "Atlas Pharma"


def test_feminine_items_read_right_in_french(tmp_path: Path) -> None:
    milestones = CATALOGUE.question("intent.milestones")
    assert milestones.feminine and milestones.item is not None
    assert "aucune étape" in i18n.t("wizard.records_none_f", "fr", item=milestones.item("fr"))


def test_counts_agree_with_their_nouns_in_french_and_english() -> None:
    assert i18n.t("wizard.founding_count", "fr", count=1) == "Noyau fondateur : 1 membre."
    assert i18n.t("wizard.founding_count", "fr", count=0) == "Noyau fondateur : 0 membre."
    assert i18n.t("wizard.founding_count", "fr", count=3) == "Noyau fondateur : 3 membres."
    assert i18n.t("wizard.founding_count", "en", count=0) == "Founding core: 0 members."
    assert i18n.t("wizard.founding_count", "en", count=1) == "Founding core: 1 member."


def test_the_wizard_says_one_member_in_the_singular(tmp_path: Path) -> None:
    name = next(f for f in CATALOGUE.question("members.entities").fields if f.id == "name")
    founding = next(f for f in CATALOGUE.question("members.entities").fields
                    if f.id == "founding")
    script = {name.prompt("fr"): ["Atlas", ""], founding.prompt("fr"): [True]}
    _, out, _ = run_section(tmp_path, "members", script)
    assert "Noyau fondateur : 1 membre." in out
