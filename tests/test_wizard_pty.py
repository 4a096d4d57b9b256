"""The wizard in a real pseudo-terminal (pexpect): keys in, prompts out, a dossier on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from reseau_cli import i18n, store
from reseau_cli.catalogue import Question, Section, load_catalogue
from reseau_cli.dossier import dossier_model, get_answer, set_answer, was_asked
from reseau_cli.wizard.prefill import merge_answers
from reseau_cli.wizard.progress import applies
from tests.wizard_helpers import prompt_pattern, sample_answers, spawn_reseau, transcript

pexpect = pytest.importorskip("pexpect")

CATALOGUE = load_catalogue()
DOWN, UP, ENTER, CTRL_C, CTRL_U = "\x1b[B", "\x1b[A", "\r", "\x03", "\x15"
MEMBERS = [("Tissages Benani", "Fès", True),
           ("Coopérative Al Amal", "Meknès", True),
           ("Atelier Zellige Fès", "Fès", False)]


def t(key: str, **params: Any) -> str:
    return i18n.t(key, "fr", **params)


def keys_for(question: Question, oracle: Any) -> tuple[str, Any]:
    """What the test types for a question, and the value the dossier should then hold."""
    if question.type in ("text", "long_text"):
        text = f"Réponse {question.id} à Fès"[:30]
        return text + ENTER, text
    if question.type == "date":
        return "2027-06-30" + ENTER, "2027-06-30"
    if question.type == "choice":
        if question.key == "objective.main":  # arrow key: the second choice
            return DOWN + ENTER, question.choices[1].value
        offered = [c.value for c in question.choices
                   if c.when is None or c.when.holds(get_answer(oracle, c.when.question))]
        return ENTER, question.default or offered[0]
    if question.type == "multi_choice":
        taken = get_answer(oracle, question.excluding) if question.excluding else None
        offered = [c.value for c in question.choices if c.value != taken]
        return " " + DOWN + " " + ENTER, offered[:2]
    if question.type == "yes_no":
        if question.key == "objective.own_management":
            return "o" + ENTER, True
        if question.default is None:  # no default: Enter alone would mean "don't know yet"
            return "n" + ENTER, False
        return ENTER, bool(question.default)
    raise AssertionError(question.type)


def qmark(oracle: Any, section: Section, question: Question) -> str:
    applicable = [q for q in section.questions if applies(oracle, q)]
    return f"[{applicable.index(question) + 1}/{len(applicable)}]"


def enter_members(child: Any, question: Question, members: list[tuple[str, str, bool]]
                  ) -> list[dict[str, Any]]:
    """Type ``members`` in quick entry (name, city, representative, founding), then Enter on an
    empty name to end the list."""
    fields = [f for f in question.fields if f.quick]
    records = []
    for name, city, founding in members:
        for position, item in enumerate(fields, start=1):
            child.expect(prompt_pattern(f"  [{position}/{len(fields)}]", item.prompt("fr")))
            if item.id == "name":
                child.send(name + ENTER)
            elif item.id == "city":
                child.send(city + ENTER)
            elif item.id == "founding":
                child.send(("o" if founding else "n") + ENTER)
            else:
                child.send(ENTER)  # optional field left empty
        records.append({"name": name, "city": city, "founding": founding})
    child.expect(prompt_pattern("  [1/4]", fields[0].prompt("fr")))
    child.send(ENTER)  # an empty name ends the list
    return records


def walk_phase1(child: Any) -> Any:
    """Answer every phase-1 prompt in order; return the dossier the answers should give."""
    oracle = dossier_model()()
    child.expect(prompt_pattern("?", t("wizard.advice_ask")))
    child.send("o" + ENTER)
    for section in CATALOGUE.phase_sections(1):
        for question in section.questions:
            if not applies(oracle, question):
                continue
            mark = qmark(oracle, section, question)
            if question.type == "records":
                oracle = set_answer(oracle, question.key, enter_members(child, question, MEMBERS))
                continue
            child.expect(prompt_pattern(mark, question.prompt("fr")))
            keys, value = keys_for(question, oracle)
            child.send(keys)
            oracle = set_answer(oracle, question.key, value)
    return oracle


@pytest.mark.slow
def test_whole_phase1_in_a_terminal_gives_a_dossier_that_validates(tmp_path: Path) -> None:
    child = spawn_reseau("new", "reseau.yaml", cwd=tmp_path)
    expected = walk_phase1(child)
    child.expect(prompt_pattern("?", t("wizard.phase2_ask", count=4)))
    child.send("n" + ENTER)
    child.expect(prompt_pattern("?", t("wizard.review_action")))
    shown = transcript(child)
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    dossier = store.load(tmp_path / "reseau.yaml")
    for question in CATALOGUE.questions():
        assert was_asked(dossier, question.key) == was_asked(expected, question.key), question.key
        if question.type != "records":
            assert get_answer(dossier, question.key) == get_answer(expected, question.key)
    members = get_answer(dossier, "members.entities")
    assert [(m.name, m.city, m.founding) for m in members] == MEMBERS
    assert "Section 10/10 — La cotisation" in shown
    assert "Noyau fondateur : 2 membres." in shown
    assert "Conseils — Avant de se lancer" in shown
    # questionary's English built-ins never show.
    for english in ("(Y/n)", "(y/N)", "Use arrow keys", "Cancelled by user", "selections"):
        assert english not in shown


@pytest.mark.slow
def test_ctrl_c_half_way_then_resume_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "reseau.yaml"
    before = CATALOGUE.section("before")
    child = spawn_reseau("new", "reseau.yaml", cwd=tmp_path)
    child.expect(prompt_pattern("?", t("wizard.advice_ask")))
    child.send("n" + ENTER)
    child.expect(prompt_pattern("[1/8]", before.questions[0].prompt("fr")))
    child.send("Atelier de cuir à Marrakech" + ENTER)
    child.expect(prompt_pattern("[2/8]", before.questions[1].prompt("fr")))
    child.send(UP + ENTER)  # from the default "network" up to "market"
    child.expect(prompt_pattern("[3/8]", before.questions[2].prompt("fr")))
    child.send("Pour exporter ensemble" + ENTER)
    child.expect(prompt_pattern("[4/8]", before.questions[3].prompt("fr")))
    child.send(CTRL_C)
    child.expect("Pour reprendre : reseau new reseau.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = store.load(path)  # a valid dossier
    assert get_answer(saved, "before.option") == "market"
    assert not was_asked(saved, "before.strengths")

    child = spawn_reseau("new", "reseau.yaml", "--no-advice", cwd=tmp_path)
    child.expect("Reprise : 3 question")
    child.expect("5 questions à traiter")  # the counter counts the same five
    child.expect(prompt_pattern("[1/5]", before.questions[3].prompt("fr")))
    assert before.questions[0].prompt("fr")[:30] not in child.before  # not asked again
    child.send("Savoir-faire artisanal" + ENTER)
    child.expect(prompt_pattern("[2/5]", before.questions[4].prompt("fr")))
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    resumed = store.load(path)
    assert get_answer(resumed, "before.situation") == "Atelier de cuir à Marrakech"
    assert get_answer(resumed, "before.why_network") == "Pour exporter ensemble"
    assert get_answer(resumed, "before.strengths") == "Savoir-faire artisanal"


@pytest.mark.slow
def test_edit_changes_only_the_chosen_section(tmp_path: Path) -> None:
    path = tmp_path / "reseau.yaml"
    data = sample_answers(CATALOGUE.phase_sections(1))
    start, _ = merge_answers(dossier_model()(), dossier_model().model_validate(data), CATALOGUE)
    store.save(start, path)
    original = yaml.safe_load(path.read_text(encoding="utf-8"))
    admission = CATALOGUE.section("admission")
    child = spawn_reseau("edit", "reseau.yaml", "--section", "admission", "--no-advice",
                         cwd=tmp_path)
    child.expect(prompt_pattern("[1/5]", admission.questions[0].prompt("fr")))
    child.send(DOWN + ENTER)  # unanimity -> majority
    child.expect(prompt_pattern("[2/5]", admission.questions[1].prompt("fr")))
    child.send(CTRL_U + "Lettre au bureau, avec deux parrains" + ENTER)
    for index in (3, 4, 5):
        child.expect(rf"\[{index}/5\]")
        child.send(ENTER)  # keep the current answer
    child.expect("mise à jour")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    edited = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert edited["admission"]["cooptation"] == "majority"
    assert edited["admission"]["application"] == "Lettre au bureau, avec deux parrains"
    assert edited["admission"]["vote"] == original["admission"]["vote"]
    for key in original:
        if key not in ("admission", "meta"):
            assert edited[key] == original[key], key


def test_no_terminal_is_a_clear_error_pointing_to_answers(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reseau_cli", "new", "d.yaml"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "--answers" in result.stderr and "--defaults" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "d.yaml").exists()
