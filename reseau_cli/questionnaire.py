"""The catalogue as a printable questionnaire (Markdown) or as JSON for tools."""

from __future__ import annotations

from typing import Any

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Field_, Question


def as_json(catalogue: Catalogue, lang: str) -> list[dict[str, Any]]:
    """Every question with its type, texts, choices, condition and ``guide_ref``."""
    out = []
    for section in catalogue.sections:
        for q in section.questions:
            item: dict[str, Any] = {
                "id": q.key,
                "section": section.id,
                "phase": section.phase,
                "type": q.type,
                "prompt": q.prompt(lang),
                "help": q.help(lang) if q.help else None,
                "guide_ref": q.guide_ref,
                "default": q.default,
            }
            if q.choices:
                item["choices"] = [{"value": c.value, "label": c.label(lang)} for c in q.choices]
            if q.when:
                item["when"] = q.when.model_dump(by_alias=True, exclude_none=True)
            if q.fields:
                item["fields"] = [
                    {"id": f.id, "type": f.type, "prompt": f.prompt(lang), "required": f.required}
                    for f in q.fields
                ]
            out.append(item)
    return out


def as_markdown(catalogue: Catalogue, lang: str) -> str:
    """A questionnaire to print and fill in by hand at a founding meeting."""
    lines = [f"# {i18n.t('questions.title', lang)}", "", i18n.t("questions.intro", lang), "",
             i18n.t("questions.network_line", lang), ""]
    number = 0
    phase = 0
    total = len(catalogue.sections)
    for index, section in enumerate(catalogue.sections, start=1):
        if section.phase != phase:
            phase = section.phase
            title = i18n.t(f"questions.phase_{phase}", lang)
            lines += [f"## {i18n.t('questions.phase', lang, phase=phase)} — {title}", ""]
        header = i18n.t("questions.header_section", lang, index=index, total=total,
                        title=section.title(lang))
        lines += [f"### {header}", ""]
        for q in section.questions:
            number += 1
            lines += _question_md(catalogue, q, number, lang)
    return "\n".join(lines).rstrip() + "\n"


def _question_md(catalogue: Catalogue, q: Question, number: int, lang: str) -> list[str]:
    head = f"**{number}. {q.prompt(lang)}**"
    if q.type == "multi_choice":
        head += f" {i18n.t('questions.several', lang)}"
    elif q.type == "choice":
        head += f" {i18n.t('questions.one', lang)}"
    lines = [head, ""]
    if q.when:
        other = catalogue.question(q.when.question)
        wanted = q.when.in_ if q.when.in_ is not None else [q.when.equals]
        shown = " / ".join(_value_label(other, v, lang) for v in wanted)
        condition = i18n.t("questions.only_if", lang, question=other.prompt(lang), value=shown)
        lines += [f"*{condition}*", ""]
    if q.help:
        lines += [f"> {q.help(lang)}", ""]
    lines += _answer_space(q, lang)
    lines.append("")
    return lines


def _value_label(field: Field_, value: Any, lang: str) -> str:
    if field.type == "yes_no":
        return i18n.t("common.yes" if value else "common.no", lang)
    return field.choice_label(value, lang)


def _answer_space(field: Field_, lang: str) -> list[str]:
    if field.type in ("choice", "multi_choice"):
        return [f"- [ ] {c.label(lang)}" for c in field.choices]
    if field.type == "yes_no":
        return [f"- [ ] {i18n.t('common.yes', lang)}    - [ ] {i18n.t('common.no', lang)}"]
    if field.type == "amount":
        return [i18n.t("questions.amount_hint", lang)]
    if field.type == "date":
        return [i18n.t("questions.date_hint", lang)]
    if field.type == "records":
        columns = [f.prompt(lang) for f in getattr(field, "fields", [])]
        rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        rows += ["|" + "   |" * len(columns) for _ in range(4)]
        return [i18n.t("questions.records_hint", lang), "", *rows]
    count = 4 if field.type == "long_text" else 1
    return ["_" * 90 + "  " for _ in range(count)]
