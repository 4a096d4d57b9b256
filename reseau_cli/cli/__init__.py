"""Command-line entry point: parse, call the core, turn errors into messages and exit codes."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, cast

from reseau_cli import stopping
from reseau_cli.cli import (  # noqa: F401 - importing registers the commands
    batch_cmds,
    check_cmds,
    dossier_cmds,
    members_cmds,
    render_cmds,
    wizard_cmds,
)
from reseau_cli.cli.app import app

__all__ = ["app", "main"]


def _argv_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("fr", "en") else "fr"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("fr", "en") else "fr"
    value = os.environ.get("RESEAU_LANG", "fr")
    return value if value in ("fr", "en") else "fr"


HELP_OPTION = "Affiche cette aide et quitte. / Show this message and exit."


def command() -> Any:
    """The click command tree of ``app``, with --help described in both languages."""
    import typer.main

    root = typer.main.get_command(app)
    stack = [root]
    while stack:
        current = stack.pop()
        option = current.get_help_option(cast(Any, _HelpContext()))
        if option is not None:
            option.help = HELP_OPTION
        stack.extend(getattr(current, "commands", {}).values())
    return root


class _HelpContext:
    # get_help_option only asks the context for the help option's names.
    help_option_names = ["--help"]


def main(argv: list[str] | None = None) -> None:
    """Run ``reseau``; exit with 0, 1 (invalid), 2 (unreadable/usage), 130 (Ctrl-C), 128+signal."""
    if argv is None:  # a real start, not a test calling in: this process is ours
        # What start-up built lives until exit: frozen objects are skipped by every later
        # collection, including the one at exit (~10% of `reseau --version`, see benchmarks/).
        gc.freeze()
        # kill/timeout (SIGTERM) and a closed terminal (SIGHUP) unwind like Ctrl-C: children
        # end and temporary folders go (see reseau_cli.stopping).
        stopping.install()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:  # accepted anywhere on the line, not only before the command
        args = ["--debug", *[a for a in args if a != "--debug"]]
    lang = _argv_lang(args)
    code = 0
    try:
        # Typer itself exits for usage errors (2), --help and Ctrl-C (130).
        command().main(args=args, prog_name="reseau")
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into messages
        from reseau_cli.cli.output import print_error
        from reseau_cli.errors import ReseauError

        if debug:
            raise
        if isinstance(exc, ReseauError):
            print_error(exc, lang)
            code = int(exc.exit_code)
        else:
            from reseau_cli import i18n
            from reseau_cli.cli.output import printable

            print(printable(i18n.t("errors.unexpected", lang,
                                   reason=f"{type(exc).__name__}: {exc}")), file=sys.stderr)
            code = 1
    finally:
        stopped = stopping.exit_code()
        if stopped is not None:  # 143 after SIGTERM, 129 after SIGHUP, whatever was under way
            sys.exit(stopped)
    sys.exit(code)
