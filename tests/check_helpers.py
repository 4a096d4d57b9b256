"""Dossiers for the diagnostics tests: a clean one that raises no finding, and ways to break it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reseau_cli import store
from reseau_cli.check import diagnose
from reseau_cli.dossier import dossier_model

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN_RULES = FIXTURES / "broken-rules.yaml"

# Every finding id the broken-rules fixture must raise (see the comments in that file).
BROKEN_RULES_IDS = [
    "model.member-count",
    "members.core",
    "legal.association-limits.invoicing",
    "members.contribution",
    "dues.unjustified-fee",
    "rules.formality-rule",
    "pitfalls.strategy",
    "pitfalls.partners",
    "pitfalls.agreement.no-charter",
    "pitfalls.agreement.no-milestones",
    "pitfalls.implementation",
    "pitfalls.facilitator",
    "rules.conflicts",
    "admission.exclusion",
    "launch.dissolution",
]


def member(name: str, founding: bool = False, kind: str = "company",
           contribution: str | None = "Un atelier et dix artisans.") -> dict[str, Any]:
    """A member organisation record (with a contribution unless told otherwise)."""
    record: dict[str, Any] = {"name": name, "kind": kind, "city": "Fès", "founding": founding}
    if contribution is not None:
        record["contribution"] = contribution
    return record


def clean_answers() -> dict[str, Any]:
    """Answers, by dotted key, that follow every rule: ``diagnose`` finds nothing."""
    return {
        "before.statement": "Exporter ensemble vers l'Europe d'ici 2027.",
        "objective.main": "develop",
        "objective.for_profit": False,
        "members.entities": [member("Tannerie Chouara", True), member("Atelier Zellige", True),
                             member("Maroquinerie Saïss")],
        "members.facilitator": "Nadia Benjelloun",
        "members.criteria": ["complementarity", "culture"],
        "model.kind": "business_network",
        "legal.activities": ["exchange", "skills_transfer"],
        "legal.formal": "formal",
        "legal.form": "association",
        "rules.charter": True,
        "rules.confidentiality": "Rien ne sort du réseau sans accord écrit.",
        "rules.decision_mode": "consensus",
        "rules.projects": "Un membre pilote chaque projet et rend compte chaque mois.",
        "rules.referrals": "Commission de 5 % à l'apporteur.",
        "rules.quality": "Fiche qualité commune, contrôle croisé.",
        "rules.conflicts": "mediator",
        "admission.exclusion": "Deux manquements graves à la charte, vote aux deux tiers.",
        "dues.needed": False,
        "intent.milestones": [{"title": "Signature de l'accord définitif",
                               "date": dt.date(2027, 1, 15)}],
        "launch.dissolution": "Partage des actifs au prorata des apports.",
    }


def build(answers: Mapping[str, Any], language: str = "fr") -> BaseModel:
    """A dossier holding exactly ``answers`` (dotted keys); keys left out were never asked."""
    data: dict[str, Any] = {"schema_version": 1, "language": language}
    for key, value in answers.items():
        section, question = key.split(".", 1)
        data.setdefault(section, {})[question] = value
    return dossier_model().model_validate(data)


def dossier_with(changes: Mapping[str, Any] | None = None, without: Iterable[str] = (),
                 language: str = "fr") -> BaseModel:
    """The clean dossier with ``changes`` applied and the keys in ``without`` never asked."""
    answers = clean_answers()
    answers.update(changes or {})
    for key in without:
        answers.pop(key, None)
    return build(answers, language)


def finding_ids(dossier: BaseModel) -> list[str]:
    """The ids of every finding ``diagnose`` raises on ``dossier``."""
    return [f.id for f in diagnose(dossier).findings]


def severity_of(dossier: BaseModel, finding_id: str) -> str:
    """The severity of the finding ``finding_id`` (AssertionError when it is not raised)."""
    for finding in diagnose(dossier).findings:
        if finding.id == finding_id:
            return finding.severity
    raise AssertionError(f"{finding_id} not raised")


def write_dossier(path: Path, dossier: BaseModel) -> Path:
    """Save ``dossier`` as YAML at ``path`` (the way reseau writes it)."""
    store.save(dossier, path, clock=lambda: dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC))
    return path
