"""``reseau batch`` from the outside: plain lines without a terminal, summary, exit codes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reseau_cli.yamlio import dump
from tests.batch_helpers import make_dossier, write_dossiers
from tests.cli_helpers import checkout_env, run_cli


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli("batch", *args, cwd=cwd, env=env, timeout=300)


def _break(path: Path) -> int:
    """Put an impossible choice in a dossier; return its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("  geography:"))
    lines[index] = "  geography: planetary\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def test_without_a_terminal_each_dossier_gets_one_plain_line_and_failures_exit_1(
    tmp_path: Path,
) -> None:
    write_dossiers(tmp_path / "clients", 4)
    bad = Path("clients") / "dossier-0002.yaml"
    line = _break(tmp_path / bad)

    result = run("clients", "--out", "out", "--format", "md,html", "--doc", "charter",
                 "--jobs", "2", cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    per_dossier = [ln for ln in lines if ln.startswith(("ok ", "ÉCHEC "))]
    assert len(per_dossier) == 4
    assert sum(ln.startswith("ok ") for ln in per_dossier) == 3
    ok = next(ln for ln in per_dossier if "dossier-0000.yaml" in ln)
    assert ok.split() == ["ok", "clients/dossier-0000.yaml", "→",
                          "out/reseau-atlas-cuir-0", "(2", "fichiers", "écrits)"]
    failed = next(ln for ln in per_dossier if ln.startswith("ÉCHEC"))
    assert f"{bad}:{line}:" in failed and "scope.geography" in failed
    assert "Bilan : 3 rendus, 0 ignoré (déjà présents, sans --force), 1 en échec" in (
        result.stdout)
    assert f"  {bad}: {bad}:{line}:" in result.stdout  # the failure, again, in the summary
    assert "\x1b[" not in result.stdout  # no progress bar, no colour codes
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "reseau-argane-cuir-3", "reseau-atlas-cuir-0", "reseau-tifawin-cuir-1"]


def test_a_second_run_skips_and_counts_existing_outputs_and_exits_0(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 2)
    args = ("clients/*.yaml", "--out", "out", "--format", "md", "--doc", "charter,plan")
    assert run(*args, cwd=tmp_path).returncode == 0

    again = run(*args, cwd=tmp_path, RESEAU_LANG="en")  # English messages, same documents

    assert again.returncode == 0, again.stderr
    assert again.stdout.count("skip ") == 2
    assert "Summary: 0 rendered, 2 skipped (already there, no --force), 0 failed" in again.stdout


def test_duplicate_slugs_get_their_own_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "client.yaml").write_text(dump(make_dossier(5)), encoding="utf-8")

    result = run("b", "a", "--out", "out", "--format", "md", "--doc", "plan", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    slug = "reseau-oasis-cuir-5"
    assert f"a/client.yaml → out/{slug} " in result.stdout
    assert f"b/client.yaml → out/{slug}-2 " in result.stdout
    assert (tmp_path / "out" / f"{slug}-2" / f"{slug}-2_plan-action.md").exists()


def test_bad_options_are_usage_errors_before_anything_runs(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 1)
    unknown = run("clients", "--out", "out", "--format", "md,odt", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "odt" in unknown.stderr and "md, html, docx, pdf" in unknown.stderr
    nothing = run("nowhere/*.yaml", "--out", "out", cwd=tmp_path)
    assert nothing.returncode == 2 and "nowhere/*.yaml" in nothing.stderr
    assert not (tmp_path / "out").exists()


def test_check_adds_findings_to_lines_and_summary(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 2)
    result = run("clients", "--out", "out", "--format", "md", "--doc", "charter", "--check",
                 "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("; diagnostic : ") == 2
    assert "Diagnostic : " in result.stdout and "dans 2 dossiers" in result.stdout


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_leaves_only_complete_files(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 30, members=20)
    out = tmp_path / "out"
    # A new session stands for the terminal: Ctrl-C reaches the parent and every worker.
    process = subprocess.Popen(
        [sys.executable, "-m", "reseau_cli", "batch", "clients", "--out", "out", "--jobs", "2",
         "--format", "md,html,docx,pdf"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(out.rglob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr + stdout
    assert "Interrompu" in stdout
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    done = [ln for ln in stdout.splitlines() if ln.startswith("ok ")]
    assert 1 <= len(done) < 30
    assert "ÉCHEC" not in stdout  # dossiers in hand finish: converters are not killed mid-way
    _assert_complete(out)


def _assert_complete(out: Path) -> None:
    import docx
    from pypdf import PdfReader

    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    for path in files:
        if path.suffix == ".md":
            assert path.read_text(encoding="utf-8").endswith("\n")
        elif path.suffix == ".html":
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
        elif path.suffix == ".docx":
            assert docx.Document(str(path)).paragraphs
        elif path.suffix == ".pdf":
            assert PdfReader(path).pages[0].extract_text()


def test_templates_that_cannot_load_stop_the_batch_with_one_message(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 3)
    result = run("clients", "--out", "out", "--format", "md", "--templates", "nowhere",
                 "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere" in result.stderr
    assert "ok " not in result.stdout and "ÉCHEC" not in result.stdout
    assert "Traceback" not in result.stderr


def test_a_log_that_cannot_hold_accents_does_not_stop_the_batch(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 2)
    result = subprocess.run(
        [sys.executable, "-m", "reseau_cli", "batch", "clients", "--out", "out", "--format", "md",
         "--doc", "charter"], capture_output=True, cwd=tmp_path, timeout=300,
        env=checkout_env({**os.environ, "PYTHONIOENCODING": "ascii"}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\nok ") + result.stdout.startswith(b"ok ") == 2


def test_the_brand_file_beside_the_dossiers_is_not_taken_for_one(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 1)
    (tmp_path / "clients" / "brand.yaml").write_text(
        'organisation: "Cabinet Conseil"\nfooter: "Casablanca"\n', encoding="utf-8")
    result = run("clients", "--out", "out", "--format", "html", "--doc", "charter",
                 "--brand", "clients/brand.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "brand.yaml" not in result.stdout
    [page] = (tmp_path / "out").rglob("*.html")
    assert "Cabinet Conseil" in page.read_text(encoding="utf-8")
