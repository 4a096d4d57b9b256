"""Figures in the rendered documents, read as a reader (or a screen reader) gets them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest

from reseau_cli.render import Renderer
from tests.render_helpers import docx_text, example_dossier, hostile_dossier, pdf_text

pytestmark = pytest.mark.slow

DOCS = ("charter", "letter", "plan", "report")
FORMATS = ("md", "html", "docx", "pdf")
TODAY = dt.date(2026, 12, 1)
NETWORK_FR = "Réseau Atlas des Artisans du Cuir en un coup d'œil"


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    with Renderer(today=TODAY) as renderer:
        return renderer.render_documents(example_dossier(), DOCS, FORMATS, "fr")


@pytest.fixture(scope="module")
def plain() -> dict[tuple[str, str], bytes]:
    with Renderer(today=TODAY, figures=False) as renderer:
        return renderer.render_documents(example_dossier(), DOCS, FORMATS, "fr")


def _svgs(page: str) -> list[str]:
    return re.findall(r"<figure class=\"reseau-figure\".*?</figure>", page, re.S)


def test_html_inlines_each_figure_as_an_accessible_svg(rendered):
    charter = rendered[("charter", "html")].decode()
    (figure,) = _svgs(charter)
    assert '<svg role="img" aria-labelledby="fig1-title fig1-desc"' in figure
    assert f'<title id="fig1-title">{NETWORK_FR}</title>' in figure.replace("&#x27;", "'")
    desc = re.search(r"<desc id=\"fig1-desc\">(.*?)</desc>", figure, re.S).group(1)
    for name in ("Maroquinerie Benséddik SARL", "Rachid Amrani"):
        assert name in desc
    assert f"<figcaption>Figure 1 : {NETWORK_FR}</figcaption>" in figure.replace("&#x27;", "'")
    report = rendered[("report", "html")].decode()
    assert [re.search(r'id="figure-(\w+)"', f).group(1) for f in _svgs(report)] == [
        "legal", "profile"]
    ids = re.findall(r' id="([^"]+)"', report)
    assert len(ids) == len(set(ids))  # two SVGs on one page share no id


def test_word_embeds_each_figure_as_a_described_picture(rendered):
    data = rendered[("plan", "docx")]
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        document = docx.read("word/document.xml").decode()
        assert all(docx.read(n).startswith(b"\x89PNG") for n in media)
    assert len(media) == 2
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', document)
    assert len(descriptions) == 2
    assert "Calendrier" in descriptions[0] and "Carte du réseau" in descriptions[1]
    text = docx_text(data)
    assert "Figure 1 : Calendrier des étapes" in text and f"Figure 2 : {NETWORK_FR}" in text
    assert "RESEAUFIG" not in text


def test_pdf_draws_figures_natively_with_captions_and_searchable_labels(rendered):
    text = pdf_text(rendered[("charter", "pdf")])
    assert NETWORK_FR in text and "Figure 1" in text
    assert "Noyau fondateur" in text  # the legend, drawn as text
    letter = pdf_text(rendered[("letter", "pdf")])
    assert "Calendrier des étapes" in letter and "Aujourd'hui" in letter
    report = pdf_text(rendered[("report", "pdf")])
    assert "Formes juridiques comparées" in report and "Personnalité juridique" in report
    assert "Profil des 19 facteurs de succès" in report and "Franchise et confiance" in report


def test_markdown_gives_the_caption_and_the_text_alternative(rendered):
    plan = rendered[("plan", "md")].decode()
    assert f"*Figure 2 : {NETWORK_FR}*" in plan.replace("\\", "")
    assert "Carte du réseau : " in plan and "RESEAUFIG" not in plan


def test_no_figures_leaves_every_format_as_before(rendered, plain):
    for doc in DOCS:
        assert b"<figure" not in plain[(doc, "html")] and b"<svg" not in plain[(doc, "html")]
        assert b"RESEAUFIG" not in plain[(doc, "md")]
        with zipfile.ZipFile(io.BytesIO(plain[(doc, "docx")])) as docx:
            assert not [n for n in docx.namelist() if n.startswith("word/media/")]
        assert "Figure 1" not in pdf_text(plain[(doc, "pdf")])
        assert len(plain[(doc, "html")]) < len(rendered[(doc, "html")])


def test_same_dossier_same_day_same_bytes(rendered):
    with Renderer(today=TODAY) as renderer:
        again = renderer.render_documents(example_dossier(), ("plan",), ("html", "docx"), "fr")
    assert again[("plan", "html")] == rendered[("plan", "html")]
    assert again[("plan", "docx")] == rendered[("plan", "docx")]


def test_english_figures_speak_english():
    with Renderer(today=TODAY) as renderer:
        out: dict[Any, bytes] = renderer.render_documents(
            example_dossier(), ("letter", "report"), ("html", "pdf"), "en")
    letter = out[("letter", "html")].decode()
    assert "<figcaption>Figure 1: Timeline of the milestones</figcaption>" in letter
    assert "Today: 1 Dec 2026" in letter
    report = pdf_text(out[("report", "pdf")])
    assert "Legal forms compared" in report and "Frankness and trust" in report


def test_hostile_names_stay_text_in_the_figures():
    with Renderer(today=TODAY) as renderer:
        out = renderer.render_documents(hostile_dossier(), ("charter",), ("html", "pdf"), "fr")
    page = out[("charter", "html")].decode()
    assert "<script>" not in page and "&lt;script&gt;" in page
    text = pdf_text(out[("charter", "pdf")])
    assert 'Membre #read("/etc/passwd")' in text or "Membre #read" in text
    assert "root:" not in text


def test_render_and_batch_no_figures_option(tmp_path):
    from tests.cli_helpers import run_main
    from tests.render_helpers import EXAMPLE

    drawn, plain, batch = tmp_path / "drawn", tmp_path / "plain", tmp_path / "batch"
    assert run_main("render", str(EXAMPLE), "--doc", "letter", "--format", "html",
                    "--out", str(drawn)) == 0
    assert run_main("render", str(EXAMPLE), "--doc", "letter", "--format", "html",
                    "--out", str(plain), "--no-figures") == 0
    assert run_main("batch", str(EXAMPLE), "--doc", "letter", "--format", "html,md",
                    "--out", str(batch), "--jobs", "1", "--no-figures") == 0
    (drawn_page,) = drawn.glob("*.html")
    (plain_page,) = plain.glob("*.html")
    assert "<figure" in drawn_page.read_text(encoding="utf-8")
    assert "<figure" not in plain_page.read_text(encoding="utf-8")
    batch_pages = list(batch.rglob("*.html")) + list(batch.rglob("*.md"))
    assert len(batch_pages) == 2
    assert not any("Figure 1" in p.read_text(encoding="utf-8") for p in batch_pages)


def test_source_date_epoch_sets_today_for_the_timeline(tmp_path):
    from tests.cli_helpers import run_cli
    from tests.render_helpers import EXAMPLE

    done = run_cli("render", str(EXAMPLE), "--doc", "letter", "--format", "md",
                   "--out", str(tmp_path), env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert done.returncode == 0, done.stderr
    (letter,) = tmp_path.glob("*.md")
    assert "Aujourd'hui : 15 janv. 2027." in letter.read_text(encoding="utf-8")
