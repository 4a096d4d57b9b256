"""What every figure is made of, before any drawing: caption, text alternative, Typst call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH = 453.0  # points: the PDF's text width (A4 less 2 × 2.2 cm), and every figure's width


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its words, and the Typst call that draws it from plain data.

    ``function`` is a function of ``templates/figures/draw.typ``; ``data`` holds only plain
    values (its strings are escaped when written as Typst).
    """

    name: str  # "network", "timeline", "profile", "legal"
    caption: str
    alt: str  # the text alternative: what a reader who cannot see the picture needs
    function: str
    data: dict[str, Any]
    labels: tuple[str, ...] = ()  # the visible texts (tests and search look for them)


def fit(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: max(1, limit - 1)].rstrip() + "…"


def chars_for(width: float, size: float, bold: bool = True) -> int:
    """How many characters of a typical Latin label fit in ``width`` points at ``size``."""
    return max(4, int(width / (size * (0.52 if bold else 0.47))))


def listing(names: list[str], limit: int, more: str) -> str:
    """``a, b, c`` — at most ``limit`` names, then ``more`` (formatted with ``count``)."""
    shown = names[:limit]
    text = ", ".join(shown)
    if len(names) > limit:
        text += ", " + more.format(count=len(names) - limit)
    return text
