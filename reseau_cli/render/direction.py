"""Writing direction: right-to-left documents, and names that keep their own direction.

Arabic documents read right to left; a Latin name inside an Arabic sentence (or an Arabic name
inside a French one) must keep its own direction, or the punctuation and numbers around it
jump to the wrong side. Every value from the dossier that holds letters of the other direction
is therefore wrapped in Unicode isolates, FSI … PDI (U+2068, U+2069): the Markdown, the Word
file and the HTML keep them (``<bdi>`` in HTML); for Typst they become boxes laid out in the
value's own direction, because Typst shapes the invisible isolates with the font's space glyph,
and the PDF's text layer would then read every space as U+2068.

The Arabic font is Amiri (``fontpkg-amiri``): Noto Sans Arabic draws letters as a dotless body
plus separate dot glyphs, each mapped back to the whole letter, so text copied from the PDF
came out with doubled and scattered letters; Amiri draws each letter as one glyph.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

RTL_LANGS = frozenset({"ar"})
FSI, PDI = "\u2068", "\u2069"
# Direction controls: all of them (for metadata), and the isolates alone.
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATES = re.compile("[\u2066-\u2069]")
_PAIR = re.compile(f"{FSI}([^{FSI}{PDI}\n]*){PDI}")
# A table cell without brackets inside (pandoc writes cells as ``[…]``).
_CELL = re.compile(r"(?<![\w\]])\[([^\[\]\n]*)\]")
# An isolate that is a whole table cell ``[…]`` or a whole line of Typst markup.
_WHOLE = re.compile(f"(?m)(\\[|^){FSI}([^{FSI}{PDI}\n]*){PDI}(?=\\]|[ \\\\]*$)")
# Typst boxes cannot break across lines: longer values are left to Typst's own bidi.
BOX_MAX = 40
# Word's proofing language and pandoc's ``lang`` for each right-to-left document language.
WORD_LANG = {"ar": "ar-MA"}


# The language of the document being rendered, for the printing of values (Jinja's finalize
# takes no context without losing its constant folding).
_LANG: ContextVar[str] = ContextVar("reseau_document_lang", default="fr")


@contextmanager
def writing_lang(lang: str) -> Iterator[None]:
    """Within the block, :func:`document_lang` is ``lang``."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def document_lang() -> str:
    """The language of the document being rendered ("fr" outside any render)."""
    return _LANG.get()


def is_rtl(lang: str) -> bool:
    """Whether documents in ``lang`` read right to left."""
    return lang in RTL_LANGS


def direction(lang: str) -> str:
    """``"rtl"`` or ``"ltr"``: the direction of documents in ``lang``."""
    return "rtl" if is_rtl(lang) else "ltr"


def _strong(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "ltr"
    if kind in ("R", "AL"):
        return "rtl"
    return None


def first_strong(text: str) -> str | None:
    """The direction of the first letter that has one (Unicode's P2 rule), or None."""
    for char in text:
        found = _strong(char)
        if found is not None:
            return found
    return None


_RTL_RANGES = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_LETTER = re.compile(f"[{_RTL_RANGES}]")
# A letter outside the right-to-left scripts (Latin, accented...): \w minus digits and "_".
_LTR_LETTER = re.compile(f"[^\\W\\d_{_RTL_RANGES}]")


def needs_isolation(text: str, lang: str) -> bool:
    """Whether ``text`` holds letters written in the other direction than ``lang``'s."""
    return bool((_LTR_LETTER if is_rtl(lang) else _RTL_LETTER).search(text))


def isolate(text: str, lang: str) -> str:
    """``text`` between FSI and PDI when it holds letters of the other direction.

    Multi-line text (a paragraph block) is left alone: isolates do not cross paragraphs. The
    value's own isolates are dropped so that ours stay paired; its own embeddings and
    overrides end at our PDI, as the Unicode algorithm says, so they cannot leak out.
    """
    if "\n" in text or not needs_isolation(text, lang):
        return text
    return f"{FSI}{_ISOLATES.sub('', text)}{PDI}"


def isolate_lines(markdown: str, lang: str) -> str:
    """Each line of a block of Markdown paragraphs isolated (hard breaks kept outside)."""
    out = []
    for line in markdown.split("\n"):
        body, brk = (line[:-1], "\\") if line.endswith("\\") else (line, "")
        out.append(isolate(body, lang) + brk if body.strip() else line)
    return "\n".join(out)


def plain(text: str) -> str:
    """``text`` without direction controls (for metadata such as a PDF's title)."""
    return _CONTROLS.sub("", text)


# --- per format ----------------------------------------------------------------------------------


def html_isolates(html: str) -> str:
    """FSI … PDI pairs as ``<bdi>`` elements (the browser picks the direction, like FSI)."""
    return _replace_pairs(html, lambda inner: f"<bdi>{inner}</bdi>")


def typst_isolates(markup: str, lang: str) -> str:
    """FSI … PDI pairs in Typst markup, made into Typst's own means of keeping a direction.

    A value that is a whole line or table cell sets that paragraph's direction (the text can
    still break). A short value inside a line becomes a box set in its own direction: a box
    is one neutral object in its line, as an isolate is. Longer values, which a box could not
    break, are left to Typst's bidi algorithm. The markup inside was escaped by pandoc.
    """
    side = "right" if is_rtl(lang) else "left"  # cells stay aligned with the others
    markup = _CELL.sub(lambda m: _cell(m, side), markup)
    markup = _WHOLE.sub(lambda m: f"{m.group(1)}{_scoped(m.group(2))}", markup)

    def box(inner: str) -> str:
        way = first_strong(inner)
        if way is None or len(inner) > BOX_MAX:
            return inner
        return f"#box[#set text(dir: {way});{inner}];"

    return _replace_pairs(markup, box).replace(FSI, "").replace(PDI, "")


def _cell(match: re.Match[str], side: str) -> str:
    # A cell made only of values of one direction, such as "name (role)", takes theirs.
    content = match.group(1)
    between = _PAIR.sub("", content)
    ways = {first_strong(inner) for inner in _PAIR.findall(content)}
    if FSI not in content or first_strong(between) is not None or len(ways) != 1:
        return match.group(0)
    inner = content.replace(FSI, "").replace(PDI, "")
    way = first_strong(inner)
    return f"[#[#set text(dir: {way});#set align({side});{inner}];]"


def _scoped(inner: str) -> str:
    way = first_strong(inner)
    return f"#[#set text(dir: {way});{inner}];" if way is not None else inner


def _replace_pairs(text: str, make: Callable[[str], str]) -> str:
    if FSI not in text:
        return text
    previous = None
    while previous != text:  # innermost pairs first
        previous = text
        text = _PAIR.sub(lambda m: make(m.group(1)), text)
    return text


def pandoc_source(markdown: str, lang: str) -> str:
    """The Markdown given to pandoc: right-to-left documents start with pandoc's ``dir``.

    With ``dir: rtl`` pandoc's Word writer marks every paragraph ``w:bidi`` and every run
    ``w:rtl``, and ``lang`` sets the proofing language of right-to-left text.
    """
    if not is_rtl(lang):
        return markdown
    return f"---\ndir: rtl\nlang: {WORD_LANG.get(lang, lang)}\n---\n\n{markdown}"


_TBL_STYLE = re.compile(rb"(<w:tblPr>(?:<w:tblStyle [^>]*/>)?)")
_PPR = re.compile(rb"<w:pPr>.*?</w:pPr>", re.S)
_RPR = re.compile(rb"<w:rPr>.*?</w:rPr>", re.S)
# Children that come after w:bidi in a w:pPr, and after w:rtl in a w:rPr (schema order).
_AFTER_BIDI = re.compile(
    rb"<w:(?:adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|mirrorIndents|"
    rb"suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|"
    rb"cnfStyle|rPr|sectPr|pPrChange)\b|</w:pPr>")
_AFTER_RTL = re.compile(rb"<w:(?:cs|em|lang|eastAsianLayout|specVanish|oMath)\b|</w:rPr>")


def _insert_before(block: bytes, where: re.Pattern[bytes], element: bytes) -> bytes:
    found = where.search(block)
    assert found is not None  # the closing tag always matches
    return block[:found.start()] + element + block[found.start():]


def _rtl_document(xml: bytes) -> bytes:
    # Pandoc marks what it writes; paragraphs added after it (figure captions) get the same.
    xml = _PPR.sub(lambda m: m.group(0) if b"<w:bidi" in m.group(0)
                   else _insert_before(m.group(0), _AFTER_BIDI, b"<w:bidi/>"), xml)
    xml = xml.replace(b"<w:p><w:r>", b"<w:p><w:pPr><w:bidi/></w:pPr><w:r>")
    xml = _RPR.sub(lambda m: m.group(0) if b"<w:rtl" in m.group(0)
                   else _insert_before(m.group(0), _AFTER_RTL, b"<w:rtl/>"), xml)
    xml = re.sub(rb"<w:r>(?=<w:(?:t|drawing|br|tab)\b)", b"<w:r><w:rPr><w:rtl/></w:rPr>", xml)
    if b"bidiVisual" not in xml:
        xml = _TBL_STYLE.sub(rb"\1<w:bidiVisual/>", xml)
    return xml


def docx_rtl(data: bytes, lang: str) -> bytes:
    """A Word file that reads right to left, in an RTL language.

    Every paragraph gets ``w:bidi``, every run ``w:rtl`` and every table ``w:bidiVisual``,
    each where the schema wants it. Pandoc marks most paragraphs and runs (see
    :func:`pandoc_source`); this completes them and the tables.
    """
    if not is_rtl(lang):
        return data
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = _rtl_document(content)
            target.writestr(info, content)
    return out.getvalue()


@cache
def font_dirs() -> tuple[str, ...]:
    """Folders of the fonts the PDF uses besides Typst's own (Amiri, from pip)."""
    import fontpkg_amiri

    root = Path(fontpkg_amiri.ROOT)
    files = root / "files"
    return (str(files if files.is_dir() else root),)
