"""What a document says about itself: title, author, language tag and date.

Word (core properties), PDF (metadata) and HTML (``lang``) take them from here, so the three
formats agree. Dates: a PDF carries the dossier's last update (the same dossier gives the same
bytes); a Word file its render time, or a fixed one (``SOURCE_DATE_EPOCH``, or the day a
renderer is given) for reproducible builds.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reseau_cli.render.markup import clean_text

if TYPE_CHECKING:
    from reseau_cli.render.brand import Brand

# Our documents are written for Moroccan networks; English is British English.
LANGUAGE_TAGS = {"fr": "fr-MA", "en": "en-GB", "ar": "ar-MA"}


def language_tag(lang: str) -> str:
    """``fr`` → ``fr-MA``: the BCP 47 tag a document declares (spell-checking, hyphenation)."""
    return LANGUAGE_TAGS.get(lang, lang)


def render_time(today: dt.date | None = None,
                environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """When a document is rendered, as its Word properties say.

    The start of ``today`` when the caller fixes the day (as golden files do), else the fixed
    ``SOURCE_DATE_EPOCH`` (seconds since 1970) when it is set, else now.
    """
    if today is not None:
        return dt.datetime.combine(today, dt.time(), dt.UTC)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class DocumentMeta:
    """Title, author, language tag and dates of one rendered document."""

    title: str
    author: str
    language: str
    rendered: dt.datetime  # Word: created and modified
    dated: dt.datetime  # PDF: the dossier's last update, else the render time


def plain_title(markdown: str) -> str:
    """The first level-1 heading of a Markdown document, without escapes."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return clean_text(re.sub(r"\\(.)", r"\1", line[2:]))
    return ""


def _dossier_date(dossier: Any) -> dt.datetime | None:
    meta = getattr(dossier, "meta", None)
    value = getattr(meta, "updated", None) or getattr(meta, "created", None)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def document_meta(dossier: Any, markdown: str, lang: str, brand: Brand | None,
                  rendered: dt.datetime) -> DocumentMeta:
    """The metadata of a document of ``dossier`` whose Markdown is ``markdown``."""
    network = getattr(getattr(dossier, "name", None), "name", None)
    author = (brand.organisation if brand and brand.organisation else "") or network or ""
    return DocumentMeta(title=plain_title(markdown), author=clean_text(author),
                        language=language_tag(lang), rendered=rendered,
                        dated=_dossier_date(dossier) or rendered)
