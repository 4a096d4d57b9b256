"""Injection: hostile text in every field stays text, in every format, and reads no file.

One dossier carries the whole corpus (tests/hostile_corpus.py) in every text field; each document
is rendered once per format (module fixture) and each format is then inspected with the tool a
reader would use: markdown-it for Markdown, html.parser for HTML, python-docx for Word, pypdf
for PDF.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

from reseau_cli import store
from tests.hostile_corpus import (
    HOSTILE,
    LEAKS,
    LITERAL_PROBES,
    LONG_MARKER,
    hostile_dossier_text,
)

pytestmark = pytest.mark.slow

DOCS = ("charter", "letter", "plan")
FORMATS = ("md", "html", "docx", "pdf")


@pytest.fixture(scope="module")
def dossier() -> Any:
    return store.parse(hostile_dossier_text("fr"), "hostile.yaml")


@pytest.fixture(scope="module")
def outputs(dossier: Any) -> Iterator[dict[tuple[str, str], bytes]]:
    from reseau_cli.render import Renderer

    with Renderer() as renderer:
        rendered = {}
        for doc in DOCS:
            for fmt, data in renderer.render_formats(dossier, doc, FORMATS, "fr").items():
                rendered[(doc, fmt)] = data
        for doc in DOCS:  # the English templates print the same fields their own way
            rendered[(doc, "md-en")] = renderer.render(dossier, doc, "md", "en")
        for fmt in ("md", "html"):  # the report quotes dossier answers too
            rendered[("report", fmt)] = renderer.render(dossier, "report", fmt, "fr")
        yield rendered


@pytest.fixture(scope="module")
def texts(outputs: dict[tuple[str, str], bytes]) -> dict[tuple[str, str], str]:
    """What a reader of each output sees, extracted once."""
    extracted = {}
    for (doc, fmt), data in outputs.items():
        if fmt in ("md", "md-en", "html"):
            extracted[(doc, fmt)] = data.decode("utf-8")
        elif fmt == "docx":
            extracted[(doc, fmt)] = docx_text(data)
        else:
            reader = pdf_reader(data)
            extracted[(doc, fmt)] = "\n".join(page.extract_text() or "" for page in reader.pages)
    return extracted


def visible(text: str) -> str:
    """What survives of a value in a document: control characters are dropped, not printed."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]", "", text)


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout did."""
    return re.sub(r"\s+", "", text)


def assert_probes_literal(text: str, where: str, squashed: bool = False) -> None:
    haystack = squash(text) if squashed else text
    missing = [p for p in LITERAL_PROBES if (squash(p) if squashed else p) not in haystack]
    assert not missing, f"{where}: not shown literally: {missing}"
    assert "X" * 10 not in text, f"{where}: a Jinja loop from the dossier ran"
    for leak in LEAKS:
        assert leak not in text, f"{where}: a system file was read"


# --- Markdown ----------------------------------------------------------------------------------


def markdown_tokens(source: str) -> list[Any]:
    from markdown_it import MarkdownIt

    # A permissive reader, as a Markdown viewer would be: raw HTML on, links allowed.
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = []
    for token in parser.parse(source):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens


@pytest.mark.parametrize(("doc", "fmt"), [(d, f) for d in DOCS for f in ("md", "md-en")]
                         + [("report", "md")])
def test_markdown_shows_hostile_text_as_text(outputs: dict[tuple[str, str], bytes], doc: str,
                                             fmt: str) -> None:
    tokens = markdown_tokens(outputs[(doc, fmt)].decode("utf-8"))
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}, kinds
    assert not [t for t in tokens if t.type == "fence" and "{=" in t.info]
    text = "\n".join(t.content for t in tokens if t.type in ("text", "code_inline"))
    if doc == "report":  # quotes only some answers (the name): none may turn into markup
        assert HOSTILE["script"] in text
        assert "X" * 10 not in text and not any(leak in text for leak in LEAKS)
        return
    assert_probes_literal(text, f"{doc}.{fmt}")


def test_markdown_keeps_the_name_the_long_text_and_every_member(
    outputs: dict[tuple[str, str], bytes], dossier: Any
) -> None:
    charter = outputs[("charter", "md")].decode("utf-8")
    text = "\n".join(t.content for t in markdown_tokens(charter) if t.type == "text")
    assert HOSTILE["script"] in text  # the network's name, in the title
    for member in dossier.members.entities:
        assert visible(member.name) in text, member.name
    plan = outputs[("plan", "md")].decode("utf-8")
    assert LONG_MARKER in plan


# --- HTML --------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("doc", [*DOCS, "report"])
def test_html_has_no_script_no_handler_and_no_dangerous_link(
    outputs: dict[tuple[str, str], bytes], doc: str
) -> None:
    html = outputs[(doc, "html")].decode("utf-8")
    page = _Elements()
    page.feed(html)
    names = {tag for tag, _ in page.tags}
    # The only SVGs are the document's own figures (issue 18), one per <figure>; their
    # elements and attributes go through the same checks as the rest of the page.
    svgs = sum(1 for tag, _ in page.tags if tag == "svg")
    assert svgs == html.count('<figure class="reseau-figure"')
    assert not names & {"script", "iframe", "frame", "object", "embed", "img", "a", "form",
                        "base", "link", "foreignobject"}, names
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not (value or "").strip().lower().startswith(
                    ("javascript:", "file:", "data:", "vbscript:")), (tag, name, value)
    body = "".join(page.text)
    if doc != "report":
        assert_probes_literal(body, f"{doc}.html")


# --- Word --------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("doc", DOCS)
def test_docx_opens_shows_text_literally_and_holds_no_field_or_link(
    outputs: dict[tuple[str, str], bytes], doc: str
) -> None:
    data = outputs[(doc, "docx")]
    assert_probes_literal(docx_text(data), f"{doc}.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = "".join(package.read(name).decode("utf-8", "replace")
                      for name in package.namelist() if name.endswith((".xml", ".rels"))
                      and name != "word/footer-reseau.xml")
        footer = package.read("word/footer-reseau.xml").decode("utf-8")
    assert "<w:fldSimple" not in xml and "<w:instrText" not in xml  # no Word field runs
    # ... but the page numbers of our own footer: "page X / Y", and nothing else
    assert re.findall(r'w:instr="([^"]*)"', footer) == [" PAGE ", " NUMPAGES "]
    assert "<w:instrText" not in footer
    assert 'TargetMode="External"' not in xml  # no link or remote template
    assert "<w:hyperlink" not in xml
    if doc == "plan":
        assert LONG_MARKER in docx_text(data)


# --- PDF ---------------------------------------------------------------------------------------


def pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data), strict=False)


@pytest.mark.parametrize("doc", DOCS)
def test_pdf_parses_shows_text_literally_and_has_no_action(
    outputs: dict[tuple[str, str], bytes], texts: dict[tuple[str, str], str], doc: str
) -> None:
    reader = pdf_reader(outputs[(doc, "pdf")])
    text = texts[(doc, "pdf")]
    assert_probes_literal(text, f"{doc}.pdf", squashed=True)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert action.get("/S") not in ("/JavaScript", "/Launch", "/URI", "/GoToR"), action
    catalog = reader.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/AA" not in catalog
    if doc == "plan":
        assert LONG_MARKER in squash(text)


def test_no_output_contains_a_system_file(texts: dict[tuple[str, str], str]) -> None:
    with open("/etc/hostname", encoding="utf-8", errors="replace") as handle:
        hostname = handle.read().strip()
    for (doc, fmt), text in texts.items():
        for leak in LEAKS:
            assert leak not in text, (doc, fmt, leak)
        if len(hostname) >= 6:  # typst_raw asks for it: only its path may appear
            assert hostname not in text.replace("/etc/hostname", ""), (doc, fmt)
