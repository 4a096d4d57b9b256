"""The wizard in-process: a scripted prompter drives the real flow and the real file."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from reseau_cli import i18n, store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import dossier_model, get_answer, set_answer, was_asked
from reseau_cli.errors import Interrupted, ReseauError, UsageError
from reseau_cli.wizard import answers
from reseau_cli.wizard.flow import DONE, SKIP, section_or_error
from reseau_cli.wizard.prefill import fill_without_prompts, merge_answers
from tests.cli_helpers import run_cli
from tests.wizard_helpers import (
    FakePrompter,
    Interrupt,
    choices,
    field_prompt,
    make_wizard,
    prompt,
    sample_answers,
)

CATALOGUE = load_catalogue()
PHASE2_ASK = i18n.t("wizard.phase2_ask", "fr", count=4)
REVIEW_ASK = i18n.t("wizard.review_action", "fr")
REVIEW_PICK = i18n.t("wizard.review_pick", "fr")
MEMBER_NAME = field_prompt("members.entities", "name")


def fake(answers: dict[str, Any]) -> FakePrompter:
    """A prompter answering ``answers``; lists end at once (empty first field) unless scripted."""
    return FakePrompter(dict(answers))


def member_script(names: list[str], founding: list[bool]) -> dict[str, Any]:
    """Prompts answering a list of members in quick entry; an empty name ends the list."""
    return {
        MEMBER_NAME: [*names, ""],
        field_prompt("members.entities", "city"): ["Fès"] * len(names),
        field_prompt("members.entities", "founding"): list(founding),
    }


def phase1_script() -> dict[str, Any]:
    return {
        prompt("before.situation"): "PME de tissage à Fès, 40 salariés.",
        prompt("objective.main"): "new_clients",
        prompt("objective.secondary"): choices("pool_costs", "buy_cheaper"),
        prompt("scope.geography"): "regional",
        prompt("scope.regions"): "Fès-Meknès",
        prompt("name.name"): "Réseau Atlas Tissage",
        **member_script(["Tissages Benani", "Coopérative Al Amal", "Atelier Zellige"],
                        [True, True, False]),
        prompt("dues.needed"): True,
        prompt("dues.amount"): "2 500,50 EUR",
        prompt("before.deadline"): "2027-06-30",
        PHASE2_ASK: False,
        REVIEW_ASK: ["objective", "dues", DONE],
        REVIEW_PICK: ["__back__", "__back__"],
    }


def test_phase1_answers_end_in_a_dossier_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "reseau.yaml"
    prompter = fake(phase1_script())
    wizard, out = make_wizard(path, prompter)
    wizard.run_new()
    dossier = store.load(path)
    assert get_answer(dossier, "name.name") == "Réseau Atlas Tissage"
    assert get_answer(dossier, "objective.main") == "new_clients"  # the value, not the label
    assert get_answer(dossier, "objective.secondary") == ["pool_costs", "buy_cheaper"]
    assert get_answer(dossier, "before.deadline") == dt.date(2027, 6, 30)
    fee = get_answer(dossier, "dues.amount")
    assert (fee.value, fee.currency) == (Decimal("2500.50"), "EUR")
    members = get_answer(dossier, "members.entities")
    assert [m.name for m in members] == ["Tissages Benani", "Coopérative Al Amal",
                                         "Atelier Zellige"]
    assert [m.founding for m in members] == [True, True, False]
    # Every phase-1 question that applies was asked; phase 2 was declined.
    assert all(was_asked(dossier, q.key) for s in CATALOGUE.phase_sections(1)
               for q in s.questions if q.when is None)
    assert not any(was_asked(dossier, q.key) for s in CATALOGUE.phase_sections(2)
                   for q in s.questions)
    text = out.getvalue()
    assert "Section 1/10 — Avant de se lancer" in text
    assert "Noyau fondateur : 2 membres." in text
    assert "Phase 2 remise à plus tard" in text
    # The review table shows labels, and the wizard says where the file is.
    assert "Trouver de nouveaux clients" in text
    assert "2\u202f500,50\u00a0EUR" in text  # shown as in the documents
    assert f"Dossier enregistré : {path}" in text


def test_progress_shows_question_number_and_section_size(tmp_path: Path) -> None:
    prompter = fake({PHASE2_ASK: False, REVIEW_ASK: DONE,
                             prompt("name.name"): "Réseau Atlas"})
    wizard, out = make_wizard(tmp_path / "d.yaml", prompter)
    wizard.run_new()
    first = prompter.asked[0]
    assert first.message == prompt("before.situation")
    assert first.qmark == "[1/8]"
    assert "8 questions à traiter dans cette section" in out.getvalue()


def test_questions_whose_condition_fails_are_skipped_and_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    prompter = fake({prompt("dues.needed"): False, prompt("objective.main"): "develop",
                             prompt("legal.formal"): "informal",
                             PHASE2_ASK: False, REVIEW_ASK: DONE})
    make_wizard(path, prompter)[0].run_new()
    asked = prompter.messages()
    for key in ("dues.amount", "dues.frequency", "objective.main_other", "legal.form"):
        assert prompt(key) not in asked
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["dues"] == {"needed": False}
    assert "main_other" not in data["objective"]


def test_condition_that_holds_asks_the_follow_up(tmp_path: Path) -> None:
    prompter = fake({prompt("objective.main"): "other",
                             prompt("objective.main_other"): "Former nos apprentis ensemble",
                             PHASE2_ASK: False, REVIEW_ASK: DONE})
    wizard, _ = make_wizard(tmp_path / "d.yaml", prompter)
    dossier = wizard.run_new()
    assert get_answer(dossier, "objective.main_other") == "Former nos apprentis ensemble"


def test_empty_optional_text_is_stored_as_asked_but_empty(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    prompter = fake({PHASE2_ASK: False, REVIEW_ASK: DONE, prompt("name.name"): "Atlas"})
    make_wizard(path, prompter)[0].run_new()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "tagline" in data["name"] and data["name"]["tagline"] is None
    assert was_asked(store.load(path), "name.tagline")


def test_catalogue_defaults_are_offered(tmp_path: Path) -> None:
    prompter = fake({PHASE2_ASK: False, REVIEW_ASK: DONE})
    make_wizard(tmp_path / "d.yaml", prompter)[0].run_new()
    by_message = {a.message: a for a in prompter.asked}
    assert by_message[prompt("before.option")].default == "network"
    assert by_message[prompt("objective.open")].default is True
    assert by_message[prompt("dues.needed")].default is False


def test_invalid_answers_are_refused_inline_with_the_catalogue_message(tmp_path: Path) -> None:
    prompter = fake({
        prompt("before.deadline"): ["30/06/2027", "2027-02-30", "2027-06-30"],
        prompt("dues.needed"): True,
        prompt("dues.amount"): ["deux mille", "2500"],
        PHASE2_ASK: False, REVIEW_ASK: DONE,
    })
    wizard, _ = make_wizard(tmp_path / "d.yaml", prompter)
    dossier = wizard.run_new()
    refused = {(message, text): problem for message, text, problem in prompter.refused}
    assert "AAAA-MM-JJ" in refused[(prompt("before.deadline"), "30/06/2027")]
    assert "AAAA-MM-JJ" in refused[(prompt("before.deadline"), "2027-02-30")]
    assert "30 000 DH" in refused[(prompt("dues.amount"), "deux mille")]
    assert get_answer(dossier, "dues.amount").value == Decimal(2500)
    assert get_answer(dossier, "dues.amount").currency == "MAD"


def test_required_record_field_cannot_be_left_empty() -> None:
    name_field = CATALOGUE.question("members.entities").fields[0]
    assert answers.check(name_field, "  ", "members.entities.name", "fr") == "Réponse obligatoire."
    assert answers.check(name_field, "Benani", "members.entities.name", "fr") is None


def test_amount_text_accepts_spaces_commas_and_currency() -> None:
    question = CATALOGUE.question("dues.amount")
    value = answers.parse(question, "12 500,50 eur", "dues.amount")
    assert (value.value, value.currency) == (Decimal("12500.50"), "EUR")
    assert answers.to_text(question, value) == "12500.50 EUR"
    assert answers.parse(question, "", "dues.amount") is None


def test_every_answer_is_saved_at_once(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    saved: list[str] = []
    prompter = fake({prompt("before.why_network"): Interrupt()})
    wizard, _ = make_wizard(path, prompter)
    inner = wizard.save

    def spy(dossier: Any) -> Any:
        result = inner(dossier)
        saved.append(path.read_text(encoding="utf-8"))
        return result

    wizard.save = spy
    with pytest.raises(Interrupted):
        wizard.run_new()
    assert len(saved) == 2  # situation, then option: one write per answer
    assert "option: network" in saved[-1]


def test_interrupt_keeps_answers_and_resume_continues_at_next_question(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    first = fake({prompt("before.situation"): "Atelier de cuir à Marrakech",
                          prompt("before.why_network"): "Pour exporter ensemble",
                          prompt("before.strengths"): Interrupt()})
    with pytest.raises(Interrupted) as caught:
        make_wizard(path, first)[0].run_new()
    assert caught.value.exit_code == 130
    assert "reseau new" in i18n.t(caught.value.key, "fr", **caught.value.params)
    kept = store.load(path)
    assert get_answer(kept, "before.why_network") == "Pour exporter ensemble"
    assert not was_asked(kept, "before.strengths")

    second = fake({PHASE2_ASK: False, REVIEW_ASK: DONE})
    wizard, out = make_wizard(path, second, dossier=kept)
    dossier = wizard.run_new()
    assert second.asked[0].message == prompt("before.strengths")
    assert prompt("before.situation") not in second.messages()
    assert get_answer(dossier, "before.situation") == "Atelier de cuir à Marrakech"
    assert "3 questions déjà traitées" in out.getvalue()


def test_resume_inside_the_member_list_offers_to_add_more(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    script = member_script(["Benani", "Al Amal"], [True, True])
    script[MEMBER_NAME] = ["Benani", Interrupt()]
    with pytest.raises(Interrupted):
        make_wizard(path, fake(script))[0].run_new()
    kept = store.load(path)
    assert [m.name for m in get_answer(kept, "members.entities")] == ["Benani"]

    again = fake({MEMBER_NAME: ["Al Amal", ""], PHASE2_ASK: False, REVIEW_ASK: DONE})
    dossier = make_wizard(path, again, dossier=kept)[0].run_new()
    assert again.asked[0].message == MEMBER_NAME
    assert [m.name for m in get_answer(dossier, "members.entities")] == ["Benani", "Al Amal"]
    assert store.load(path).meta.incomplete is None


def test_interrupt_inside_a_member_keeps_what_was_typed_and_resumes_it(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    city = field_prompt("members.entities", "city")
    script = {MEMBER_NAME: ["Benani", "Al Amal"], city: ["Fès", Interrupt()]}
    wizard, out = make_wizard(path, fake(script))
    with pytest.raises(Interrupted):
        wizard.run_new()
    assert "Membre n° 2 gardé tel que saisi, incomplet" in out.getvalue()
    kept = store.load(path)
    assert [m.name for m in get_answer(kept, "members.entities")] == ["Benani", "Al Amal"]
    assert kept.meta.incomplete == "members.entities[1]"

    again = fake({city: ["Meknès"], MEMBER_NAME: [""], PHASE2_ASK: False, REVIEW_ASK: DONE})
    dossier = make_wizard(path, again, dossier=kept)[0].run_new()
    assert again.asked[0].message == MEMBER_NAME and again.asked[0].default == "Al Amal"
    members = get_answer(dossier, "members.entities")
    assert [(m.name, m.city) for m in members] == [("Benani", "Fès"), ("Al Amal", "Meknès")]
    assert store.load(path).meta.incomplete is None


def test_phase2_then_optional_self_assessment_when_accepted(tmp_path: Path) -> None:
    success_ask = i18n.t("wizard.success_ask", "fr", count=19)
    prompter = fake({PHASE2_ASK: True, success_ask: True,
                             prompt("success.trust"): "partly", REVIEW_ASK: DONE})
    dossier = make_wizard(tmp_path / "d.yaml", prompter)[0].run_new()
    assert was_asked(dossier, "launch.dissolution")
    assert get_answer(dossier, "success.trust") == "partly"
    assert prompter.messages().index(PHASE2_ASK) < prompter.messages().index(success_ask)


def test_review_lets_the_user_answer_a_section_again(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    prompter = fake({
        prompt("name.name"): ["Réseau Atlas", "Réseau Atlas Maroc"],
        prompt("admission.competition"): ["limited", "allowed"],
        prompt("admission.competition_limits"): "Pas sur les mêmes clients",
        PHASE2_ASK: False,
        REVIEW_ASK: ["name", "admission", DONE],
        REVIEW_PICK: ["name.name", "__back__", "admission.competition", "__back__"],
    })
    dossier = make_wizard(path, prompter)[0].run_new()
    names = [a for a in prompter.asked if a.message == prompt("name.name")]
    assert [a.default for a in names] == ["", "Réseau Atlas"]  # current answer as default
    assert get_answer(dossier, "name.name") == "Réseau Atlas Maroc"
    # Only the picked question was asked again, not the whole section.
    assert prompter.messages().count(prompt("name.short_name")) == 1
    # The follow-up no longer applies: its old answer is gone from the file.
    assert not was_asked(store.load(path), "admission.competition_limits")
    assert prompter.messages().count(REVIEW_ASK) == 3


def test_edit_one_section_leaves_the_other_sections_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    data = sample_answers(CATALOGUE.phase_sections(1))
    store.save(consistent(data), path)
    before = blocks(path.read_text(encoding="utf-8"))
    prompter = fake({prompt("admission.cooptation"): "council",
                             prompt("admission.vote"): "À bulletin secret"})
    wizard, out = make_wizard(path, prompter, dossier=store.load(path))
    wizard.run_edit("admission")
    after = blocks(path.read_text(encoding="utf-8"))
    assert after["admission"] != before["admission"]
    assert {k: v for k, v in after.items() if k not in ("admission", "meta")} == \
        {k: v for k, v in before.items() if k not in ("admission", "meta")}
    edited = store.load(path)
    assert get_answer(edited, "admission.cooptation") == "council"
    # Unchanged answers of the edited section were offered as defaults and kept.
    application = next(a for a in prompter.asked if a.message == prompt("admission.application"))
    assert application.default == data["admission"]["application"]
    assert get_answer(edited, "admission.application") == data["admission"]["application"]
    assert "Section « L'admission des nouveaux membres » mise à jour" in out.getvalue()


def test_edit_a_member_list_keeps_changes_and_drops_deleted_items(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(consistent(sample_answers(CATALOGUE.phase_sections(1))), path)
    action = i18n.t("wizard.record_action", "fr")
    pick = i18n.t("wizard.records_action", "fr", item="membre")
    prompter = fake({pick: ["0", "1", "keep"], action: ["edit", "delete"],
                     field_prompt("members.entities", "name"): ["Benani Frères", ""]})
    dossier = make_wizard(path, prompter, dossier=store.load(path))[0].run_edit("members")
    assert [m.name for m in get_answer(dossier, "members.entities")] == ["Benani Frères"]


def test_editing_a_long_member_list_keeps_it_in_one_prompt(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    members = [{"name": f"Pharmacie {i}", "city": "Fès"} for i in range(200)]
    store.save(set_answer(dossier_model()(), "members.entities", members), path)
    prompter = fake({})
    wizard, _ = make_wizard(path, prompter, dossier=store.load(path))
    wizard.run_question("members.entities")
    assert len(get_answer(store.load(path), "members.entities")) == 200
    assert len(prompter.asked) <= 3  # keep the list, then an empty name ends it


def test_edit_without_section_lets_the_user_pick_one(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(set_answer(dossier_model()(), "name.name", "Atlas"), path)
    prompter = fake({i18n.t("wizard.edit_pick", "fr"): "name",
                     prompt("name.name"): "Réseau Atlas"})
    dossier = make_wizard(path, prompter, dossier=store.load(path))[0].run_edit(None)
    assert get_answer(dossier, "name.name") == "Réseau Atlas"
    assert prompter.messages()[1] == prompt("name.name")


def test_interrupted_edit_says_how_to_go_over_the_section_again(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(set_answer(dossier_model()(), "name.name", "Atlas"), path)
    prompter = fake({prompt("name.short_name"): Interrupt(), prompt("name.name"): "Atlas Maroc"})
    with pytest.raises(Interrupted) as caught:
        make_wizard(path, prompter, dossier=store.load(path))[0].run_edit("name")
    message = i18n.t(caught.value.key, "fr", **caught.value.params)
    assert f"reseau edit {path} --section name" in message
    assert get_answer(store.load(path), "name.name") == "Atlas Maroc"


def test_edit_unknown_section_names_the_possible_ones() -> None:
    with pytest.raises(UsageError) as caught:
        section_or_error(CATALOGUE, "admision")
    message = i18n.t(caught.value.key, "fr", **caught.value.params)
    assert "admision" in message and "admission" in message and "success" in message
    assert caught.value.exit_code == 2


def test_optional_choice_can_be_skipped(tmp_path: Path) -> None:
    prompter = fake({prompt("scope.geography"): SKIP, PHASE2_ASK: False,
                             REVIEW_ASK: DONE})
    dossier = make_wizard(tmp_path / "d.yaml", prompter)[0].run_new()
    assert was_asked(dossier, "scope.geography")
    assert get_answer(dossier, "scope.geography") is None
    assert prompt("scope.regions") not in prompter.messages()


def test_english_wizard_speaks_english(tmp_path: Path) -> None:
    prompter = fake({i18n.t("wizard.phase2_ask", "en", count=4): False,
                             i18n.t("wizard.review_action", "en"): DONE})
    wizard, out = make_wizard(tmp_path / "d.yaml", prompter, lang="en")
    wizard.run_new()
    assert prompter.asked[0].message == prompt("before.situation", "en")
    assert "Section 1/10 — Before you start" in out.getvalue()


# --- --answers and --defaults -------------------------------------------------------------


def test_answers_file_prefills_and_only_missing_questions_are_asked(tmp_path: Path) -> None:
    partial = dossier_model().model_validate(
        {"name": {"name": "Réseau Atlas", "short_name": "RA"},
         "dues": {"needed": False}})
    dossier, count = merge_answers(dossier_model()(), partial, CATALOGUE)
    assert count == 3
    prompter = fake({PHASE2_ASK: False, REVIEW_ASK: DONE})
    make_wizard(tmp_path / "d.yaml", prompter, dossier=dossier)[0].run_new()
    asked = prompter.messages()
    assert prompt("name.name") not in asked and prompt("dues.needed") not in asked
    assert prompt("name.tagline") in asked


def test_defaults_fail_naming_the_first_question_without_default() -> None:
    with pytest.raises(ReseauError) as caught:
        fill_without_prompts(dossier_model()(), CATALOGUE, use_defaults=True, lang="fr")
    assert caught.value.key == "errors.no_default"
    assert caught.value.params["question"] == "before.situation"
    assert caught.value.exit_code == 1


def test_defaults_complete_what_the_answers_file_leaves_out() -> None:
    data = sample_answers(CATALOGUE.phase_sections(1))
    del data["before"]["option"]  # has a default (network)
    del data["objective"]["open"]  # has a default (true)
    partial = dossier_model().model_validate(data)
    dossier, _ = merge_answers(dossier_model()(), partial, CATALOGUE)
    filled, used = fill_without_prompts(dossier, CATALOGUE, use_defaults=True, lang="fr")
    assert used == 2
    assert get_answer(filled, "before.option") == "network"
    assert get_answer(filled, "objective.open") is True
    assert not was_asked(filled, "setup.gains")  # phase 2 was never started


def test_without_defaults_missing_answers_are_named() -> None:
    data = sample_answers(CATALOGUE.phase_sections(1))
    del data["rules"]["duties"]
    dossier, _ = merge_answers(dossier_model()(), dossier_model().model_validate(data), CATALOGUE)
    with pytest.raises(UsageError) as caught:
        fill_without_prompts(dossier, CATALOGUE, use_defaults=False, lang="fr",
                             answers_file="r.yaml")
    message = i18n.t(caught.value.key, "fr", **caught.value.params)
    assert "rules.duties" in message and "--answers" in message and "--defaults" in message


def test_answers_for_questions_whose_condition_fails_are_dropped() -> None:
    partial = dossier_model().model_validate({"dues": {"needed": False, "amount": 100}})
    dossier, _ = merge_answers(dossier_model()(), partial, CATALOGUE)
    assert not was_asked(dossier, "dues.amount")


# --- the commands, without a terminal --------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_new_with_complete_answers_and_no_terminal_writes_a_valid_dossier(tmp_path: Path) -> None:
    answers_file = tmp_path / "reponses.yaml"
    data = sample_answers(CATALOGUE.phase_sections(1))
    answers_file.write_text(store.dumps(dossier_model().model_validate(data)), encoding="utf-8")
    result = run("new", "d.yaml", "--answers", str(answers_file), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    dossier = store.load(tmp_path / "d.yaml")
    assert get_answer(dossier, "name.name") == data["name"]["name"]


def test_new_with_partial_answers_and_no_terminal_names_what_is_missing(tmp_path: Path) -> None:
    answers_file = tmp_path / "reponses.yaml"
    answers_file.write_text("name:\n  name: Réseau Atlas\n", encoding="utf-8")
    result = run("new", "d.yaml", "--answers", str(answers_file), cwd=tmp_path)
    assert result.returncode == 2
    assert "before.situation" in result.stderr and "--defaults" in result.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_new_with_defaults_only_fails_naming_the_question(tmp_path: Path) -> None:
    result = run("new", "d.yaml", "--defaults", cwd=tmp_path)
    assert result.returncode == 1
    assert "before.situation" in result.stderr
    assert not (tmp_path / "d.yaml").exists()
    assert "Traceback" not in result.stderr


def test_new_answers_file_problems_are_placed(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("name:\n  name: Atlas\ndues:\n  needed: peut-être\n", encoding="utf-8")
    result = run("new", "d.yaml", "--answers", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{bad}:4:3 (dues.needed)" in result.stderr


def test_edit_unknown_section_exits_2_listing_sections(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(set_answer(dossier_model()(), "name.name", "Atlas"), path)
    result = run("edit", str(path), "--section", "admision", cwd=tmp_path)
    assert result.returncode == 2
    assert "admission" in result.stderr and "Traceback" not in result.stderr


def consistent(data: dict[str, Any]) -> Any:
    """A dossier from sample answers, without the answers whose condition fails."""
    return merge_answers(dossier_model()(), dossier_model().model_validate(data), CATALOGUE)[0]


def blocks(text: str) -> dict[str, str]:
    """The YAML text of each top-level key (sections keep their exact bytes)."""
    out: dict[str, str] = {}
    current = ""
    for line in text.splitlines(keepends=True):
        if line and not line[0].isspace() and not line.startswith("#"):
            current = line.split(":", 1)[0]
        out[current] = out.get(current, "") + line
    return out


# --- the real prompter, fed through prompt_toolkit's pipe input ------------------------------


@pytest.fixture
def piped() -> Any:
    """A French QuestionaryPrompter reading a pipe; yields (prompter, pipe, screen)."""
    import io

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from reseau_cli.wizard.prompter import QuestionaryPrompter

    screen = io.StringIO()
    with create_pipe_input() as pipe:
        yield QuestionaryPrompter("fr", input=pipe, output=PlainTextOutput(screen)), pipe, screen


def test_yes_no_prompt_is_in_french_and_takes_o_for_oui(piped: Any) -> None:
    prompter, pipe, screen = piped
    pipe.send_text("o\r")
    assert prompter.confirm("Une cotisation ?", qmark="[1/2]", default=False) is True
    pipe.send_text("\r")
    assert prompter.confirm("Une charte ?", qmark="[2/2]", default=True) is True
    shown = screen.getvalue()
    assert "(o/N)" in shown and "(O/n)" in shown and "Oui" in shown
    assert "(y/N)" not in shown and "Yes" not in shown


def test_a_letter_alone_does_not_answer_so_the_next_enter_cannot_skip_a_question(
    piped: Any,
) -> None:
    prompter, pipe, screen = piped
    # "n" then a change of mind "o", then Enter: only Enter confirms, and the last letter wins.
    pipe.send_text("no\r")
    assert prompter.confirm("Une cotisation ?", qmark="[1/1]", default=False) is True
    # The Enter the user presses after the letter belongs to this prompt, not to the next one.
    pipe.send_text("n\rRéponse\r")
    assert prompter.confirm("Une charte ?", qmark="[1/2]", default=True) is False
    assert prompter.text("Nom ?", qmark="[2/2]", default="", instruction=None) == "Réponse"


def test_checkbox_prompt_is_in_french_and_echoes_labels(piped: Any) -> None:
    prompter, pipe, screen = piped
    pipe.send_text(" \x1b[B\x1b[B \r")
    picked = prompter.checkbox("Outils ?", [("website", "Site web"), ("newsletter", "Lettre"),
                                            ("forum", "Forum")], qmark="?")
    assert picked == ["website", "forum"]
    shown = screen.getvalue()
    assert "Espace pour cocher" in shown and "Site web, Forum" in shown
    assert "done" not in shown and "Use arrow keys" not in shown


def test_select_prompt_is_in_french_and_returns_the_value(piped: Any) -> None:
    prompter, pipe, screen = piped
    pipe.send_text("\x1b[B\r")
    assert prompter.select("Forme ?", [("association", "Association"), ("gie", "GIE")],
                           qmark="?", default="association") == "gie"
    assert "flèches" in screen.getvalue() and "Use arrow keys" not in screen.getvalue()


def test_text_prompt_refuses_until_the_check_passes(piped: Any) -> None:
    prompter, pipe, screen = piped
    pipe.send_text("30/06\r\x152027-06-30\r")
    question = CATALOGUE.question("before.deadline")
    answer = prompter.text("Échéance ?", qmark="?", check=lambda typed: answers.check(
        question, typed, question.key, "fr"))
    assert answer == "2027-06-30"  # "30/06" was refused: Enter did not finish the prompt


def test_ctrl_c_reaches_the_wizard_without_english_message(piped: Any) -> None:
    prompter, pipe, screen = piped
    pipe.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        prompter.text("Nom ?", qmark="?")
    assert "Cancelled by user" not in screen.getvalue()
