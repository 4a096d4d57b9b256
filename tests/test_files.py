"""Writing files: atomic, through symlinks, with the umask, failures named (issue 15)."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reseau_cli import files


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    files.atomic_write(path, "old\n")
    files.atomic_write(path, "new\n")
    assert path.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_killed_writer_never_leaves_a_truncated_file(tmp_path: Path) -> None:
    """SIGKILL a process that rewrites a big file in a loop: the file is always whole."""
    target = tmp_path / "dossier.yaml"
    old = "a: " + "x" * 2_000_000 + "\n"
    new = "b: " + "y" * 2_000_000 + "\n"
    files.atomic_write(target, old)
    script = textwrap.dedent(f"""
        from pathlib import Path
        from reseau_cli.files import atomic_write
        p = Path({str(target)!r})
        old = "a: " + "x" * 2_000_000 + "\\n"
        new = "b: " + "y" * 2_000_000 + "\\n"
        while True:
            atomic_write(p, new)
            atomic_write(p, old)
    """)
    for delay in (0.05, 0.13, 0.21):
        proc = subprocess.Popen([sys.executable, "-c", script])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert target.read_text() in (old, new)


def test_symlinked_target_is_written_and_the_link_stays(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    files.atomic_write(real, "old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    files.atomic_write(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_new_files_honour_the_umask_and_existing_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        files.atomic_write(tmp_path / "private.yaml", "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "private.yaml").stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_text("x\n")
    shared.chmod(0o640)
    files.atomic_write(shared, "y\n")
    assert shared.stat().st_mode & 0o777 == 0o640


def test_schema_refuses_to_replace_a_file_without_force(tmp_path: Path) -> None:
    from tests.cli_helpers import run_main

    dossier = tmp_path / "reseau.yaml"
    dossier.write_text("language: fr\n")
    assert run_main("schema", "-o", str(dossier)) == 1
    assert dossier.read_text() == "language: fr\n"
    assert run_main("schema", "-o", str(dossier), "--force") == 0
    assert '"properties"' in dossier.read_text()


def test_batch_counts_the_files_written_before_the_disk_filled_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reseau_cli.batch.discover import Job
    from reseau_cli.batch.records import BatchOptions
    from reseau_cli.batch.worker import Worker
    from tests.batch_helpers import write_dossiers

    [path] = write_dossiers(tmp_path / "in", 1)
    real_write = os.write
    calls = iter(range(100))

    def fills_up(fd: int, data: bytes) -> int:
        if next(calls) >= 1:  # the first document fits, the second does not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    worker = Worker(BatchOptions(docs=("charter", "letter"), formats=("md",)))
    try:
        monkeypatch.setattr(os, "write", fills_up)
        result = worker.run(Job(index=0, path=path, slug="d", out_dir=tmp_path / "out"))
    finally:
        monkeypatch.undo()
        worker.close()
    assert result.status == "failed" and result.written == 1
    assert result.failure is not None and result.failure.key == "errors.write_disk_full"
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".md"]
