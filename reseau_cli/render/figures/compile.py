"""Figures as Typst source, and that source compiled to SVG (HTML) and PNG (Word) by ``typst``.

One compiler per renderer (fonts are loaded once); each figure is compiled at most once per
format and the bytes are reused by every document that shows it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from reseau_cli.errors import ConversionError
from reseau_cli.render.figures import typstlit
from reseau_cli.render.figures.spec import FigureSpec
from reseau_cli.resources import templates_dir

MARGIN = 4.0  # points around a picture exported on its own
PNG_PPI = 150  # 950 px over 16 cm: sharp on screen, fair in print, ~60 kB a figure


@cache
def library() -> str:
    """The Typst drawing functions (``templates/figures/draw.typ``)."""
    return (templates_dir() / "figures" / "draw.typ").read_text(encoding="utf-8")


def call(spec: FigureSpec) -> str:
    """The Typst code that draws ``spec`` (after :func:`library`)."""
    return f"{spec.function}({typstlit.literal(spec.data)})"


def standalone(spec: FigureSpec, lang: str) -> str:
    """A Typst document holding only the figure, on a page its own size."""
    width = spec.data.get("width", 453.0) + 2 * MARGIN
    return (
        f"#set page(width: {width:.2f}pt, height: auto, margin: {MARGIN}pt, fill: white)\n"
        '#set text(font: ("Libertinus Serif", "Amiri"), size: 9pt, '
        f"lang: {typstlit.string(lang)})\n"
        f"{library()}\n#{call(spec)}\n"
    )


class FigureCompiler:
    """Compiles figures with ``typst.Compiler``s rooted in an empty private folder.

    :meth:`submit` compiles in a background thread: the Word pictures are made while pandoc
    converts the documents, so they add little to the time a render takes.
    """

    def __init__(self, root: Path) -> None:
        """A compiler whose file access is confined to ``root``."""
        self._root = root
        self._compilers: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _get(self) -> Any:
        # One typst compiler per thread: a compile in the background never waits for another.
        key = threading.current_thread().name
        if key not in self._compilers:
            import typst

            from reseau_cli.render.pdf import font_paths

            self._compilers[key] = typst.Compiler(root=str(self._root),
                                                  font_paths=font_paths(),
                                                  ignore_system_fonts=True)
        return self._compilers[key]

    def submit(self, spec: FigureSpec, lang: str, fmt: str) -> Future[bytes]:
        """Compile in the background; the future's result is what :meth:`compile` returns."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="reseau-figures")
            return self._pool.submit(self.compile, spec, lang, fmt)

    def close(self) -> None:
        """Stop the background thread."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def compile(self, spec: FigureSpec, lang: str, fmt: str) -> bytes:
        """``spec`` as ``"svg"`` or ``"png"`` bytes."""
        import typst

        source = standalone(spec, lang).encode("utf-8")
        with self._lock:
            compiler = self._get()
        try:
            result: Any = compiler.compile(input=source, format=fmt,
                                           ppi=PNG_PPI if fmt == "png" else None)
        except typst.TypstError as exc:
            raise ConversionError("render.typst_failed", reason=str(exc)[:500]) from exc
        if isinstance(result, list):  # one page is expected; keep the first if not
            result = result[0]
        if not isinstance(result, bytes):  # pragma: no cover - typst returns bytes
            raise ConversionError("render.typst_failed", reason=f"no {fmt} produced")
        return result
