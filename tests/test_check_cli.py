"""`reseau check`: exit codes, table and JSON output, the broken-rules fixture and the example."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reseau_cli import store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.check import diagnose
from reseau_cli.cli import app
from tests.check_helpers import (
    BROKEN_RULES,
    BROKEN_RULES_IDS,
    dossier_with,
    write_dossier,
)
from tests.cli_helpers import run_cli

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


def check_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", str(path), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout)


# --- exit codes -------------------------------------------------------------------------------


def test_check_exits_0_when_no_finding_is_an_error(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "ok.yaml", dossier_with({"dues.needed": True,
                                                             "dues.services": "Salon annuel"}))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "dues.avoid-at-start" in result.output  # an info finding does not fail the check


def test_check_exits_1_on_an_error_level_finding(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "no-facilitator.yaml",
                         dossier_with({"members.facilitator": None}))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "pitfalls.facilitator" in result.output


def test_check_exits_1_on_an_error_level_finding_in_a_subprocess(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "two.yaml", dossier_with(
        {"members.entities": [{"name": "A", "founding": True}, {"name": "B", "founding": True}]}))
    result = run("check", str(path))
    assert result.returncode == 1
    assert "model.member-count" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2
    assert "absent.yaml" in result.stderr and "Traceback" not in result.stderr


def test_check_on_broken_yaml_exits_2_with_the_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("members:\n  facilitator: [oops\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert f"{bad}:" in result.stderr and "Traceback" not in result.stderr


def test_check_on_an_invalid_dossier_exits_2_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "invalid.yaml"
    bad.write_text("schema_version: 1\nmodel:\n  kind: empire\n", encoding="utf-8")
    result = run("check", str(bad), "--lang", "en")
    assert result.returncode == 2
    assert f"{bad}:3:" in result.stderr and "(model.kind)" in result.stderr
    assert "business_network" in result.stderr  # says what would be accepted


# --- output -----------------------------------------------------------------------------------


def test_json_output_has_stable_keys(tmp_path: Path) -> None:
    factors = [q.id for q in load_catalogue().section("success").questions]
    assessed = {f"success.{f}": "no" for f in factors[:10]}
    path = write_dossier(tmp_path / "d.yaml", dossier_with({"rules.charter": False, **assessed}))
    code, data = check_json(path)
    assert code == 0
    assert set(data) >= {"file", "language", "summary", "findings", "legal_forms",
                         "legal_forms_note", "readiness"}
    assert data["findings"]
    for finding in data["findings"]:
        assert set(finding) == {"id", "severity", "guide_ref", "message", "advice", "path",
                                "command", "guide"}
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["command"].startswith(f"reseau edit {path}")
    for option in data["legal_forms"]:
        assert set(option) == {"rank", "form", "label", "reason", "chosen", "suitable"}
    assert set(data["readiness"]) == {"score", "answered", "total", "minimum", "text", "unmet",
                                      "unanswered"}
    assert data["readiness"]["score"] == 0.0 and data["readiness"]["answered"] == 10
    assert set(data["readiness"]["unmet"][0]) == {"id", "answer", "factor", "next_step"}
    assert data["summary"] == {s: sum(f["severity"] == s for f in data["findings"])
                               for s in ("error", "warning", "info")}


def test_language_follows_the_dossier_unless_lang_is_given(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "en.yaml", dossier_with({"rules.charter": False},
                                                            language="en"))
    _, data = check_json(path)
    assert data["language"] == "en"
    assert data["findings"][0]["message"] == "The dossier plans not to write a charter."
    _, data = check_json(path, "--lang", "fr")
    assert data["findings"][0]["message"] == "Le dossier prévoit de ne pas rédiger de charte."


def test_table_shows_severity_finding_advice_guide_legal_forms_and_readiness(
        tmp_path: Path) -> None:
    factors = [q.id for q in load_catalogue().section("success").questions]
    others = [f for f in factors if f != "trust"]
    assessed = {f"success.{f}": "yes" for f in others[:9]} | {"success.trust": "partly"}
    path = write_dossier(tmp_path / "d.yaml", dossier_with({"rules.charter": False, **assessed}))
    result = runner.invoke(app, ["check", str(path)], env={"COLUMNS": "200"})
    out = result.output
    for words in ("Gravité", "Constat", "Conseil", "Guide", "Avertissement",
                  "pitfalls.agreement", "Forme juridique", "pas un conseil juridique",
                  "Score de préparation : 95,0 % (10 facteurs de succès évalués sur 19)",
                  "En partie", "0 erreur, 1 avertissement, 0 information."):
        assert words in out, words
    flat = out.replace("│", "").replace(" ", "").replace("\n", "")
    assert f"reseauedit{path}--sectionrules" in flat


@pytest.mark.parametrize("lang,words", [
    ("fr", "Score de préparation : pas encore assez de réponses (1 facteur évalué sur 19 ;"),
    ("en", "Readiness score: not enough answers yet (1 of 19 factors assessed;")])
def test_table_gives_no_percentage_on_too_few_factors(tmp_path: Path, lang: str,
                                                      words: str) -> None:
    path = write_dossier(tmp_path / "d.yaml", dossier_with({"success.trust": "yes"}))
    result = runner.invoke(app, ["check", str(path), "--lang", lang], env={"COLUMNS": "200"})
    assert words in result.output
    assert "100" not in result.output


def test_table_without_self_assessment_says_how_to_add_it(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "d.yaml", dossier_with(language="en"))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0
    assert "No findings" in result.output
    assert f"reseau edit {path} --section success" in result.output.replace("\n", "")


# --- the dossier built to break each rule, and the example ------------------------------------


def test_broken_rules_fixture_raises_each_expected_finding() -> None:
    code, data = check_json(BROKEN_RULES)
    assert code == 1
    assert sorted(f["id"] for f in data["findings"]) == sorted(BROKEN_RULES_IDS)


def test_broken_rules_fixture_table_prints_each_guide_reference() -> None:
    result = run("check", str(BROKEN_RULES), "--lang", "en")
    assert result.returncode == 1
    refs = {f.guide_ref for f in diagnose(store.load(BROKEN_RULES)).findings}
    flat = result.stdout.replace("│", "").replace(" ", "").replace("\n", "")
    for ref in refs:
        assert ref in flat, ref


@pytest.mark.parametrize("name", ["atlas.yaml", "atlas-en.yaml"])
def test_example_dossier_checks_with_an_exit_code_matching_its_findings(
        example_path: Path, name: str) -> None:
    path = example_path.parent / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    code, data = check_json(path)
    has_errors = any(f["severity"] == "error" for f in data["findings"])
    assert code == (1 if has_errors else 0)
    assert data["legal_forms"] and data["readiness"]["answered"] > 0


def test_narrow_terminal_keeps_guide_references_whole_under_each_finding() -> None:
    result = runner.invoke(app, ["check", str(BROKEN_RULES), "--lang", "en"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert "Guide: pitfalls.facilitator" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_file_names_with_rich_markup_are_printed_literally(tmp_path: Path) -> None:
    path = write_dossier(tmp_path / "[bold]x[/].yaml", dossier_with({"rules.charter": False}))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "[bold]x[/].yaml" in result.output
