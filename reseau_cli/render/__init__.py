"""Documents (charter, letter of intent, action plan) from a dossier, in four formats.

Public API (stable; batch and diagnostics build on it)::

    DOCUMENTS = ("charter", "letter", "plan")   # what "all" means (reseau_cli.documents)
    FORMATS = ("md", "html", "docx", "pdf")
    class Renderer:                                  # build ONCE, reuse for every dossier
        Renderer(templates: Path | None = None, brand: Path | None = None,
                 documents: Sequence[Document] = reseau_cli.documents.DOCUMENTS,
                 *, figures: bool = True, today: date | None = None)   # today: the timeline's
        .markdown(dossier, doc, lang) -> str         # the one source every format derives from
        .render(dossier, doc, fmt, lang) -> bytes
        .render_formats(dossier, doc, formats, lang) -> dict[str, bytes]   # shares the work
        .render_documents(dossier, docs, formats, lang) -> dict[(doc, fmt), bytes]
            # several documents at once, sharing one long-lived pandoc process (Word + Typst)
        .html(markdown, lang) -> str                 # the page for a Markdown text
        .close()                                     # removes its temporary folder
    output_name(dossier, doc, fmt, lang) -> str      # "<slug>_charte.pdf" / "<slug>_charter.pdf"
    render_to_dir(renderer, dossier, out_dir, docs, formats, lang, force,
                  *, strict=False, slug=None) -> RenderReport
        # existing files: replaced with force; else skipped (report.skipped), or with
        # strict=True an OutputExistsError naming them all, raised before writing anything
    load_brand(path) -> Brand
    parse_selection("charter,plan" | "all", allowed, "doc" | "format") -> tuple[str, ...]

The documents are declared once, in :mod:`reseau_cli.documents`. Each has one logic template,
``templates/<doc>.md.j2`` (parts, conditions, loops, tables), and one wording file per
language, ``templates/<lang>/<doc>.yaml`` (see :mod:`reseau_cli.render.wording`); together they
produce Markdown. A custom ``<lang>/<doc>.md.j2`` still replaces the document for that language.
Templates run in a sandboxed environment with StrictUndefined; every value printed
with ``{{ }}`` is escaped for Markdown unless it is already :class:`Md` (see ``markup``), so
dossier text stays text in every format. The template context is::

    d       the dossier (values raw: compare choices with their codes; output is escaped)
    lang    "fr", "en"... (the languages with a templates/<lang>/common.yaml)
    w       the document's wording: w("key", name=value) -> Markdown in the document language
    labels  interface messages: labels("common.to_complete") -> text in the document language
    extra   the document's context provider's data (reseau_cli.documents), or {}
    brand   the Brand (organisation, footer) or None
    figure  figure("network" | "timeline" | "profile" | "legal") -> the picture's place, or
            nothing when the dossier has nothing to draw (see reseau_cli.render.figures)

Heavy libraries (Babel, markdown-it, pandoc, typst) are imported only when a renderer needs
them, never when the CLI starts.
"""

from __future__ import annotations

from reseau_cli.documents import founding
from reseau_cli.render.brand import Brand, load_brand
from reseau_cli.render.markup import Md, escape, escape_block
from reseau_cli.render.output import RenderReport, output_name, parse_selection, render_to_dir
from reseau_cli.render.renderer import FORMATS, Renderer

DOCUMENTS: tuple[str, ...] = founding()

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "Brand",
    "Md",
    "RenderReport",
    "Renderer",
    "escape",
    "escape_block",
    "load_brand",
    "output_name",
    "parse_selection",
    "render_to_dir",
]
