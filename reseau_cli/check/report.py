"""Data for the diagnostic report (*rapport de diagnostic*), a document of the render pipeline.

The template receives :func:`report_context`; everything in it is plain text in the document's
language, to be escaped like any dossier value. Findings are given as a founder reads them: the
message, what to do in words, where the guide says so (its part and topic, not a checklist id)
and where in the dossier to answer; ids and commands stay in ``reseau check``'s table and JSON.
"""

from __future__ import annotations

from typing import Any

from reseau_cli.check.diagnosis import diagnose
from reseau_cli.check.facts import Dossier, answer
from reseau_cli.check.findings import SEVERITIES


def report_context(dossier: Dossier, lang: str) -> dict[str, Any]:
    """The diagnosis as plain data in ``lang``, findings grouped by severity."""
    diagnosis = diagnose(dossier)
    data = diagnosis.as_dict(lang)
    data["by_severity"] = {
        severity: [f.for_readers(lang) for f in diagnosis.findings if f.severity == severity]
        for severity in SEVERITIES
    }
    data["has_errors"] = diagnosis.has_errors
    data["network"] = answer(dossier, "name.name") or ""
    return data
