"""The Word reference document: pandoc's styles, an A4 page, page numbers and the brand.

pandoc takes every Word style, page set-up, header and footer from a reference .docx
(``templates/reference.docx``, or a custom one in ``--templates``). A copy of it is prepared
once per renderer: A4 page and margins when it sets none, a footer with "page X / Y" (after the
brand's footer text), the brand's header (logo, organisation), and the brand colour on headings
and table header rows. A custom reference is checked first (a zip, not too large, with the parts
Word needs) so that a bad one is refused with its name, not halfway through pandoc.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from reseau_cli.errors import TemplateError
from reseau_cli.files import write_zip
from reseau_cli.render.markup import clean_text

if TYPE_CHECKING:
    from reseau_cli.render.brand import Brand

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_EMU_PER_CM = 360_000
_TWIPS_PER_CM = 567
_REQUIRED = ("[Content_Types].xml", "word/document.xml", "word/styles.xml",
             "word/_rels/document.xml.rels")
MAX_PARTS = 2000
MAX_UNPACKED = 64 * 1024 * 1024  # bytes; pandoc's own reference unpacks to 60 kB
# A4 with the PDF's margins (2.2 cm sides, 2.6 cm top, 2.4 cm bottom), in twips.
_PAGE = ('<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1474" w:right="1247" '
         'w:bottom="1361" w:left="1247" w:header="709" w:footer="680" w:gutter="0"/>')
_TEXT_WIDTH = 11906 - 2 * 1247
_HEADINGS = re.compile(
    r'(<w:style\b[^>]*w:styleId="(?:Heading[1-9]|Title)"[^>]*>)(.*?)(</w:style>)', re.S)
_AFTER_COLOUR = re.compile(
    r"<w:(?:spacing|w|kern|position|sz|szCs|highlight|u|effect|bdr|shd|fitText|vertAlign|rtl"
    r"|cs|em|lang|eastAsianLayout|specVanish|oMath)\b")
_TABLE_STYLE = re.compile(r'(<w:style\b[^>]*w:styleId="Table"[^>]*>)(.*?)(</w:style>)', re.S)


def read_reference(path: Path, shown: str) -> dict[str, bytes]:
    """Every part of a reference .docx, or a :class:`TemplateError` naming the file."""
    def refuse(reason: str) -> TemplateError:
        return TemplateError("render.reference_invalid", file=shown, reason=reason)

    try:
        with zipfile.ZipFile(path) as source:
            infos = source.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise refuse("too large once unpacked")
            names = {info.filename for info in infos}
            missing = [name for name in _REQUIRED if name not in names]
            if missing:
                raise refuse("missing " + ", ".join(missing))
            files = {info.filename: source.read(info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise refuse("not a Word .docx file (not a zip archive)") from exc
    except OSError as exc:
        raise refuse(exc.strerror or str(exc)) from exc
    if sum(len(data) for data in files.values()) > MAX_UNPACKED:  # sizes in the zip can lie
        raise refuse("too large once unpacked")
    for name in _REQUIRED:
        try:
            files[name].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise refuse(f"{name} is not UTF-8 XML") from exc
    return files


def _text_run(text: str, size_half_points: int = 16, colour: str = "555555") -> str:
    return (f'<w:r><w:rPr><w:color w:val="{colour}"/><w:sz w:val="{size_half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>')


def _field(instruction: str) -> str:
    return (f'<w:fldSimple w:instr=" {instruction} "><w:r><w:rPr><w:color w:val="555555"/>'
            '<w:sz w:val="16"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>')


def _image_run(rel_id: str, width_cm: float, height_cm: float) -> str:
    cx, cy = int(width_cm * _EMU_PER_CM), int(height_cm * _EMU_PER_CM)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="9001" name="logo"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="9001" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _part(tag: str, runs: str) -> str:
    tabs = f'<w:pPr><w:tabs><w:tab w:val="right" w:pos="{_TEXT_WIDTH}"/></w:tabs></w:pPr>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{tag} xmlns:w="{_W}" xmlns:r="{_R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f"<w:p>{tabs}{runs}</w:p></w:{tag}>"
    )


def _logo_size_cm(size: tuple[float, float], height_cm: float = 1.2) -> tuple[float, float]:
    width, height = size
    if width > 0 and height > 0:
        return min(height_cm * width / height, 8.0), height_cm
    return height_cm, height_cm


def _lighter(colour: str, amount: float = 0.85) -> str:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def _restyle(styles: str, colour: str) -> str:
    # Headings in the brand colour; the table style's header row bold on a light tint of it.
    value = colour.lstrip("#").upper()

    def heading(m: re.Match[str]) -> str:
        body = re.sub(r"<w:color\b[^>]*/>", "", m.group(2))
        colour_tag = f'<w:color w:val="{value}"/>'
        run = re.search(r"<w:rPr>(.*?)</w:rPr>", body, re.S)
        if run is None:
            return m.group(1) + body + f"<w:rPr>{colour_tag}</w:rPr>" + m.group(3)
        # w:color has its place in a run's properties: before spacing, size and the rest
        after = _AFTER_COLOUR.search(run.group(1))
        at = run.start(1) + (after.start() if after else len(run.group(1)))
        return m.group(1) + body[:at] + colour_tag + body[at:] + m.group(3)

    def table(m: re.Match[str]) -> str:
        body = re.sub(r'<w:tblStylePr w:type="firstRow">.*?</w:tblStylePr>', "", m.group(2),
                      flags=re.S)
        body += ('<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr>'
                 f'<w:shd w:val="clear" w:color="auto" w:fill="{_lighter(colour)}"/>'
                 '<w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr>')
        return m.group(1) + body + m.group(3)

    return _TABLE_STYLE.sub(table, _HEADINGS.sub(heading, styles))


def prepare_reference(
    base: Path, brand: Brand | None, target: Path, *, shown: str, restyle: bool,
    rasterise: Callable[[bytes], bytes] | None = None,
) -> Path:
    """Write to ``target`` the reference pandoc uses: ``base`` set up for print and ``brand``.

    ``restyle`` colours headings and table headers (always for the built-in reference; for a
    custom one only with a brand). ``rasterise`` turns an SVG logo into PNG bytes for Word.
    """
    from reseau_cli.render.images import image_size

    files = read_reference(base, shown)
    rels = files["word/_rels/document.xml.rels"].decode("utf-8")
    types = files["[Content_Types].xml"].decode("utf-8")
    document = files["word/document.xml"].decode("utf-8")
    styles = files["word/styles.xml"].decode("utf-8")
    if restyle:
        files["word/styles.xml"] = _restyle(styles, brand.colour if brand else "#1F4E79").encode()

    refs = ""
    header_runs, header_rels = "", ""
    logo, ext = (brand.logo, brand.logo_ext) if brand else (None, "")
    if logo and ext == ".svg" and rasterise is not None:
        logo, ext = rasterise(logo), ".png"
    if logo and ext in (".png", ".jpg", ".jpeg"):
        media = f"media/brand-logo{ext}"
        files[f"word/{media}"] = logo
        header_rels = f'<Relationship Id="rIdLogo" Type="{_REL_IMAGE}" Target="{media}"/>'
        header_runs += _image_run("rIdLogo", *_logo_size_cm(image_size(logo, ext)))
        name = ext.lstrip(".")
        if f'Extension="{name}"' not in types:
            mime = "image/png" if name == "png" else "image/jpeg"
            types = types.replace("</Types>",
                                  f'<Default Extension="{name}" ContentType="{mime}"/></Types>')
    if brand and brand.organisation:
        header_runs += "<w:r><w:tab/></w:r>" + _text_run(clean_text(brand.organisation))
    if header_runs:
        files["word/header-reseau.xml"] = _part("hdr", header_runs).encode("utf-8")
        files["word/_rels/header-reseau.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{header_rels}</Relationships>").encode()
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdReseauHeader" '
                            f'Type="{_REL_HEADER}" Target="header-reseau.xml"/></Relationships>')
        types = types.replace("</Types>", '<Override PartName="/word/header-reseau.xml" '
                              f'ContentType="{_CT_HEADER}"/></Types>')
        document = re.sub(r'<w:headerReference\b[^>]*w:type="default"[^>]*/>', "", document)
        refs += '<w:headerReference w:type="default" r:id="rIdReseauHeader"/>'
    own_footer = re.search(r'<w:footerReference\b[^>]*w:type="default"', document)
    if brand is not None or not own_footer:
        footer = _text_run(clean_text(brand.footer)) if brand and brand.footer else ""
        footer += ("<w:r><w:tab/></w:r>" + _text_run("page ") + _field("PAGE")
                   + _text_run(" / ") + _field("NUMPAGES"))
        files["word/footer-reseau.xml"] = _part("ftr", footer).encode("utf-8")
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdReseauFooter" '
                            f'Type="{_REL_FOOTER}" Target="footer-reseau.xml"/></Relationships>')
        types = types.replace("</Types>", '<Override PartName="/word/footer-reseau.xml" '
                              f'ContentType="{_CT_FOOTER}"/></Types>')
        document = re.sub(r'<w:footerReference\b[^>]*w:type="default"[^>]*/>', "", document)
        refs += '<w:footerReference w:type="default" r:id="rIdReseauFooter"/>'
    files["word/document.xml"] = _section(document, refs).encode("utf-8")
    files["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    files["[Content_Types].xml"] = types.encode("utf-8")
    write_zip(target, files.items())
    return target


def _section(document: str, refs: str) -> str:
    # Header and footer references come first in a sectPr; the page size only where none is set.
    match = re.search(r"<w:sectPr\b[^>]*?(/?)>", document)
    if match is None:
        return document.replace("</w:body>", f"<w:sectPr>{refs}{_PAGE}</w:sectPr></w:body>")
    page = "" if "<w:pgSz" in document[match.start():] else _PAGE
    if match.group(1):  # an empty <w:sectPr/>
        opening = match.group(0)[:-2] + ">"
        return (document[:match.start()] + f"{opening}{refs}{page}</w:sectPr>"
                + document[match.end():])
    end = document.index("</w:sectPr>", match.end())
    inner = document[match.end():end]
    # pgSz and pgMar come after footnotePr/endnotePr/type in the schema's order
    at = max((m.end() for m in re.finditer(
        r"<w:(?:footnotePr|endnotePr)\b.*?</w:(?:footnotePr|endnotePr)>|<w:type\b[^>]*/>",
        inner, re.S)), default=0)
    inner = inner[:at] + page + inner[at:]
    return document[:match.end()] + refs + inner + document[end:]
