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
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from reseau_cli.render.markup import clean_text

if TYPE_CHECKING:
    from reseau_cli.render.document_meta import DocumentMeta

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
# Word's own numbering for articles (see pandoc_filter.lua): "1.", "2."... hanging in the margin.
ARTICLE_NUM_ID = 7301
_ARTICLE_NUMBERING = (
    f'<w:abstractNum w:abstractNumId="{ARTICLE_NUM_ID}"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)
_ARTICLE_NUM = (f'<w:num w:numId="{ARTICLE_NUM_ID}"><w:abstractNumId w:val="{ARTICLE_NUM_ID}"/>'
                "</w:num>")
_DEFAULT_LANG = re.compile(r"(<w:docDefaults>.*?<w:lang\b)([^>]*?)(/>)", re.S)
_THEME_LANG = re.compile(r'<w:themeFontLang\b[^>]*/>')


def _lang_attributes(language: str) -> str:
    return f' w:val="{language}" w:eastAsia="zh-CN" w:bidi="ar-MA"'


def finish_docx(data: bytes, props: DocumentMeta) -> bytes:
    """``data`` (a .docx from pandoc) with ``props`` as its properties and language."""
    when = props.rendered.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _CORE.format(title=xml_escape(clean_text(props.title)),
                        author=xml_escape(clean_text(props.author)),
                        lang=xml_escape(props.language), when=when)
    source = zipfile.ZipFile(io.BytesIO(data))
    numbered = f'<w:numId w:val="{ARTICLE_NUM_ID}"/>'.encode() in source.read("word/document.xml")
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
            elif info.filename == "word/numbering.xml" and numbered:
                content = _with_article_numbering(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_article_numbering(numbering: str) -> str:
    # Abstract definitions come before every w:num in numbering.xml.
    at = numbering.find("<w:num ")
    if at < 0:
        at = numbering.index("</w:numbering>")
    numbering = numbering[:at] + _ARTICLE_NUMBERING + numbering[at:]
    return numbering.replace("</w:numbering>", _ARTICLE_NUM + "</w:numbering>")
