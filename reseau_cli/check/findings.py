"""What a diagnostic rule reports: a :class:`Finding`, with its texts already in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
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

    @property
    def section(self) -> str:
        """The dossier section the finding is about ("" when it concerns the whole dossier)."""
        head = self.path.split(".", 1)[0]
        return head if head in {s.id for s in load_catalogue().sections} else ""

    def command(self, file: str) -> str:
        """The command that reopens the answers this finding is about."""
        section = f" --section {self.section}" if self.section else ""
        return f"reseau edit {file}{section}"

    def with_guide_ref(self, guide_ref: str) -> Finding:
        """The same finding citing another checklist item."""
        return replace(self, guide_ref=guide_ref)

    def guide_text(self, lang: str) -> str:
        """Where the guide says so, for a reader: the guide's part and the topic, no raw id."""
        guide = load_texts().guide
        part = guide.parts.get(self.guide_ref.split(".", 1)[0])
        topic = guide.topics.get(self.guide_ref)
        pieces = [p(lang) for p in (part, topic) if p is not None]
        return " — ".join(pieces)

    def where_text(self, lang: str) -> str:
        """The part of the dossier where the answers are (its title in the wizard)."""
        return load_catalogue().section(self.section).title(lang) if self.section else ""

    def as_dict(self, lang: str, file: str | None = None) -> dict[str, Any]:
        """Plain data in ``lang`` (the stable shape of ``reseau check --format json``)."""
        return {
            "id": self.id,
            "severity": self.severity,
            "guide_ref": self.guide_ref,
            "message": self.message(lang),
            "advice": self.advice(lang),
            "path": self.path,
            "command": self.command(file or ("FILE" if lang == "en" else "FICHIER")),
            "guide": self.guide_text(lang),
        }

    def for_readers(self, lang: str) -> dict[str, Any]:
        """What a document shows a founder: words only, no ids and no commands."""
        return {
            "severity": self.severity,
            "message": self.message(lang),
            "advice": self.advice(lang),
            "guide": self.guide_text(lang),
            "where": self.where_text(lang),
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
