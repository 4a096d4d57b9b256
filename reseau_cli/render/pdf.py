"""Typst markup to PDF with the ``typst`` package, fonts from pip packages only.

The compiler's root is a private temporary folder holding only our files (the logo), so a
``#read`` or ``#image`` of any other path cannot reach the disk; pandoc has already escaped
dossier text, so no Typst code from it runs at all. System fonts are ignored: Typst's embedded
Libertinus Serif (Latin, accents) and Noto Sans Arabic from ``fontpkg-noto-sans-arabic`` make
the PDF the same on every machine, and a fixed timestamp keeps its bytes stable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau_cli.errors import ConversionError

if TYPE_CHECKING:
    from reseau_cli.render.brand import Brand


def font_paths() -> list[str]:
    """Folders of the fonts we ship (as pip packages)."""
    import fontpkg_noto_sans_arabic

    root = Path(fontpkg_noto_sans_arabic.ROOT)
    files = root / "files"
    return [str(files if files.is_dir() else root)]


class PdfCompiler:
    """One Typst compiler (fonts loaded once) working in ``root``."""

    def __init__(self, root: Path, page: str, brand: Brand | None) -> None:
        """A compiler for documents laid out by ``page`` (Typst preamble) with ``brand``."""
        import typst

        self._root = root
        self._page = page
        self._inputs: dict[str, str] = {}
        if brand is not None:
            self._inputs = {"organisation": brand.organisation, "footer": brand.footer,
                            "colour": brand.colour}
            if brand.logo:
                logo = root / f"logo{brand.logo_ext}"
                logo.write_bytes(brand.logo)
                self._inputs["logo"] = logo.name
        self._compiler = typst.Compiler(root=str(root), font_paths=font_paths(),
                                        ignore_system_fonts=True)

    def compile(self, body: str, title: str, lang: str, when: dt.datetime | None,
                draft: str = "") -> bytes:
        """A PDF of ``body`` (Typst markup from pandoc); ``draft`` marks every page."""
        import typst

        source = f"{self._page}\n{body}\n".encode()
        inputs = {**self._inputs, "title": title, "lang": lang, "dated": "1" if when else "",
                  "draft": draft}
        stamp = when.timestamp() if when is not None else 0
        try:
            result: Any = self._compiler.compile(input=source, format="pdf", sys_inputs=inputs,
                                                 timestamp=int(stamp))
        except typst.TypstError as exc:
            raise ConversionError("render.typst_failed", reason=str(exc)[:500]) from exc
        if not isinstance(result, bytes):  # pragma: no cover - multi-page image formats only
            raise ConversionError("render.typst_failed", reason="no PDF produced")
        return result
