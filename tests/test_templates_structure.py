"""One logic per document, wording per language: the languages cannot drift apart.

Every built-in document is ``templates/<doc>.md.j2`` (decisions) plus
``templates/<lang>/<doc>.yaml`` (words). These tests read the files themselves, so a wording
key missing in one language, a placeholder renamed in one language only, or a template naming
a dossier answer the catalogue does not have fails here, before any reader sees it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reseau_cli import documents
from reseau_cli.catalogue import load_catalogue
from reseau_cli.errors import TemplateError, UsageError
from reseau_cli.render import Renderer
from reseau_cli.render.wording import (
    COMMON,
    PLACEHOLDER,
    PLURAL,
    Wording,
    is_variants,
    languages,
    load_file,
    plural_category,
)
from reseau_cli.resources import templates_dir
from tests.render_helpers import example_dossier

TEMPLATES = templates_dir()
LOGIC = sorted(TEMPLATES.glob("*.md.j2"))
WORDING_FILES = [COMMON, *documents.ids()]
# w("key"...), also when the key is built: w("severity." ~ s) -> the prefix "severity."
_USED_KEY = re.compile(r"""\bw\(\s*["']([a-z0-9_.]+)["']\s*(~)?""")
_DOSSIER_KEY = re.compile(r"\bd\.([a-z_]+)\.([a-z_]+)\b")
_CHOICE_KEY = re.compile(r"""(?:choices?\(|several\([^,]+,\s*)["']([a-z_.]+)["']""")
_LABEL_KEY = re.compile(r"""\(\s*["'](label\.[a-z0-9_]+)["']\s*,""")


def _placeholders(value: object) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_placeholders(v) for v in value.values()))
    return set(PLACEHOLDER.findall(str(value)))


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "plural" if set(value) <= PLURAL else "gender"
    return "text"


@pytest.fixture(scope="module")
def wordings() -> dict[tuple[str, str], dict[str, object]]:
    return {(lang, name): load_file(TEMPLATES / lang / f"{name}.yaml")
            for lang in languages() for name in WORDING_FILES}


@pytest.fixture(scope="module")
def used_keys() -> dict[str, set[tuple[str, bool]]]:
    """Wording keys each logic template asks for (key, whether it is only a prefix)."""
    used: dict[str, set[tuple[str, bool]]] = {}
    macros = (TEMPLATES / "_macros.md.j2").read_text(encoding="utf-8")
    for path in LOGIC:
        text = path.read_text(encoding="utf-8")
        keys = {(m.group(1), m.group(2) is not None) for m in _USED_KEY.finditer(text)}
        keys |= {(k, False) for k in _LABEL_KEY.findall(text)}
        keys |= {(m.group(1), m.group(2) is not None) for m in _USED_KEY.finditer(macros)}
        used[path.name.removesuffix(".md.j2")] = keys
    return used


def test_french_and_english_both_have_wording() -> None:
    assert languages()[0] == "fr"
    assert {"fr", "en"} <= set(languages())


def test_every_document_has_its_logic_and_a_wording_file_in_every_language() -> None:
    for doc in documents.ids():
        assert (TEMPLATES / f"{doc}.md.j2").is_file(), doc
        for lang in languages():
            assert (TEMPLATES / lang / f"{doc}.yaml").is_file(), (lang, doc)


@pytest.mark.parametrize("name", WORDING_FILES)
def test_languages_have_the_same_keys_placeholders_and_variants(
        wordings: dict[tuple[str, str], dict[str, object]], name: str) -> None:
    reference = wordings[("fr", name)]
    for lang in languages():
        texts = wordings[(lang, name)]
        assert set(texts) == set(reference), (lang, name, set(texts) ^ set(reference))
        for key, value in texts.items():
            where = f"{lang}/{name}.yaml: {key}"
            assert _placeholders(value) == _placeholders(reference[key]), where
            assert _shape(value) == _shape(reference[key]), where
            if is_variants(value) and _shape(value) == "plural":
                assert "other" in value, where


@pytest.mark.parametrize("lang", languages())
def test_every_wording_key_a_template_uses_exists(
        wordings: dict[tuple[str, str], dict[str, object]],
        used_keys: dict[str, set[tuple[str, bool]]], lang: str) -> None:
    for doc, keys in used_keys.items():
        available = set(wordings[(lang, COMMON)]) | set(wordings.get((lang, doc), {}))
        for key, prefix in keys:
            if prefix:
                assert any(k.startswith(key) for k in available), (lang, doc, key)
            else:
                assert key in available, (lang, doc, key)


def test_every_dossier_key_and_choice_list_a_template_uses_is_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    questions = {q.key for q in catalogue.questions()}
    with_choices = {q.key for q in catalogue.questions() if q.choices}
    with_choices |= {f"{q.key}.{f.id}" for q in catalogue.questions() for f in q.fields
                     if f.choices}
    checked = 0
    for path in [*LOGIC, TEMPLATES / "_macros.md.j2"]:
        text = path.read_text(encoding="utf-8")
        for section, question in _DOSSIER_KEY.findall(text):
            if section != "meta":
                assert f"{section}.{question}" in questions, (path.name, section, question)
                checked += 1
        for key in _CHOICE_KEY.findall(text):
            assert key in with_choices, (path.name, key)
    assert checked > 50  # the scan really reads the templates


# --- the wording mechanism -----------------------------------------------------------------------


def test_plural_forms_follow_each_language_rules() -> None:
    w = Wording("fr", {"n": {"one": "{count} membre", "other": "{count} membres"}}, {})
    assert [str(w("n", count=c)) for c in (0, 1, 2)] == ["0 membre", "1 membre", "2 membres"]
    en = Wording("en", {"n": {"one": "{count} member", "other": "{count} members"}}, {})
    assert [str(en("n", count=c)) for c in (0, 1, 2)] == ["0 members", "1 member", "2 members"]
    assert plural_category(3, "ar") == "few"


def test_gender_variants_fall_back_to_the_neutral_form() -> None:
    w = Wording("fr", {"rep": {"f": "représentée", "m": "représenté", "n": "représenté(e)"}}, {})
    assert str(w("rep", gender="f")) == "représentée"
    assert str(w("rep", gender=None)) == "représenté(e)"


def test_placeholders_are_escaped_names_never_attribute_lookups() -> None:
    w = Wording("fr", {"a": "{name} {name.__class__} {0}"}, {})
    assert str(w("a", name="*x*")) == "\\*x\\* {name.__class__} {0}"


def test_a_missing_key_or_parameter_names_itself_with_the_template_line(tmp_path: Path) -> None:
    (tmp_path / "plan.md.j2").write_text("# Plan\n\n{{ w('nowhere') }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "fr")
    assert "nowhere" in str(caught.value.params) and "plan.md.j2" in str(caught.value.params)


def test_a_custom_wording_file_replaces_only_the_keys_it_holds(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "plan.yaml").write_text("title: Roadmap\n", encoding="utf-8")
    text = Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "en")
    assert text.startswith("# Roadmap")
    assert "### Strategies" in text


def test_a_malformed_wording_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "plan.yaml").write_text("title:\n  - a list\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "fr")
    assert caught.value.params["file"].endswith("plan.yaml")
    assert caught.value.params["line"] == 1  # the key whose value is wrong


# --- the documents table -------------------------------------------------------------------------


def test_documents_are_found_by_id_or_french_name() -> None:
    assert documents.select("charte,lettre,plan,rapport") == ("charter", "letter", "plan",
                                                              "report")
    assert documents.select("all") == documents.founding() == ("charter", "letter", "plan")
    assert documents.select("all,report") == documents.ids()
    with pytest.raises(UsageError):
        documents.select("roman")


def test_every_document_has_a_file_stem_in_every_language() -> None:
    for doc in documents.DOCUMENTS:
        for lang in languages():
            assert re.fullmatch(r"[a-z-]+", doc.stem(lang)), (doc.id, lang)


def test_render_and_the_documents_table_import_nothing_from_the_layers_above() -> None:
    import ast

    package = Path(documents.__file__).parent
    above = ("reseau_cli.check", "reseau_cli.cli", "reseau_cli.batch", "reseau_cli.wizard")
    files = [package / "documents.py", package / "naming.py", *(package / "render").glob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(above), (path.name, name)


# --- every answer goes somewhere ------------------------------------------------------------------

_ALIAS = re.compile(r"\{%\s*set\s+(\w+)\s*=\s*d\.([a-z_]+)\s*%\}")


def _printed_keys() -> tuple[set[str], str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.glob("*.md.j2")))
    keys = {f"{s}.{q}" for s, q in _DOSSIER_KEY.findall(text)}
    for alias, section in _ALIAS.findall(text):
        keys |= {f"{section}.{q}" for q in re.findall(rf"\b{alias}\.([a-z_]+)\b", text)}
    return keys, text


def test_every_answer_is_printed_somewhere_or_listed_with_its_reason() -> None:
    printed, text = _printed_keys()
    catalogue = load_catalogue()
    for question in catalogue.questions():
        listed = question.key in documents.NOT_PRINTED or question.section in documents.NOT_PRINTED
        assert (question.key in printed) != listed, (
            f"{question.key}: print it in a document, or list it with its reason in "
            "reseau_cli/documents.py NOT_PRINTED (and not both)")
        for field in question.fields:  # every field of a record is shown too
            assert re.search(rf"\.{field.id}\b", text), f"{question.key}.{field.id}"
    sections = {s.id for s in catalogue.sections}
    for key, reason in documents.NOT_PRINTED.items():
        assert key in sections or key in {q.key for q in catalogue.questions()}, key
        assert len(reason) > 20, key


def test_choices_printed_in_documents_read_as_document_text() -> None:
    # A label written for the person answering ("Entreprise (PME, TPE...)", "Oui") needs a
    # document label before a template prints it.
    for key in set(_CHOICE_KEY.findall(_printed_keys()[1])):
        section, _, rest = key.partition(".")
        question_id, _, field_id = rest.partition(".")
        question = load_catalogue().question(f"{section}.{question_id}")
        owner = next(f for f in question.fields if f.id == field_id) if field_id else question
        for choice in owner.choices:
            for lang in languages():
                label = (choice.doc_label or choice.label)(lang)
                assert "..." not in label and "?" not in label, (key, choice.value, label)
                assert not re.search(r"\(\d", label), (key, choice.value, label)
