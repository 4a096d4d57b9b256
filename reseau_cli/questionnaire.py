"""The catalogue as a printable questionnaire (Markdown) or as JSON for tools."""

from __future__ import annotations

from typing import Any

from reseau_cli import i18n
from reseau_cli.catalogue import Catalogue, Field_, Question
from reseau_cli.kinds import kind_of


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
    tag = kind_of(q).tag(lang)
    lines = [f"**{number}. {q.prompt(lang)}**" + (f" {tag}" if tag else ""), ""]
    if q.when:
        other = catalogue.question(q.when.question)
        wanted = q.when.in_ if q.when.in_ is not None else [q.when.equals]
        shown = " / ".join(_value_label(other, v, lang) for v in wanted)
        condition = i18n.t("questions.only_if", lang, question=other.prompt(lang), value=shown)
        lines += [f"*{condition}*", ""]
    if q.help:
        lines += [f"> {q.help(lang)}", ""]
    lines += kind_of(q).answer_space(q, lang)
    lines.append("")
    return lines


def _value_label(field: Field_, value: Any, lang: str) -> str:
    return kind_of(field).show(field, value, lang)
