"""The :class:`Renderer`: build it once, then render any number of dossiers with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau_cli import documents as documents_table
from reseau_cli.documents import Document
from reseau_cli.errors import UsageError
from reseau_cli.gcpause import paused
from reseau_cli.render import direction
from reseau_cli.render.answers import Needs, without_hesitations
from reseau_cli.render.context import build_context
from reseau_cli.render.document_meta import document_meta, render_time
from reseau_cli.render.drafts import (
    DRAFT_NOTICE,
    Composed,
    draft_context,
    refuse_drafts,
)
from reseau_cli.render.environment import environment, render_template
from reseau_cli.render.word_finish import finish_docx
from reseau_cli.render.wording import languages, wording
from reseau_cli.resources import templates_dir

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from reseau_cli.render.brand import Brand
    from reseau_cli.render.figures import FigureCompiler, Figures
    from reseau_cli.render.pandoc import PandocWorker
    from reseau_cli.render.pdf import PdfCompiler

FORMATS: tuple[str, ...] = ("md", "html", "docx", "pdf")
REFERENCE_DOCX = "reference.docx"
TYPST_PAGE = "typst/page.typ"


class Renderer:
    """Holds the template environment and the converters, so each render only renders.

    Args:
        templates: a folder whose files override built-in templates of the same relative path
            (``fr/charter.md.j2``, ``reference.docx``, ``typst/page.typ``...).
        brand: a brand YAML file (see :mod:`reseau_cli.render.brand`).
        documents: the documents it knows (default: :data:`reseau_cli.documents.DOCUMENTS`).
        figures: draw the figures (network map, timeline...); False leaves them out.
        today: the date the timeline marks as today (default: ``SOURCE_DATE_EPOCH``, else
            the clock), fixed so that golden files and reproducible builds stay the same.

    """

    def __init__(self, templates: Path | None = None, brand: Path | None = None,
                 documents: Sequence[Document] = documents_table.DOCUMENTS, *,
                 figures: bool = True, today: dt.date | None = None) -> None:
        """Build the environment now; converters are set up on first use."""
        from reseau_cli.render.brand import load_brand

        if templates is not None and not templates.is_dir():
            raise UsageError("render.templates_not_folder", folder=str(templates))
        self.templates = templates.resolve() if templates is not None else None
        self.brand: Brand | None = load_brand(brand) if brand is not None else None
        self.documents = tuple(documents)
        self._env = environment(self.templates)
        self.figures = figures
        self.today = today
        self._figure_compiler: FigureCompiler | None = None
        self._parser: MarkdownIt | None = None
        self._pdf: PdfCompiler | None = None
        self._reference: Path | None = None
        self._workdir: Path | None = None
        self._worker: PandocWorker | None = None
        self._lock = threading.Lock()

    # --- the one source ---------------------------------------------------------------------

    def markdown(self, dossier: Any, doc: str, lang: str) -> str:
        """The document as Markdown: the source every other format is made from."""
        figures = self._figures(without_hesitations(dossier), lang)
        return figures.markdown(self.compose(dossier, doc, lang, figures=figures).markdown)

    def compose(self, dossier: Any, doc: str, lang: str, blocking: Sequence[str] | None = None,
                figures: Figures | None = None) -> Composed:
        """The document as Markdown, and whether it is a draft (with what it lacks).

        ``blocking`` is the dossier's error-level findings in ``lang``, looked up when not
        given. The Markdown holds a marker where each figure goes (see :mod:`.figures`);
        ``figures`` (made for the dossier when not given) turns them into each format.
        """
        document = documents_table.get(doc, self.documents)
        if lang not in languages():
            raise UsageError("render.unknown_lang", lang=lang)
        seen = without_hesitations(dossier)
        if figures is None:
            figures = self._figures(seen, lang)
        needs = Needs(seen)
        context = build_context(seen, document, lang, self.brand, self.templates, needs)
        context["figure"] = figures
        # A consultant's own template for one language wins over the shared logic template.
        names = [f"{lang}/{document.id}.md.j2", f"{document.id}.md.j2"]
        text = _tidy(render_template(self._env, names, context))
        if not document.drafts:
            return Composed(text, (), (), figures)
        if blocking is None:
            blocking = documents_table.blocking(dossier, lang)
        composed = Composed(text, tuple(needs.missing), tuple(blocking), figures)
        if composed.draft:
            notice = render_template(self._env, DRAFT_NOTICE,
                                     draft_context(context, composed.missing, composed.blocking))
            composed = Composed(_after_title(text, notice), composed.missing, composed.blocking,
                                figures)
        return composed

    # --- formats ----------------------------------------------------------------------------

    def render(self, dossier: Any, doc: str, fmt: str, lang: str) -> bytes:
        """One document in one format."""
        return self.render_formats(dossier, doc, (fmt,), lang)[fmt]

    def render_formats(
        self, dossier: Any, doc: str, formats: Sequence[str], lang: str
    ) -> dict[str, bytes]:
        """One document in several formats, from one Markdown render."""
        results = self.render_documents(dossier, (doc,), formats, lang)
        return {fmt: results[(doc, fmt)] for fmt in formats}

    def render_documents(
        self, dossier: Any, docs: Sequence[str], formats: Sequence[str], lang: str,
        *, final: bool = False,
    ) -> dict[tuple[str, str], bytes]:
        """Several documents of one dossier in several formats, sharing the converters' work.

        Markdown and HTML are made in-process. For Word and PDF, one pandoc process (kept for
        the renderer's life) reads each document once and writes both Word and Typst; Typst
        then compiles the PDF in-process. With ``final``, a draft among ``docs`` raises
        :class:`~reseau_cli.render.drafts.DraftError` listing what is missing, before any work.
        """
        unknown = [fmt for fmt in formats if fmt not in FORMATS]
        if unknown:  # before any work
            raise UsageError("render.unknown_format", format=unknown[0],
                             allowed=", ".join(FORMATS))
        composed = self.compose_all(dossier, docs, lang)
        if final:
            refuse_drafts(composed, lang)
        return self.convert(dossier, composed, formats, lang)

    def compose_all(self, dossier: Any, docs: Sequence[str], lang: str) -> dict[str, Composed]:
        """Several documents of one dossier as Markdown, the dossier diagnosed once."""
        with paused():
            blocking = documents_table.blocking(dossier, lang)
            figures = self._figures(without_hesitations(dossier), lang)
            return {doc: self.compose(dossier, doc, lang, blocking, figures) for doc in docs}

    def convert(self, dossier: Any, composed: dict[str, Composed], formats: Sequence[str],
                lang: str) -> dict[tuple[str, str], bytes]:
        """Composed documents in ``formats``: {(doc, format): bytes}."""
        unknown = [fmt for fmt in formats if fmt not in FORMATS]
        if unknown:
            raise UsageError("render.unknown_format", format=unknown[0],
                             allowed=", ".join(FORMATS))
        # Tens of thousands of short-lived objects per document (template frames, Markdown
        # tokens): cyclic collections meanwhile would make time grow faster than the dossier.
        with paused():
            return self._render_documents(dossier, composed, formats, lang)

    def _render_documents(
        self, dossier: Any, composed: dict[str, Composed], formats: Sequence[str], lang: str
    ) -> dict[tuple[str, str], bytes]:
        sources = {doc: c.markdown for doc, c in composed.items()}
        drafts = {doc: self._watermark(lang) if c.draft else "" for doc, c in composed.items()}
        docs = list(composed)
        figures = next((c.figures for c in composed.values() if c.figures is not None), None)
        if figures is None:
            figures = self._figures(without_hesitations(dossier), lang)
        figures.prepare(sources.values(), formats)  # pictures compile while pandoc works
        results: dict[tuple[str, str], bytes] = {}
        if "docx" in formats or "pdf" in formats:
            results.update(self._convert(dossier, sources, formats, lang, figures, drafts))
        for doc, markdown in sources.items():
            if "md" in formats:
                results[(doc, "md")] = figures.markdown(markdown).encode("utf-8")
            if "html" in formats:
                results[(doc, "html")] = figures.html(self.html(markdown, lang)).encode("utf-8")
        return {(doc, fmt): results[(doc, fmt)] for doc in docs for fmt in formats}

    def _watermark(self, lang: str) -> str:
        return str(wording(self.templates, lang, "common")("draft.watermark"))

    def _convert(
        self, dossier: Any, sources: dict[str, str], formats: Sequence[str], lang: str,
        figures: Figures, drafts: dict[str, str],
    ) -> dict[tuple[str, str], bytes]:
        # One pandoc process, kept for the renderer's life, reads each Markdown once and
        # writes Word and Typst from it (see pandoc.PandocWorker).
        worker = self._pandoc()  # also makes the private folder a branded reference goes to
        wanted = [fmt for fmt, needs in (("docx", "docx"), ("typst", "pdf")) if needs in formats]
        reference = self._reference_doc() if "docx" in formats else None
        converted = worker.convert([direction.pandoc_source(text, lang)
                                    for text in sources.values()], wanted, reference)
        compiler = self._pdf_compiler() if "pdf" in formats else None
        now = render_time(self.today)
        results: dict[tuple[str, str], bytes] = {}
        for (doc, markdown), out in zip(sources.items(), converted, strict=True):
            meta = document_meta(dossier, markdown, lang, self.brand, now)
            meta = dataclasses.replace(meta, title=direction.plain(meta.title))
            if "docx" in out:
                docx = figures.docx(out["docx"])
                results[(doc, "docx")] = direction.docx_rtl(finish_docx(docx, meta), lang)
            if compiler is not None:
                body = figures.typst(direction.typst_isolates(out["typst"].decode("utf-8"), lang))
                results[(doc, "pdf")] = compiler.compile(body, meta, draft=drafts[doc])
        return results

    def html(self, markdown: str, lang: str) -> str:
        """A standalone HTML page for ``markdown``."""
        from reseau_cli.render.html import make_parser, to_html

        if self._parser is None:
            self._parser = make_parser()
        return to_html(self._parser, markdown, lang, self.brand)

    # --- resources, made once ----------------------------------------------------------------

    def _figures(self, dossier: Any, lang: str) -> Figures:
        """The figures of one dossier render (built and compiled once, shared by formats)."""
        from reseau_cli.render.figures import FigureCompiler, Figures, today_for_render

        if self.figures and self._figure_compiler is None:
            root = self._work() / "figures"
            root.mkdir(exist_ok=True)
            self._figure_compiler = FigureCompiler(root)
        today = self.today or today_for_render(os.environ)
        return Figures(dossier, lang, today, self._figure_compiler, enabled=self.figures,
                       templates=self.templates)

    def _file(self, relative: str) -> Path:
        # Like the template loader: a custom file counts only if it really lies in the folder.
        if self.templates is not None:
            candidate = self.templates / relative
            if candidate.is_file() and candidate.resolve().is_relative_to(self.templates):
                return candidate
        return templates_dir() / relative

    def _work(self) -> Path:
        with self._lock:
            if self._workdir is None:
                self._workdir = Path(tempfile.mkdtemp(prefix="reseau-render-"))
                weakref.finalize(self, shutil.rmtree, self._workdir, True)
            return self._workdir

    def _reference_doc(self) -> Path:
        from reseau_cli.render.word_reference import prepare_reference

        base = self._file(REFERENCE_DOCX)
        builtin = base == templates_dir() / REFERENCE_DOCX
        brand = self.brand
        svg = brand is not None and brand.logo_ext == ".svg"
        rasterise = self._pdf_compiler().rasterise if svg else None
        with self._lock:
            if self._reference is None:
                assert self._workdir is not None
                self._reference = prepare_reference(
                    base, brand, self._workdir / "reference.docx", rasterise=rasterise,
                    shown=str(base) if not builtin else REFERENCE_DOCX,
                    restyle=builtin or brand is not None)
            return self._reference

    def _pandoc(self) -> PandocWorker:
        workdir = self._work()
        with self._lock:
            if self._worker is None:
                from reseau_cli.render.pandoc import PandocWorker

                self._worker = PandocWorker(workdir)
            return self._worker

    def _pdf_compiler(self) -> PdfCompiler:
        if self._pdf is None:
            from reseau_cli.render.pdf import PdfCompiler

            root = self._work() / "typst"
            root.mkdir(exist_ok=True)
            page = self._file(TYPST_PAGE).read_text(encoding="utf-8")
            self._pdf = PdfCompiler(root, page, self.brand)
        return self._pdf

    def close(self) -> None:
        """Remove the temporary folder (also done when the renderer is garbage-collected)."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None
        if self._figure_compiler is not None:
            self._figure_compiler.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
            self._reference = None
            self._pdf = None
            self._figure_compiler = None

    def __enter__(self) -> Renderer:
        """Use as a context manager to clean up at the end."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Clean up."""
        self.close()


_BLANK_RUNS = re.compile(r"\n{3,}")
_BEFORE_HEADING = re.compile(r"(?<=[^\n])\n(#{1,6} |---\n)")
_AFTER_HEADING = re.compile(r"^(#{1,6} [^\n]*)\n(?=[^\n])", re.M)
_LEADING_SPACE = re.compile(r"^ (?=\S)", re.M)  # a sentence joined after a skipped part


def _tidy(text: str) -> str:
    # Templates leave blank lines where optional parts were skipped; keep at most one. A
    # heading or a rule always stands between blank lines (pandoc needs them).
    text = _AFTER_HEADING.sub(r"\1\n\n", _BEFORE_HEADING.sub(r"\n\n\1", text))
    text = _LEADING_SPACE.sub("", text)
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def _after_title(text: str, notice: str) -> str:
    # The notice goes right under the title, so it is on the first page.
    lines = text.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return _tidy("\n".join([*lines[:at], "", notice.strip(), "", *lines[at:]]))
