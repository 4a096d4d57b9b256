"""Two editors, hand edits while the wizard is open, a full disk: nothing is lost (issue 15)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reseau_cli import files, store
from reseau_cli.dossier import new_dossier, set_answer
from reseau_cli.errors import ConflictError, DossierBusyError, WriteError
from reseau_cli.session import open_session, retrying
from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
FIXED = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return FIXED


def write_dossier(path: Path) -> None:
    d = set_answer(new_dossier("fr"), "name.name", "Réseau Atlas")
    d = set_answer(d, "name.short_name", "RA")
    store.save(d, path, clock=clock)
    text = path.read_text("utf-8").replace("name:\n", "# NOTE : vérifier le sigle\nname:\n", 1)
    path.write_text(text, "utf-8")


HOLDER = textwrap.dedent("""
    import sys
    from reseau_cli.session import open_session
    session = open_session(sys.argv[1], command="reseau edit d.yaml")
    print("ready", flush=True)
    sys.stdin.readline()
""")


def hold_lock(path: Path) -> subprocess.Popen[str]:
    """A process that keeps ``path`` open for editing until its stdin closes."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_writer_is_refused_and_told_which_process_holds_the_dossier(
        tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    before = path.read_bytes()
    holder = hold_lock(path)
    try:
        done = run_cli("new", str(path), "--defaults", "--lang", "en")
        assert done.returncode == 1, done.stderr
        assert f"process {holder.pid}" in done.stderr
        assert "reseau edit d.yaml" in done.stderr and "Traceback" not in done.stderr
        assert path.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=30)
    assert not files.target_of(path).with_name(".d.yaml.lock").exists()  # tidied on exit


def test_the_lock_of_a_killed_wizard_does_not_block_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    holder = hold_lock(path)
    with pytest.raises(DossierBusyError) as err:
        open_session(path)
    assert err.value.params["pid"] == str(holder.pid)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    with open_session(path) as session:  # the system dropped the dead process's lock
        assert session.dossier is not None


def test_two_paths_to_one_file_share_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    with open_session(path), pytest.raises(DossierBusyError):
        open_session(link)


def hand_edit(path: Path, old: str, new: str) -> None:
    """Another process (an editor) changes the file while the session is open."""
    code = ("import sys, pathlib; p = pathlib.Path(sys.argv[1]); "
            "p.write_text(p.read_text('utf-8').replace(sys.argv[2], sys.argv[3]), 'utf-8')")
    subprocess.run([sys.executable, "-c", code, str(path), old, new], check=True)


def test_a_hand_edit_made_while_the_wizard_is_open_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    with open_session(path, clock=clock) as session:
        assert session.dossier is not None
        hand_edit(path, "short_name: RA", "short_name: RAAC  # vu avec le client")
        saved = session.save(set_answer(session.dossier, "name.tagline", "Du cuir"))
        assert session.merged == ["name.short_name"]
    text = path.read_text("utf-8")
    assert "short_name: RAAC  # vu avec le client" in text
    assert "# NOTE : vérifier le sigle" in text and "tagline: Du cuir" in text
    loaded = store.load(path)
    assert (loaded.name.short_name, loaded.name.tagline) == ("RAAC", "Du cuir")  # type: ignore[attr-defined]
    assert saved.name.short_name == "RAAC"  # type: ignore[attr-defined]


def test_the_same_question_changed_on_both_sides_stops_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    with open_session(path, clock=clock) as session:
        assert session.dossier is not None
        hand_edit(path, "short_name: RA", "short_name: RAAC")
        edited = path.read_bytes()
        with pytest.raises(ConflictError) as err:
            session.save(set_answer(session.dossier, "name.short_name", "ATLAS"))
        assert err.value.params["keys"] == "name.short_name"
        assert path.read_bytes() == edited


def test_a_hand_edit_that_breaks_the_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    with open_session(path, clock=clock) as session:
        assert session.dossier is not None
        hand_edit(path, "short_name: RA", "short_name: [RA")
        with pytest.raises(ConflictError):
            session.save(set_answer(session.dossier, "name.tagline", "x"))
        assert "short_name: [RA" in path.read_text("utf-8")


def test_a_full_disk_keeps_the_answer_in_memory_and_every_earlier_one_on_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.yaml"
    write_dossier(path)
    before = path.read_bytes()
    real_write = os.write
    failures = iter([True])

    def full_disk(fd: int, data: bytes) -> int:
        if next(failures, False):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    asked: list[str] = []

    def ask_retry(error: WriteError) -> bool:
        asked.append(error.key)
        assert path.read_bytes() == before  # the earlier answers are intact meanwhile
        return True

    with open_session(path, clock=clock) as session:
        assert session.dossier is not None
        monkeypatch.setattr(os, "write", full_disk)
        save = retrying(session, ask_retry, lambda keys: None)
        save(set_answer(session.dossier, "name.tagline", "Du cuir"))
    assert asked == ["errors.write_disk_full"]
    assert store.load(path).name.tagline == "Du cuir"  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml"]  # no temporary left


FAILING_OS = textwrap.dedent("""
    # What the operating system says when the disk is full, the folder read-only or locked.
    import errno, os, sys
    name = sys.argv[1]
    code = getattr(errno, name)
    real_open, real_write = os.open, os.write

    def failing_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).endswith(".tmp"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    def failing_write(fd, data):
        raise OSError(code, os.strerror(code))

    if name == "ENOSPC":
        os.write = failing_write
    else:
        os.open = failing_open
    from reseau_cli.cli import main
    sys.argv = ["reseau", *sys.argv[2:]]
    main()
""")



@pytest.mark.parametrize(("code", "said"), [
    ("ENOSPC", "disk full"), ("EROFS", "read-only"), ("EACCES", "permission denied")])
def test_write_failures_are_user_errors_that_name_the_file(tmp_path: Path, code: str,
                                                           said: str) -> None:
    out = tmp_path / "schema.json"
    done = subprocess.run(
        [sys.executable, "-c", FAILING_OS, code, "schema", "-o", str(out)], cwd=ROOT,
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "RESEAU_LANG": "en"})
    assert done.returncode == 1
    assert f"cannot write {out}: {said}" in done.stderr
    assert "Traceback" not in done.stderr and "Unexpected" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_writing_onto_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    done = run_cli("schema", "-o", str(tmp_path / "out.json"), "--force",
                   env={"RESEAU_LANG": "en"})
    assert done.returncode == 1
    assert f"cannot write {tmp_path / 'out.json'}: it is a folder" in done.stderr


WIZARD_ON_A_FULL_DISK = textwrap.dedent("""
    # The first save in the current folder meets a full disk; the next ones succeed.
    import errno, os, sys
    real_open, failed = os.open, []

    def full_once(path, flags, *args, **kwargs):
        if str(path).endswith(".tmp") and os.path.dirname(os.path.abspath(path)) == os.getcwd() \\
                and not failed:
            failed.append(path)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args, **kwargs)

    os.open = full_once
    from reseau_cli.cli import main
    main(["new", "d.yaml", "--no-advice"])
""")


@pytest.mark.slow
def test_the_wizard_keeps_the_answer_on_a_full_disk_and_saves_it_on_retry(
        tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from reseau_cli import i18n
    from reseau_cli.catalogue import load_catalogue
    from tests.wizard_helpers import prompt_pattern

    first, second = load_catalogue().phase_sections(1)[0].questions[:2]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "50", "NO_COLOR": "1",
           "PROMPT_TOOLKIT_NO_CPR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("RESEAU_LANG", None)
    child = pexpect.spawn(sys.executable, ["-c", WIZARD_ON_A_FULL_DISK], cwd=str(tmp_path),
                          env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    child.expect(prompt_pattern("[1/", first.prompt("fr")).replace(r"\[1/", r"\[1/\d+\]"))
    child.send("Notre situation à Fès\r")
    child.expect("disque plein")
    child.expect(r"\s+".join(map(re.escape, i18n.t("store.save_failed", "fr",
                                                   file="d.yaml").split())))
    assert not (tmp_path / "d.yaml").exists() or "Notre situation" not in (
        tmp_path / "d.yaml").read_text("utf-8")
    child.expect_exact(i18n.t("store.retry", "fr"))
    child.send("o\r")
    child.expect(re.escape(second.prompt("fr")[:30]))
    assert store.load(tmp_path / "d.yaml").before.situation == "Notre situation à Fès"  # type: ignore[attr-defined]
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.slow
def test_the_wizard_keeps_a_hand_edit_made_while_it_is_open(tmp_path: Path,
                                                            example_path: Path) -> None:
    """`reseau edit` open in one terminal, the file edited in another: both changes stay."""
    pytest.importorskip("pexpect")
    from reseau_cli.catalogue import load_catalogue
    from tests.wizard_helpers import prompt_pattern, spawn_reseau

    path = tmp_path / "atlas.yaml"
    path.write_text(example_path.read_text("utf-8"), "utf-8")
    name = load_catalogue().section("name").questions[0]
    child = spawn_reseau("edit", "atlas.yaml", "--section", "name", "--no-advice", cwd=tmp_path)
    child.expect(prompt_pattern("[1/", name.prompt("fr")).replace(r"\[1/", r"\[1/\d+\]"))
    hand_edit(path, "  option: network\n", "  option: network  # vu avec le client\n")
    hand_edit(path, "deadline: 2027-12-31", "deadline: 2028-03-31")
    child.send("\x15Réseau Atlas du Cuir\r")
    child.expect("repris")
    child.expect("before.deadline")
    child.send("\x03")
    child.expect(pexpect_eof())
    child.close()
    text = path.read_text("utf-8")
    assert "  option: network  # vu avec le client\n" in text
    loaded = store.load(path)
    assert loaded.name.name == "Réseau Atlas du Cuir"  # type: ignore[attr-defined]
    assert loaded.before.deadline == dt.date(2028, 3, 31)  # type: ignore[attr-defined]


def pexpect_eof() -> object:
    import pexpect

    return pexpect.EOF
