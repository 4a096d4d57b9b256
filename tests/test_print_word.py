"""Word files a consultant can hand over, and HTML that prints like the PDF.

What Word reads from the package: language (spell-checking), title, author and dates
(File > Properties), page size, footer page numbers, brand colour, repeated table headers, tall
signature rows, article numbering. One branded French and one plain English render per module.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from reseau_cli import store
from reseau_cli.render import Renderer
from tests.batch_helpers import write_dossiers
from tests.render_helpers import EXAMPLES, ROOT, example_dossier

pytestmark = pytest.mark.slow
EPOCH = 1767225600  # 2026-01-01T00:00:00Z
BRAND_COLOUR = "#8B1E3F"


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("branded")
    brand = folder / "brand.yaml"
    brand.write_text(
        'organisation: "Cabinet Conseil Atlas"\n'
        f'logo: {ROOT / "guides" / "examples" / "brand-logo.png"}\n'
        f'colour: "{BRAND_COLOUR}"\nfooter: "Casablanca"\n', encoding="utf-8")
    [path] = write_dossiers(folder / "in", 1, members=lambda i: 40)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        with Renderer(brand=brand) as renderer:
            out = renderer.render_documents(store.load(path), ("charter", "letter"),
                                            ("md", "docx", "html"), "fr")
    return {f"{doc}.{fmt}": data for (doc, fmt), data in out.items()}


@pytest.fixture(scope="module")
def english() -> dict[str, bytes]:
    with Renderer() as renderer:
        out = renderer.render_formats(example_dossier(EXAMPLES["en"]), "charter",
                                      ("docx", "html"), "en")
    return {f"charter.{fmt}": data for fmt, data in out.items()}


def part(docx: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(docx)).read(name).decode("utf-8")


def test_word_knows_the_document_language(branded: dict[str, bytes],
                                          english: dict[str, bytes]) -> None:
    for docx, tag in ((branded["charter.docx"], "fr-MA"), (english["charter.docx"], "en-GB")):
        defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", part(docx, "word/styles.xml"),
                             re.S)
        assert defaults and f'<w:lang w:val="{tag}"' in defaults.group(0)
        assert f'<w:themeFontLang w:val="{tag}"/>' in part(docx, "word/settings.xml")
        assert "en-US" not in part(docx, "word/styles.xml")


def test_word_properties_give_title_author_and_the_fixed_date(
        branded: dict[str, bytes]) -> None:
    from reseau_cli.render.document_meta import plain_title

    core = part(branded["charter.docx"], "docProps/core.xml")
    title = plain_title(branded["charter.md"].decode("utf-8"))
    assert " — 0" in title  # the document's title names the network ("Réseau ... — 0")
    assert f"<dc:title>{title}</dc:title>" in core
    assert "<dc:creator>Cabinet Conseil Atlas</dc:creator>" in core
    assert "2026-01-01T00:00:00Z</dcterms:created>" in core
    assert "2026-01-01T00:00:00Z</dcterms:modified>" in core


def test_without_a_brand_the_author_is_the_network_and_the_date_is_now(
        english: dict[str, bytes]) -> None:
    core = part(english["charter.docx"], "docProps/core.xml")
    network = example_dossier(EXAMPLES["en"]).name.name
    assert f"<dc:creator>{network}</dc:creator>" in core
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert created
    when = dt.datetime.strptime(created.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs((dt.datetime.now(dt.UTC) - when).total_seconds()) < 3600


def test_a4_page_and_page_x_of_y_in_the_footer(branded: dict[str, bytes],
                                               english: dict[str, bytes]) -> None:
    for docx in (branded["charter.docx"], english["charter.docx"]):
        section = part(docx, "word/document.xml").rsplit("<w:sectPr", 1)[1]
        assert re.search(r'<w:pgSz w:h="16838" w:w="11906"\s*/>', section), section
        footer_id = re.search(r'<w:footerReference r:id="(\w+)" w:type="default"', section)
        assert footer_id
        footer = part(docx, "word/footer-reseau.xml")
        assert re.search(r">page </w:t>.*PAGE.*> / </w:t>.*NUMPAGES", footer)
    assert "Casablanca" in part(branded["charter.docx"], "word/footer-reseau.xml")


def test_brand_colour_on_headings_and_table_headers(branded: dict[str, bytes]) -> None:
    styles = part(branded["charter.docx"], "word/styles.xml")
    colour = BRAND_COLOUR.lstrip("#")
    for style in ("Heading1", "Heading2", "Title"):
        block = re.search(rf'<w:style [^>]*w:styleId="{style}".*?</w:style>', styles, re.S)
        assert block and f'<w:color w:val="{colour}"' in block.group(0), style
        assert "1F4E79" not in block.group(0)
    table = re.search(r'<w:style [^>]*w:styleId="Table".*?</w:style>', styles, re.S)
    assert table and re.search(r'w:type="firstRow">.*<w:b\s*/>.*w:fill="[0-9A-F]{6}"',
                               table.group(0), re.S)


def test_every_table_repeats_its_header_row_and_signature_rows_are_tall(
        branded: dict[str, bytes]) -> None:
    document = part(branded["letter.docx"], "word/document.xml")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", document, re.S)
    assert len(tables) >= 2
    for table in tables:
        first_row = re.search(r"<w:tr>.*?</w:tr>", table, re.S)
        assert first_row and "<w:tblHeader" in first_row.group(0)
    signing = tables[-1]
    rows = re.findall(r"<w:tr>.*?</w:tr>", signing, re.S)[1:]
    assert len(rows) == 40
    for row in rows:  # an empty paragraph at least 15 mm (850 twips) high in the last cell
        last_cell = re.findall(r"<w:tc>.*?</w:tc>", row, re.S)[-1]
        height = re.search(r'w:line="(\d+)" w:lineRule="atLeast"', last_cell)
        assert height and int(height.group(1)) >= 850


def test_names_get_wide_columns_and_yes_no_a_narrow_one(branded: dict[str, bytes]) -> None:
    document = part(branded["charter.docx"], "word/document.xml")
    members = re.search(r"<w:tbl>.*?</w:tbl>", document, re.S)
    assert members
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', members.group(0))]
    assert len(widths) == 5  # member, form, city, representative, founder
    assert widths[-1] == min(widths) and widths[0] > 1.5 * widths[-1]


def test_articles_typed_as_numbers_are_numbered_by_word(tmp_path: Path) -> None:
    # A consultant's charter whose articles are typed "1.", "2."...: Word numbers them itself,
    # so inserting an article renumbers the others.
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "charter.md.j2").write_text(
        "# Charte\n\n" + "".join(f"## {n}. Article {n}\n\nTexte {n}.\n\n" for n in range(1, 22)),
        encoding="utf-8")
    with Renderer(templates=tmp_path) as renderer:
        docx = renderer.render_formats(example_dossier(), "charter", ("docx",), "fr")["docx"]
    document = part(docx, "word/document.xml")
    articles = re.findall(r'<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/>'
                          r'<w:numId w:val="(\d+)"/>', document)
    assert len(articles) == 21 and len(set(articles)) == 1
    numbering = part(docx, "word/numbering.xml")
    assert f'<w:num w:numId="{articles[0]}">' in numbering
    assert '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>' in numbering
    import docx as python_docx

    headings = [p.text for p in python_docx.Document(io.BytesIO(docx)).paragraphs
                if p.style is not None and p.style.name == "Heading 2"]
    assert len(headings) == len(articles)  # the typed numbers gave way to Word's
    assert all(text and not re.match(r"\d", text) for text in headings), headings


def test_charter_articles_reach_word_in_order(branded: dict[str, bytes]) -> None:
    import docx as python_docx

    headings = [p.text for p in python_docx.Document(io.BytesIO(branded["charter.docx"])).paragraphs
                if p.style is not None and p.style.name == "Heading 2"]
    numbers = [int(m.group(1)) for h in headings if (m := re.match(r"Article (\d+) — \S", h))]
    assert len(numbers) >= 10 and numbers == list(range(1, len(numbers) + 1)), headings


def test_html_prints_like_the_pdf_and_reads_on_a_phone(branded: dict[str, bytes],
                                                       english: dict[str, bytes]) -> None:
    page = branded["letter.html"].decode("utf-8")
    assert '<html lang="fr-MA">' in page
    assert '<html lang="en-GB">' in english["charter.html"].decode("utf-8")
    assert 'name="viewport" content="width=device-width' in page
    assert "last-child" not in page and "text-align: right" not in page
    printing = page[page.index("@media print"):]
    assert "thead { display: table-header-group; }" in printing
    assert "@page { size: A4" in printing
    assert "table, tr" not in printing  # a table may break between rows
    assert '<table class="signatures">' in page
    assert "table.signatures td { height: 15mm; }" in page
    phone = re.search(r"@media \(max-width: [\d.]+rem\) \{.*?\n\}", page, re.S)
    assert phone and "table { display: block; overflow-x: auto; }" in phone.group(0)


def test_pdf_declares_title_author_and_language(tmp_path: Path) -> None:
    import pypdf

    with Renderer() as renderer:
        data = renderer.render(example_dossier(), "letter", "pdf", "fr")
    reader = pypdf.PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info is not None and info.title and info.title.startswith("Lettre d'intention")
    assert info.author == example_dossier().name.name
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr-MA"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" in xmp  # PDF/A: every font embedded, metadata in XMP
