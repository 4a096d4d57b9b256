"""The registry of ``reseau check`` rules: each rule module registers its functions here."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from reseau_cli.check.facts import Dossier
from reseau_cli.check.findings import Finding, sort_findings

Rule = Callable[[Dossier], list[Finding]]
RULES: list[Rule] = []

# The modules that hold rules, in the order their findings are listed within one severity.
RULE_MODULES = (
    "reseau_cli.check.rules",
    "reseau_cli.check.rules_legal",
    "reseau_cli.check.rules_members",
    "reseau_cli.check.rules_calendar",
    "reseau_cli.check.rules_answers",
)


def rule(function: Rule) -> Rule:
    """Register ``function`` as a rule of ``reseau check``."""
    if function not in RULES:
        RULES.append(function)
    return function


def all_rules() -> list[Rule]:
    """Every registered rule (importing the rule modules registers them)."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    return RULES


def run_rules(dossier: Dossier) -> list[Finding]:
    """Every finding of every rule, errors first."""
    return sort_findings([finding for check in all_rules() for finding in check(dossier)])
