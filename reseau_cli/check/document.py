"""The diagnostic report as a document of the render pipeline (``reseau render --doc report``).

Importing this module registers the context provider; ``templates/<lang>/report.md.j2`` is the
document's one source per language, and every format (md, html, docx, pdf) derives from it.
"""

from __future__ import annotations

from reseau_cli.check.report import report_context
from reseau_cli.render.context import CONTEXT_PROVIDERS

REPORT = "report"


def register() -> None:
    """Make "report" a document the renderer knows (idempotent)."""
    CONTEXT_PROVIDERS.setdefault(REPORT, report_context)


register()
