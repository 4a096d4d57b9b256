import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from reseau_cli import store
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import (
    dossier_model,
    get_answer,
    is_answered,
    new_dossier,
    parse_amount,
    set_answer,
    was_asked,
)
from reseau_cli.errors import InvalidDossierError

FIXED = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return FIXED


def full_dossier() -> object:
    d = new_dossier("fr")
    d = set_answer(d, "name.name", "Réseau Atlas des Artisans")
    d = set_answer(d, "name.short_name", "RAA")
    d = set_answer(d, "objective.main", "new_clients")
    d = set_answer(d, "objective.secondary", ["pool_costs", "develop"])
    d = set_answer(d, "objective.open", True)
    d = set_answer(d, "before.deadline", dt.date(2027, 6, 30))
    d = set_answer(d, "before.situation", "Première ligne\nDeuxième ligne : « citation »")
    d = set_answer(d, "dues.needed", True)
    d = set_answer(d, "dues.amount", "12 500,50 MAD")
    d = set_answer(d, "members.entities", [
        {"name": "Coopérative Tifawin — تعاونية تيفاوين", "founding": True,
         "representative": "Hélène Aït-Ouméri", "email": "h@tifawin.ma"},
        {"name": "Maroquinerie Benséddik", "founding": True, "phone": "0612345678"},
    ])
    d = set_answer(d, "plan.budget", [
        {"category": "sales", "label": "Ventes groupées", "amount": {"value": 250000}},
    ])
    return d


def test_round_trip_keeps_every_value_accents_and_arabic(tmp_path: Path) -> None:
    original = full_dossier()
    path = tmp_path / "reseau.yaml"
    store.save(original, path, clock=clock)
    loaded = store.load(path)
    for q in load_catalogue().questions():
        assert get_answer(loaded, q.key) == get_answer(original, q.key), q.key
    text = path.read_text(encoding="utf-8")
    assert "تعاونية تيفاوين" in text and "Hélène Aït-Ouméri" in text
    assert "\\u" not in text
    assert text.startswith("# yaml-language-server: $schema=")
    assert loaded.meta.created == FIXED  # type: ignore[attr-defined]


def test_saved_file_follows_catalogue_order(tmp_path: Path) -> None:
    path = tmp_path / "reseau.yaml"
    store.save(full_dossier(), path, clock=clock)
    text = path.read_text(encoding="utf-8")
    positions = [text.index(f"\n{s}:") for s in ("before", "objective", "name", "members", "dues",
                                                 "plan")]
    assert positions == sorted(positions)


def test_phone_numbers_keep_their_leading_zero(tmp_path: Path) -> None:
    path = tmp_path / "reseau.yaml"
    store.save(full_dossier(), path, clock=clock)
    loaded = store.load(path)
    assert loaded.members.entities[1].phone == "0612345678"  # type: ignore[attr-defined]


def test_asked_but_blank_is_distinct_from_not_asked(tmp_path: Path) -> None:
    d = set_answer(new_dossier(), "scope.domains", None)
    path = tmp_path / "reseau.yaml"
    store.save(d, path, clock=clock)
    loaded = store.load(path)
    assert was_asked(loaded, "scope.domains") and not is_answered(loaded, "scope.domains")
    assert not was_asked(loaded, "scope.sectors")


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("2500", Decimal("2500"), None),
    ("12 500,50 MAD", Decimal("12500.50"), "MAD"),
    ("1,250.75 eur", Decimal("1250.75"), "EUR"),
    ("1.250,75", Decimal("1250.75"), None),
])
def test_amounts_typed_the_french_or_english_way(text: str, value: Decimal,
                                                 currency: str | None) -> None:
    parsed = parse_amount(text)
    assert parsed["value"] == value
    assert parsed.get("currency") == currency


def test_amount_defaults_to_dirham() -> None:
    d = set_answer(new_dossier(), "dues.amount", 300)
    assert d.dues.amount.currency == "MAD"  # type: ignore[attr-defined]


def test_wrong_answer_is_rejected_by_set_answer() -> None:
    with pytest.raises(ValidationError):
        set_answer(new_dossier(), "objective.main", "conquer_the_world")


def test_every_schema_error_is_reported_at_once_with_path_and_line() -> None:
    text = (
        "schema_version: 1\n"
        "nme:\n  name: x\n"
        "members:\n  entities:\n    - name: A\n      email: pas-un-courriel\n"
        "    - kind: company\n"
        "objective:\n  main: nope\n"
    )
    with pytest.raises(InvalidDossierError) as err:
        store.parse(text, "d.yaml")
    found = {(p.path, p.line) for p in err.value.problems}
    assert found == {
        ("nme", 2),
        ("members.entities[0].email", 7),
        ("members.entities[1].name", 8),
        ("objective.main", 10),
    }
    unknown = next(p for p in err.value.problems if p.path == "nme")
    assert unknown.params["suggestion"] == "name"


def test_schema_version_from_the_future_asks_to_upgrade() -> None:
    with pytest.raises(InvalidDossierError) as err:
        store.parse("schema_version: 7\n", "d.yaml")
    assert err.value.key == "errors.schema_from_future"
    assert err.value.params["line"] == 1


def test_empty_file_and_non_mapping_are_explained() -> None:
    with pytest.raises(InvalidDossierError) as err:
        store.parse("", "d.yaml")
    assert err.value.key == "errors.dossier_empty"
    with pytest.raises(InvalidDossierError) as err:
        store.parse("- a\n- b\n", "d.yaml")
    assert err.value.key == "errors.dossier_not_mapping"


def test_json_schema_lists_every_section_and_forbids_unknown_keys() -> None:
    schema = dossier_model().model_json_schema()
    sections = {s.id for s in load_catalogue().sections}
    assert sections <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_blank_list_in_a_hand_edited_file_means_asked_and_empty() -> None:
    d = store.parse("schema_version: 1\nobjective:\n  secondary:\nmembers:\n  entities:\n",
                    "d.yaml")
    assert was_asked(d, "objective.secondary") and get_answer(d, "objective.secondary") == []
    assert was_asked(d, "members.entities") and not is_answered(d, "members.entities")


# --- YAML 1.1 traps: the text as written (issue 15) ------------------------------------------

HAND_WRITTEN = """\
# NOTE : vérifier le sigle avec le client
schema_version: 1
language: fr

name:
  name: Réseau des Tisserands   # nom provisoire
  short_name: NO
objective:
  targets: Lot #3 à livrer
  open: oui
  for_profit: Non
members:
  entities:
    - name: Coopérative Amal
      phone: 0661234567
      founding: yes
    - name: 2024-05-01
      phone: +212 600 11 22 33
      founding: non
success:
  structure: yes
  trust: No
"""


def parsed_with_warnings(text: str) -> tuple[object, list[object]]:
    return store.parse_checked(text, "d.yaml")


def test_text_fields_keep_the_text_as_written_whatever_yaml_1_1_makes_of_it() -> None:
    dossier, _ = parsed_with_warnings(HAND_WRITTEN)
    assert dossier.name.short_name == "NO"  # type: ignore[attr-defined]
    first, second = dossier.members.entities  # type: ignore[attr-defined]
    assert first.phone == "0661234567"
    assert second.name == "2024-05-01"
    assert second.phone == "+212 600 11 22 33"


def test_yes_no_fields_accept_oui_non_yes_no_in_any_case() -> None:
    dossier, _ = parsed_with_warnings(HAND_WRITTEN)
    assert dossier.objective.open is True  # type: ignore[attr-defined]
    assert dossier.objective.for_profit is False  # type: ignore[attr-defined]
    first, second = dossier.members.entities  # type: ignore[attr-defined]
    assert (first.founding, second.founding) == (True, False)


def test_yes_and_no_in_a_choice_field_are_the_choice_keys() -> None:
    dossier, _ = parsed_with_warnings(HAND_WRITTEN)
    assert dossier.success.structure == "yes"  # type: ignore[attr-defined]
    assert dossier.success.trust == "no"  # type: ignore[attr-defined]


def test_a_text_value_cut_by_a_hash_gets_a_warning_at_the_hash() -> None:
    dossier, warnings = parsed_with_warnings(HAND_WRITTEN)
    assert dossier.objective.targets == "Lot"  # type: ignore[attr-defined]
    [warning] = warnings  # the comment after two spaces (line 6) is a deliberate one
    assert (warning.line, warning.column, warning.path) == (9, 16, "objective.targets")
    assert warning.params["rest"] == "#3 à livrer"
    from reseau_cli import i18n

    assert "put the value in quotes" in i18n.t(warning.key, "en", **warning.params)


def test_an_empty_or_null_text_field_stays_empty() -> None:
    dossier, _ = parsed_with_warnings("name:\n  short_name:\n  tagline: null\n")
    assert dossier.name.short_name is None  # type: ignore[attr-defined]
    assert dossier.name.tagline is None  # type: ignore[attr-defined]


def problems_of(text: str, lang: str = "en") -> list[str]:
    from reseau_cli.cli.output import problem_text

    with pytest.raises(InvalidDossierError) as err:
        store.parse(text, "d.yaml")
    return [problem_text(p, lang) for p in err.value.problems]


def test_an_impossible_date_is_named_as_such() -> None:
    [message] = problems_of("before:\n  deadline: 2028-02-30\n")
    assert message.startswith("d.yaml:2:3 (before.deadline): '2028-02-30': this date does not "
                              "exist")
    [message] = problems_of("before:\n  deadline: 2028-02-30\n", "fr")
    assert "cette date n'existe pas" in message


def test_a_wrong_choice_lists_the_labels_the_wizard_shows_with_their_keys() -> None:
    catalogue = load_catalogue()
    question = catalogue.question("success.structure")
    [message] = problems_of("success:\n  structure: maybe\n")
    for choice in question.choices:
        assert f"{choice.value} ({choice.label('en')})" in message
    [message] = problems_of("success:\n  structure: maybe\n", "fr")
    assert all(f"{c.value} ({c.label('fr')})" in message for c in question.choices)


# --- saving in place ---------------------------------------------------------------------------


def test_a_save_changes_only_the_changed_values_and_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(HAND_WRITTEN.replace("Lot #3 à livrer", '"Lot #3 à livrer"'), "utf-8")
    before = path.read_text("utf-8").splitlines()
    dossier = set_answer(store.load(path), "name.short_name", "RT")
    store.save(dossier, path, clock=clock)
    after = path.read_text("utf-8").splitlines()
    assert "# NOTE : vérifier le sigle avec le client" in after
    assert "  name: Réseau des Tisserands   # nom provisoire" in after
    assert '  targets: "Lot #3 à livrer"' in after and "  open: oui" in after
    assert "      phone: 0661234567" in after  # untouched: still as the consultant wrote it
    removed = [line for line in before if line not in after]
    assert removed == ["  short_name: NO"]
    added = [line for line in after if line not in before]
    assert "  short_name: RT" in added
    assert all(line.startswith(("meta:", "  created:", "  updated:", "  generator:",
                                "  short_name:")) for line in added), added
    assert store.load(path).members.entities[0].phone == "0661234567"  # type: ignore[attr-defined]


def test_new_values_that_yaml_1_1_would_misread_are_quoted(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    store.save(full_dossier(), path, clock=clock)
    dossier = set_answer(store.load(path), "name.short_name", "NO")
    dossier = set_answer(dossier, "name.tagline", "0661234567")
    store.save(dossier, path, clock=clock)
    loaded = store.load(path)
    assert (loaded.name.short_name, loaded.name.tagline) == ("NO", "0661234567")  # type: ignore[attr-defined]


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "d.yaml"
    real.parent.mkdir()
    store.save(full_dossier(), real, clock=clock)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    store.save(set_answer(store.load(link), "name.short_name", "ZZ"), link, clock=clock)
    assert link.is_symlink()
    assert store.load(real).name.short_name == "ZZ"  # type: ignore[attr-defined]
    assert sorted(p.name for p in real.parent.iterdir()) == ["d.yaml"]


def test_a_file_saved_on_windows_keeps_its_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    store.save(set_answer(store.load(path), "name.short_name", "RT"), path, clock=clock)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") and b"short_name: RT\r\n" in raw


TRICKY_TEXTS = ["NO", "0661234567", "Lot #3 à livrer", "deux\nlignes", "2024-05-01", "yes: no"]


def tricky_value(question: Any, index: int) -> Any:
    from tests.wizard_helpers import sample_value

    if question.type in ("text", "long_text"):
        return TRICKY_TEXTS[index % len(TRICKY_TEXTS)]
    if question.type == "choice":
        return question.choices[-1].value
    return sample_value(question)


def test_changing_any_answer_rewrites_only_its_own_section(example_path: Path) -> None:
    """Every question of the catalogue, changed in the example: the rest stays byte for byte."""
    import difflib

    loaded = store.read(example_path)
    lines = loaded.text.splitlines()
    starts = {line.split(":")[0]: n for n, line in enumerate(lines)
              if line[:1].isalpha() and ":" in line}
    bounds = sorted(starts.values()) + [len(lines)]
    checked = 0
    # Every section and every type of question: the first and the last question of each section,
    # every list (records), and one of each remaining type.
    questions = load_catalogue().questions()
    chosen = [q for section in load_catalogue().sections for q in section.questions
              if q in (section.questions[0], section.questions[-1]) or q.type == "records"]
    chosen += [next(q for q in questions if q.type == kind) for kind in ("amount", "date")]
    assert {q.type for q in chosen} == {q.type for q in questions}
    for index, question in enumerate(chosen):
        value = tricky_value(question, index)
        try:
            after = store.stamp(set_answer(loaded.dossier, question.key, value), clock)
        except ValidationError:
            continue  # e.g. a pattern the tricky text does not fit
        text = store.edited_text(loaded.text, loaded.dossier, after, "d.yaml")
        assert text is not None, question.key  # edited in place, not written afresh
        assert get_answer(store.parse(text, "d.yaml"), question.key) == get_answer(
            after, question.key), question.key
        first = starts[question.section]
        end = next(b for b in bounds if b > first)
        new_lines = text.splitlines()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, lines, new_lines).get_opcodes():
            if tag == "equal":
                continue
            inside = first <= i1 and i2 <= end
            added = new_lines[j1:j2]
            meta = tag == "insert" and i1 <= starts["language"] + 2 and all(
                line.startswith(("meta:", "  ")) or not line for line in added)
            assert inside or meta, (question.key, tag, lines[i1:i2], added)
        checked += 1
    assert checked >= len(chosen) - 3


def test_a_layout_the_editor_cannot_follow_is_written_afresh_with_every_value(
        tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text('{schema_version: 1, name: {name: "Réseau", short_name: NO}}\n', "utf-8")
    store.save(set_answer(store.load(path), "name.tagline", "Ensemble"), path, clock=clock)
    loaded = store.load(path)
    assert (loaded.name.name, loaded.name.short_name, loaded.name.tagline) == (  # type: ignore[attr-defined]
        "Réseau", "NO", "Ensemble")


def test_validate_names_the_cut_value_but_accepts_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_helpers import run_main

    path = tmp_path / "d.yaml"
    path.write_text("objective:\n  targets: Lot #3 à livrer\n", "utf-8")
    assert run_main("validate", "--lang", "en", str(path)) == 0
    err = capsys.readouterr().err
    assert f"{path}:2:16 (objective.targets): the rest of the line ('#3 à livrer') was read as" \
           " a comment: put the value in quotes." in err


def test_removing_a_member_from_the_middle_leaves_the_others_as_written() -> None:
    text = ("members:\n  entities:\n    - name: A  # premier\n      phone: 0661234567\n"
            "    - name: B\n      founding: oui\n    # le troisième\n    - name: C\n")
    before = store.parse(text, "d.yaml")
    members = [m.model_dump(exclude_none=True) for m in before.members.entities]  # type: ignore[attr-defined]
    after = set_answer(before, "members.entities", [members[0], members[2]])
    assert store.edited_text(text, before, after, "d.yaml") == (
        "members:\n  entities:\n    - name: A  # premier\n      phone: 0661234567\n"
        "    # le troisième\n    - name: C\n")
