import re
from pathlib import Path

import pytest

from tests.readme_commands import README, command_paths, current_block, help_text, reference

ROOT = Path(__file__).resolve().parent.parent


def test_readme_command_reference_matches_help_output() -> None:
    assert current_block() == reference(), "run: python tests/readme_commands.py"


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_every_command_has_bilingual_help_with_an_example(path: list[str]) -> None:
    text = help_text(path)
    assert " / " in text, "help should carry a French line and an English line"
    assert "Exemple" in text


def test_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"# 2\..*\n(.*)\n", readme)
    assert test_command is not None
    # CI builds its own venv; the install-and-test part must be the README's, word for word.
    tail = test_command.group(1).split("&& ", 2)[-1]
    assert tail in ci
