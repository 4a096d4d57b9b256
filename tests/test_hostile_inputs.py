"""Broken dossiers through the real command line: a clear message with its place, never a crash.

The cases run through ``python -m reseau_cli validate`` in child processes whose address space is
capped (so "bounded memory" is enforced by the kernel, not measured) and whose run time is bounded
by the subprocess timeout; one run per expected exit code keeps the file fast.
"""

from __future__ import annotations

import resource
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau_cli import yamlio
from tests.cli_helpers import run_cli, run_main

MEMORY_LIMIT = 600 * 1024 * 1024
TIMEOUT = 60


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def reseau(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=TIMEOUT, preexec_fn=_cap_memory)


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        text += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


def _write(content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "dossier.yaml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path
    return make


def _sparse(size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "dossier.yaml"
        with open(path, "wb") as handle:
            handle.write(b"schema_version: 1\nname:\n  name: ")
            handle.truncate(size)  # a hole: created instantly, would take 50 MB to read
        return path
    return make


def _folder(folder: Path) -> Path:
    path = folder / "dossier.yaml"
    path.mkdir()
    return path


def _fifo(folder: Path) -> Path:
    import os

    path = folder / "dossier.yaml"
    os.mkfifo(path)  # nobody ever writes to it: reading would block forever
    return path


# (id, how to make the file, exit code, line:column expected after the file name or None,
#  a fragment of the message)
CASES: list[tuple[str, Callable[[Path], Path], int, str | None, str]] = [
    ("syntax_error", _write("schema_version: 1\nname:\n  name: [Atlas\n"), 2, ":4:", "syntaxe"),
    ("unclosed_quote", _write('schema_version: 1\nname:\n  name: "Atlas\n'), 2, ":", "syntaxe"),
    ("bad_indent", _write("schema_version: 1\nname:\n  name: a\n short_name: b\n"), 2, ":4:",
     "syntaxe"),
    ("wrong_types",
     _write("schema_version: 1\nobjective:\n  open: peut-être\ndues:\n  amount: beaucoup\n"), 1,
     ":3:3 (objective.open)", "oui ou non"),
    ("list_instead_of_text", _write("schema_version: 1\nname:\n  name: [a, b]\n"), 1,
     ":3:3 (name.name)", "texte"),
    ("text_instead_of_list", _write("schema_version: 1\nmembers:\n  entities: Atlas\n"), 1,
     ":3:3 (members.entities)", "liste"),
    ("unknown_key_near_miss", _write("schema_version: 1\nname:\n  nmae: Atlas\n"), 1,
     ":3:3 (name.nmae)", "Vouliez-vous dire « name »"),
    ("unknown_section_near_miss", _write("schema_version: 1\nmembres:\n  entities: []\n"), 1,
     ":2:1 (membres)", "Vouliez-vous dire « members »"),
    ("unknown_key_far", _write("schema_version: 1\nzzzz: 1\n"), 1, ":2:1 (zzzz)",
     "clé inconnue"),
    ("member_without_name",
     _write("schema_version: 1\nmembers:\n  entities:\n    - kind: company\n"), 1,
     ":4:7 (members.entities[0].name)", "obligatoire"),
    ("bad_email",
     _write("schema_version: 1\nmembers:\n  entities:\n    - {name: A, email: nope}\n"), 1,
     ":4:17 (members.entities[0].email)", "courriel"),
    ("impossible_date", _write("schema_version: 1\nbefore:\n  deadline: 2026-02-30\n"), 1,
     ":3:3 (before.deadline)", "AAAA-MM-JJ"),
    ("impossible_timestamp", _write("schema_version: 1\nmeta:\n  created: 2026-13-45 25:61\n"), 1,
     ":3:3 (meta.created)", "date"),
    ("explicit_tag_that_fails", _write("schema_version: !!int abc\n"), 1, ":1:1 (schema_version)",
     "abc"),
    ("huge_integer", _write("schema_version: 1\ndues:\n  amount: " + "9" * 5000 + "\n"), 1,
     ":3:3 (dues.amount.value)", "montant"),
    ("python_tag", _write("schema_version: 1\nname: !!python/object/apply:os.system [id]\n"), 2,
     ":2:7", "étiquette"),
    ("python_scalar_tag", _write("schema_version: 1\nname:\n  name: !!python/name:os.system ''\n"),
     2, ":3:", "syntaxe"),
    ("set_tag", _write("schema_version: 1\nname: !!set {a, b}\n"), 2, ":2:7", "étiquette"),
    ("merge_key", _write("schema_version: 1\nname:\n  <<: {name: x}\n"), 2, ":3:3", "merge"),
    ("complex_key", _write("schema_version: 1\n? [name]\n: x\n"), 2, ":2:3", "clé"),
    ("empty_file", _write(""), 1, None, "vide"),
    ("only_comments", _write("# rien\n# toujours rien\n"), 1, None, "vide"),
    ("not_a_mapping", _write("- a\n- b\n"), 1, ":1:1", "clés"),
    ("plain_scalar", _write("bonjour\n"), 1, ":1:1", "clés"),
    ("folder", _folder, 2, None, "dossier, pas un fichier"),
    ("named_pipe", _fifo, 2, None, "lecture impossible"),
    ("binary", _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 2, None, "binaire"),
    ("bom_crlf_is_fine",
     _write("\ufeffschema_version: 1\r\nname:\r\n  name: Réseau Atlas\r\n".encode()), 0, None,
     "valide"),
    ("bom_crlf_error_is_placed",
     _write("\ufeffschema_version: 1\r\nname:\r\n  nmae: Atlas\r\n".encode()), 1,
     ":3:3 (name.nmae)", "name"),
    ("cr_only_line_ends", _write(b"schema_version: 1\rname:\r  nmae: Atlas\r"), 1,
     ":3:3 (name.nmae)", "name"),
    ("latin1", _write("schema_version: 1\nname:\n  name: Réseau\n".encode("latin-1")), 2, ":3:10",
     "UTF-8"),
    ("utf16", _write("schema_version: 1\n".encode("utf-16")), 2, None, ""),
    ("tab_indent", _write("schema_version: 1\nname:\n\tname: Atlas\n"), 2, ":3:", "tabulations"),
    ("duplicate_key", _write("schema_version: 1\nname: {name: A}\nname: {name: B}\n"), 2, ":3:1",
     "deux fois"),
    ("duplicate_nested_key", _write("schema_version: 1\nname:\n  name: A\n  name: B\n"), 2,
     ":4:3", "ligne 3"),
    ("alias", _write("schema_version: 1\nname: &n {name: A}\nscope: *n\n"), 2, ":", "alias"),
    ("billion_laughs", _write(billion_laughs()), 2, ":", "alias"),
    ("deep_nesting", _write("schema_version: 1\nname: " + "[" * 900 + "]" * 900 + "\n"), 2, ":2:",
     "syntaxe"),
    ("deep_mapping", _write("schema_version: 1\nname: " + "{a: " * 400 + "1" + "}" * 400 + "\n"),
     2, ":2:", "syntaxe"),
    ("schema_from_future", _write("schema_version: 99\nname:\n  name: Atlas\n"), 1, ":1:1",
     "plus récente"),
    ("schema_version_text", _write("schema_version: deux\n"), 1, ":1:1 (schema_version)", "deux"),
    ("fifty_megabytes", _sparse(50 * 1024 * 1024), 2, None, "trop volumineux"),
    ("just_over_limit", _sparse(yamlio.MAX_BYTES + 1), 2, None, "trop volumineux"),
    ("nul_escape_in_value", _write('schema_version: 1\nname:\n  name: "a\\0b"\n'), 0, None,
     "valide"),
    ("unprintable_raw_character", _write("schema_version: 1\nname:\n  name: a\x07b\n"), 2, None,
     "syntaxe"),
]


def _fr(n: int, word: str) -> str:
    return f"{n} {word}" if n < 2 else f"{n} {word}s"  # French: 0 and 1 take the singular


def group_summary(code: int, n: int) -> str:
    counts = [n if code == i else 0 for i in range(3)]
    return ", ".join(_fr(c, w) for c, w in zip(counts, ("valide", "invalide", "illisible"),
                                              strict=True))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """Validate every case, one ``reseau validate`` run per expected exit code.

    Each run's exit code and summary line prove every file of the group got its verdict;
    each file's own lines (its message and problems) are then checked case by case.
    """
    root = tmp_path_factory.mktemp("broken")
    paths = {}
    for case_id, make, *_ in CASES:
        folder = root / case_id
        folder.mkdir()
        paths[case_id] = make(folder)
    results: dict[str, tuple[int, str]] = {}
    for code in (0, 1, 2):
        group = [c[0] for c in CASES if c[2] == code]
        result = reseau("validate", *(str(paths[c]) for c in group))
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "Erreur inattendue" not in output, output
        assert result.returncode == code, output
        assert group_summary(code, len(group)) in result.stdout, output
        blocks: list[str] = []
        for line in output.splitlines():
            if line.startswith("  - ") and blocks:
                blocks[-1] += "\n" + line
            else:
                blocks.append(line)
        for case_id in group:
            mine = [b for b in blocks if b.startswith(str(paths[case_id]))]
            results[case_id] = (code, str(paths[case_id]) + "\n" + "\n".join(mine))
    return results


@pytest.mark.parametrize(("case_id", "place", "fragment"),
                         [(c[0], c[3], c[4]) for c in CASES], ids=[c[0] for c in CASES])
def test_broken_dossier_gets_a_placed_message_and_a_clean_exit(
    verdicts: dict[str, tuple[int, str]], case_id: str, place: str | None, fragment: str
) -> None:
    _, output = verdicts[case_id]
    path, _, messages = output.partition("\n")
    assert messages.startswith(path), f"no verdict for {path}"
    if place is not None:
        assert f"{path}{place}" in messages, messages
    assert fragment in messages, messages


def test_broken_dossier_messages_exist_in_english(tmp_path: Path) -> None:
    path = _write("schema_version: 1\nname:\n  nmae: Atlas\nbefore:\n  deadline: 2026-02-30\n")(
        tmp_path)
    result = reseau("validate", str(path), "--lang", "en")
    assert result.returncode == 1
    assert "Did you mean 'name'" in result.stderr
    assert f"{path}:5:3 (before.deadline)" in result.stderr


def test_several_files_each_get_their_verdict_and_the_worst_exit_code(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("schema_version: 1\nname:\n  name: Atlas\n", encoding="utf-8")
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("schema_version: 1\nname:\n  nmae: Atlas\n", encoding="utf-8")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01")
    result = reseau("validate", str(good), str(invalid), str(binary), str(tmp_path / "absent"))
    assert result.returncode == 2
    for path in (good, invalid, binary):
        assert str(path) in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_device_file_is_refused_without_reading_it_forever() -> None:
    result = reseau("validate", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero" in result.stderr
    assert "Traceback" not in result.stderr


def test_hostile_value_cannot_drive_the_terminal_through_an_error_message(tmp_path: Path) -> None:
    # An invalid choice is quoted back to the user: escape sequences must arrive defused.
    path = tmp_path / "d.yaml"
    path.write_text('schema_version: 1\nobjective:\n  main: "\\e]0;pwned\\a\\e[2J\\u202eabc"\n'
                    '"\\e[31mkey": 1\n', encoding="utf-8")
    result = reseau("validate", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "\\x1b]0;pwned" in result.stderr


def test_thousands_of_mistakes_are_counted_and_the_first_ones_explained(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    rows = "".join(f"    - {{name: M{i}, kind: nope}}\n" for i in range(3000))
    path.write_text("schema_version: 1\nmembers:\n  entities:\n" + rows, encoding="utf-8")
    result = reseau("validate", str(path))
    assert result.returncode == 1
    assert "3000 problèmes" in result.stderr
    assert f"{path}:4:" in result.stderr
    assert len(result.stderr.splitlines()) < 500




BROKEN = [c for c in CASES if c[2] != 0]


COMMAND_CASES = [
    (command, c[0], c[2], c[3])
    for command in ("check", "render", "new --answers", "render --brand")
    for c in BROKEN
    # an empty answers or brand file just gives nothing: not an error
    if not (command in ("new --answers", "render --brand")
            and c[0] in ("empty_file", "only_comments"))
]


@pytest.mark.parametrize(("command", "case_id", "code", "place"), COMMAND_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in COMMAND_CASES])
def test_every_command_refuses_a_broken_file_like_validate(
    verdicts: dict[str, tuple[int, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    command: str, case_id: str, code: int, place: str | None,
) -> None:
    path = verdicts[case_id][1].partition("\n")[0]
    out = tmp_path / "out"
    good = tmp_path / "good.yaml"
    good.write_text("schema_version: 1\nname:\n  name: Atlas\n", encoding="utf-8")
    args = {
        "check": ["check", path],
        "render": ["render", path, "--out", str(out), "--format", "md"],
        "new --answers": ["new", str(out / "new.yaml"), "--answers", path],
        # a brand file is YAML from a third party too, read by the same safe loader
        "render --brand": ["render", str(good), "--out", str(out), "--format", "md",
                           "--brand", path],
    }[command]
    returned = run_main(*args)
    err = capsys.readouterr().err
    if command == "check":  # keeps 1 for "the diagnosis found errors"; undiagnosable: 2
        assert returned == 2
    elif command == "render":
        assert returned == code
    else:
        assert returned in (1, 2)
    assert path in err and "Traceback" not in err and "Erreur inattendue" not in err
    if place is not None and command != "render --brand":
        assert f"{path}{place}" in err
    assert not out.exists()


def test_batch_over_a_folder_of_broken_dossiers_reports_each_and_renders_the_good(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for case_id, make, *_ in CASES:
        work = tmp_path / "make" / case_id
        work.mkdir(parents=True)
        make(work).rename(folder / f"{case_id}.yaml")
    out = tmp_path / "out"
    result = reseau("batch", str(folder), "--out", str(out), "--format", "md", "--jobs", "2")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Erreur inattendue" not in output
    for case_id, _, code, *_ in CASES:
        if code != 0 and case_id not in ("folder", "named_pipe"):
            assert f"{case_id}.yaml" in output, case_id
    written = sorted(p.relative_to(out).parts[0] for p in out.rglob("*.md"))
    assert len(set(written)) == len([c for c in CASES if c[2] == 0])


def test_batch_cannot_drive_the_terminal_through_file_names(tmp_path: Path) -> None:
    # A folder of dossiers from other people may hold any file name, escape sequences included.
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "a\x1b[2Jb.yaml").write_text("schema_version: 1\nname:\n  name: Atlas\n",
                                           encoding="utf-8")
    (folder / "c\x1b]0;pwned\x07d.yaml").write_text("schema_version: 1\nname:\n  nmae: A\n",
                                                    encoding="utf-8")
    result = reseau("batch", str(folder), "--out", str(tmp_path / "out"), "--format", "md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "\x1b" not in output and "\x07" not in output


def _dossier_with(facilitator: int, why: int, members: int) -> str:
    rows = "".join(f"    - {{name: Membre {i}}}\n" for i in range(members))
    return ("schema_version: 1\nmembers:\n"
            f"  facilitator: {'f' * facilitator}\n  entities:\n{rows}"
            f"before:\n  why_network: {'w' * why}\n")


def test_overlong_answers_are_refused_with_their_limit_and_place(tmp_path: Path) -> None:
    # Bounds no real charter comes near, which keep every later stage (pandoc, Typst) fast.
    at_limit = _write(_dossier_with(200, 5_000, 2_000))(tmp_path)
    result = reseau("validate", str(at_limit))
    assert result.returncode == 0, result.stderr

    over = tmp_path / "over.yaml"
    over.write_text(_dossier_with(201, 5_001, 2_001), encoding="utf-8")
    result = reseau("validate", str(over))
    assert result.returncode == 1
    assert f"{over}:3:3 (members.facilitator)" in result.stderr
    assert "au plus 200 caractères" in result.stderr
    assert "(before.why_network)" in result.stderr and "au plus 5000 caractères" in result.stderr
    assert f"{over}:4:3 (members.entities)" in result.stderr
    assert "2001 éléments, au plus 2000" in result.stderr
    assert "Traceback" not in result.stderr

    english = reseau("validate", str(over), "--lang", "en")
    assert "at most 200 characters" in english.stderr and "at most 2000" in english.stderr


def test_the_schema_states_the_same_limits(tmp_path: Path) -> None:
    import json

    result = reseau("schema")
    schema = json.loads(result.stdout)
    text = json.dumps(schema)
    assert '"maxLength": 200' in text and '"maxLength": 5000' in text
    assert '"maxItems": 2000' in text
    assert "200000" not in text


def test_nesting_stops_at_forty_levels(tmp_path: Path) -> None:
    def nested(depth: int) -> str:
        return "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"

    yamlio.load_located(nested(40), "ok.yaml")
    with pytest.raises(yamlio.UnreadableError) as caught:
        yamlio.load_located(nested(41), "deep.yaml")
    assert caught.value.params["reason"] == "nested deeper than 40 levels"
