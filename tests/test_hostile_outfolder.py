"""The output tree of a batch: one batch at a time, links never followed, globs that end.

Whoever can write into ``--out`` (a shared folder, an earlier unpacked delivery) may have
planted symbolic links there; documents must not be written where they lead, and a zip must
never carry a file from outside the client's folder.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from reseau_cli.batch import discover, locked_output
from reseau_cli.batch.archive import zip_folder
from reseau_cli.errors import UsageError
from tests.batch_helpers import write_dossiers
from tests.cli_helpers import run_cli


def _batch(*args: str, cwd: Path) -> tuple[int, str]:
    done = run_cli("batch", *args, cwd=cwd, timeout=120)
    assert "Traceback" not in done.stdout + done.stderr
    return done.returncode, done.stdout + done.stderr


def test_second_batch_into_the_same_folder_is_refused_while_the_first_runs(
    tmp_path: Path,
) -> None:
    write_dossiers(tmp_path / "clients", 2)
    out = tmp_path / "out"
    with locked_output(out):  # the first batch, still running (as far as the lock says)
        code, output = _batch("clients", "--out", "out", "--format", "md", cwd=tmp_path)
        assert code == 2, output
        assert "Un autre « reseau batch » écrit déjà dans out" in output
        assert list(out.iterdir()) == []  # refused before writing anything
    code, output = _batch("clients", "--out", "out", "--format", "md", cwd=tmp_path)
    assert code == 0, output  # once the first one is over, the folder is free again
    assert len(list(out.iterdir())) == 2  # the two client folders, no lock file left behind


def test_lock_is_per_folder_and_refused_in_english_too(tmp_path: Path) -> None:
    with (locked_output(tmp_path / "a"), locked_output(tmp_path / "b"),
          pytest.raises(UsageError) as caught, locked_output(tmp_path / "a")):
        pass  # pragma: no cover - refused above
    assert caught.value.key == "batch.out_busy"
    write_dossiers(tmp_path / "clients", 1)
    with locked_output(tmp_path / "a"):
        code, output = _batch("clients", "--out", "a", "--lang", "en", cwd=tmp_path)
    assert code == 2 and "Another 'reseau batch' is already writing into a" in output


def test_client_folder_that_is_a_link_is_refused_and_nothing_is_written_there(
    tmp_path: Path,
) -> None:
    write_dossiers(tmp_path / "clients", 2)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "reseau-atlas-cuir-0").symlink_to(elsewhere, target_is_directory=True)

    code, output = _batch("clients", "--out", "out", "--format", "md", "--doc", "charter",
                          cwd=tmp_path)

    assert code == 1, output
    assert "out/reseau-atlas-cuir-0 est un lien symbolique" in output
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in (out / "reseau-tifawin-cuir-1").iterdir()] == [
        "reseau-tifawin-cuir-1_charte.md"]


def test_linked_files_in_the_output_tree_are_replaced_never_written_through(
    tmp_path: Path,
) -> None:
    write_dossiers(tmp_path / "clients", 1)
    target = tmp_path / "victim.md"
    target.write_text("victim", encoding="utf-8")
    folder = tmp_path / "out" / "reseau-atlas-cuir-0"
    folder.mkdir(parents=True)
    document = folder / "reseau-atlas-cuir-0_charte.md"
    document.symlink_to(target)

    code, output = _batch("clients", "--out", "out", "--format", "md", "--doc", "charter",
                          "--force", cwd=tmp_path)

    assert code == 0, output
    assert target.read_text(encoding="utf-8") == "victim"
    assert not document.is_symlink() and "Réseau Atlas" in document.read_text("utf-8")


def test_zip_never_packs_what_a_link_points_to(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.txt").write_text("privé", encoding="utf-8")
    folder = tmp_path / "out" / "client"
    (folder / "annexes").mkdir(parents=True)
    (folder / "client_charte.md").write_text("# Charte\n", encoding="utf-8")
    (folder / "annexes" / "plan.md").write_text("# Plan\n", encoding="utf-8")
    (folder / "client_lettre.md").symlink_to(secret)
    (folder / "annexes" / "more").symlink_to(private, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)

    assert zip_folder(folder, tmp_path / "out" / "client.zip", force=False)

    with zipfile.ZipFile(io.BytesIO((tmp_path / "out" / "client.zip").read_bytes())) as archive:
        assert archive.namelist() == ["client/annexes/plan.md", "client/client_charte.md"]
        contents = b"".join(archive.read(name) for name in archive.namelist())
    assert b"mot de passe" not in contents and "privé".encode() not in contents


def test_batch_zip_leaves_out_a_planted_link(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "clients", 1)
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    folder = tmp_path / "out" / "reseau-atlas-cuir-0"
    folder.mkdir(parents=True)
    (folder / "notes.md").symlink_to(secret)

    code, output = _batch("clients", "--out", "out", "--format", "md", "--doc", "charter",
                          "--zip", cwd=tmp_path)

    assert code == 0, output
    with zipfile.ZipFile(tmp_path / "out" / "reseau-atlas-cuir-0.zip") as archive:
        assert archive.namelist() == ["reseau-atlas-cuir-0/reseau-atlas-cuir-0_charte.md"]


def test_recursive_glob_through_link_loops_visits_each_folder_once(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    write_dossiers(clients / "nord", 2)
    write_dossiers(clients / "sud" / "2026", 1, start=5)
    # Loops that would make a naive ``**`` walk (glob.glob) run for minutes or forever.
    for folder in (clients, clients / "nord", clients / "sud", clients / "sud" / "2026"):
        (folder / "self").symlink_to(".", target_is_directory=True)
        (folder / "up").symlink_to("..", target_is_directory=True)
    (clients / "sud" / "2026" / "top").symlink_to(clients, target_is_directory=True)

    started = time.monotonic()
    found = discover([str(clients / "**" / "*.yaml")])
    assert time.monotonic() - started < 5

    assert [p.relative_to(clients).as_posix() for p in found] == [
        "nord/dossier-0000.yaml", "nord/dossier-0001.yaml", "sud/2026/dossier-0005.yaml"]


def test_recursive_glob_still_follows_a_link_to_another_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_dossiers(tmp_path / "archive", 1)
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "old").symlink_to(tmp_path / "archive", target_is_directory=True)
    (tmp_path / "clients" / "again").symlink_to(tmp_path / "archive", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    found = discover(["clients/**/*.yaml"])
    assert len(found) == 1 and found[0].name == "dossier-0000.yaml"
