"""Every dotted key the rules and facts read exists in the question catalogue.

A renamed question must not leave a rule silently reading nothing. (The documents' keys are
checked by the templates' own test.)
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_cli.catalogue import load_catalogue
from tests.cli_helpers import ROOT, checkout_env

CATALOGUE = load_catalogue()
SECTIONS = {s.id for s in CATALOGUE.sections}


def known_keys() -> set[str]:
    keys = set()
    for q in CATALOGUE.questions():
        keys.add(q.key)
        keys.update(f"{q.key}.{f.id}" for f in q.fields)
    return keys


def dotted_strings(path: Path) -> list[tuple[int, str]]:
    """String constants shaped like ``section.question`` whose first part is a section."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = node.value.split(".")
            if 2 <= len(parts) <= 3 and parts[0] in SECTIONS and all(
                    p.isidentifier() and p.islower() for p in parts):
                found.append((node.lineno, node.value))
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "reseau_cli" / "check").glob("*.py")),
                         ids=lambda p: p.name)
def test_every_key_read_by_rules_and_facts_is_a_question(path: Path) -> None:
    from reseau_cli.check.texts import load_texts

    # Finding ids (guides/checks.yaml, e.g. "members.core") look like keys too: left out.
    finding_ids = set(load_texts().findings)
    unknown = [f"{path.name}:{line}: {key}" for line, key in dotted_strings(path)
               if key not in known_keys() and key not in finding_ids]
    assert not unknown, f"keys that are not in guides/questions.yaml: {unknown}"


def test_the_rules_do_read_catalogue_keys() -> None:
    # The test above must have something to check (a change of style would empty it).
    facts = ROOT / "reseau_cli" / "check" / "facts.py"
    assert len(dotted_strings(facts)) >= 5


def test_a_started_reseau_runs_this_checkout_not_an_installed_copy(tmp_path: Path) -> None:
    code = "import reseau_cli, sys; sys.stdout.write(reseau_cli.__file__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=checkout_env({**os.environ, "PYTHONPATH": ""}),
                          timeout=60, check=True)
    assert Path(done.stdout).resolve().is_relative_to(ROOT)


def test_missing_checklist_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import test_catalogue

    monkeypatch.setattr(test_catalogue, "checklist_path", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        test_catalogue.checklist()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        test_catalogue.checklist()
