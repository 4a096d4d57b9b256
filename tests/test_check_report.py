"""The diagnostic report (*rapport de diagnostic*): a fourth document of the render pipeline."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reseau_cli import store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.check import diagnose, report_context
from reseau_cli.documents import ids
from tests.check_helpers import BROKEN_RULES, dossier_with

REPORT = "report"


@pytest.fixture(scope="module")
def renderer() -> Iterator[object]:
    from reseau_cli.render import Renderer

    built = Renderer()
    yield built
    built.close()


def test_report_is_a_document_the_renderer_knows() -> None:
    assert "report" in ids()


def test_report_context_groups_findings_by_severity() -> None:
    dossier = store.load(BROKEN_RULES)
    data = report_context(dossier, "en")
    findings = diagnose(dossier).findings
    for severity in ("error", "warning", "info"):
        assert [f["message"] for f in data["by_severity"][severity]] == [
            f.message("en") for f in findings if f.severity == severity]
        for finding in data["by_severity"][severity]:
            assert set(finding) == {"severity", "message", "advice", "guide", "where"}
            assert finding["guide"].startswith("part ")
    assert data["has_errors"] is True
    assert data["network"] == ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markdown_report_holds_every_finding_legal_forms_and_readiness(
        renderer: object, lang: str) -> None:
    factors = [q.key for q in load_catalogue().section("success").questions]
    others = [f for f in factors if f != "success.trust"]
    assessed = dict.fromkeys(others[:9], "yes") | {"success.trust": "no"}
    dossier = dossier_with({"name.name": "Réseau Zellige & Cuir", "rules.charter": False,
                            "objective.main": "new_clients", **assessed})
    text = renderer.markdown(dossier, REPORT, lang)  # type: ignore[attr-defined]
    data = report_context(dossier, lang)
    assert "Réseau Zellige \\& Cuir" in text  # dossier text is escaped, not markup
    plain = text.replace("\\", "")
    for finding in data["findings"]:
        assert finding["message"] in plain and finding["guide"] in plain
        assert finding["guide_ref"] not in text and finding["id"] not in text
    assert "reseau edit" not in text
    assert data["legal_forms"][0]["reason"] in text.replace("\\", "")
    assert data["readiness"]["unmet"][0]["next_step"] in text.replace("\\", "")
    assert ("90 %" if lang == "fr" else "90%") in text
    assert "None" not in text and "{{" not in text


def test_report_without_findings_or_self_assessment_has_no_empty_section(
        renderer: object) -> None:
    text = renderer.markdown(dossier_with(), REPORT, "fr")  # type: ignore[attr-defined]
    assert "Aucun point bloquant." in text
    assert "l'auto-évaluation sur les 19 facteurs de succès du guide n'est pas encore faite" in text
    assert "reseau edit" not in text
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#"):
            following = next((x for x in lines[i + 1:] if x.strip()), "")
            assert not following.startswith("#"), line


def test_html_report_keeps_hostile_names_literal(renderer: object) -> None:
    dossier = dossier_with({"name.name": "<script>alert(1)</script>"})
    page = renderer.render(dossier, REPORT, "html", "en")  # type: ignore[attr-defined]
    html = page.decode("utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Diagnostic report" in html


@pytest.mark.slow
@pytest.mark.parametrize("lang,title", [("fr", "Rapport de diagnostic"),
                                        ("en", "Diagnostic report")])
def test_report_renders_in_docx_and_pdf(renderer: object, lang: str, title: str) -> None:
    from pypdf import PdfReader

    dossier = store.load(BROKEN_RULES)
    out = renderer.render_formats(dossier, REPORT, ("docx", "pdf"), lang)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(out["docx"])) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out["pdf"])).pages)
    for text in (xml, pdf_text):
        assert title in text
        assert "pitfalls.facilitator" not in text and "reseau edit" not in text
        assert ("conseiller en réseaux" if lang == "fr" else "network adviser") in text


@pytest.mark.parametrize("lang,stem,title", [("fr", "diagnostic", "Rapport de diagnostic"),
                                             ("en", "report", "Diagnostic report")])
def test_render_command_writes_the_report_with_doc_report(
        tmp_path: Path, lang: str, stem: str, title: str) -> None:
    from typer.testing import CliRunner

    from reseau_cli.cli import app
    from tests.check_helpers import write_dossier

    dossier = dossier_with({"name.name": "Réseau Fès", "name.short_name": "RF"})
    path = write_dossier(tmp_path / "d.yaml", dossier)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(path), "--doc", "report", "--format",
                                      "md,html", "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"rf_{stem}.html", f"rf_{stem}.md"]
    assert title in (out / f"rf_{stem}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,words", [("fr", "pas encore assez de réponses (2 facteurs évalués"),
                                        ("en", "not enough answers yet (2 of 19 factors")])
def test_report_without_enough_answers_gives_no_score_but_the_next_steps(
        renderer: object, lang: str, words: str) -> None:
    dossier = dossier_with({"success.trust": "no", "success.goals": "yes"})
    text = renderer.markdown(dossier, REPORT, lang)  # type: ignore[attr-defined]
    assert words in text and "%" not in text
    step = report_context(dossier, lang)["readiness"]["unmet"][0]["next_step"]
    assert step in text.replace("\\", "")
