"""``reseau batch``: render the documents of many dossiers at once, in parallel."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from reseau_cli.cli.app import DocLang, app, resolve_lang
from reseau_cli.cli.options import (
    BrandOption,
    DocOption,
    ForceOption,
    FormatOption,
    NoFiguresOption,
    TemplatesOption,
)

if TYPE_CHECKING:
    from reseau_cli.batch import Summary
    from reseau_cli.batch.progress import Reporter


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Fichiers YAML, dossiers qui en contiennent, ou motifs "
                            "(clients/*.yaml, clients/**/*.yaml). / YAML files, folders holding "
                            "them, or globs.", show_default=False),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Dossier de sortie ; un sous-dossier par client. / "
                                         "Output folder; one sub-folder per client.",
                     show_default=False),
    ],
    doc: DocOption = "all",
    format: FormatOption = "all",
    lang: Annotated[
        DocLang | None,
        typer.Option("--lang", "-l", help="Langue des documents (fr, en, ar) et des messages "
                                          "(fr, en ; défaut : celle de chaque dossier). / "
                                          "Language of the documents (fr, en, ar) and messages "
                                          "(fr, en; default: each dossier's).",
                     show_default=False),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Processus en parallèle (défaut : nombre de CPU ; 1 : "
                                          "sans processus séparés). / Parallel processes "
                                          "(default: number of CPUs; 1: in-process).",
                     show_default=False),
    ] = None,
    templates: TemplatesOption = None,
    brand: BrandOption = None,
    force: ForceOption = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Diagnostiquer aussi chaque dossier et compter les "
                                     "constats. / Also diagnose each dossier and count findings."),
    ] = False,
    zip: Annotated[
        bool,
        typer.Option("--zip", help="Aussi un fichier <client>.zip par client dans --out. / Also "
                                   "one <client>.zip per client in --out."),
    ] = False,
    no_figures: NoFiguresOption = False,
) -> None:
    """Produit les documents de nombreux dossiers. / Render the documents of many dossiers.

    Un sous-dossier par client dans --out ; rien n'est remplacé sans --force. Sortie : 0 si
    aucun dossier n'échoue, 1 sinon, 130 si interrompu (Ctrl-C). / One sub-folder per client
    in --out; nothing is replaced without --force. Exit: 0 if no dossier failed, 1 otherwise,
    130 if interrupted.

    Exemple : reseau batch clients/ --out livrables --format md,docx --jobs 4
    """
    from reseau_cli import batch as core
    from reseau_cli import documents
    from reseau_cli.errors import ExitCode, UsageError
    from reseau_cli.render import FORMATS, parse_selection

    language = resolve_lang(lang)
    if jobs is not None and jobs < 1:
        raise UsageError("batch.bad_jobs", value=jobs)
    if out.exists() and not out.is_dir():
        raise UsageError("batch.out_not_folder", folder=str(out))
    options = core.BatchOptions(
        docs=documents.select(doc),
        formats=parse_selection(format, FORMATS, "format"),
        lang=lang.value if lang is not None else None,
        templates=templates, brand=brand, force=force, check=check, zip=zip,
        figures=not no_figures,
    )
    work = core.prepare(inputs, out, exclude=[brand] if brand is not None else [])
    summary = core.Summary(total=len(work))
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):  # a cron job's Latin-1 log must not stop the batch
        stream.reconfigure(errors="replace")
    terminal = stream.isatty()
    reporter = (_bar(stream, language, len(work)) if terminal
                else _plain(stream, language))

    def on_result(result: core.DossierResult) -> None:
        summary.add(result)
        reporter(result)

    try:
        with core.locked_output(out), reporter:
            core.run_batch(work, options, on_result,
                           workers=jobs if jobs is not None else core.default_workers())
    except KeyboardInterrupt:
        summary.interrupted = True
    except core.BatchAborted as exc:
        raise exc.failure.error() from None
    _print_summary(summary, language, stream, table=terminal)
    if summary.interrupted:
        raise typer.Exit(ExitCode.INTERRUPTED)
    if summary.failed:
        raise typer.Exit(ExitCode.INVALID)


def _bar(stream: TextIO, lang: str, total: int) -> Reporter:
    from reseau_cli.batch.progress import BarReporter

    return BarReporter(stream, lang, total)


def _plain(stream: TextIO, lang: str) -> Reporter:
    from reseau_cli.batch.progress import PlainReporter

    return PlainReporter(stream, lang)


def _print_summary(summary: Summary, lang: str, stream: TextIO, *, table: bool) -> None:
    """The tally, then each failure with its file and reason; a table in a terminal."""
    from reseau_cli import i18n
    from reseau_cli.batch import reason
    from reseau_cli.cli.output import printable

    failures = summary.sorted_failures()
    if table:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=stream)
        tally = Table(title=i18n.t("batch.summary_title", lang), title_justify="left")
        tally.add_column(i18n.t("batch.col_outcome", lang))
        tally.add_column(i18n.t("batch.col_dossiers", lang), justify="right")
        tally.add_column(i18n.t("batch.col_files", lang), justify="right")
        tally.add_row(i18n.t("batch.row_rendered", lang), str(summary.rendered),
                      str(summary.files_written))
        tally.add_row(i18n.t("batch.row_skipped", lang), str(summary.skipped),
                      str(summary.files_skipped))
        tally.add_row(i18n.t("batch.row_failed", lang), str(summary.failed), "")
        if summary.interrupted:
            tally.add_row(i18n.t("batch.row_not_started", lang), str(summary.not_started), "")
        if summary.checked:
            tally.add_row(i18n.t("batch.row_check", lang), str(summary.checked),
                          f"{summary.check_errors} / {summary.check_warnings}")
        console.print(tally)
        if failures:
            detail = Table(title=i18n.t("batch.summary_failures", lang), title_justify="left")
            detail.add_column(i18n.t("batch.col_file", lang), overflow="fold")
            detail.add_column(i18n.t("batch.col_reason", lang), overflow="fold", ratio=1)
            for result in failures:
                assert result.failure is not None
                detail.add_row(printable(str(result.job.path)),
                               printable(reason(result.failure, lang)))
            console.print(detail)
    else:
        print(i18n.t("batch.summary_line", lang, rendered=summary.rendered,
                     skipped=summary.skipped, failed=summary.failed, total=summary.total,
                     files=summary.files_written), file=stream)
        if summary.checked:
            print(i18n.t("batch.summary_check", lang, errors=summary.check_errors,
                         warnings=summary.check_warnings, checked=summary.checked), file=stream)
        if failures:
            print(i18n.t("batch.summary_failures", lang), file=stream)
            for result in failures:
                assert result.failure is not None
                line = f"  {result.job.path}: {reason(result.failure, lang)}"
                print(printable(line), file=stream)
    if summary.interrupted:
        print(i18n.t("batch.summary_interrupted", lang, not_started=summary.not_started),
              file=stream, flush=True)
