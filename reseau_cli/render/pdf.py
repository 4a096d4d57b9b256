"""Typst markup to PDF with the ``typst`` package, fonts from pip packages only.

The compiler's root is a private temporary folder holding only our files (the logo), so a
``#read`` or ``#image`` of any other path cannot reach the disk; pandoc has already escaped
dossier text, so no Typst code from it runs at all. System fonts are ignored: Typst's embedded
Libertinus Serif (Latin, accents) and Amiri (Arabic; :mod:`reseau_cli.render.direction` says
why not Noto Sans Arabic) from pip packages make the PDF the same on every machine, and a fixed
timestamp keeps its bytes stable. PDFs are PDF/A-2b (fonts embedded, title, author and
language in the metadata).

Each compilation runs in a helper thread with a time limit: past it the user gets a clear
error, and the compiler, still busy, is replaced by a fresh one for the next document.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau_cli.errors import ConversionError
from reseau_cli.render.markup import clean_text

if TYPE_CHECKING:
    from reseau_cli.render.brand import Brand
    from reseau_cli.render.document_meta import DocumentMeta

TIMEOUT = 120  # seconds, like pandoc's
PDF_STANDARD = "a-2b"


def font_paths() -> list[str]:
    """Folders of the fonts we ship (as pip packages): Amiri for Arabic text, then Noto."""
    import fontpkg_noto_sans_arabic

    from reseau_cli.render.direction import font_dirs

    root = Path(fontpkg_noto_sans_arabic.ROOT)
    files = root / "files"
    return [*font_dirs(), str(files if files.is_dir() else root)]


def _run_with_limit(timeout: float, work: Any) -> Any:
    # Typst releases the GIL while it works: a daemon thread lets us stop waiting for it.
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="reseau-typst", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise ConversionError("render.too_slow", seconds=round(timeout))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class PdfCompiler:
    """One Typst compiler (fonts loaded once) working in ``root``."""

    def __init__(self, root: Path, page: str, brand: Brand | None,
                 timeout: float = TIMEOUT) -> None:
        """A compiler for documents laid out by ``page`` (Typst preamble) with ``brand``."""
        self._root = root
        self._page = page
        self.timeout = timeout
        self._inputs: dict[str, str] = {}
        if brand is not None:
            self._inputs = {"organisation": clean_text(brand.organisation),
                            "footer": clean_text(brand.footer), "colour": brand.colour}
            if brand.logo:
                logo = root / f"logo{brand.logo_ext}"
                logo.write_bytes(brand.logo)
                self._inputs["logo"] = logo.name
        self._compiler: Any = None

    def _fresh(self) -> Any:
        import typst

        if self._compiler is None:
            self._compiler = typst.Compiler(root=str(self._root), font_paths=font_paths(),
                                            ignore_system_fonts=True)
        return self._compiler

    def compile(self, body: str, meta: DocumentMeta) -> bytes:
        """A PDF of ``body`` (Typst markup from pandoc) with ``meta`` in its metadata."""
        import typst

        source = f"{self._page}\n{body}\n".encode()
        lang, _, region = meta.language.partition("-")
        # "dated": what page set-ups exported before 0.2 test to keep the date.
        inputs = {**self._inputs, "title": meta.title, "lang": lang, "region": region,
                  "author": meta.author, "dated": "1"}
        stamp = int(meta.dated.timestamp())
        compiler = self._fresh()

        def compile_pdf(standard: str | None) -> Any:
            options = {"pdf_standards": standard} if standard else {}
            return _run_with_limit(self.timeout, lambda: compiler.compile(
                input=source, format="pdf", sys_inputs=inputs, timestamp=stamp, **options))

        try:
            try:
                result = compile_pdf(PDF_STANDARD)
            except typst.TypstError as exc:
                if "PDF/A" not in str(exc):
                    raise
                result = compile_pdf(None)  # a custom page set-up PDF/A refuses: plain PDF
        except ConversionError:
            self._compiler = None  # still busy in its thread: the next document gets another
            raise
        except typst.TypstError as exc:
            raise ConversionError("render.typst_failed", reason=str(exc)[:500]) from exc
        if not isinstance(result, bytes):  # pragma: no cover - multi-page image formats only
            raise ConversionError("render.typst_failed", reason="no PDF produced")
        return result

    def rasterise(self, svg: bytes, height_cm: float = 2.4) -> bytes:
        """A PNG of an SVG drawing (for Word, which wants a bitmap), drawn by Typst itself."""
        import typst

        (self._root / "raster.svg").write_bytes(svg)
        source = (f'#set page(width: auto, height: auto, margin: 0pt)\n'
                  f'#image("raster.svg", height: {height_cm}cm)\n').encode()
        compiler = self._fresh()
        try:
            result = _run_with_limit(self.timeout, lambda: compiler.compile(
                input=source, format="png", ppi=200))
        except typst.TypstError as exc:
            raise ConversionError("render.typst_failed", reason=str(exc)[:500]) from exc
        finally:
            (self._root / "raster.svg").unlink(missing_ok=True)
        if isinstance(result, list):  # pragma: no cover - one page, one image
            result = result[0]
        return bytes(result)
