"""Arabic from the command line: documents in Arabic, messages still in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch_helpers import write_dossiers
from tests.cli_helpers import run_cli
from tests.render_helpers import EXAMPLE


def _arabic_dossier(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reseau.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "\nlanguage: fr\n", "\nlanguage: ar\n", 1), encoding="utf-8")
    return path


@pytest.mark.slow
def test_batch_in_arabic_writes_arabic_documents_and_reports_in_french(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 2)
    result = run_cli("batch", "clients", "--out", "out", "--lang", "ar", "--format", "md",
                     "--doc", "plan", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Bilan : 2 rendus" in result.stdout
    plans = sorted((tmp_path / "out").glob("*/*.md"))
    assert len(plans) == 2
    assert all(p.read_text(encoding="utf-8").startswith("# خطة العمل") for p in plans)


def test_check_of_an_arabic_dossier_speaks_french(tmp_path: Path) -> None:
    dossier = _arabic_dossier(tmp_path)
    result = run_cli("check", str(dossier))
    assert f"Diagnostic de {dossier}" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_the_wizard_edits_an_arabic_dossier_in_french(tmp_path: Path) -> None:
    from reseau_cli import store
    from reseau_cli.dossier import working_language
    from reseau_cli.i18n import ui_lang

    dossier = store.load(_arabic_dossier(tmp_path))
    assert str(dossier.language) == "ar"
    assert ui_lang(working_language(None, dossier, "fr")) == "fr"


def test_unknown_document_language_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("render", str(_arabic_dossier(tmp_path)), "--lang", "de")
    assert result.returncode == 2
    assert "fr" in result.stderr and "ar" in result.stderr
    assert "Traceback" not in result.stderr
