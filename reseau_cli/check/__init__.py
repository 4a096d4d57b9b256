"""Diagnostics of a dossier against the guide: ``reseau check`` and the diagnostic report.

Public API::

    diagnose(dossier) -> Diagnosis          # findings, legal_forms, readiness
    Diagnosis.as_dict(lang)                 # the JSON shape of ``reseau check --format json``
    report_context(dossier, lang)           # data for the report template (report.md.j2)

Rules live in :mod:`reseau_cli.check.rules` (one function each, registered in ``RULES``); their
words live in ``guides/checks.yaml``.
"""

from reseau_cli.check.diagnosis import Diagnosis, diagnose
from reseau_cli.check.findings import Finding
from reseau_cli.check.legal_forms import LegalFormOption
from reseau_cli.check.readiness import Readiness, UnmetFactor
from reseau_cli.check.report import report_context

__all__ = [
    "Diagnosis",
    "Finding",
    "LegalFormOption",
    "Readiness",
    "UnmetFactor",
    "diagnose",
    "report_context",
]
