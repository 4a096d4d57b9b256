"""The words of ``reseau check``, read once from ``guides/checks.yaml``.

Rules decide *whether* something is wrong; this file's data says *what to tell the user*, in
French and English, so that no long prose lives in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from reseau_cli.catalogue import DOC_LANGS, Text
from reseau_cli.i18n import LenientFormatter
from reseau_cli.i18n import is_singular as is_singular  # re-exported
from reseau_cli.resources import guides_dir

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class FindingText(BaseModel):
    """What one finding says, and where in the guide it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    severity: Severity
    guide_ref: str
    message: Text
    advice: Text


class LegalFormTexts(BaseModel):
    """The disclaimer and the one-line reasons of the legal-form guidance."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    disclaimer: Text
    not_enough: Text
    reasons: dict[str, Text]


class GuideTexts(BaseModel):
    """Where a finding comes from in the guide, in words a reader of the documents follows."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    parts: dict[str, Text]  # checklist section id -> the guide's part and section title
    topics: dict[str, Text]  # checklist item id -> what the item is about, in our words


class ReadinessTexts(BaseModel):
    """How the readiness score is written, and the fewest answered factors a score needs."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    minimum: int
    score: Text
    not_enough: Text
    none: Text


class CheckTexts(BaseModel):
    """Everything ``guides/checks.yaml`` holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    findings: dict[str, FindingText]
    labels: dict[str, Text]
    final_agreement_words: list[str]
    letter_words: list[str]
    collective_words: list[str]
    name_noise_words: list[str]
    dilution_threshold: int
    legal_forms: LegalFormTexts
    guide: GuideTexts
    readiness: ReadinessTexts
    success: dict[str, Text]

    def label(self, key: str) -> Text:
        """A word used inside a message (KeyError when the data file lacks it)."""
        return self.labels[key]


@cache
def load_texts() -> CheckTexts:
    """Read and check ``guides/checks.yaml`` once per process."""
    with open(guides_dir() / "checks.yaml", encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return CheckTexts.model_validate(raw)


# A parameter a text forgot to receive shows as "?"; "{count:membre|membres}" picks the
# singular or the plural by the language's rule (the one lenient formatter, from i18n).
_FORMATTERS = {lang: LenientFormatter(lang) for lang in DOC_LANGS}

Param = str | int | Text | list[Text]


def _resolve(value: Param, lang: str, joiner: Text | None) -> str | int:
    if isinstance(value, int):
        return value  # kept a number so that "{count:x|xs}" can choose the plural
    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, list):
        parts = [item(lang) for item in value]
        if len(parts) > 1 and joiner is not None:
            return ", ".join(parts[:-1]) + joiner(lang) + parts[-1]
        return ", ".join(parts)
    return str(value)


def fill(text: Text, params: Mapping[str, Param]) -> Text:
    """``text`` with ``{name}`` replaced in each language; lists of texts read "a, b and c"."""
    joiner = load_texts().labels.get("conjunction")
    out: dict[str, str] = {}
    for lang in DOC_LANGS:
        if lang == "ar" and text.ar is None:
            continue  # a text without Arabic stays so; documents then fall back to French
        values = {k: _resolve(v, lang, joiner) for k, v in params.items()}
        out[lang] = _FORMATTERS[lang].format(text(lang), **values)
    return Text(**out)
