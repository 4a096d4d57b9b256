"""Hostile brand files, Word templates and slow conversions (issue 16, the documents' side).

Each attack ends in a clear message naming the file (exit code 1, no traceback, nothing
written) or in a document that opens and shows the text as typed.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from reseau_cli.errors import ConversionError, ReseauError, TemplateError
from reseau_cli.render import Renderer, load_brand
from tests.cli_helpers import run_cli
from tests.render_helpers import EXAMPLE, ROOT, docx_text, example_dossier, pdf_text

pytestmark = pytest.mark.slow
LOGO = ROOT / "guides" / "examples" / "brand-logo.png"


def png(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + chunk(b"IEND", b""))


def jpeg(width: int, height: int) -> bytes:
    """The start of a JPEG whose frame header claims ``width`` × ``height`` pixels."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9 + sof


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">'
       b'<rect width="240" height="80" fill="#1F4E79"/></svg>')


def brand_file(folder: Path, logo: tuple[str, bytes] | None = None, **texts: str) -> Path:
    lines = [f'{key}: "{value}"' for key, value in texts.items()]
    if logo is not None:
        (folder / logo[0]).write_bytes(logo[1])
        lines.append(f"logo: {logo[0]}")
    path = folder / "brand.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def refuses_cleanly(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "out"
    done = run_cli("render", str(EXAMPLE), "--out", str(out), "--doc", "letter",
                   "--format", "docx,pdf", *args)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists() or not any(out.iterdir())
    return done.stderr + done.stdout


# --- brand texts -------------------------------------------------------------------------------


def test_control_characters_in_brand_texts_still_give_a_word_file_that_opens(
        tmp_path: Path) -> None:
    # YAML escapes: \x01, vertical tab, U+FFFE, which Word's XML cannot hold
    brand = brand_file(tmp_path, organisation="Cabinet\\x01 Atlas\\x0b\\uFFFE",
                       footer="Casa\\x0bblanca\\u0007")
    loaded = load_brand(brand)
    assert (loaded.organisation, loaded.footer) == ("Cabinet Atlas", "Casablanca")
    with Renderer(brand=brand) as renderer:
        out = renderer.render_formats(example_dossier(), "letter", ("docx", "pdf"), "fr")
    text = docx_text(out["docx"])  # python-docx parses every part strictly
    assert "Cabinet Atlas" in text and "Casablanca" in text
    assert "Cabinet Atlas" in pdf_text(out["pdf"])


# --- logos ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data"), [("huge.png", png(100_000, 100_000)),
                                            ("huge.jpg", jpeg(60_000, 60_000)),
                                            ("empty.png", png(0, 10))],
                         ids=["png-100000px", "jpeg-60000px", "png-0px"])
def test_an_enormous_or_empty_logo_is_refused_from_its_header(
        tmp_path: Path, name: str, data: bytes) -> None:
    brand = brand_file(tmp_path, logo=(name, data))
    with pytest.raises(ReseauError) as caught:
        load_brand(brand)
    assert [p.key for p in caught.value.problems] == ["render.brand.logo_pixels"]
    message = refuses_cleanly(tmp_path, "--brand", str(brand))
    assert name in message and "pixels" in message


def test_a_logo_with_a_broken_header_is_refused(tmp_path: Path) -> None:
    brand = brand_file(tmp_path, logo=("cut.jpg", b"\xff\xd8\xff\xe0\x00"))
    with pytest.raises(ReseauError) as caught:
        load_brand(brand)
    assert [p.key for p in caught.value.problems] == ["render.brand.logo_broken"]


def real_jpeg() -> bytes:
    from PIL import Image  # comes with pdfplumber (test extras)

    out = io.BytesIO()
    Image.new("RGB", (240, 80), (31, 78, 121)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(("name", "mime"), [("logo.png", "image/png"),
                                            ("logo.jpg", "image/jpeg"),
                                            ("logo.svg", "image/svg+xml")])
def test_every_logo_type_reaches_html_word_and_pdf(tmp_path: Path, name: str, mime: str) -> None:
    data = {"logo.png": LOGO.read_bytes(), "logo.jpg": real_jpeg(), "logo.svg": SVG}[name]
    brand = brand_file(tmp_path, logo=(name, data), organisation="Cabinet")
    with Renderer(brand=brand) as renderer:
        out = renderer.render_formats(example_dossier(), "letter", ("html", "docx", "pdf"), "fr")
    assert f'src="data:{mime};base64,' in out["html"].decode("utf-8")
    archive = zipfile.ZipFile(io.BytesIO(out["docx"]))
    media = [n for n in archive.namelist() if n.startswith("word/media/brand-logo")]
    # Word gets a bitmap: an SVG is drawn to PNG (by Typst), at the drawing's proportions
    assert media == [f"word/media/brand-logo.{'png' if name.endswith('.svg') else name[-3:]}"]
    header = archive.read("word/header-reseau.xml").decode("utf-8")
    cx, cy = (int(v) for v in re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', header).groups())
    assert abs(cx / cy - 3) < 0.05
    import pdfplumber

    with pdfplumber.open(io.BytesIO(out["pdf"])) as pdf:
        page = pdf.pages[0]
        # in the page header (top 2.6 cm): a bitmap, or the SVG's rectangle drawn as vectors
        drawn = [*page.images, *page.rects, *page.curves]
        assert [shape for shape in drawn if shape["bottom"] < 74], name


# --- custom reference.docx -----------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _reference_cases(folder: Path) -> dict[str, Path]:
    cases = {}
    for name in ("not_zip", "missing_parts", "bomb"):
        (folder / name).mkdir()
        cases[name] = folder / name / "reference.docx"
    cases["not_zip"].write_bytes(b"this is not a Word file\n" * 10)
    _zip(cases["missing_parts"], {"[Content_Types].xml": b"<Types/>"})
    good = zipfile.ZipFile(ROOT / "templates" / "reference.docx")
    parts = {name: good.read(name) for name in good.namelist()}
    parts["word/media/zeros.bin"] = b"\0" * (80 * 1024 * 1024)  # 80 MB that pack into 80 kB
    _zip(cases["bomb"], parts)
    return cases


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _reference_cases(tmp_path_factory.mktemp("references"))


@pytest.mark.parametrize(("case", "reason"), [("not_zip", "not a Word .docx file"),
                                              ("missing_parts", "missing word/document.xml"),
                                              ("bomb", "too large once unpacked")],
                         ids=["not_zip", "missing_parts", "bomb"])
def test_a_bad_word_template_is_refused_with_its_name(
        references: dict[str, Path], tmp_path: Path, case: str, reason: str) -> None:
    with Renderer(templates=references[case].parent) as renderer, \
            pytest.raises(TemplateError) as caught:
        renderer.render(example_dossier(), "letter", "docx", "fr")
    assert caught.value.key == "render.reference_invalid"
    assert caught.value.params["file"] == str(references[case])
    assert reason in caught.value.params["reason"]
    if case == "not_zip":  # and through the command line: a message, no traceback
        message = refuses_cleanly(tmp_path, "--templates", str(references[case].parent))
        assert str(references[case]) in message


# --- time limits -------------------------------------------------------------------------------


def _fake_pandoc(tmp_path: Path, body: str) -> str:
    fake = tmp_path / "pandoc"
    fake.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


@pytest.mark.parametrize("stalls", ["reading", "answering"])
def test_a_stalled_pandoc_is_stopped_at_the_deadline(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stalls: str) -> None:
    from reseau_cli.render import pandoc

    # Greets, then never reads its input (the request is far larger than a pipe holds), or
    # reads it all and never answers.
    body = ("printf 'ready\\n'; exec sleep 30" if stalls == "reading"
            else "printf 'ready\\n'; cat > /dev/null")
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: _fake_pandoc(tmp_path, body))
    worker = pandoc.PandocWorker(tmp_path, timeout=1)
    started = time.monotonic()
    try:
        with pytest.raises(ConversionError) as caught:
            worker.convert(["x" * 4_000_000], ["typst"], None)
    finally:
        worker.close()
    assert caught.value.key == "render.too_slow" and caught.value.params == {"seconds": 1}
    assert time.monotonic() - started < 6


def test_a_typst_layout_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    from reseau_cli.render.document_meta import DocumentMeta, render_time
    from reseau_cli.render.pdf import PdfCompiler

    compiler = PdfCompiler(tmp_path, "#set page(width: 10cm)", None, timeout=0.05)
    body = "\n\n".join(["mot " * 20000] * 6)  # seconds of line breaking
    meta = DocumentMeta("T", "A", "fr-MA", render_time(), render_time())
    started = time.monotonic()
    with pytest.raises(ConversionError) as caught:
        compiler.compile(body, meta)
    assert caught.value.key == "render.too_slow"
    assert time.monotonic() - started < 2
    compiler.timeout = 120  # time enough to load the fonts again: a fresh compiler goes on
    assert compiler.compile("Bonjour", meta).startswith(b"%PDF")


# --- text as typed -------------------------------------------------------------------------------


def test_pdf_shows_user_text_as_typed_without_typst_shorthands() -> None:
    from reseau_cli.dossier import set_answer

    typed = "Prix -?5 ... a--b -3 x---y fin"
    dossier = set_answer(example_dossier(), "name.tagline", typed)
    with Renderer() as renderer:
        data = renderer.render(dossier, "charter", "pdf", "fr")
    text = pdf_text(data)
    assert typed in text
    # (figures may shorten long names with an ellipsis of their own: look at our text only)
    assert "-?5 \u2026 a" not in text and "\u22123" not in text and "5 \u2026" not in text
