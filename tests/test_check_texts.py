"""The data of guides/checks.yaml: complete in both languages and tied to the guide's checklist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reseau_cli.check import registry
from reseau_cli.check.texts import load_texts
from tests.conftest import checklist_path

RULES_SOURCE = "".join(
    (Path(registry.__file__).parent / f"{name.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8")
    for name in (*registry.RULE_MODULES, "reseau_cli.check.legal_forms"))


def _checklist() -> dict[str, str]:
    path = checklist_path()
    if path is None:
        pytest.skip("the guide's checklist is not beside the repository")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {item["id"]: item["kind"] for s in data["sections"] for item in s["items"]}


def test_every_finding_text_is_complete_in_french_and_english() -> None:
    for finding_id, text in load_texts().findings.items():
        for part in (text.message, text.advice):
            assert part.fr.strip() and part.en.strip(), finding_id
            assert part.fr != part.en, finding_id
            # The same placeholders in both languages, or one of them would print "?".
            assert set(re.findall(r"\{(\w+)\}", part.fr)) == set(
                re.findall(r"\{(\w+)\}", part.en)), finding_id


def test_every_finding_text_is_raised_by_a_rule() -> None:
    for finding_id in load_texts().findings:
        assert f'"{finding_id}"' in RULES_SOURCE, finding_id


def test_every_finding_cites_an_item_of_the_guides_checklist() -> None:
    checklist = _checklist()
    for finding_id, text in load_texts().findings.items():
        assert text.guide_ref in checklist, finding_id


def test_every_rule_of_the_checklist_is_carried_by_check() -> None:
    checklist = _checklist()
    cited = {text.guide_ref for text in load_texts().findings.values()}
    cited.add("success.score")  # carried by the readiness score, not by a finding
    missing = [i for i, kind in checklist.items() if kind == "rule" and i not in cited]
    assert missing == []


def test_every_rule_is_a_registered_function_with_a_docstring() -> None:
    assert len(registry.all_rules()) >= 20
    for function in registry.all_rules():
        assert function.__doc__, function.__name__


def test_reader_references_name_real_parts_and_items_of_the_checklist() -> None:
    checklist = _checklist()
    sections = {item_id.split(".", 1)[0] for item_id in checklist}
    guide = load_texts().guide
    assert set(guide.parts) <= sections and set(guide.topics) <= set(checklist)
    for finding in load_texts().findings.values():
        assert finding.guide_ref.split(".", 1)[0] in guide.parts
        for text in (finding.message, finding.advice):
            assert "reseau " not in text.fr and "reseau " not in text.en  # words, no commands
