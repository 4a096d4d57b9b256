"""Hostile values on the terminal: no Rich markup, no escape sequence, no prompt-less wizard.

A member named ``[/x] closing tag`` or ``[link=…]`` and values holding escape sequences must be
shown as typed (control characters made visible), never interpreted, in the wizard's record
summaries, review tables, welcome line and the commands' success lines (issue 16).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from reseau_cli import store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import new_dossier, set_answer
from reseau_cli.wizard.review import review_table
from tests.cli_helpers import checkout_env, run_main
from tests.wizard_helpers import FakePrompter, make_wizard

ESC = "\x1b"
CLOSING = "[/x] closing tag"
LINK = "[link=https://evil.example]Cliquez ici[/link]"
CLEAR = "\x1b[2J\x1b]8;;https://evil.example\x1b\\Salut"
HOSTILE = [CLOSING, LINK, CLEAR]


def terminal() -> tuple[Console, io.StringIO]:
    """A console that believes it writes to a colour terminal (where markup would act)."""
    out = io.StringIO()
    return Console(file=out, force_terminal=True, color_system="truecolor", width=120), out


def hostile_dossier() -> object:
    members = [{"name": name, "city": name, "representative": name} for name in HOSTILE]
    dossier = set_answer(new_dossier("fr"), "members.entities", members)
    return set_answer(dossier, "name.name", CLEAR)


def assert_shown_as_typed(text: str) -> None:
    assert "\x1b[2J" not in text and "\x1b]8;" not in text  # no raw screen clear, no link
    assert "\\x1b[2J" in text  # shown, made visible
    assert CLOSING in text
    assert "[link=https://evil.example]" in text  # the markup is text, not a hyperlink


def test_review_table_shows_hostile_values_as_text() -> None:
    console, out = terminal()
    catalogue = load_catalogue()
    console.print(review_table(catalogue, hostile_dossier(), "fr",  # type: ignore[arg-type]
                               sections=[catalogue.section("name"),
                                         catalogue.section("members")]))
    assert_shown_as_typed(out.getvalue())


def test_editing_members_with_hostile_names_still_works(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(hostile_dossier(), path)  # type: ignore[arg-type]
    prompter = FakePrompter({})  # keep every member, add none
    wizard, _ = make_wizard(path, prompter, dossier=store.load(path))
    console, out = terminal()
    wizard.console = console
    wizard.run_edit("members")  # a MarkupError here used to make the section uneditable
    shown = out.getvalue()
    assert CLOSING in shown and "\x1b[2J" not in shown and "\\x1b[2J" in shown
    assert [m.name for m in store.load(path).members.entities] == HOSTILE  # type: ignore[attr-defined]


def test_a_file_name_with_markup_does_not_break_the_welcome_line(tmp_path: Path) -> None:
    path = tmp_path / "[/x]dossier\x1b[2J.yaml"
    wizard, _ = make_wizard(path, FakePrompter({}))
    console, out = terminal()
    wizard.console = console
    wizard._welcome()
    assert "[/x]dossier" in out.getvalue() and "\x1b[2J" not in out.getvalue()


def test_success_lines_do_not_pass_escape_sequences(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a\x1b[2Jb.yaml"
    store.save(new_dossier("fr"), path)
    assert run_main("validate", str(path)) == 0
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "\\x1b[2J" in out


@pytest.mark.slow
def test_new_with_output_redirected_refuses_clearly_instead_of_waiting(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import sys

    child = pexpect.spawn("/bin/sh", ["-c", f"'{sys.executable}' -m reseau_cli new x.yaml > log"],
                          cwd=str(tmp_path), env=checkout_env(), encoding="utf-8", timeout=30)
    child.expect("pas un terminal")  # said on the terminal (stderr), not into the log
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert not (tmp_path / "x.yaml").exists()


def test_new_without_terminal_still_points_to_answers(tmp_path: Path) -> None:
    import sys

    done = subprocess.run([sys.executable, "-m", "reseau_cli", "new", "x.yaml"], cwd=tmp_path,
                          env=checkout_env(), capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "--answers" in done.stderr


def test_terminal_facts_come_from_the_environment_object(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reseau_cli.cli.app import use_environment
    from reseau_cli.terminal import Environment

    target = tmp_path / "x.yaml"
    with use_environment(Environment(stdin_isatty=True, stdout_isatty=False)):
        assert run_main("new", str(target)) == 2
    assert "pas un terminal" in capsys.readouterr().err
    import yaml

    from tests.wizard_helpers import sample_answers

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(sample_answers(load_catalogue().phase_sections(1)),
                                      allow_unicode=True), encoding="utf-8")
    with use_environment(Environment(stdin_isatty=False, stdout_isatty=False)):
        assert run_main("new", str(target), "--answers", str(answers)) == 0
    assert target.exists()
