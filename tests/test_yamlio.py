from pathlib import Path

import pytest

from reseau_cli import yamlio
from reseau_cli.errors import UnreadableError


def load(text: str) -> object:
    return yamlio.load_located(text, "d.yaml").data


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(UnreadableError) as err:
        load("name:\n  name: [a,\n")
    assert err.value.params["line"] == 3
    assert err.value.params["file"] == "d.yaml"


def test_duplicate_key_is_refused_with_both_lines() -> None:
    with pytest.raises(UnreadableError) as err:
        load("language: fr\nname: {}\nlanguage: en\n")
    assert err.value.key == "errors.yaml_duplicate_key"
    assert (err.value.params["line"], err.value.params["first"]) == (3, 1)


def test_aliases_are_refused_so_billion_laughs_never_expands() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    with pytest.raises(UnreadableError) as err:
        load(bomb)
    assert err.value.key == "errors.yaml_alias"


def test_python_tags_are_not_constructed() -> None:
    with pytest.raises(UnreadableError):
        load("a: !!python/object/apply:os.system ['echo hacked']\n")


def test_positions_are_recorded_for_nested_values() -> None:
    located = yamlio.load_located("a:\n  b:\n    - x: 1\n      y: 2\n", "d.yaml")
    assert located.mark(("a", "b", 0, "y")) == (4, 7)
    assert located.mark(("a", "b", 0, "missing")) == (3, 7)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes("\ufeffname:\r\n  name: Réseau\r\n".encode())
    assert load(yamlio.read_text(path)) == {"name": {"name": "Réseau"}}


def test_latin1_bytes_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"a: 1\nname: R\xe9seau\n")
    with pytest.raises(UnreadableError) as err:
        yamlio.read_text(path)
    assert err.value.key == "errors.file_not_utf8"
    assert (err.value.params["line"], err.value.params["column"]) == (2, 8)


def test_folder_binary_and_huge_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError) as err:
        yamlio.read_text(tmp_path)
    assert err.value.key == "errors.file_is_folder"
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(UnreadableError) as err:
        yamlio.read_text(binary)
    assert err.value.key == "errors.file_binary"
    huge = tmp_path / "h.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(yamlio.MAX_BYTES + 1)
    with pytest.raises(UnreadableError) as err:
        yamlio.read_text(huge)
    assert err.value.key == "errors.file_too_large"


def test_dump_keeps_accents_arabic_and_order() -> None:
    text = yamlio.dump({"z": "Réseau — تعاونية", "a": "deux\nlignes"})
    assert "Réseau — تعاونية" in text
    assert "\\u" not in text
    assert text.index("z:") < text.index("a:")
    assert load(text) == {"z": "Réseau — تعاونية", "a": "deux\nlignes"}
