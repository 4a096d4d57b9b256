"""Writing files: atomic, through symlinks, with the umask, failures named (issue 15)."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

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
