"""Paths: whatever the network is called, documents land inside --out under safe, distinct names.

The names are the ones a hostile or careless dossier could carry: path traversal, absolute paths,
Windows device names, dots, separators, control characters, scripts with no Latin letters, very
long names. Every render runs inside a sandbox folder that is snapshotted before and after: the
only new or changed files must be inside ``--out``.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from reseau_cli import yamlio
from reseau_cli.naming import dossier_slug, file_name, slugify_name
from reseau_cli.store import parse
from tests.cli_helpers import run_main

HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/passwd",
    "..\\..\\Windows\\System32",
    "CON",
    "con",
    "NUL.txt",
    "nul",
    "COM1",
    "LPT9",
    "AUX.md",
    "..",
    "...",
    ".",
    "",
    "   ",
    "~/.bashrc",
    "$(rm -rf ~)",
    "-rf",
    "a/b",
    "a\\b",
    "a:b",
    "a\x00b",
    "\x01\x02\x1b[2J",
    "\u202eexe.gnp",
    "شبكة الحرفيين",
    "تعاونية تيفاوين",
    "网络",
    "Ωμέγα",
    "🙂🙂",
    "x" * 500,
    "x" * 499 + "y",
    "Réseau Atlas",
]

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", "clock$", *(f"com{i}" for i in range(10)),
                    *(f"lpt{i}" for i in range(10))}
SAFE_FILE = re.compile(r"^[a-z0-9][a-z0-9-]*_[a-z-]+\.(md|html|docx|pdf)$")


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_any_name_gives_a_safe_portable_file_name(name: str) -> None:
    slug = slugify_name(name)
    for fmt in ("md", "html", "docx", "pdf"):
        for lang in ("fr", "en"):
            file = file_name(slug, "charter", fmt, lang)
            assert SAFE_FILE.match(file), file
            assert file.split(".")[0].split("_")[0] not in WINDOWS_RESERVED
            assert len(file.encode("utf-8")) <= 255 // 2  # room for a folder and a backup suffix


def test_different_hostile_names_give_different_slugs() -> None:
    # Names that differ only in case, blanks or punctuation may share a slug; all the others
    # (including the ones a slug cannot spell, such as Arabic) must stay apart.
    distinct = {}
    for name in HOSTILE_NAMES:
        key = re.sub(r"[\W_]+", "", name.lower())
        distinct.setdefault(key, name)
    slugs = [slugify_name(name) for name in distinct.values()]
    assert len(set(slugs)) == len(slugs), sorted(slugs)


def test_long_names_sharing_a_beginning_stay_apart() -> None:
    assert slugify_name("x" * 500) != slugify_name("x" * 499 + "y")
    assert slugify_name("شبكة الحرفيين") != slugify_name("تعاونية تيفاوين")


def snapshot(root: Path, skip: Path) -> dict[str, str]:
    """Every file under ``root`` (outside ``skip``) with a digest of its content."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        if path.is_file() or path.is_symlink():
            data = path.read_bytes() if path.is_file() else b"->" + str(path.readlink()).encode()
            files[str(path.relative_to(root))] = hashlib.sha256(data).hexdigest()
        else:
            files[str(path.relative_to(root))] = "dir"
    return files


def dossier_named(name: str, short_name: str | None = None) -> str:
    data: dict[str, object] = {"schema_version": 1, "language": "fr", "name": {"name": name}}
    if short_name is not None:
        data["name"] = {"name": name, "short_name": short_name}  # type: ignore[dict-item]
    return yamlio.dump(data)


def sandbox(tmp_path: Path, text: str) -> tuple[Path, Path, Path]:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    dossier = work / "dossier.yaml"
    dossier.write_text(text, encoding="utf-8")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("not to be touched\n")
    return work, dossier, work / "out"




RENDERABLE = [n for n in HOSTILE_NAMES if 2 <= len(n.strip()) <= 120]


@pytest.mark.parametrize("name", RENDERABLE, ids=range(len(RENDERABLE)))
def test_render_writes_only_inside_out(tmp_path: Path, name: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    work, dossier, out = sandbox(tmp_path, dossier_named(name))
    before = snapshot(tmp_path, out)
    code = run_main("render", str(dossier), "--format", "md", "--doc", "charter",
                    "--out", str(out))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert snapshot(tmp_path, out) == before
    written = [p for p in out.rglob("*")]
    assert len(written) == 1 and written[0].parent == out, written
    assert SAFE_FILE.match(written[0].name)
    assert written[0].name.startswith(dossier_slug(parse(dossier.read_text("utf-8"), "d")))


@pytest.mark.parametrize("name", ["x" * 500, ".", "", "\t"])
def test_names_the_schema_refuses_write_nothing(tmp_path: Path, name: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    work, dossier, out = sandbox(tmp_path, dossier_named(name))
    before = snapshot(tmp_path, out)
    code = run_main("render", str(dossier), "--format", "md", "--out", str(out))
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "(name.name)" in captured.err
    assert snapshot(tmp_path, out) == before
    assert not out.exists()


def test_short_name_is_also_made_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work, dossier, out = sandbox(tmp_path, dossier_named("Réseau Atlas", "../../etc"))
    before = snapshot(tmp_path, out)
    assert run_main("render", str(dossier), "--format", "md", "--doc", "letter",
                    "--out", str(out)) == 0
    assert snapshot(tmp_path, out) == before
    assert [p.parent for p in out.iterdir()] == [out]


def test_out_that_is_a_file_is_refused_and_left_alone(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    work, dossier, _ = sandbox(tmp_path, dossier_named("Réseau Atlas"))
    target = work / "out.txt"
    target.write_text("keep me\n")
    code = run_main("render", str(dossier), "--format", "md", "--out", str(target))
    assert code in (1, 2)
    assert target.read_text() == "keep me\n"
    assert "Traceback" not in capsys.readouterr().err


def test_existing_document_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work, dossier, out = sandbox(tmp_path, dossier_named("Réseau Atlas"))
    assert run_main("render", str(dossier), "--format", "md", "--doc", "charter",
                    "--out", str(out)) == 0
    (written,) = out.iterdir()
    written.write_text("signed version\n")
    code = run_main("render", str(dossier), "--format", "md", "--doc", "charter",
                    "--out", str(out))
    assert code == 1
    assert written.read_text() == "signed version\n"
    assert str(written) in capsys.readouterr().err


@pytest.mark.slow
def test_traversal_name_in_every_format_through_the_real_command(tmp_path: Path) -> None:
    work, dossier, out = sandbox(tmp_path, dossier_named("../../etc/passwd", "../../etc"))
    before = snapshot(tmp_path, out)
    result = subprocess.run(
        [sys.executable, "-m", "reseau_cli", "render", str(dossier), "--out", str(out)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path, out) == before
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 12 and all(SAFE_FILE.match(n) for n in names), names
    assert (tmp_path / "etc" / "passwd").read_text() == "not to be touched\n"


def test_batch_of_hostile_names_stays_inside_out_with_distinct_folders(tmp_path: Path) -> None:
    work, _, out = sandbox(tmp_path, dossier_named("unused"))
    clients = work / "clients"
    clients.mkdir()
    names = ["../../etc/passwd", "CON", "con", "..", "شبكة الحرفيين", "تعاونية تيفاوين",
             "a/b", "a\\b", "Réseau Atlas", "reseau atlas"]
    for i, name in enumerate(names):
        (clients / f"client{i}.yaml").write_text(dossier_named(name), encoding="utf-8")
    before = snapshot(tmp_path, out)
    result = subprocess.run(
        [sys.executable, "-m", "reseau_cli", "batch", str(clients), "--out", str(out),
         "--format", "md", "--doc", "charter", "--zip", "--jobs", "2"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(tmp_path, out) == before
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == len(names)  # one folder per client, even when slugs collide
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        assert re.match(r"^[a-z0-9][a-z0-9._-]*$", path.name), path.name
    archives = list(out.rglob("*.zip"))
    assert archives
    for archive in archives:
        with zipfile.ZipFile(archive) as package:
            for member in package.namelist():
                parts = PurePosixPath(member).parts
                assert not member.startswith(("/", "\\")) and ".." not in parts, member
