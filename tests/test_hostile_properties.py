"""Property-based: generated and mutated dossiers never crash reseau.

Valid dossiers are built from the catalogue (every question's type and choices), then broken:
keys dropped or renamed, values of the wrong type, YAML fragments pasted into the text, lines cut.
Whatever comes in, only a :class:`ReseauError` may come out, and its message can be shown.
"""

from __future__ import annotations

import os
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reseau_cli import store, yamlio
from reseau_cli.cli.output import error_lines
from reseau_cli.dossier import to_data
from reseau_cli.errors import ReseauError
from tests.hostile_corpus import (
    YAML_FRAGMENTS,
    mutated_dossier_data,
    mutated_dossier_text,
    valid_dossier_data,
)

# RESEAU_SOAK=20 runs every property 20 times longer (a soak run before a release).
SOAK = max(1, int(os.environ.get("RESEAU_SOAK", "1")))
PARSE = settings(max_examples=250 * SOAK, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP = settings(max_examples=1000 * SOAK, deadline=None)  # tiny inputs: a millisecond each


def parse_or_reseau_error(text: str) -> Any:
    """Parse ``text``; a ReseauError is a fine outcome, and its message must be printable."""
    try:
        return store.parse(text, "hostile.yaml")
    except ReseauError as exc:
        for lang in ("fr", "en"):
            lines = error_lines(exc, lang)
            assert lines and all(isinstance(line, str) for line in lines)
            assert "hostile.yaml" in "\n".join(lines)
        return None


@PARSE
@given(valid_dossier_data())
def test_every_valid_generated_dossier_parses_and_round_trips(data: dict[str, Any]) -> None:
    dossier = store.parse(yamlio.dump(data), "generated.yaml")
    again = store.parse(store.dumps(dossier), "again.yaml")
    assert to_data(again) == to_data(dossier)


@PARSE
@given(mutated_dossier_data())
def test_mutated_dossier_data_only_ever_raises_reseau_errors(data: Any) -> None:
    try:
        text = yamlio.dump(data)
    except Exception:  # noqa: BLE001 - data the YAML writer refuses is not a dossier anyone has
        return
    parse_or_reseau_error(text)


@PARSE
@given(mutated_dossier_text())
def test_damaged_dossier_text_only_ever_raises_reseau_errors(text: str) -> None:
    parse_or_reseau_error(text)


@CHEAP
@given(st.lists(st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(max_size=20)), max_size=30))
def test_random_yaml_soup_only_ever_raises_reseau_errors(parts: list[str]) -> None:
    parse_or_reseau_error("".join(parts))


@CHEAP
@given(st.binary(max_size=400))
def test_random_bytes_only_ever_raise_reseau_errors(raw: bytes) -> None:
    try:
        text = yamlio.decode(raw, "hostile.yaml")
    except ReseauError:
        return
    parse_or_reseau_error(text)


# Where PyYAML has no libyaml (some platforms), the pure-Python loader runs: same guarantees.
PURE = settings(max_examples=100 * SOAK, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PURE
@given(st.one_of(mutated_dossier_text(),
                 st.lists(st.sampled_from(YAML_FRAGMENTS), max_size=20).map("".join)))
def test_pure_python_yaml_loader_only_ever_raises_reseau_errors(text: str) -> None:
    with mock.patch.object(yamlio, "_Loader", yaml.SafeLoader):
        parse_or_reseau_error(text)


@pytest.mark.parametrize("text", [
    "a: " + "[" * 3000 + "]" * 3000,
    "name:\n  name: a\x07b\n",
    "a: \x1b[2J\n",
    "a: " + "{b: " * 2000 + "1" + "}" * 2000,
])
def test_pure_python_yaml_loader_refuses_deep_nesting_and_raw_controls(text: str) -> None:
    with mock.patch.object(yamlio, "_Loader", yaml.SafeLoader), pytest.raises(ReseauError):
        store.parse(text, "hostile.yaml")


# --- diagnostics and documents on any valid dossier ------------------------------------------

CHECK = settings(max_examples=100 * SOAK, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RENDER = settings(max_examples=30 * SOAK, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@CHECK
@given(valid_dossier_data())
def test_check_never_crashes_on_a_generated_dossier(data: dict[str, Any]) -> None:
    from reseau_cli.check import diagnose, report_context

    dossier = store.parse(yamlio.dump(data), "generated.yaml")
    try:
        diagnosis = diagnose(dossier)
        for lang in ("fr", "en"):
            assert isinstance(diagnosis.as_dict(lang), dict)
            report_context(dossier, lang)
    except ReseauError:
        pass


_RENDERER: list[Any] = []


def renderer() -> Any:
    """One renderer for the whole module: building one per example would dominate the run."""
    if not _RENDERER:
        from reseau_cli.render import Renderer

        _RENDERER.append(Renderer())
    return _RENDERER[0]


@RENDER
@given(valid_dossier_data())
def test_markdown_and_html_never_crash_and_never_carry_a_script(data: dict[str, Any]) -> None:
    from reseau_cli.documents import ids

    dossier = store.parse(yamlio.dump(data), "generated.yaml")
    for doc in ids():
        try:
            markdown = renderer().markdown(dossier, doc, dossier.language)
            page = renderer().html(markdown, dossier.language)
        except ReseauError:
            continue
        lowered = page.lower()
        assert "<script" not in lowered and "<img" not in lowered and "<a " not in lowered
