"""Lists in a real terminal: one way to end them, whatever their length."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reseau_cli import i18n, store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import get_answer
from tests.wizard_helpers import prompt_pattern, sample_answers, spawn_reseau

pexpect = pytest.importorskip("pexpect")

CATALOGUE = load_catalogue()
ENTER, CTRL_C = "\r", "\x03"
CITIES = ["Fès", "Meknès", "Rabat", "Oujda"]


def members_only_left(tmp_path: Path) -> None:
    """An answers file with all of phase 1 but the members section."""
    data = sample_answers(CATALOGUE.phase_sections(1))
    data.pop("members")
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                           encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("count", [1, 2, 3, 12])
def test_members_typed_in_a_terminal_end_with_an_empty_name(tmp_path: Path, count: int) -> None:
    members_only_left(tmp_path)
    question = CATALOGUE.question("members.entities")
    quick = [f for f in question.fields if f.quick]
    child = spawn_reseau("new", "reseau.yaml", "--answers", "answers.yaml", "--no-advice",
                         cwd=tmp_path)
    for index in range(count):
        for position, item in enumerate(quick, start=1):
            child.expect(prompt_pattern(f"  [{position}/{len(quick)}]", item.prompt("fr")))
            if item.id == "name":
                child.send(f"Pharmacie n° {index + 1}" + ENTER)
            elif item.id == "city":
                child.send(CITIES[index % len(CITIES)] + ENTER)
            elif item.id == "representative":
                child.send(f"Dr Alaoui {index + 1}" + ENTER)
            else:  # founding: the first two; the default never changes from one item to the next
                child.send(("o" if index < 2 else "") + ENTER)
    child.expect(prompt_pattern("  [1/4]", quick[0].prompt("fr")))
    child.send(ENTER)  # an empty name ends the list
    following = CATALOGUE.section("members").questions[1]
    child.expect(prompt_pattern("]", following.prompt("fr")))
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    members = get_answer(store.load(tmp_path / "reseau.yaml"), "members.entities")
    assert [m.name for m in members] == [f"Pharmacie n° {i + 1}" for i in range(count)]
    assert [m.city for m in members] == [CITIES[i % len(CITIES)] for i in range(count)]
    assert [m.founding for m in members] == [i < 2 for i in range(count)]
    assert i18n.t("wizard.founding_count", "fr", count=min(count, 2)) in \
        child.logfile_read.getvalue()


@pytest.mark.slow
def test_ctrl_c_inside_a_member_keeps_it_and_the_next_run_completes_it(tmp_path: Path) -> None:
    members_only_left(tmp_path)
    quick = [f for f in CATALOGUE.question("members.entities").fields if f.quick]
    child = spawn_reseau("new", "reseau.yaml", "--answers", "answers.yaml", "--no-advice",
                         cwd=tmp_path)
    child.expect(prompt_pattern("  [1/4]", quick[0].prompt("fr")))
    child.send("Pharmacie Atlas" + ENTER)
    child.expect(prompt_pattern("  [2/4]", quick[1].prompt("fr")))
    child.send("<" + ENTER)  # back to the name: it is offered again, as typed
    child.expect(prompt_pattern("  [1/4]", quick[0].prompt("fr")))
    child.send(ENTER)
    child.expect(prompt_pattern("  [2/4]", quick[1].prompt("fr")))
    child.send("Fès" + ENTER)
    child.expect(prompt_pattern("  [3/4]", quick[2].prompt("fr")))
    child.send(CTRL_C)
    child.expect("Membre n° 1 gardé tel que saisi")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    kept = store.load(tmp_path / "reseau.yaml")
    assert [(m.name, m.city) for m in get_answer(kept, "members.entities")] == [
        ("Pharmacie Atlas", "Fès")]

    child = spawn_reseau("new", "reseau.yaml", "--no-advice", cwd=tmp_path)
    child.expect(prompt_pattern("  [1/4]", quick[0].prompt("fr")))
    child.send(ENTER)  # the name typed last time is the default
    child.expect(prompt_pattern("  [2/4]", quick[1].prompt("fr")))
    child.send(ENTER)
    child.expect(prompt_pattern("  [3/4]", quick[2].prompt("fr")))
    child.send("Dr Alami" + ENTER)
    child.expect(prompt_pattern("  [4/4]", quick[3].prompt("fr")))
    child.send("o" + ENTER)
    child.expect(prompt_pattern("  [1/4]", quick[0].prompt("fr")))
    child.send(ENTER)  # no other member
    child.expect(prompt_pattern("]", CATALOGUE.section("members").questions[1].prompt("fr")))
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    done = store.load(tmp_path / "reseau.yaml")
    members = get_answer(done, "members.entities")
    assert [(m.name, m.city, m.representative, m.founding) for m in members] == [
        ("Pharmacie Atlas", "Fès", "Dr Alami", True)]
    assert done.meta.incomplete is None
