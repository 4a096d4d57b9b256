"""The Word reference document: pandoc's styles with the consultant's brand.

pandoc takes every Word style, page set-up, header and footer from a reference .docx
(``templates/reference.docx``, or a custom one in ``--templates``). With a brand, a copy of it
gets the brand's header (logo, organisation) and footer; it is made once per renderer.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from reseau_cli.files import write_zip

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


def _text_run(text: str, size_half_points: int = 16, colour: str = "555555") -> str:
    return (f'<w:r><w:rPr><w:color w:val="{colour}"/><w:sz w:val="{size_half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>')


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
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{tag} xmlns:w="{_W}" xmlns:r="{_R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f"<w:p>{runs}</w:p></w:{tag}>"
    )


def _image_size_cm(data: bytes, ext: str, height_cm: float = 1.2) -> tuple[float, float]:
    if ext == ".png" and len(data) >= 24:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if width and height:
            return min(height_cm * width / height, 8.0), height_cm
    return height_cm * 3, height_cm


def branded_reference(base: Path, brand: Brand, target: Path) -> Path:
    """A copy of ``base`` whose header shows the logo and organisation, and footer the footer."""
    with zipfile.ZipFile(base) as source:
        files = {name: source.read(name) for name in source.namelist()}
    rels = files["word/_rels/document.xml.rels"].decode("utf-8")
    types = files["[Content_Types].xml"].decode("utf-8")
    document = files["word/document.xml"].decode("utf-8")

    header_runs = ""
    header_rels = ""
    if brand.logo and brand.logo_ext in (".png", ".jpg", ".jpeg"):  # Word wants a bitmap
        media = f"media/brand-logo{brand.logo_ext}"
        files[f"word/{media}"] = brand.logo
        header_rels = f'<Relationship Id="rIdLogo" Type="{_REL_IMAGE}" Target="{media}"/>'
        header_runs += _image_run("rIdLogo", *_image_size_cm(brand.logo, brand.logo_ext))
        ext = brand.logo_ext.lstrip(".")
        if f'Extension="{ext}"' not in types:
            mime = "image/png" if ext == "png" else "image/jpeg"
            default = f'<Default Extension="{ext}" ContentType="{mime}"/>'
            types = types.replace("</Types>", f"{default}</Types>")
    if brand.organisation:
        header_runs += '<w:r><w:tab/></w:r>' + _text_run(brand.organisation)
    files["word/header-brand.xml"] = _part("hdr", header_runs).encode("utf-8")
    files["word/_rels/header-brand.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{header_rels}</Relationships>"
    ).encode()
    files["word/footer-brand.xml"] = _part("ftr", _text_run(brand.footer)).encode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdBrandHeader" Type="{_REL_HEADER}" Target="header-brand.xml"/>'
        f'<Relationship Id="rIdBrandFooter" Type="{_REL_FOOTER}" Target="footer-brand.xml"/>'
        "</Relationships>",
    )
    types = types.replace(
        "</Types>",
        f'<Override PartName="/word/header-brand.xml" ContentType="{_CT_HEADER}"/>'
        f'<Override PartName="/word/footer-brand.xml" ContentType="{_CT_FOOTER}"/></Types>',
    )
    refs = ('<w:headerReference w:type="default" r:id="rIdBrandHeader"/>'
            '<w:footerReference w:type="default" r:id="rIdBrandFooter"/>')
    if "<w:sectPr" in document:
        document = re.sub(r"(<w:sectPr\b[^>]*?)(/?)>",
                          lambda m: f"{m.group(1)}>{refs}" + ("</w:sectPr>" if m.group(2) else ""),
                          document, count=1)
    else:
        document = document.replace("</w:body>", f"<w:sectPr>{refs}</w:sectPr></w:body>")
    files["word/document.xml"] = document.encode("utf-8")
    files["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    files["[Content_Types].xml"] = types.encode("utf-8")
    write_zip(target, files.items())
    return target
