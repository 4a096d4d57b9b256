"""``reseau members import / export``: member tables in French or English, checked row by row."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_cli import store
from reseau_cli.dossier import get_answer, new_dossier, set_answer
from tests.cli_helpers import run_main


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    path = tmp_path / "reseau.yaml"
    start = set_answer(new_dossier("fr"), "members.entities", [{"name": "Pharmacie Atlas"}])
    store.save(start, path)
    return path


def test_french_csv_with_phones_and_founders_is_imported(dossier: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "membres.csv"
    table.write_text("Nom;Ville;Représentant;Téléphone;Fondateur;Couleur\n"
                     "Pharmacie Atlas;Fès;Dr Alami;0612345678;oui;bleu\n"
                     "Pharmacie du Port;Tanger;Mme Idrissi;0539000000;non;vert\n",
                     encoding="utf-8")
    assert run_main("members", "import", str(dossier), str(table)) == 0
    out = capsys.readouterr()
    assert "Couleur" in out.err  # the unknown column is reported
    members = get_answer(store.load(dossier), "members.entities")
    assert [(m.name, m.city, m.phone, m.founding) for m in members] == [
        ("Pharmacie Atlas", "Fès", "0612345678", True),
        ("Pharmacie du Port", "Tanger", "0539000000", False)]


def test_a_bad_row_is_reported_with_its_place_and_nothing_is_written(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dossier.read_text(encoding="utf-8")
    table = tmp_path / "members.csv"
    table.write_text("name,city,email,founding\nA,Fès,a@a.ma,yes\nB,Rabat,pas-un-courriel,no\n"
                     "C,Oujda,c@c.ma,peut-être\n", encoding="utf-8")
    assert run_main("members", "import", str(dossier), str(table)) == 1
    err = capsys.readouterr().err
    assert f"{table}:3:3" in err and f"{table}:4:4" in err
    assert dossier.read_text(encoding="utf-8") == before
    assert run_main("members", "import", str(dossier), str(table), "--skip-invalid") == 0
    names = [m.name for m in get_answer(store.load(dossier), "members.entities")]
    assert names == ["Pharmacie Atlas", "A"]


def test_xlsx_keeps_leading_zeros_and_export_gives_the_same_table_back(
        dossier: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "city", "phone", "founding", "kind"])
    sheet.append(["Coop Al Amal", "Meknès", 612345678, True, "Coopérative"])
    sheet["C2"].number_format = "0000000000"
    sheet.append(["Atelier Zellige", "Fès", "0535112233", False, "company"])
    book.save(tmp_path / "m.xlsx")
    assert run_main("members", "import", str(dossier), str(tmp_path / "m.xlsx")) == 0
    members = get_answer(store.load(dossier), "members.entities")
    assert [(m.phone, m.kind, m.founding) for m in members[1:]] == [
        ("0612345678", "cooperative", True), ("0535112233", "company", False)]
    out = tmp_path / "export.csv"
    assert run_main("members", "export", str(dossier), "-o", str(out)) == 0
    other = tmp_path / "other.yaml"
    store.save(new_dossier("fr"), other)
    assert run_main("members", "import", str(other), str(out)) == 0
    again = get_answer(store.load(other), "members.entities")
    assert [m.model_dump() for m in again] == [m.model_dump() for m in members]
