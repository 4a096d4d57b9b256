"""The package's layers: no module imports from a layer above its own.

cli → batch / wizard / check → render → dossier / catalogue (the model) → io. A test, not a
convention, so that a shortcut taken in a hurry shows up at once.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.cli_helpers import ROOT

PACKAGE = ROOT / "reseau_cli"

# Lowest first. A module belongs to the first layer whose pattern matches its dotted name.
LAYERS: list[tuple[str, str]] = [
    ("io", r"reseau_cli(\.(__init__|errors|resources|shipped|yamlio|i18n|gcpause|"
           r"messages|terminal|prompts|files|lockfile|roundtrip|splice|stopping|"
           r"hesitations?))?$"),
    ("model", r"reseau_cli\.(catalogue|amounts|display|kinds|dossier|store|session|yamltraps|"
              r"questionnaire|naming|documents)$"),
    ("render", r"reseau_cli\.render(\..*)?$"),
    ("tasks", r"reseau_cli\.(batch|wizard|check|members|publish)(\..*)?$"),
    ("cli", r"reseau_cli\.(cli(\..*)?|__main__)$"),
]
# Upward imports known today in other developers' areas (issue #10 removes them); a new one
# fails this test.
KNOWN: set[tuple[str, str]] = {
    # The diagnostic's figures read the check's facts (figures): the facts could move down.
    ("reseau_cli.render.figures.diagnostic", "reseau_cli.check.facts"),
    ("reseau_cli.render.figures.diagnostic", "reseau_cli.check.legal_forms"),
}


def layer(module: str) -> int:
    for index, (_, pattern) in enumerate(LAYERS):
        if re.match(pattern, module):
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1 and parts[:-1] != ["reseau_cli"]:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    known = modules()
    return {n for n in names if n.startswith("reseau_cli") and n in known}


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_imports_from_a_layer_above_its_own(module: str) -> None:
    own = layer(module)
    upward = {name for name in imports(modules()[module]) if layer(name) > own
              and (module, name) not in KNOWN}
    assert not upward, f"{module} ({LAYERS[own][0]}) imports from above: {sorted(upward)}"


def test_known_exceptions_still_exist() -> None:
    # An exception that has been removed from the code must leave this list too.
    for module, name in KNOWN:
        assert name in imports(modules()[module]), (module, name)


def test_every_module_has_a_layer() -> None:
    for module in modules():
        layer(module)
