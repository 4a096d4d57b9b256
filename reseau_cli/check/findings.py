"""What a diagnostic rule reports: a :class:`Finding`, with its texts already in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reseau_cli.catalogue import Text, load_catalogue
from reseau_cli.check.texts import SEVERITIES, Param, Severity, fill, load_texts

__all__ = ["Finding", "Severity", "SEVERITIES", "make_finding", "sort_findings"]


@dataclass(frozen=True)
class Finding:
    """One thing the guide would tell the founders about their answers."""

    id: str  # key in guides/checks.yaml, e.g. "legal.association-limits.invoicing"
    severity: Severity  # error: the guide says it blocks; warning; info
    guide_ref: str  # checklist id, e.g. "legal.association-limits"
    message: Text
    advice: Text
    path: str = ""  # dotted path in the dossier the finding is about, e.g. "legal.form"

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang`` (the stable shape of ``reseau check --format json``)."""
        return {
            "id": self.id,
            "severity": self.severity,
            "guide_ref": self.guide_ref,
            "message": self.message(lang),
            "advice": self.advice(lang),
            "path": self.path,
        }


def make_finding(
    finding_id: str,
    path: str = "",
    params: Mapping[str, Param] | None = None,
    severity: Severity | None = None,
) -> Finding:
    """The finding ``finding_id`` of ``guides/checks.yaml``, its texts filled with ``params``.

    ``severity`` overrides the one in the data file, for rules whose weight depends on the answers.
    """
    text = load_texts().findings[finding_id]
    values = dict(params or {})
    return Finding(
        id=finding_id,
        severity=severity or text.severity,
        guide_ref=text.guide_ref,
        message=fill(text.message, values),
        advice=fill(text.advice, values),
        path=path,
    )


def _section_rank(path: str) -> int:
    sections = [s.id for s in load_catalogue().sections]
    head = path.split(".", 1)[0]
    return sections.index(head) if head in sections else len(sections)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then information; within one, in the wizard's order."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), _section_rank(f.path)))
