"""Pictures in the documents: the network map, the timeline, the diagnostic profile and matrix.

Each figure is laid out in Python from the dossier (plain numbers and texts, labels cut to fit,
members counted per group when they are too many to name), then drawn by Typst from
``templates/figures/draw.typ``. The words come from ``templates/figures/<lang>.yaml``, so a new
language (Arabic, right to left) is a data file. Public API::

    Figures(dossier, lang, today, compiler, enabled=True)   # one per dossier render
        figures("network") -> Md                 # the template's placeholder (or nothing)
        .markdown(text) / .html(page) / .typst(body) / .docx(bytes)   # per format
        .spec(name) -> FigureSpec | None         # caption, alt text, labels, Typst data
    FigureCompiler(root)                         # one per renderer: SVG/PNG bytes via typst
    FIGURES                                      # the figure names templates may ask for
    today_for_render(environ) -> date            # SOURCE_DATE_EPOCH, else the clock
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from reseau_cli.render.figures.compile import FigureCompiler
from reseau_cli.render.figures.embed import Figures
from reseau_cli.render.figures.spec import FigureSpec

FIGURES: tuple[str, ...] = ("network", "timeline", "profile", "legal")


def today_for_render(environ: Mapping[str, str]) -> dt.date:
    """The date documents are drawn for: ``SOURCE_DATE_EPOCH`` (UTC) when set, else today.

    Reproducible builds set ``SOURCE_DATE_EPOCH``; golden files pass a date explicitly.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(dt.UTC).date()


__all__ = ["FIGURES", "FigureCompiler", "FigureSpec", "Figures", "today_for_render"]
