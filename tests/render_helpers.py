"""Helpers for the document tests: the example dossier, hostile strings, reading each format."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from reseau_cli import store
from reseau_cli.resources import guides_dir, templates_dir

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = guides_dir() / "examples" / "atlas.yaml"

HOSTILE = [
    "<script>alert(1)</script>",
    "*gras*",
    "[x](javascript:alert(1))",
    '```{=typst}\n#read("/etc/passwd")\n```',
    '#read("/etc/passwd")',
    "{{ 7*7 }}",
]

# The part headings each document must show, by language (numbering left out).
HEADINGS: dict[str, dict[str, list[str]]] = {
    "fr": {
        "charter": [
            "Préambule", "Objet du réseau", "Nom, siège et forme", "Durée et entrée en vigueur",
            "Droits et obligations des membres", "Admission de nouveaux membres", "Retrait",
            "Exclusion", "Instances, réunions et décisions", "Projets communs",
            "Apports d'affaires, qualité et confidentialité",
            "Propriété intellectuelle et marque commune", "Cotisation et services rendus",
            "Règlement des différends", "Modification de la charte", "Dissolution",
            "Droit applicable", "Signatures", "Annexe — Liste des membres",
        ],
        "letter": [
            "Portée de la présente lettre", "Objectifs du réseau",
            "L'idée que nous voulons promouvoir", "Apports et responsabilités de chaque membre",
            "Partage du travail et des coûts", "Organisation envisagée",
            "Calendrier jusqu'à l'accord définitif", "Signatures",
        ],
        "plan": [
            "Résumé", "Contexte et diagnostic", "Objectifs à court et à long terme",
            "L'idée à commercialiser", "Stratégie et marchés", "Compétences et technologie",
            "Avantages et faiblesses du groupe", "Rôles et responsabilités", "Actions",
            "Risques et réponses prévues", "Budget", "Premiers résultats et indicateurs",
            "Effets attendus sur les membres",
        ],
    },
    "en": {
        "charter": [
            "Preamble", "Purpose of the network", "Name, seat and form",
            "Duration and entry into force", "Members' rights and obligations",
            "Admitting new members", "Withdrawal", "Exclusion", "Bodies, meetings and decisions",
            "Joint projects", "Business referrals, quality and confidentiality",
            "Intellectual property and common brand", "Membership fee and services",
            "Settling disputes", "Amending the charter", "Dissolution", "Applicable law",
            "Signatures", "Annex — List of members",
        ],
        "letter": [
            "Scope of this letter", "Objectives of the network", "The idea we want to promote",
            "Each member's contribution and responsibilities", "Sharing work and costs",
            "Intended organisation", "Timetable up to the final agreement", "Signatures",
        ],
        "plan": [
            "Summary", "Context and diagnosis", "Short- and long-term objectives",
            "The idea to market", "Strategy and markets", "Skills and technology",
            "Advantages and weaknesses of the group", "Roles and responsibilities",
            "Actions", "Risks and planned responses", "Budget", "First results and indicators",
            "Expected effects on members",
        ],
    },
}

# Accented member names of the example dossier, as a reader must see them.
ACCENTED_NAMES = ["Maroquinerie Benséddik SARL", "Hélène Aït-Ouméri", "Zaïd Ouchène",
                  "Leïla Bennani-Smirès", "Saïd El Fassi"]


def example_dossier(path: Path = EXAMPLE) -> Any:
    """The bundled example dossier."""
    return store.load(path)


def hostile_dossier() -> Any:
    """The example dossier with hostile strings in names, long texts and table cells."""
    from reseau_cli.dossier import set_answer

    d = example_dossier()
    joined = " ".join(HOSTILE)
    d = set_answer(d, "name.name", "Réseau " + HOSTILE[0])
    d = set_answer(d, "name.tagline", joined)
    d = set_answer(d, "intent.idea", "\n\n".join(HOSTILE))
    d = set_answer(d, "plan.summary", joined)
    entities = [e.model_dump() for e in d.members.entities]
    for entity, text in zip(entities, HOSTILE, strict=False):
        entity["name"] = f"Membre {text}"
    entities[0]["representative"] = HOSTILE[3]
    d = set_answer(d, "members.entities", entities)
    risks = [{"risk": text, "response": text} for text in HOSTILE]
    return set_answer(d, "plan.risks", risks)


def docx_text(data: bytes) -> str:
    """What a reader sees in a .docx: paragraphs, then table cells, headers and footers."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The text extracted from every page of a PDF, with line-end hyphenation undone."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Hyphenation is off, so a line only ends on a hyphen the text has ("Bennani-Smirès"):
    # a reader reads the two halves as one word.
    return normalise(re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1-\2", text))


def normalise(text: str) -> str:
    """Whitespace folded to single spaces and typographic apostrophes made straight."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def make_reference_docx(target: Path) -> None:
    """Rebuild templates/reference.docx: pandoc's default, with our fonts, colours and tables."""
    import subprocess

    import docx
    import pypandoc
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    raw = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file",
                          "reference.docx"], capture_output=True, check=True).stdout
    document = docx.Document(io.BytesIO(raw))
    colour = RGBColor(0x1F, 0x4E, 0x79)
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH and style.type != WD_STYLE_TYPE.CHARACTER:
            continue
        font = style.font
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), "Cambria" if style.name.startswith(("Heading", "Title"))
                      else "Calibri")
        fonts.set(qn("w:cs"), "Arial")  # Arabic script in Word: a font every Windows has
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if style.name.startswith(("Heading", "Title")):
            font.color.rgb = colour
        if style.name in ("Normal", "Body Text", "First Paragraph", "Compact"):
            font.size = Pt(11)
    table_style = document.styles["Table"]
    tbl_pr = table_style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table_style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "A0A0A0")
        borders.append(element)
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    tbl_pr.append(borders)
    out = io.BytesIO()
    document.save(out)
    target.write_bytes(out.getvalue())


def builtin_templates() -> Path:
    """The built-in templates folder."""
    return templates_dir()


EXAMPLES = {"fr": EXAMPLE, "en": guides_dir() / "examples" / "atlas-en.yaml"}


def golden_cases() -> list[tuple[str, str, str, Path]]:
    """(lang, doc, format, golden file) for every golden document."""
    return [(lang, doc, fmt, GOLDEN / lang / f"{doc}.{fmt}")
            for lang in ("fr", "en") for doc in ("charter", "letter", "plan")
            for fmt in ("md", "html")]


# The day the timeline marks as "today" in test renders, so golden files do not age.
TODAY = dt.date(2026, 12, 1)
_RENDERERS: dict[bool, Any] = {}


def renderer(*, figures: bool = True) -> Any:
    """One shared renderer for the tests (built once, as the code intends)."""
    if figures not in _RENDERERS:
        from reseau_cli.render import Renderer

        _RENDERERS[figures] = Renderer(today=TODAY, figures=figures)
    return _RENDERERS[figures]


def render_golden(lang: str, doc: str, fmt: str) -> str:
    """The current rendering of the example dossier of ``lang``.

    Golden Markdown shows the figures as their captions and text alternatives; golden HTML
    is made without figures (their SVG is Typst's drawing, checked by content in
    tests/test_figures_render.py rather than frozen byte for byte).
    """
    data = renderer(figures=fmt == "md").render(example_dossier(EXAMPLES[lang]), doc, fmt, lang)
    return str(data.decode("utf-8"))


def memo_context(dossier: Any, lang: str) -> dict[str, str]:
    """The context provider of a test document (the renderer imports it by its path)."""
    return {"note": "*important*"}
