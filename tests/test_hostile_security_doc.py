"""SECURITY.md names, for every guarantee, the test that checks it: those tests must exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"`(test_[a-z0-9_]+\.py)::(test_[a-z0-9_]+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_test_named_in_security_md_exists() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = REFERENCE.findall(text)
    assert len(named) >= 40, "SECURITY.md should name the test of each guarantee"
    missing = [f"{file}::{name}" for file, name in named
               if not (ROOT / "tests" / file).is_file()
               or name not in _tests_in(ROOT / "tests" / file)]
    assert missing == []


def test_every_guarantee_in_the_french_list_names_its_test() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    promises = text.split("## Ce que reseau garantit", 1)[1].split("## Ce que reseau ne", 1)[0]
    items = re.split(r"\n- ", promises)[1:]
    assert len(items) >= 25
    assert [item[:60] for item in items if not REFERENCE.search(item)] == []
