"""Slugs and safe output file names, whatever the network is called.

A slug is lowercase ASCII letters, digits and hyphens only, so it can never hold a path
separator, a dot-dot, a drive letter or a shell character. Names that slug to nothing (empty,
all punctuation, a script that cannot be transliterated) get ``reseau-<hash>``; Windows'
reserved device names get a suffix; long names are cut and keep a short hash so two long
names that share a beginning stay apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from typing import Any

DEFAULT_SLUG = "reseau"
MAX_SLUG = 60
_HASH_LEN = 8
# Device names Windows refuses as file names, with or without an extension.
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LEN]


def slugify_name(name: Any) -> str:
    """A safe slug for ``name`` (``"Réseau Atlas"`` → ``"reseau-atlas"``); never empty."""
    from slugify import slugify

    text = "" if name is None else str(name).strip()
    if not text:
        return DEFAULT_SLUG
    slug = slugify(text, lowercase=True, max_length=0, separator="-")
    # python-slugify keeps only [a-z0-9-] with these settings; filter again to be certain.
    slug = "".join(c for c in slug if c.isascii() and (c.isalnum() or c == "-")).strip("-")
    if not slug:
        return f"{DEFAULT_SLUG}-{_short_hash(text)}"
    if len(slug) > MAX_SLUG:
        slug = f"{slug[: MAX_SLUG - _HASH_LEN - 1].rstrip('-')}-{_short_hash(text)}"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-{DEFAULT_SLUG}"
    return slug


def dossier_slug(dossier: Any) -> str:
    """The slug of a dossier's network: its short name, else its name, else ``reseau``."""
    section = getattr(dossier, "name", None)
    for field in ("short_name", "name"):
        value = getattr(section, field, None)
        if value is not None and str(value).strip():
            return slugify_name(value)
    return DEFAULT_SLUG


def doc_file_stem(doc: str, lang: str) -> str:
    """The document part of a file name (``charte`` in French, ``charter`` in English)."""
    from reseau_cli.documents import find

    document = find(doc)
    return document.stem(lang) if document is not None else slugify_name(doc)


def file_name(slug: str, doc: str, fmt: str, lang: str) -> str:
    """``<slug>_<document>.<format>``, e.g. ``atlas_charte.pdf``."""
    return f"{slug}_{doc_file_stem(doc, lang)}.{fmt}"


def unique_name(slug: str, taken: Collection[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... : the first one not in ``taken``."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
