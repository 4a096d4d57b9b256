import datetime as dt
from decimal import Decimal
from pathlib import Path

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
