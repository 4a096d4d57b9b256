"""``reseau batch`` in a real terminal: a progress bar, then a summary table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.batch_helpers import write_dossiers
from tests.cli_helpers import checkout_env


@pytest.mark.slow
def test_in_a_terminal_a_progress_bar_counts_dossiers_then_a_table_sums_up(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    write_dossiers(tmp_path / "clients", 3)
    (tmp_path / "clients" / "dossier-0001.yaml").write_text("name: [\n", encoding="utf-8")
    child = pexpect.spawn(
        sys.executable, ["-m", "reseau_cli", "batch", "clients", "--out", "out", "--format",
                         "md", "--doc", "charter", "--jobs", "2", "--lang", "en"],
        cwd=str(tmp_path), encoding="utf-8", timeout=120, dimensions=(40, 160),
        env=checkout_env({"PATH": "/usr/bin:/bin", "TERM": "xterm", "NO_COLOR": "1",
                          "HOME": str(tmp_path)}))
    child.expect("Dossiers")
    child.expect("3/3")
    child.expect("Summary")
    child.expect(r"Rendered\s*│\s*2\s*│\s*2")
    child.expect(r"Failed\s*│\s*1")
    child.expect("dossier-0001.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "Traceback" not in (child.before or "")
