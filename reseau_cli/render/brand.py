"""A consultant's brand on the documents: organisation, logo, colour, footer.

The brand file is YAML::

    organisation: Cabinet Conseil Atlas      # shown in the page header
    logo: logo.png                           # PNG, JPEG or SVG, relative to the brand file
    colour: "#1F4E79"                        # headings and rules, #RRGGBB
    footer: "Cabinet Conseil Atlas — Casablanca"

Every key is optional; anything else is an error, with the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reseau_cli.errors import Problem, ReseauError
from reseau_cli.render.images import MAX_SIDE, ImageError, image_size, too_large
from reseau_cli.render.markup import clean_text
from reseau_cli.yamlio import load_located, read_text

DEFAULT_COLOUR = "#1F4E79"
MAX_LOGO_BYTES = 2 * 1024 * 1024
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_KEYS = ("organisation", "logo", "colour", "footer")
_LOGO_TYPES = {
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".svg": ("image/svg+xml", b""),
}
_MAX_TEXT = 200


@dataclass(frozen=True)
class Brand:
    """A validated brand; ``logo`` is the image's bytes, ``logo_ext`` its extension."""

    organisation: str = ""
    colour: str = DEFAULT_COLOUR
    footer: str = ""
    logo: bytes | None = None
    logo_ext: str = ""

    @property
    def logo_mime(self) -> str:
        """The logo's MIME type (empty without a logo)."""
        return _LOGO_TYPES[self.logo_ext][0] if self.logo_ext in _LOGO_TYPES else ""


def load_brand(path: Path) -> Brand:
    """Read and check a brand file; every problem is reported at once."""
    shown = str(path)
    located = load_located(read_text(path), shown)
    data = located.data if located.data is not None else {}
    problems: list[Problem] = []

    def problem(message: str, where: tuple[str, ...], **params: Any) -> None:
        mark = located.mark(where)
        problems.append(Problem(key=message, params=params, path=".".join(where), file=shown,
                                line=mark[0] if mark else None,
                                column=mark[1] if mark else None))

    if not isinstance(data, dict):
        problem("render.brand.not_mapping", ())
        raise ReseauError("render.brand.invalid", problems=problems, file=shown)
    for key in data:
        if key not in _KEYS:
            problem("render.brand.unknown_key", (str(key),), key=key, allowed=", ".join(_KEYS))
    texts: dict[str, str] = {}
    for key in ("organisation", "footer", "colour", "logo"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > _MAX_TEXT:
            problem("render.brand.text", (key,), key=key, limit=_MAX_TEXT)
            continue
        # Control characters (\x01, \x0b, U+FFFE...) would corrupt Word's XML: cleaned like
        # dossier values; a newline becomes a space (each text is one line of a header).
        texts[key] = clean_text(value) if key in ("organisation", "footer") else value.strip()
    colour = texts.get("colour") or DEFAULT_COLOUR
    if not _COLOUR.match(colour):
        problem("render.brand.colour", ("colour",), value=colour)
    logo: bytes | None = None
    ext = ""
    if texts.get("logo"):
        logo_path = (path.parent / texts["logo"]).resolve()
        ext = logo_path.suffix.lower()
        if ext not in _LOGO_TYPES:
            problem("render.brand.logo_type", ("logo",), file=texts["logo"])
        elif not logo_path.is_file():
            problem("render.brand.logo_missing", ("logo",), file=str(logo_path))
        elif logo_path.stat().st_size > MAX_LOGO_BYTES:
            problem("render.brand.logo_large", ("logo",), file=str(logo_path),
                    limit=MAX_LOGO_BYTES)
        else:
            logo = logo_path.read_bytes()
            magic = _LOGO_TYPES[ext][1]
            looks_svg = ext == ".svg" and b"<svg" in logo[:4096]
            if (magic and not logo.startswith(magic)) or (ext == ".svg" and not looks_svg):
                problem("render.brand.logo_type", ("logo",), file=texts["logo"])
                logo = None
            else:
                logo = _checked_size(logo, ext, str(logo_path), problem)
    if problems:
        raise ReseauError("render.brand.invalid", problems=problems, file=shown)
    return Brand(organisation=texts.get("organisation", ""), colour=colour.upper(),
                 footer=texts.get("footer", ""), logo=logo, logo_ext=ext if logo else "")


def _checked_size(logo: bytes, ext: str, shown: str,
                  problem: Callable[..., None]) -> bytes | None:
    # From the header only, before any decoder sees the picture: a 1 MB PNG can claim
    # 100000 x 100000 pixels, and decoding it would ask for tens of gigabytes.
    try:
        size = image_size(logo, ext)
    except ImageError as exc:
        problem("render.brand.logo_broken", ("logo",), file=shown, reason=str(exc))
        return None
    if too_large(size, ext):
        problem("render.brand.logo_pixels", ("logo",), file=shown, width=int(size[0]),
                height=int(size[1]), limit=MAX_SIDE)
        return None
    return logo
