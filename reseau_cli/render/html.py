"""Markdown to a standalone HTML page (markdown-it-py), with a print stylesheet and the brand.

The page is readable on a phone (viewport, tables scroll sideways) and prints like the PDF: A4
margins, headers repeated on every page, rows kept whole, signature rows tall enough to sign.
Raw HTML in the Markdown is never passed through (``html=False``), and links may only point to
http(s) or mailto addresses. Our templates make no links from dossier text anyway: this is
defence in depth.
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING, Any

from reseau_cli.render.document_meta import language_tag

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from reseau_cli.render.brand import Brand

_SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:")

_STYLE = """
:root { --brand: %(colour)s; }
* { box-sizing: border-box; }
body { font-family: "Libertinus Serif", Georgia, "Times New Roman", "Noto Sans Arabic", serif;
  line-height: 1.5; color: #1a1a1a; max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem;
  text-align: left; overflow-wrap: break-word; }
header.brand, footer.brand { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem;
  color: #555; font-size: .85rem; }
header.brand { border-bottom: 2px solid var(--brand); padding-bottom: .5rem;
  margin-bottom: 1.5rem; }
header.brand img { max-height: 3rem; max-width: 12rem; }
footer.brand { border-top: 1px solid #ccc; margin-top: 2.5rem; padding-top: .5rem; }
h1, h2, h3 { color: var(--brand); line-height: 1.25; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 1.8rem; } h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%%; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: color-mix(in srgb, var(--brand) 12%%, white); }
table.signatures td { height: 15mm; }
hr { border: 0; border-top: 1px solid #bbb; margin: 2rem 0; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .75rem; }
  h1 { font-size: 1.45rem; }
  table { display: block; overflow-x: auto; }
  th, td { min-width: 6rem; }
}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  @page { size: A4; margin: 2.6cm 2.2cm 2.4cm; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
# Right-to-left documents: cells start on the right, and an Arabic face first.
_RTL_ATTR = ' dir="rtl"'
_RTL_STYLE = """
body { font-family: Amiri, "Noto Naskh Arabic", "Libertinus Serif", Georgia, serif;
  font-size: 1.1rem; }
th, td { text-align: right; }
td:last-child, th:last-child { text-align: left; }
"""


def make_parser() -> MarkdownIt:
    """A CommonMark parser with tables, no raw HTML, and only http(s)/mailto links."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")

    def validate_link(url: str) -> bool:
        return url.strip().lower().startswith(_SAFE_LINK_PREFIXES)

    parser.validateLink = validate_link  # type: ignore[method-assign]
    return parser


def _mark_signature_tables(tokens: list[Any]) -> None:
    # Like the Word and PDF filter: a table whose last column is empty under a heading leaves
    # rows tall enough to sign in (class "signatures").
    start = None
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            start = i
        elif token.type == "table_close" and start is not None:
            rows = _rows(tokens[start:i])
            head, body = rows[:1], rows[1:]
            if (head and body and len(head[0]) >= 2 and head[0][-1]
                    and all(row and not row[-1] for row in body)):
                tokens[start].attrSet("class", "signatures")
            start = None


def _rows(tokens: list[Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open") and rows:
            inline = tokens[i + 1] if i + 1 < len(tokens) else None
            text = inline.content if inline is not None and inline.type == "inline" else ""
            rows[-1].append(text.strip())
    return rows


def _title(tokens: list[Any]) -> str:
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            children = tokens[i + 1].children or []
            return "".join(c.content for c in children if c.type in ("text", "code_inline"))
    return ""


def to_html(parser: MarkdownIt, markdown: str, lang: str, brand: Brand | None) -> str:
    """A complete HTML page for ``markdown``."""
    from reseau_cli.render.direction import html_isolates, is_rtl, plain

    tokens = parser.parse(markdown)
    _mark_signature_tables(tokens)
    body = html_isolates(parser.renderer.render(tokens, parser.options, {}))
    colour = brand.colour if brand else "#1F4E79"
    rtl = is_rtl(lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(language_tag(lang))}"{_RTL_ATTR if rtl else ""}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="reseau">',
        f"<title>{html.escape(plain(_title(tokens)))}</title>",
        f"<style>{_STYLE % {'colour': colour}}{_RTL_STYLE if rtl else ''}</style>",
        "</head>",
        "<body>",
    ]
    if brand and (brand.logo or brand.organisation):
        parts.append('<header class="brand">')
        if brand.logo:
            data = base64.b64encode(brand.logo).decode("ascii")
            alt = html.escape(brand.organisation or "logo")
            parts.append(f'<img src="data:{brand.logo_mime};base64,{data}" alt="{alt}">')
        if brand.organisation:
            parts.append(f"<span>{html.escape(brand.organisation)}</span>")
        parts.append("</header>")
    parts.append("<main>")
    parts.append(body.rstrip("\n"))
    parts.append("</main>")
    if brand and brand.footer:
        parts.append(f'<footer class="brand">{html.escape(brand.footer)}</footer>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
