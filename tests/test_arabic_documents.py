"""Arabic documents, read as a reader would: right to left, names in their own direction,
and text that copies out of the PDF in the order it is read."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from reseau_cli.render import Renderer
from reseau_cli.render.direction import FSI, PDI, isolate, typst_isolates
from reseau_cli.render.formatting import format_date, format_money
from tests.cli_helpers import run_main
from tests.render_helpers import EXAMPLE, example_dossier

ARABIC_NAME = "تعاونية تيفاوين"  # a member of the example dossier, written in Arabic
LATIN_NAME = "Maroquinerie Benséddik SARL"
HARAKAT = re.compile("[\u064b-\u0652\u0670]")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def arabic() -> dict[tuple[str, str], bytes]:
    with Renderer() as renderer:
        return renderer.render_documents(
            example_dossier(), ("charter", "letter", "plan", "report"),
            ("md", "html", "docx", "pdf"), "ar")


def _pdf_words(data: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    # pypdf joins neighbouring runs of the two scripts: split there as well as at spaces.
    return re.findall(r"[\u0600-\u06ff]+|[^\s\u0600-\u06ff]+", text)


def _xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


@pytest.mark.parametrize(("doc", "title"), [
    ("charter", "ميثاق الشبكة"), ("letter", "رسالة النوايا"), ("plan", "خطة العمل"),
    ("report", "تقرير التشخيص"),
])
def test_each_document_is_written_in_arabic_in_every_format(
        arabic: dict[tuple[str, str], bytes], doc: str, title: str) -> None:
    markdown = arabic[(doc, "md")].decode("utf-8")
    assert markdown.startswith(f"# {title}")
    assert title in arabic[(doc, "html")].decode("utf-8")
    assert title in _xml(arabic[(doc, "docx")], "word/document.xml")
    # Copied out of the PDF, every word of the title reads in its own letters' order.
    words = _pdf_words(arabic[(doc, "pdf")])
    assert set(title.split()) <= set(words), words[:20]


def test_pdf_text_copies_arabic_words_whole_and_without_invisible_marks(
        arabic: dict[tuple[str, str], bytes]) -> None:
    words = _pdf_words(arabic[("charter", "pdf")])
    text = " ".join(words)
    for word in ("الأطراف", "والنواة", "المؤسسة", "الاشتراك", "الشبكة", "تيفاوين"):
        assert word in words, word
    assert FSI not in text and PDI not in text
    assert "Benséddik" in text


def test_french_pdf_with_an_arabic_member_name_copies_it_whole() -> None:
    with Renderer() as renderer:
        pdf = renderer.render(example_dossier(), "charter", "pdf", "fr")
    words = _pdf_words(pdf)
    assert {"تعاونية", "تيفاوين"} <= set(words)
    if shutil.which("pdftotext"):  # poppler reorders right-to-left runs: the phrase itself
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode("utf-8")
        assert ARABIC_NAME in text


def test_html_is_right_to_left_and_latin_names_keep_their_direction(
        arabic: dict[tuple[str, str], bytes]) -> None:
    html = arabic[("charter", "html")].decode("utf-8")
    assert '<html lang="ar-MA" dir="rtl">' in html
    assert f"<bdi>{LATIN_NAME}</bdi>" in html
    assert FSI not in html


def test_word_file_marks_paragraphs_runs_and_tables_right_to_left(
        arabic: dict[tuple[str, str], bytes]) -> None:
    data = arabic[("charter", "docx")]
    body = _xml(data, "word/document.xml")
    paragraphs = [p for p in re.findall(r"<w:p>.*?</w:p>", body, flags=re.S) if "<w:t" in p]
    assert paragraphs and all("<w:bidi />" in p or "<w:bidi/>" in p for p in paragraphs)
    runs = re.findall(r"<w:r>.*?</w:r>", body, flags=re.S)
    assert runs and all("<w:rtl" in r for r in runs)
    tables = body.count("<w:tbl>")
    assert tables >= 2 and body.count("<w:bidiVisual/>") == tables
    assert 'w:bidi="ar-MA"' in _xml(data, "word/styles.xml")
    import docx  # the file still opens as a Word document

    assert "ميثاق الشبكة" in docx.Document(io.BytesIO(data)).paragraphs[0].text


def test_markdown_keeps_the_same_text_with_isolated_latin_values(
        arabic: dict[tuple[str, str], bytes]) -> None:
    markdown = arabic[("charter", "md")].decode("utf-8")
    assert f"{FSI}{LATIN_NAME}{PDI}" in markdown
    assert "31 دجنبر 2027" in markdown  # Moroccan month names, Latin digits


def test_french_documents_are_unchanged_for_values_without_arabic(
        arabic: dict[tuple[str, str], bytes]) -> None:
    with Renderer() as renderer:
        markdown = renderer.render(example_dossier(), "charter", "md", "fr").decode("utf-8")
    assert f"| {LATIN_NAME} |" in markdown
    assert f"| {FSI}Coopérative Tifawin — {ARABIC_NAME}{PDI} |" in markdown


def test_arabic_wording_has_no_vowel_marks_that_would_scatter_copied_text() -> None:
    from reseau_cli.resources import templates_dir

    for path in (templates_dir() / "ar").glob("*.yaml"):
        marks = HARAKAT.findall(path.read_text(encoding="utf-8"))
        assert not marks, f"{path.name}: remove the vowel marks {marks[:5]}"


def test_dossier_in_arabic_renders_arabic_documents_by_default(tmp_path: Path) -> None:
    dossier = tmp_path / "reseau.yaml"
    dossier.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "\nlanguage: fr\n", "\nlanguage: ar\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert run_main("render", str(dossier), "--doc", "letter", "--format", "md",
                    "--out", str(out)) == 0
    (written,) = out.iterdir()
    assert written.read_text(encoding="utf-8").startswith("# رسالة النوايا")


def test_arabic_dates_and_amounts_use_moroccan_forms() -> None:
    assert format_date("2027-08-01", "ar") == "1 غشت 2027"
    assert format_money(12500, "ar") == "12.500,00\u00a0درهم"


def test_isolates_only_values_of_the_other_direction() -> None:
    assert isolate("Atlas", "ar") == f"{FSI}Atlas{PDI}"
    assert isolate("شبكة الأركان", "ar") == "شبكة الأركان"
    assert isolate("شبكة الأركان", "fr") == f"{FSI}شبكة الأركان{PDI}"
    assert isolate("12 500", "ar") == "12 500"
    assert isolate("a\u202eb", "fr") == "a\u202eb"  # nothing to isolate: left as written
    # A value's own isolates are dropped so ours pair up; its override ends at our PDI.
    assert isolate("\u2069Atlas\u202e", "ar") == f"{FSI}Atlas\u202e{PDI}"
    assert isolate("Line\nline", "ar") == "Line\nline"


def test_typst_gets_boxes_and_scoped_directions_instead_of_invisible_isolates() -> None:
    short = typst_isolates(f"يضم {FSI}Atlas{PDI} 12 عضوا", "ar")
    assert short == "يضم #box[#set text(dir: ltr);Atlas]; 12 عضوا"
    cell = typst_isolates(f"[{FSI}Karim{PDI} ({FSI}Gérant{PDI})]", "ar")
    assert cell == "[#[#set text(dir: ltr);#set align(right);Karim (Gérant)];]"
    long = "x" * 80
    assert typst_isolates(f"قبل {FSI}{long}{PDI} بعد", "ar") == f"قبل {long} بعد"
    assert typst_isolates(f"stray {PDI}{FSI}", "fr") == "stray "
