"""Shared fixtures: the repository root, the checklist, and a tidy environment for the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "guides" / "examples"


def checklist_path() -> Path | None:
    """The guide's checklist, when the shared folder sits beside the repository."""
    # Beside the repository; a git worktree (/work/wt/NAME) looks one level higher too.
    for candidate in (ROOT.parent / "shared" / "guide" / "checklist.yaml",
                      ROOT.parent.parent / "shared" / "guide" / "checklist.yaml",
                      ROOT / "shared" / "guide" / "checklist.yaml"):
        if candidate.exists():
            return candidate
    return None


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests must not depend on the developer's language settings or terminal width.
    monkeypatch.delenv("RESEAU_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", os.environ.get("TERM", "xterm"))


@pytest.fixture
def example_path() -> Path:
    """The bundled example dossier."""
    path = EXAMPLES / "atlas.yaml"
    if not path.exists():
        pytest.skip("example dossier not written yet")
    return path
