"""Documents a founder signs: parties, agreement, plurals, hesitations, drafts and finals.

Each test renders variants of the shipped example (``tests/render_helpers.py``) with one
renderer for the module, and reads the Markdown as a founder would.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from reseau_cli import store, yamlio
from reseau_cli.errors import ExitCode
from reseau_cli.render import Renderer, render_to_dir
from reseau_cli.render.drafts import DraftError
from tests.cli_helpers import run_main
from tests.render_helpers import EXAMPLES

SIGNED = ("charter", "letter", "plan")


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    with Renderer() as built:
        yield built


@pytest.fixture(scope="module")
def example_data() -> dict[str, dict[str, Any]]:
    return {lang: yamlio.load_located(yamlio.read_text(path), str(path)).data
            for lang, path in EXAMPLES.items()}


def variant(data: dict[str, Any], changes: dict[str, Any] | None = None,
            drop: tuple[str, ...] = ()) -> Any:
    """The example with answers changed (dotted keys) or removed (keys or whole sections)."""
    data = copy.deepcopy(data)
    for key in drop:
        section, _, question = key.partition(".")
        if question:
            data.get(section, {}).pop(question, None)
        else:
            data.pop(section, None)
    for key, value in (changes or {}).items():
        section, _, question = key.partition(".")
        data.setdefault(section, {})[question] = value
    return store.parse(yamlio.dump(data), "variant.yaml")


def member(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, **fields}


def half_finished(data: dict[str, Any]) -> Any:
    return variant(data, drop=("rules", "admission", "launch", "plan.budget", "legal.seat"))


# --- the shipped example is final, in both languages ----------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_example_is_final_in_both_languages(renderer: Renderer, lang: str) -> None:
    dossier = store.load(EXAMPLES[lang])
    for doc, composed in renderer.compose_all(dossier, SIGNED, lang).items():
        assert not composed.draft, (doc, composed.missing, composed.blocking)
        text = composed.markdown
        for placeholder in ("À compléter", "To be completed", "PROJET", "DRAFT", "FICHIER",
                            "(s)", "None", "{", "}"):
            assert placeholder not in text, (doc, placeholder)


def test_charter_articles_are_numbered_in_order_by_the_logic(renderer: Renderer) -> None:
    text = renderer.markdown(store.load(EXAMPLES["fr"]), "charter", "fr")
    numbers = [int(n) for n in re.findall(r"^## Article (\d+) — ", text, re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 15


# --- parties, agreement, plurals ----------------------------------------------------------------


def test_parties_are_identified_with_form_seat_numbers_and_who_represents_them(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    members = [
        member("Atlas Conseil SA", kind="company", legal_form="SA", address="Rabat",
               registration="RC Rabat 1234 — ICE 000111222000033", civility="mrs",
               representative="Fadma Aït Lahcen", role="Présidente", founding=True),
        member("Chambre de Commerce de Fès", kind="public_body", city="Fès", civility="mr",
               representative="Omar Idrissi", role="Directeur", founding=True),
    ]
    dossier = variant(example_data["fr"], {"members.entities": members})
    text = renderer.markdown(dossier, "charter", "fr")
    assert ("**Atlas Conseil SA**, SA, Rabat, RC Rabat 1234 — ICE 000111222000033, "
            "représentée par Mme Fadma Aït Lahcen, en qualité de Présidente ;") in text
    assert ("**Chambre de Commerce de Fès**, organisme public, Fès, représenté par "
            "M. Omar Idrissi, en qualité de Directeur,") in text
    english = renderer.markdown(dossier, "charter", "en")
    assert "represented by Ms Fadma Aït Lahcen, acting as Présidente;" in english


def test_one_member_reads_in_the_singular_and_many_in_the_plural(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    alone = variant(example_data["fr"], {"members.entities": [
        member("Seule SARL", kind="company", founding=True, representative="Ali Amrani")]})
    text = renderer.markdown(alone, "charter", "fr")
    assert "ci-après « le membre »," in text
    assert "le membre fondateur étant Seule SARL." in text
    assert "en un exemplaire original." in text
    english = renderer.markdown(alone, "letter", "en")
    assert "states its intention to set up" in english
    forty = variant(example_data["en"], {"members.entities": [
        member(f"Workshop {i}", kind="company", founding=i < 3) for i in range(40)]})
    text = renderer.markdown(forty, "charter", "en")
    assert "in 40 original copies, one for each member." in text
    assert "the founding members being Workshop 0, Workshop 1 and Workshop 2." in text


@pytest.mark.parametrize(("months", "french", "english"), [
    (0, "à tout moment", "at any time"),
    (1, "avec un préavis d'un mois.", "giving one month's notice."),
    (6, "avec un préavis de 6 mois.", "giving 6 months' notice."),
])
def test_withdrawal_notice_agrees_with_its_number(
        renderer: Renderer, example_data: dict[str, dict[str, Any]], months: int, french: str,
        english: str) -> None:
    dossier = variant(example_data["fr"], {"admission.notice_months": months})
    assert french in renderer.markdown(dossier, "charter", "fr")
    assert english in renderer.markdown(dossier, "charter", "en")


def test_documents_print_document_labels_never_question_labels(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    dossier = variant(example_data["fr"], {"model.kind": "business_network"})
    text = "".join(renderer.markdown(dossier, doc, "fr") for doc in SIGNED)
    for question_wording in ("Réseau d'affaires (3 entités", "Entreprise (PME", "Signature :",
                             "Recommandations d'affaires", "Oui, avant"):
        assert question_wording not in text
    assert "Apports d'affaires." in text


# --- signatures -----------------------------------------------------------------------------------


def test_signature_place_and_date_come_only_from_explicit_answers(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    unsigned = variant(example_data["fr"], drop=("intent.place", "intent.signing_date",
                                                 "launch.signing_place", "launch.signing_date"))
    for doc in ("charter", "letter"):
        text = renderer.markdown(unsigned, doc, "fr")
        line = next(x for x in text.splitlines() if x.startswith("Fait à"))
        assert re.fullmatch(r"Fait à (\\_)+, le (\\_)+, en 5 exemplaires originaux, un pour "
                            r"chaque membre\.", line), line
        assert "| Membre | Représentant | Signature et cachet |" in text
        assert "| Anfa Logistique Export SARL | Mme Leïla Bennani-Smirès, Directrice " \
               "commerciale | |" in text
    charter = renderer.markdown(store.load(EXAMPLES["fr"]), "charter", "fr")
    assert "Fait à Fès, le 1er octobre 2027, en 5 exemplaires" in charter


def test_letter_says_it_does_not_bind_and_until_when_it_is_valid(renderer: Renderer) -> None:
    text = renderer.markdown(store.load(EXAMPLES["en"]), "letter", "en")
    assert "it is not a contract and does not oblige any signatory" in text
    assert "It is valid until 31 December 2027" in text


# --- hesitations are not answers ------------------------------------------------------------------


def test_hesitations_are_never_printed_and_keep_the_document_a_draft(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    dossier = variant(example_data["fr"], {
        "rules.projects": "je ne sais pas encore",
        "plan.purchase_criteria": "Je ne sais pas trop…",
        "rules.rights": "?",
        "legal.seat": "TBD",
    })
    composed = renderer.compose_all(dossier, SIGNED, "fr")
    text = "".join(c.markdown for c in composed.values())
    for hesitation in ("je ne sais pas", "Je ne sais pas", "TBD", "Projets communs"):
        assert hesitation not in text
    assert {m.key for m in composed["charter"].missing} == {"rules.rights", "legal.seat"}
    assert not composed["plan"].draft  # purchase criteria are optional: the part is left out


# --- drafts and finals ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "mark", "command"), [
    ("fr", "**PROJET — document non définitif.**", "reseau edit FICHIER --section rules"),
    ("en", "**DRAFT — not a final document.**", "reseau edit FILE --section rules"),
])
def test_a_draft_says_so_on_its_first_page_with_the_commands_to_complete_it(
        renderer: Renderer, example_data: dict[str, dict[str, Any]], lang: str, mark: str,
        command: str) -> None:
    composed = renderer.compose(half_finished(example_data[lang]), "charter", lang)
    assert composed.draft
    head = composed.markdown.split("## ", 1)[0]
    assert mark in head and command in head


def test_an_error_level_finding_makes_a_draft(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    from reseau_cli.check import diagnose

    # an association cannot invoice in the network's name, which the example plans to do
    dossier = variant(example_data["fr"], {"legal.form": "association"})
    assert diagnose(dossier).has_errors
    composed = renderer.compose(dossier, "letter", "fr")
    assert composed.draft and composed.blocking and not composed.missing
    assert "point bloquant" in composed.markdown.split("## ", 1)[0]


def test_final_refuses_drafts_before_writing_anything(
        renderer: Renderer, example_data: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    with pytest.raises(DraftError) as caught:
        render_to_dir(renderer, half_finished(example_data["fr"]), tmp_path / "out",
                      SIGNED, ("md",), "fr", False, final=True)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    paths = {p.path for p in caught.value.problems}
    assert {"rules.rights", "plan.budget", "legal.seat"} <= paths
    report = render_to_dir(renderer, store.load(EXAMPLES["en"]), tmp_path / "final",
                           SIGNED, ("md",), "en", False, final=True)
    assert len(report.written) == 3 and report.drafts == []


def test_render_final_on_the_command_line_exits_1_with_the_list(
        example_data: dict[str, dict[str, Any]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    half = tmp_path / "half.yaml"
    half.write_text(yamlio.dump(variant(example_data["fr"], drop=("rules",)).model_dump(
        mode="json", exclude_none=True)), encoding="utf-8")
    code = run_main("render", str(half), "--format", "md", "--final",
                    "--out", str(tmp_path / "out"))
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID
    assert "rules.rights" in err and "--section" in err
    assert not (tmp_path / "out").exists()


def test_batch_counts_drafts_and_final_fails_only_the_drafts(
        example_data: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    from reseau_cli.batch import BatchOptions, Summary, prepare, run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-final.yaml").write_bytes(EXAMPLES["en"].read_bytes())
    half = half_finished(example_data["fr"]).model_dump(mode="json", exclude_none=True)
    half["name"]["short_name"] = "HALF"
    (tmp_path / "in" / "b-half.yaml").write_text(yamlio.dump(half), encoding="utf-8")

    def run(final: bool, out: str) -> Summary:
        jobs = prepare([tmp_path / "in"], tmp_path / out)
        summary = Summary(total=len(jobs))
        options = BatchOptions(docs=SIGNED, formats=("md",), final=final)
        run_batch(jobs, options, summary.add, workers=1)
        return summary

    drafts = run(False, "drafts")
    # the half-finished charter and plan are drafts; its letter has every answer it needs
    assert (drafts.rendered, drafts.failed, drafts.drafts, drafts.draft_dossiers) == (2, 0, 2, 1)
    finals = run(True, "finals")
    assert (finals.rendered, finals.failed, finals.drafts) == (1, 1, 0)
    failure = finals.failures[0].failure
    assert failure is not None and failure.key == "render.draft_refused"


@pytest.mark.slow
def test_every_page_of_a_draft_pdf_says_so_and_a_final_one_never(
        renderer: Renderer, example_data: dict[str, dict[str, Any]]) -> None:
    from tests.render_helpers import docx_text, pdf_text

    half = half_finished(example_data["fr"])
    out = renderer.render_documents(half, ("charter", "letter"), ("pdf", "docx", "html"), "fr")
    pages = PdfReader(io.BytesIO(out[("charter", "pdf")])).pages
    assert len(pages) > 1
    assert all("PROJET" in (page.extract_text() or "") for page in pages)
    assert "PROJET" in docx_text(out[("charter", "docx")])
    assert "PROJET" in out[("charter", "html")].decode("utf-8")
    assert "PROJET" not in pdf_text(out[("letter", "pdf")])  # the letter has what it needs
