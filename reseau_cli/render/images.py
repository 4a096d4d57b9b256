"""Image sizes read from the file header, before anything decodes the picture.

A logo is checked here first: a small file can claim 100000 × 100000 pixels, and a decoder
(Typst's, Word's) would then ask for gigabytes. PNG and JPEG sizes are in their headers; an SVG
gives its size in attributes (or only a viewBox), and is drawn at the size we ask for anyway.
"""

from __future__ import annotations

import re

MAX_SIDE = 10_000  # pixels; a logo printed 3 cm high needs a few hundred
MAX_PIXELS = 40_000_000

_SVG_LENGTH = re.compile(
    rb'\b(width|height)\s*=\s*["\']\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*["\']')
_SVG_VIEWBOX = re.compile(
    rb'\bviewBox\s*=\s*["\']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)')
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class ImageError(ValueError):
    """The header of an image cannot be read (the message says why, in English)."""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ImageError("no PNG header")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame marker."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            raise ImageError("broken JPEG marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in _SOF:
            height = int.from_bytes(data[i + 5:i + 7], "big")
            return int.from_bytes(data[i + 7:i + 9], "big"), height
        i += 2 + length
    raise ImageError("no JPEG frame header")


def svg_size(data: bytes) -> tuple[float, float]:
    """The drawing's width and height (its viewBox, else its width/height attributes)."""
    start = data.find(b"<svg")
    if start < 0:
        raise ImageError("no <svg> element")
    tag = data[start:data.find(b">", start) + 1]
    box = _SVG_VIEWBOX.search(tag)
    if box:
        width, height = float(box.group(1)), float(box.group(2))
    else:
        sizes = {m.group(1): float(m.group(2)) for m in _SVG_LENGTH.finditer(tag)}
        width, height = sizes.get(b"width", 300.0), sizes.get(b"height", 150.0)
    if width <= 0 or height <= 0:
        raise ImageError("an empty drawing")
    return width, height


def image_size(data: bytes, ext: str) -> tuple[float, float]:
    """Width and height of an image whose type is given by its extension."""
    if ext == ".png":
        return png_size(data)
    if ext in (".jpg", ".jpeg"):
        return jpeg_size(data)
    if ext == ".svg":
        return svg_size(data)
    raise ImageError(f"unknown image type {ext}")


def too_large(size: tuple[float, float], ext: str) -> bool:
    """Whether a bitmap would take more memory to decode than a logo ever needs."""
    width, height = size
    if ext == ".svg":
        return False  # drawn at the size we choose
    return width < 1 or height < 1 or max(width, height) > MAX_SIDE or width * height > MAX_PIXELS
