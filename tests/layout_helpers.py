"""What a reader sees on a PDF page: word boxes, overprinting, text off the page."""

from __future__ import annotations

import io
from dataclasses import dataclass

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Word:
    """One word on a page, in points from the page's top-left corner."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Page:
    """A page's size and words."""

    number: int
    width: float
    height: float
    words: list[Word]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def pdf_pages(data: bytes) -> list[Page]:
    """Every page of a PDF with its words (pdfplumber)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = [Word(number, w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                     for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
            pages.append(Page(number, float(page.width), float(page.height), words))
    return pages


def off_page(page: Page) -> list[Word]:
    """Words that stick out of the page."""
    return [w for w in page.words
            if w.x0 < -0.5 or w.top < -0.5 or w.x1 > page.width + 0.5
            or w.bottom > page.height + 0.5]


def overprinted(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words printed on top of each other.

    Two boxes count when they share over half the smaller's height and a third of its width:
    glyphs with tall boxes (Arabic) brush the next line, overprinted lines cover each other.
    """
    words = sorted(page.words, key=lambda w: w.top)
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b.top >= a.bottom:
                break
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.bottom, b.bottom) - max(a.top, b.top)
            if width <= 0 or height <= 0:
                continue
            if (width > min(a.x1 - a.x0, b.x1 - b.x0) / 3
                    and height > min(a.bottom - a.top, b.bottom - b.top) / 2):
                pairs.append((a, b))
    return pairs


def layout_faults(data: bytes) -> list[str]:
    """Every overprinted pair and off-page word of a PDF, as readable lines (empty: fine)."""
    faults = []
    for page in pdf_pages(data):
        faults += [f"page {page.number}: '{w.text}' outside the page" for w in off_page(page)]
        faults += [f"page {page.number}: '{a.text}' over '{b.text}'"
                   for a, b in overprinted(page)]
    return faults


@dataclass(frozen=True)
class TablePart:
    """The part of a ruled table printed on one page: its rows' texts and heights."""

    page: int
    rows: list[list[str]]
    heights: list[float]
    widths: list[float]  # of the columns, from the first row's cells


def table_parts(data: bytes) -> list[TablePart]:
    """Every ruled table of a PDF, one part per page it spans, in reading order."""
    import pdfplumber

    parts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                rows = [[(cell or "").strip() for cell in row] for row in table.extract()]
                heights = [row.bbox[3] - row.bbox[1] for row in table.rows]
                widths = [cell[2] - cell[0] for cell in table.rows[0].cells if cell]
                parts.append(TablePart(number, rows, heights, widths))
    return parts


def last_table(parts: list[TablePart]) -> list[TablePart]:
    """The parts of the document's last table (those at the end sharing its header row)."""
    header = parts[-1].rows[0]
    found: list[TablePart] = []
    for part in reversed(parts):
        if part.rows[0] != header:
            break
        found.insert(0, part)
    return found
