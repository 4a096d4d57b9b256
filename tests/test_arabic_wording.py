"""Arabic wording: every text a document prints has one, with one term per notion.

Wherever a French text names a notion of the glossary (charte, GIE, coopérative...), its Arabic
counterpart must use the glossary's term, and no Arabic text may use a word the glossary rules
out. The pairs come from the wording files (same key in templates/fr and templates/ar) and from
every text of guides/ that has an Arabic version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from reseau_cli.render.wording import load_file
from reseau_cli.resources import guides_dir, templates_dir

GLOSSARY = guides_dir() / "glossary-ar.yaml"


def _terms() -> list[dict[str, Any]]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    terms: list[dict[str, Any]] = data["terms"]
    return terms


def _flat(value: object) -> str:
    if isinstance(value, dict):
        return " ".join(_flat(v) for v in value.values())
    return str(value)


def _wording_pairs() -> Iterator[tuple[str, str, str]]:
    for path in sorted((templates_dir() / "ar").glob("*.yaml")):
        french = load_file(templates_dir() / "fr" / path.name)
        for key, arabic in load_file(path).items():
            if key in french:
                yield f"templates/ar/{path.name}:{key}", _flat(french[key]), _flat(arabic)


def _guide_pairs(node: object, where: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("fr"), str) and isinstance(node.get("ar"), str):
            yield where, node["fr"], node["ar"]
        for key, value in node.items():
            yield from _guide_pairs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id") or value.get("value") if isinstance(value, dict) else None
            yield from _guide_pairs(value, f"{where}[{label or i}]")


def _pairs() -> list[tuple[str, str, str]]:
    pairs = list(_wording_pairs())
    for name in ("questions.yaml", "checks.yaml", "advice.yaml"):
        data = yaml.safe_load((guides_dir() / name).read_text(encoding="utf-8"))
        pairs += _guide_pairs(data, name)
    return pairs


PAIRS = _pairs()


def test_the_glossary_lists_the_founding_notions() -> None:
    arabic = {term["ar"] for term in _terms()}
    assert {"ميثاق الشبكة", "رسالة النوايا", "خطة العمل", "مجموعة ذات النفع الاقتصادي",
            "تعاونية", "جمعية"} <= arabic
    for term in _terms():  # each term is one of its own forms, and never one it avoids
        assert any(form in term["ar"] for form in term["forms"]), term["ar"]
        assert not any(bad in term["ar"] for bad in term["avoid"]), term["ar"]


def test_there_are_arabic_texts_to_check() -> None:
    assert len(PAIRS) > 100


@pytest.mark.parametrize("term", _terms(), ids=lambda t: t["ar"])
def test_each_notion_has_the_same_arabic_term_everywhere(term: dict[str, Any]) -> None:
    french = re.compile(r"(?<![\w-])(?:" + "|".join(term["fr"]) + r")(?![\w-])")
    wrong = [where for where, fr, ar in PAIRS
             if french.search(fr.lower()) and not any(form in ar for form in term["forms"])]
    assert not wrong, f"{term['ar']}: the Arabic text does not use the term in {wrong}"
    avoided = [where for where, _fr, ar in PAIRS if any(bad in ar for bad in term["avoid"])]
    assert not avoided, f"{term['ar']}: a word the glossary rules out is used in {avoided}"


def test_every_choice_a_document_prints_has_arabic_words() -> None:
    from reseau_cli.catalogue import load_catalogue
    from reseau_cli.display import _choices

    used = set()
    for path in templates_dir().glob("*.md.j2"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""(?:choices?\(|several\([^,]+,\s*)["']([a-z_.]+)["']""", text))
    assert {"model.kind", "legal.form", "members.entities.kind"} <= used
    missing = [f"{key}={value}" for key in sorted(used)
               for value, label in _choices()[key].items() if label.ar is None]
    assert not missing, f"choice labels without ar: {missing}"
    factors = load_catalogue().section("success").questions  # printed by the report
    assert not [q.key for q in factors if q.prompt.ar is None]


def test_findings_advice_and_guidance_have_arabic_words() -> None:
    data = yaml.safe_load((guides_dir() / "checks.yaml").read_text(encoding="utf-8"))
    missing: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("fr"), str) and "ar" not in node:
                missing.append(where)
            for key, value in node.items():
                walk(value, f"{where}.{key}")

    walk(data, "checks")
    assert not missing, f"texts of the report without ar: {missing}"
    from reseau_cli.catalogue import load_catalogue

    # A finding may name the part of the dossier it is about.
    assert not [s.id for s in load_catalogue().sections if s.title.ar is None]
