import json
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_cli.catalogue import load_catalogue
from tests.cli_helpers import run_cli


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_validate_reports_every_problem_with_place_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nnme: {name: x}\nobjective:\n  main: nope\n",
                   encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}:2:1 (nme)" in result.stderr
    assert "Vouliez-vous dire « name »" in result.stderr
    assert f"{bad}:4:3 (objective.main)" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_unreadable_file_exits_2_in_english_on_request(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent.yaml"), "--lang", "en")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_validate_syntax_error_exits_2_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name:\n  name: [oops\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:3:1" in result.stderr or f"{bad}:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_valid_dossier_exits_0(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("schema_version: 1\nname:\n  name: Réseau Atlas\n", encoding="utf-8")
    result = run("validate", str(good))
    assert result.returncode == 0, result.stderr
    assert "valide" in result.stdout


def test_questions_json_lists_every_question_with_guide_ref() -> None:
    result = run("questions", "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [q["id"] for q in data] == [q.key for q in load_catalogue().questions()]
    assert all(q["guide_ref"] for q in data)
    main = next(q for q in data if q["id"] == "objective.main")
    assert {"value": "new_clients", "label": "Find new clients"} in main["choices"]


def test_questions_md_is_a_printable_questionnaire() -> None:
    result = run("questions", "--format", "md")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("# Questionnaire de fondation du réseau")
    assert "- [ ] Trouver de nouveaux clients" in text
    assert "Seulement si" in text  # conditional questions say when they apply
    numbered = [line for line in text.splitlines() if line.startswith("**")]
    assert len(numbered) == len(load_catalogue().questions())


def test_schema_is_valid_json_with_sections() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert "members" in schema["properties"]


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("module", ["questionary", "prompt_toolkit", "pypandoc", "typst", "babel",
                                    "markdown_it", "pydantic", "jinja2"])
def test_importing_the_cli_leaves_heavy_libraries_out(module: str) -> None:
    code = ("import sys, reseau_cli.cli; "
            f"print({module!r} in sys.modules or any(m.startswith({module!r} + '.') "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
