"""The whole diagnosis of a dossier: findings, legal-form guidance and readiness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reseau_cli.check.facts import Dossier
from reseau_cli.check.findings import SEVERITIES, Finding
from reseau_cli.check.legal_forms import LegalFormOption, legal_form_guidance
from reseau_cli.check.readiness import Readiness, readiness
from reseau_cli.check.registry import run_rules
from reseau_cli.check.texts import load_texts


@dataclass(frozen=True)
class Diagnosis:
    """What ``reseau check`` tells the founders about their dossier."""

    findings: list[Finding]
    legal_forms: list[LegalFormOption]
    readiness: Readiness

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (``reseau check`` then exits 1)."""
        return any(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def as_dict(self, lang: str, file: str | None = None) -> dict[str, Any]:
        """Plain data in ``lang``: the stable shape of ``reseau check --format json``."""
        texts = load_texts().legal_forms
        return {
            "summary": self.counts(),
            "findings": [f.as_dict(lang, file) for f in self.findings],
            "legal_forms": [o.as_dict(lang) for o in self.legal_forms],
            "legal_forms_note": texts.disclaimer(lang) if self.legal_forms
            else texts.not_enough(lang),
            "readiness": self.readiness.as_dict(lang),
        }


def diagnose(dossier: Dossier) -> Diagnosis:
    """Run every rule, the legal-form guidance and the readiness score on ``dossier``."""
    return Diagnosis(findings=run_rules(dossier), legal_forms=legal_form_guidance(dossier),
                     readiness=readiness(dossier))
