"""Figures in a document: a placeholder in the Markdown, then the picture in each format.

A template asks for a figure with ``{{ figure("network") }}``; that prints a marker paragraph
(a random word no dossier text can contain). Each format then swaps the marker for the figure:
Markdown gets the caption and the text alternative, HTML an inline SVG with ``<title>`` and
``<desc>``, Word a PNG with its description, and the PDF the figure's own Typst code (vector,
text that can be searched and copied). A figure without data (no member, no dated step...)
prints nothing at all.
"""

from __future__ import annotations

import html
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from reseau_cli.render.figures import typstlit
from reseau_cli.render.figures.compile import FigureCompiler, call, library
from reseau_cli.render.figures.spec import FigureSpec
from reseau_cli.render.figures.wording import Wording
from reseau_cli.render.markup import Md, escape

Builder = Callable[[Any, Wording, Any], FigureSpec | None]
# What XML 1.0 cannot hold (control characters...): dropped from texts put in SVG and Word.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML forbids."""
    return _NOT_XML.sub("", text)
_EMU_PER_PT = 12_700


def builders() -> dict[str, Builder]:
    """Figure name → function(dossier, wording, today) making its spec."""
    from reseau_cli.render.figures.diagnostic import legal_figure, profile_figure
    from reseau_cli.render.figures.network import network_figure
    from reseau_cli.render.figures.timeline import timeline_figure

    return {
        "network": lambda d, w, today: network_figure(d, w),
        "timeline": timeline_figure,
        "profile": lambda d, w, today: profile_figure(d, w),
        "legal": lambda d, w, today: legal_figure(d, w),
    }


class Figures:
    """The figures of one dossier in one language, each built and compiled at most once."""

    def __init__(self, dossier: Any, lang: str, today: Any, compiler: FigureCompiler | None,
                 *, enabled: bool = True, templates: Path | None = None) -> None:
        """Figures of ``dossier`` seen on ``today``; ``enabled=False`` leaves them all out.

        ``templates`` is a custom templates folder, whose ``<lang>/figures.yaml`` may change
        the figures' words.
        """
        self.dossier = dossier
        self.lang = lang
        self.today = today
        self.enabled = enabled
        self.words = Wording(lang, templates)
        self._compiler = compiler
        self._nonce = secrets.token_hex(8).upper()
        self._specs: dict[str, FigureSpec | None] = {}
        self._bytes: dict[tuple[str, str], Future[bytes]] = {}
        self._marker = re.compile(rf"RESEAUFIG{self._nonce}([A-Z]+)")

    # --- templates --------------------------------------------------------------------------

    def __call__(self, name: str) -> Md:
        """The placeholder paragraph for figure ``name`` (empty when there is nothing to draw)."""
        if not self.enabled or self.spec(name) is None:
            return Md("")
        return Md(f"\n\nRESEAUFIG{self._nonce}{name.upper()}\n\n")

    def spec(self, name: str) -> FigureSpec | None:
        """The figure ``name`` of this dossier, built once."""
        if name not in self._specs:
            make = builders().get(name)
            if make is None:
                raise KeyError(f"unknown figure {name!r}")
            self._specs[name] = make(self.dossier, self.words, self.today)
        return self._specs[name]

    def used(self, text: str) -> list[str]:
        """The figures whose markers ``text`` holds, in order."""
        return [m.group(1).lower() for m in self._marker.finditer(text)]

    def caption(self, spec: FigureSpec, number: int) -> str:
        """``Figure 2 : Calendrier des étapes`` in the document's language."""
        return self.words("caption", n=number, caption=spec.caption)

    def _numbered(self, text: str) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for name in self.used(text):
            numbers.setdefault(name, len(numbers) + 1)
        return numbers

    def prepare(self, texts: Iterable[str], formats: Iterable[str]) -> None:
        """Start compiling, in the background, the pictures these documents will need."""
        wanted = [fmt for fmt, needs in (("svg", "html"), ("png", "docx")) if needs in formats]
        names = dict.fromkeys(name for text in texts for name in self.used(text))
        for name in names:  # both formats of a figure in a row: Typst reuses its layout
            for fmt in wanted:
                self._future(name, fmt)

    def _future(self, name: str, fmt: str) -> Future[bytes]:
        key = (name, fmt)
        if key not in self._bytes:
            spec = self.spec(name)
            if self._compiler is None or spec is None:
                raise RuntimeError(f"figure {name} cannot be compiled")
            self._bytes[key] = self._compiler.submit(spec, self.lang, fmt)
        return self._bytes[key]

    def _bytes_of(self, spec: FigureSpec, fmt: str) -> bytes:
        return self._future(spec.name, fmt).result()

    # --- formats ----------------------------------------------------------------------------

    def markdown(self, text: str) -> str:
        """Markdown: each marker becomes the caption and the text alternative."""
        numbers = self._numbered(text)

        def swap(match: re.Match[str]) -> str:
            spec = self.spec(match.group(1).lower())
            assert spec is not None
            return f"*{escape(self.caption(spec, numbers[spec.name]))}*\n\n{escape(spec.alt)}"

        return self._marker.sub(swap, text)

    def html(self, page: str) -> str:
        """HTML: each marker paragraph becomes a ``<figure>`` holding an accessible SVG."""
        numbers = self._numbered(page)

        def swap(match: re.Match[str]) -> str:
            spec = self.spec(match.group(1).lower())
            assert spec is not None
            number = numbers[spec.name]
            svg = accessible_svg(self._bytes_of(spec, "svg").decode("utf-8"),
                                 f"fig{number}", spec.caption, spec.alt)
            caption = html.escape(xml_text(self.caption(spec, number)))
            return (f'<figure class="reseau-figure" id="figure-{spec.name}" '
                    'style="margin:1.5rem 0;break-inside:avoid;page-break-inside:avoid">'
                    f"{svg}<figcaption>{caption}</figcaption></figure>")

        return re.sub(rf"<p>RESEAUFIG{self._nonce}([A-Z]+)</p>", swap, page)

    def typst(self, body: str) -> str:
        """Typst (PDF): each marker line becomes the figure's own Typst code, and a caption."""
        numbers = self._numbered(body)
        if not numbers:
            return body
        separator = typstlit.string(self.words("caption_separator"))

        def swap(match: re.Match[str]) -> str:
            spec = self.spec(match.group(1).lower())
            assert spec is not None
            return (f"#figure({call(spec)}, kind: image, "
                    f"supplement: {typstlit.string(self.words('figure'))}, "
                    f"caption: figure.caption(separator: {separator}, "
                    f"{typstlit.string(spec.caption)}), alt: {typstlit.string(spec.alt)})")

        return library() + "\n" + self._marker.sub(swap, body)

    def docx(self, data: bytes) -> bytes:
        """Word: each marker paragraph becomes the PNG (with its description) and its caption."""
        with zipfile.ZipFile(BytesIO(data)) as source:
            files = {info: source.read(info.filename) for info in source.infolist()}
        by_name = {info.filename: info for info in files}
        doc_info = by_name["word/document.xml"]
        document = files[doc_info].decode("utf-8")
        numbers = self._numbered(document)
        if not numbers:
            return data
        media: dict[str, bytes] = {}
        for name, number in numbers.items():
            spec = self.spec(name)
            assert spec is not None
            png = self._bytes_of(spec, "png")
            rel = f"rIdReseauFig{number}"
            media[rel] = png
            marker = f"RESEAUFIG{self._nonce}{name.upper()}"
            document = _replace_paragraph(document, marker,
                                          _docx_figure(rel, png, number, spec,
                                                       self.caption(spec, number)))
        files[doc_info] = document.encode("utf-8")
        rels_info = by_name["word/_rels/document.xml.rels"]
        rels = files[rels_info].decode("utf-8")
        extra = "".join(
            f'<Relationship Id="{rel}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/image" Target="media/{rel}.png"/>' for rel in media)
        files[rels_info] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
        types_info = by_name["[Content_Types].xml"]
        types = files[types_info].decode("utf-8")
        if 'Extension="png"' not in types:
            types = types.replace("</Types>",
                                  '<Default Extension="png" ContentType="image/png"/></Types>')
        files[types_info] = types.encode("utf-8")
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info, content in files.items():
                target.writestr(info, content)
            for rel, png in media.items():
                target.writestr(zipfile.ZipInfo(f"word/media/{rel}.png",
                                                date_time=(1980, 1, 1, 0, 0, 0)), png,
                                compress_type=zipfile.ZIP_STORED)
        return out.getvalue()


# --- HTML ---------------------------------------------------------------------------------------

def accessible_svg(svg: str, prefix: str, title: str, desc: str) -> str:
    """Typst's SVG made fit for a page: unique ids, role, ``<title>``/``<desc>``, fluid size."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    # Typst names glyphs by their shape: two figures of one page would share ids.
    svg = (svg.replace(' id="', f' id="{prefix}-').replace('href="#', f'href="#{prefix}-')
           .replace("url(#", f"url(#{prefix}-"))
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = re.sub(r'\s(width|height)="[^"]*"', "", head, count=2)
    head = head.replace(
        "<svg", f'<svg role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
                'style="width:100%;height:auto;max-width:40rem"', 1)
    accessible = (f'<title id="{prefix}-title">{html.escape(xml_text(title))}</title>'
                  f'<desc id="{prefix}-desc">{html.escape(xml_text(desc))}</desc>')
    return head + accessible + svg[head_end:]


# --- Word ---------------------------------------------------------------------------------------


def _replace_paragraph(document: str, marker: str, replacement: str) -> str:
    while (at := document.find(marker)) != -1:
        start = max(document.rfind("<w:p>", 0, at), document.rfind("<w:p ", 0, at))
        end = document.find("</w:p>", at)
        if start == -1 or end == -1:
            return document.replace(marker, "")
        document = document[:start] + replacement + document[end + len("</w:p>"):]
    return document


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _docx_figure(rel: str, png: bytes, number: int, spec: FigureSpec, caption: str) -> str:
    width_px, height_px = _png_size(png)
    cx = int(spec.data.get("width", 453.0) * _EMU_PER_PT)
    cy = int(cx * height_px / max(1, width_px))
    pid = 7000 + number
    descr, title = quoteattr(xml_text(spec.alt)), quoteattr(xml_text(spec.caption))
    drawing = (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{pid}" name="Figure {number}" '
        f"descr={descr} title={title}/>"
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{pid}" name="figure-{spec.name}.png" '
        f"descr={descr}/><pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    return (
        '<w:p><w:pPr><w:pStyle w:val="CaptionedFigure"/><w:keepNext/><w:jc w:val="center"/>'
        f"</w:pPr><w:r>{drawing}</w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="ImageCaption"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{xml_escape(xml_text(caption))}</w:t></w:r></w:p>'
    )
