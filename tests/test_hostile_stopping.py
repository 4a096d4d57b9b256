"""Stopping reseau from outside: ``kill``, ``timeout``, a closed terminal, Ctrl-C.

Every process reseau started (fork server, workers, ``pandoc lua``) must end with it, nothing
may keep writing into ``--out`` afterwards, and no temporary folder may stay behind. The
command runs under a small supervisor that is a "child subreaper": processes orphaned by
reseau's exit are re-attached to it instead of to init, so it sees every descendant, even
one that left reseau's process group or session (pandoc does).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_cli.batch.outfolder import locked_output
from reseau_cli.yamlio import dump
from tests.batch_helpers import make_dossier, write_dossiers

ROOT = Path(__file__).resolve().parent.parent

SUPERVISOR = r"""
import ctypes, glob, json, os, signal, subprocess, sys, time

ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
signum, trigger, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]

def descendants():
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{name}/cmdline", "rb") as handle:
                    line = handle.read().replace(b"\0", b" ").decode(errors="replace")[:70]
            except OSError:
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append((int(name), line))
    found, todo = [], [os.getpid()]
    while todo:
        for pid, line in children.get(todo.pop(), []):
            found.append(line)
            todo.append(pid)
    return found

def reap():
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return

proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
deadline = time.monotonic() + 120
while not glob.glob(trigger) and proc.poll() is None and time.monotonic() < deadline:
    time.sleep(0.01)
running = proc.poll() is None
before = descendants()
os.kill(proc.pid, signum)
stderr = proc.communicate(timeout=60)[1].decode(errors="replace")
deadline = time.monotonic() + 15
survivors = descendants()
while survivors and time.monotonic() < deadline:
    reap()
    time.sleep(0.1)
    survivors = descendants()
print(json.dumps({"running": running, "before": before, "code": proc.returncode,
                  "stderr": stderr[-2000:], "survivors": survivors}))
"""


def _supervise(signum: int, trigger: str, *args: str, cwd: Path, tmp: Path) -> dict[str, object]:
    """Run ``reseau ARGS``, send ``signum`` once a path matches ``trigger``; what was left."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    done = subprocess.run(
        [sys.executable, "-c", SUPERVISOR, str(signum), trigger,
         sys.executable, "-m", "reseau_cli", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=240, check=True)
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _documents(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=["TERM", "HUP", "INT"])
def test_stopped_batch_takes_every_child_and_temporary_folder_with_it(
    tmp_path: Path, signum: int
) -> None:
    write_dossiers(tmp_path / "clients", 10, members=40)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out"
    # Signalled once the first client's Word file is written: the workers and their pandoc
    # processes are then busy with the next dossiers.
    report = _supervise(signum, str(out / "*" / "*.docx"), "batch", "clients", "--out", "out",
                        "--format", "docx", "--jobs", "2", cwd=tmp_path, tmp=scratch)

    assert report["running"], "the batch ended before it could be stopped"
    assert any("pandoc" in line for line in report["before"]), report["before"]  # type: ignore[attr-defined]
    assert report["survivors"] == [], report
    expected = 130 if signum == signal.SIGINT else 128 + signum
    assert report["code"] == expected, report
    assert "Traceback" not in str(report["stderr"])
    assert list(scratch.iterdir()) == []  # no reseau-batch-*, reseau-render-*, pandoc files
    written = _documents(out)
    assert all(not p.name.endswith(".tmp") for p in written), written  # nothing half-written
    if signum != signal.SIGINT:  # Ctrl-C lets the dossiers in hand finish; TERM/HUP do not
        assert len([p for p in written if p.suffix == ".docx"]) < 10 * 3
    with locked_output(out):  # the killed batch left no stale lock
        pass


@pytest.mark.slow
def test_render_stopped_by_timeout_leaves_no_process_and_no_temporary_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "big.yaml").write_text(dump(make_dossier(3, 200)), encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # Stopped as soon as its private folder exists, i.e. while pandoc is converting.
    report = _supervise(signal.SIGTERM, str(scratch / "reseau-render-*"), "render", "big.yaml",
                        "--format", "docx,pdf", "--out", "out", cwd=tmp_path, tmp=scratch)

    assert report["running"], "the render ended before it could be stopped"
    assert report["survivors"] == [], report
    assert report["code"] == 128 + signal.SIGTERM, report
    assert "Traceback" not in str(report["stderr"])
    assert list(scratch.iterdir()) == []
    out = tmp_path / "out"
    assert not out.exists() or all(not p.name.startswith(".") for p in out.iterdir())
