"""Content checks: advice texts, their guide coverage, and the shipped example dossiers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from reseau_cli.catalogue import LANGS, Catalogue, Question, load_catalogue
from reseau_cli.dossier import get_answer, is_answered
from reseau_cli.resources import guides_dir
from reseau_cli.store import load

REPO_ROOT = Path(__file__).resolve().parents[1]
GUIDE_DIRS = [Path("/work/shared/guide"), REPO_ROOT.parent / "shared" / "guide"]
EXAMPLES = {"fr": "atlas.yaml", "en": "atlas-en.yaml"}
COPY_RUN = 8  # this many consecutive words shared with the guide count as copying


def _guide_file(name: str) -> Path | None:
    for folder in GUIDE_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def checklist_items() -> list[dict[str, Any]]:
    path = _guide_file("checklist.yaml")
    if path is None:
        pytest.skip("the guide's checklist.yaml is not beside the repository")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item for section in data["sections"] for item in section["items"]]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


# --- (a) advice referenced by sections exists, in both languages ----------------------------


def test_every_advice_id_listed_by_a_section_has_an_entry(catalogue: Catalogue) -> None:
    missing = [
        f"{section.id}: {advice_id}"
        for section in catalogue.sections
        for advice_id in section.advice
        if advice_id not in catalogue.advice
    ]
    assert missing == []


def test_every_advice_entry_has_title_and_text_in_french_and_english(
    catalogue: Catalogue,
) -> None:
    empty = [
        f"{advice.id}.{part}.{lang}"
        for advice in catalogue.advice.values()
        for part in ("title", "text")
        for lang in LANGS
        if not getattr(advice, part)(lang).strip()
    ]
    assert empty == []


def test_advice_ids_are_unique_in_the_file() -> None:
    raw = yaml.safe_load((guides_dir() / "advice.yaml").read_text(encoding="utf-8"))
    ids = [item["id"] for item in raw["advice"]]
    assert len(ids) == len(set(ids))


def test_introduction_and_cruising_pitfalls_advice_exist(catalogue: Catalogue) -> None:
    assert {"intro.why-network", "pitfalls.cruising"} <= set(catalogue.advice)


def test_advice_texts_are_short(catalogue: Catalogue) -> None:
    too_long = [
        f"{advice.id}.{lang}"
        for advice in catalogue.advice.values()
        for lang in LANGS
        if len(re.findall(r"[.!?](?:\s|$)", advice.text(lang))) > 4
    ]
    assert too_long == []


# --- (b) guide coverage ----------------------------------------------------------------------


def test_advice_guide_refs_are_real_checklist_ids(
    catalogue: Catalogue, checklist_items: list[dict[str, Any]]
) -> None:
    known = {item["id"] for item in checklist_items}
    unknown = [
        f"{advice.id}: {ref}"
        for advice in catalogue.advice.values()
        for ref in advice.guide_ref
        if ref not in known
    ]
    assert unknown == []


def test_every_advice_item_of_the_checklist_is_cited_by_an_advice_entry(
    catalogue: Catalogue, checklist_items: list[dict[str, Any]]
) -> None:
    cited = {ref for advice in catalogue.advice.values() for ref in advice.guide_ref}
    uncited = [
        item["id"]
        for item in checklist_items
        if item["kind"] == "advice" and item["id"] not in cited
    ]
    assert uncited == []


# --- (c) example dossiers --------------------------------------------------------------------


def _expected_questions(catalogue: Catalogue, dossier: Any, phases: set[int]) -> list[Question]:
    expected = []
    for section in catalogue.sections:
        if section.phase not in phases:
            continue
        for q in section.questions:
            if q.when is None or q.when.holds(get_answer(dossier, q.when.question)):
                expected.append(q)
    return expected


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_example_dossier_answers_every_question_of_phases_1_and_2(
    catalogue: Catalogue, lang: str
) -> None:
    dossier = load(guides_dir() / "examples" / EXAMPLES[lang])
    unanswered = [
        q.key
        for q in _expected_questions(catalogue, dossier, {1, 2})
        if not is_answered(dossier, q.key)
    ]
    assert unanswered == []


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_example_dossier_is_in_its_language_and_fills_the_self_assessment(
    catalogue: Catalogue, lang: str
) -> None:
    dossier = load(guides_dir() / "examples" / EXAMPLES[lang])
    assert dossier.language == lang  # type: ignore[attr-defined]
    success = _expected_questions(catalogue, dossier, {3})
    assert success and all(is_answered(dossier, q.key) for q in success)
    answers = {get_answer(dossier, q.key) for q in success}
    assert {"yes", "partly", "no"} <= answers  # a realistic mix, so diagnostics have work


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_example_dossier_has_founding_core_and_arabic_member_name(lang: str) -> None:
    dossier = load(guides_dir() / "examples" / EXAMPLES[lang])
    entities = dossier.members.entities  # type: ignore[attr-defined]
    assert len(entities) >= 4
    assert 2 <= sum(1 for e in entities if e.founding) <= 3
    assert any(re.search("[\u0600-\u06ff]", e.name) for e in entities)
    categories = {line.category for line in dossier.plan.budget}  # type: ignore[attr-defined]
    assert categories == {"sales", "purchases", "operations", "capex", "financing"}


def test_french_and_english_examples_describe_the_same_network() -> None:
    fr = load(guides_dir() / "examples" / EXAMPLES["fr"])
    en = load(guides_dir() / "examples" / EXAMPLES["en"])
    assert fr.name.name == en.name.name  # type: ignore[attr-defined]
    fr_names = [e.name for e in fr.members.entities]  # type: ignore[attr-defined]
    en_names = [e.name for e in en.members.entities]  # type: ignore[attr-defined]
    assert fr_names == en_names
    fr_amounts = [line.amount for line in fr.plan.budget]  # type: ignore[attr-defined]
    en_amounts = [line.amount for line in en.plan.budget]  # type: ignore[attr-defined]
    assert fr_amounts == en_amounts


# --- (d) our own words -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide_runs() -> set[tuple[str, ...]]:
    path = _guide_file("guide-travail-reseau-collaboratif.txt")
    if path is None:
        pytest.skip("the guide's text is not beside the repository")
    return _runs(_words(path.read_text(encoding="utf-8")), COPY_RUN)


def test_copy_detector_finds_a_sentence_taken_from_the_guide(
    guide_runs: set[tuple[str, ...]],
) -> None:
    # A sentence of the guide, lightly re-punctuated, must be caught: the check can fail.
    copied = "Le nom doit être clair et simple ; il faut penser au budget de communication."
    assert _runs(_words(copied), COPY_RUN) & guide_runs


def test_no_advice_text_copies_the_guide(
    catalogue: Catalogue, guide_runs: set[tuple[str, ...]]
) -> None:
    copies = {
        f"{advice.id}.{lang}": sorted(" ".join(run) for run in shared)
        for advice in catalogue.advice.values()
        for lang in LANGS
        if (shared := _runs(_words(advice.text(lang)), COPY_RUN) & guide_runs)
    }
    assert copies == {}


def test_no_question_help_copies_the_guide(
    catalogue: Catalogue, guide_runs: set[tuple[str, ...]]
) -> None:
    copies = [
        f"{q.key}.{lang}"
        for q in catalogue.questions()
        if q.help is not None
        for lang in LANGS
        if _runs(_words(q.help(lang)), COPY_RUN) & guide_runs
    ]
    assert copies == []
