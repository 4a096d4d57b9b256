"""Word and PDF documents (pandoc, Typst): what a reader sees, hostile text, brand.

Each converter run costs a fraction of a second, so each dossier is rendered once per module.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reseau_cli.render import Renderer
from tests.render_helpers import (
    ACCENTED_NAMES,
    EXAMPLES,
    HEADINGS,
    HOSTILE,
    ROOT,
    docx_text,
    example_dossier,
    hostile_dossier,
    normalise,
    pdf_text,
)

pytestmark = pytest.mark.slow
DOCS = ("charter", "letter", "plan")


@pytest.fixture(scope="module")
def example_outputs() -> dict[tuple[str, str], dict[str, bytes]]:
    with Renderer() as renderer:
        outputs = {(lang, doc): renderer.render_formats(example_dossier(EXAMPLES[lang]), doc,
                                                         ("docx", "pdf"), lang)
                   for lang in ("fr",) for doc in DOCS}
        outputs[("en", "charter")] = renderer.render_formats(
            example_dossier(EXAMPLES["en"]), "charter", ("docx", "pdf"), "en")
    return outputs


@pytest.fixture(scope="module")
def hostile_outputs() -> dict[str, dict[str, bytes]]:
    with Renderer() as renderer:
        return {doc: renderer.render_formats(hostile_dossier(), doc, ("docx", "pdf"), "fr")
                for doc in ("charter", "plan")}


def reader_text(fmt: str, data: bytes) -> str:
    return normalise(docx_text(data) if fmt == "docx" else pdf_text(data))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("doc", DOCS)
def test_reader_sees_every_part_and_the_accented_member_names(
        example_outputs: dict[tuple[str, str], dict[str, bytes]], doc: str, fmt: str) -> None:
    text = reader_text(fmt, example_outputs[("fr", doc)][fmt])
    for part in HEADINGS["fr"][doc]:
        assert normalise(part) in text, part
    if doc != "plan":
        for name in ACCENTED_NAMES:
            assert name in text, name


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_english_charter_has_english_parts(
        example_outputs: dict[tuple[str, str], dict[str, bytes]], fmt: str) -> None:
    text = reader_text(fmt, example_outputs[("en", "charter")][fmt])
    for part in HEADINGS["en"]["charter"]:
        assert normalise(part) in text, part
    assert "Confidentialité" not in text


def test_word_document_has_real_headings_lists_and_tables(
        example_outputs: dict[tuple[str, str], dict[str, bytes]]) -> None:
    import docx

    document = docx.Document(io.BytesIO(example_outputs[("fr", "charter")]["docx"]))
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    assert len(document.tables) >= 2
    xml = zipfile.ZipFile(io.BytesIO(example_outputs[("fr", "charter")]["docx"])).read(
        "word/document.xml").decode("utf-8")
    assert "<w:numPr>" in xml  # bullet lists are Word lists, not typed dashes


def test_pdf_embeds_only_shipped_fonts_and_renders_arabic(
        example_outputs: dict[tuple[str, str], dict[str, bytes]]) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(example_outputs[("fr", "charter")]["pdf"]))
    fonts: set[str] = set()
    for page in reader.pages:
        resources: Any = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("Libertinus" in f for f in fonts)
    assert any("Amiri" in f for f in fonts)  # the Arabic font (see render/direction.py)


def test_same_dossier_gives_identical_pdf_and_docx_bytes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Word files carry their render time, unless SOURCE_DATE_EPOCH fixes it (reproducible builds)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    with Renderer() as first, Renderer() as second:
        a = first.render_formats(example_dossier(), "letter", ("docx", "pdf"), "fr")
        b = second.render_formats(example_dossier(), "letter", ("docx", "pdf"), "fr")
    assert a == b


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_appears_literally_in_word_and_pdf(
        hostile_outputs: dict[str, dict[str, bytes]], fmt: str, value: str) -> None:
    for doc in ("charter", "plan"):
        text = reader_text(fmt, hostile_outputs[doc][fmt])
        assert normalise(value) in text, (doc, value)
        assert "root:x:0" not in text


def test_word_document_has_no_hyperlink_or_field_from_hostile_text(
        hostile_outputs: dict[str, dict[str, bytes]]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(hostile_outputs["plan"]["docx"]))
    xml = archive.read("word/document.xml").decode("utf-8")
    assert "<w:hyperlink" not in xml
    assert "javascript" not in archive.read("word/_rels/document.xml.rels").decode("utf-8")


def test_brand_shows_in_html_word_and_pdf() -> None:
    brand = ROOT / "guides" / "examples" / "brand.yaml"
    with Renderer(brand=brand) as renderer:
        outputs = renderer.render_formats(example_dossier(), "letter", ("html", "docx", "pdf"),
                                          "fr")
    html = outputs["html"].decode("utf-8")
    assert "Cabinet Conseil Atlas" in html and 'src="data:image/png;base64,' in html
    assert "#1F4E79" in html
    assert "Cabinet Conseil Atlas" in docx_text(outputs["docx"])
    archive = zipfile.ZipFile(io.BytesIO(outputs["docx"]))
    assert any(name.startswith("word/media/brand-logo") for name in archive.namelist())
    assert "accompagnement des réseaux d'entreprises" in pdf_text(outputs["pdf"])


def test_demo_writes_twelve_documents_and_the_example_dossier(tmp_path: Path,
                                                              capsys: Any) -> None:
    from reseau_cli.cli import main

    out = tmp_path / "reseau-demo"
    with pytest.raises(SystemExit) as done:
        main(["demo", "--out", str(out)])
    assert done.value.code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len([n for n in names if not n.endswith(".yaml")]) == 12
    assert "atlas.yaml" in names
    assert {Path(n).suffix for n in names} == {".md", ".html", ".docx", ".pdf", ".yaml"}
    assert "raac_charte.pdf" in names
    for path in out.iterdir():
        assert path.stat().st_size > 500, path


def test_pandoc_reads_escaped_text_back_as_exactly_that_text() -> None:
    # Many random strings through one pandoc run: what pandoc (Word, Typst) sees must be the
    # text itself, whatever Markdown or pandoc syntax it contains.
    import random
    import subprocess

    from reseau_cli.render import escape, escape_block
    from reseau_cli.render.pandoc import READER, pandoc_path

    rng = random.Random(20261126)
    alphabet = list("\\`*_[]()#+-.!|<>{}$@~^&:=%'\"/ \n1aé") + ["---", "```", "{=typst}", "1. ",
                                                                "^[", "[@", "$$", "<!--"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
               for _ in range(400)]
    samples = [s for s in samples if s.split()]
    marker = "MARKERZZ"
    parts = [f"{escape(s)}\n\n{marker}\n\n{escape_block(s)}" for s in samples]
    source = f"\n\n{marker}\n\n".join(parts) + "\n"
    done = subprocess.run([pandoc_path(), "--from", READER, "--to", "plain", "--wrap=none"],
                          input=source.encode("utf-8"), capture_output=True, check=True)
    chunks = done.stdout.decode("utf-8").split(marker)
    assert len(chunks) == 2 * len(samples)
    for i, sample in enumerate(samples):
        expected = " ".join(sample.split())
        assert " ".join(chunks[2 * i].split()) == expected, sample
        assert " ".join(chunks[2 * i + 1].split()) == expected, sample
