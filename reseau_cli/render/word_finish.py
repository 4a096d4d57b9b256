"""Finishing a Word document from pandoc: language, title, author and dates.

pandoc writes the body; what Word shows in File > Properties and uses for spell-checking comes
from ``docProps/core.xml`` and the default run language of ``word/styles.xml``. pandoc leaves
them empty (or US English, dated 1970 under a fixed ``SOURCE_DATE_EPOCH``), so they are set here,
once per document, by rewriting those three small parts of the archive.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from reseau_cli.render.markup import clean_text

_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
    "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{lang}</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
    "</cp:coreProperties>"
)
_DEFAULT_LANG = re.compile(r"(<w:docDefaults>.*?<w:lang\b)([^>]*?)(/>)", re.S)
_THEME_LANG = re.compile(r'<w:themeFontLang\b[^>]*/>')


@dataclass(frozen=True)
class WordProperties:
    """What a finished document says about itself."""

    title: str
    author: str
    language: str  # a BCP 47 tag: fr-MA, en-GB
    when: dt.datetime


def _lang_attributes(language: str) -> str:
    return f' w:val="{language}" w:eastAsia="zh-CN" w:bidi="ar-MA"'


def finish_docx(data: bytes, props: WordProperties) -> bytes:
    """``data`` (a .docx from pandoc) with ``props`` as its properties and language."""
    when = props.when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _CORE.format(title=xml_escape(clean_text(props.title)),
                        author=xml_escape(clean_text(props.author)),
                        lang=xml_escape(props.language), when=when)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = core.encode("utf-8")
            elif info.filename == "word/styles.xml":
                text = content.decode("utf-8")
                text, found = _DEFAULT_LANG.subn(
                    lambda m: m.group(1) + _lang_attributes(props.language) + m.group(3),
                    text, count=1)
                if not found:
                    text = text.replace(
                        "<w:rPrDefault><w:rPr>",
                        f"<w:rPrDefault><w:rPr><w:lang{_lang_attributes(props.language)}/>", 1)
                content = text.encode("utf-8")
            elif info.filename == "word/settings.xml":
                content = _THEME_LANG.sub(f'<w:themeFontLang w:val="{props.language}"/>',
                                          content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
