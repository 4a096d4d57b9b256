"""Speed figures of issue 6, each a ratio measured in one run on this machine.

    python benchmarks/run.py            # everything (the all-formats batch of 500 takes minutes)
    python benchmarks/run.py --quick    # the all-formats batch on 50 dossiers instead of 500

Prints the figures and writes them, with the date and the machine, to benchmarks/RESULTS.md
(the notes in benchmarks/changes.md are copied in). copier is installed, for the comparison
only, in its own virtual environment (default /tmp/reseau-bench-venv), never in ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from measure import (  # noqa: E402
    Timing,
    interleaved_calls,
    interleaved_commands,
    machine,
    run_tree,
)

from tests.batch_helpers import make_dossier, write_dossiers  # noqa: E402

EXAMPLE = ROOT / "guides" / "examples" / "atlas.yaml"
RAW = HERE / "results.json"  # the figures of the last full run, for --report-only
DOCS = "charter,letter,plan"


@dataclass
class Figure:
    """One line of the results table."""

    section: str
    name: str
    value: str
    target: str
    ok: bool | None  # None: reported, no target

    def line(self) -> str:
        mark = {True: "yes", False: "**no**", None: "-"}[self.ok]
        return f"| {self.name} | {self.value} | {self.target} | {mark} |"


FIGURES: list[Figure] = []


def figure(section: str, name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    FIGURES.append(Figure(section, name, value, target, ok))
    status = "" if ok is None else ("  [ok]" if ok else "  [MISSED]")
    print(f"  {name}: {value}" + (f"  (target {target})" if target else "") + status, flush=True)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def reseau_argv() -> list[str]:
    """``reseau`` as installed (its console script), run by this interpreter."""
    script = Path(sys.executable).parent / "reseau"
    if not script.is_file():
        found = shutil.which("reseau")
        if found is None:
            raise SystemExit("reseau is not installed in this environment (pip install -e .)")
        script = Path(found)
    return [sys.executable, str(script)]


# --- 1. start ---------------------------------------------------------------------------------


def start_figures(reps: int) -> None:
    print(f"1. Start ({reps} interleaved runs of each command)", flush=True)
    reseau = reseau_argv()
    commands = {
        "hello --help": [sys.executable, str(HERE / "hello_typer.py"), "--help"],
        "reseau --help": [*reseau, "--help"],
        "import typer": [sys.executable, "-c", "import typer"],
        "reseau --version": [*reseau, "--version"],
        "reseau validate": [*reseau, "validate", str(EXAMPLE)],
        "python -c pass": [sys.executable, "-c", "pass"],
        # Typer 0.2x coerces every non-flag parameter through a pydantic TypeAdapter: any
        # command taking an argument pays for importing pydantic. This is that floor.
        "hello World": [sys.executable, str(HERE / "hello_typer.py"), "hello", "World"],
    }
    t = interleaved_commands(commands, reps, cwd=ROOT)
    for name, timing in t.items():
        figure("start", f"`{name}` (wall)", timing.ms())
    floor = t["python -c pass"].median
    pairs = [
        ("`reseau --help` / hello-world Typer `--help`", "reseau --help", "hello --help", 1.1),
        ("`reseau --version` / `python -c 'import typer'`", "reseau --version", "import typer",
         1.2),
        ("`reseau validate atlas.yaml` / `python -c 'import typer'`", "reseau validate",
         "import typer", 1.5),
    ]
    for label, a, b, target in pairs:
        value = ratio(t[a].median, t[b].median)
        best = ratio(t[a].best, t[b].best)
        above = ratio(t[a].median - floor, t[b].median - floor)
        figure("start", label, f"{value:.2f}× (medians; mins {best:.2f}×; {above:.2f}× above "
               "bare `python`)", f"≤ {target}×", value <= target)
    value = ratio(t["reseau validate"].median, t["hello World"].median)
    figure("start", "`reseau validate atlas.yaml` / hello-world Typer `hello World` (a command "
           "with an argument: typer's own pydantic floor)",
           f"{value:.2f}× (mins {ratio(t['reseau validate'].best, t['hello World'].best):.2f}×)")


# --- 2. one dossier -------------------------------------------------------------------------


def one_dossier_figures(reps: int, work: Path) -> None:
    from reseau_cli import store
    from reseau_cli.render import FORMATS, Renderer
    from reseau_cli.render.pandoc import pandoc_path
    from reseau_cli.render.pdf import font_paths
    from reseau_cli.render.renderer import TYPST_PAGE
    from reseau_cli.resources import templates_dir

    print("2. One dossier (guides/examples/atlas.yaml, in-process)", flush=True)
    dossier = store.load(EXAMPLE)
    lang = "fr"
    renderer = Renderer()
    try:
        for _ in range(5):
            renderer.render_formats(dossier, "charter", ("md", "html"), lang)
        for doc in ("charter", "letter", "plan"):
            renderer.render_formats(dossier, doc, ("md", "html"), lang)
        timing = Timing()
        for _ in range(200):
            start = time.perf_counter()
            renderer.render_formats(dossier, "charter", ("md", "html"), lang)
            timing.samples.append(time.perf_counter() - start)
        figure("one", "md + html, charter (the longest), warm renderer", timing.ms(), "< 5 ms",
               timing.median < 0.005)
        three = Timing()
        for _ in range(50):
            start = time.perf_counter()
            for doc in ("charter", "letter", "plan"):
                renderer.render_formats(dossier, doc, ("md", "html"), lang)
            three.samples.append(time.perf_counter() - start)
        figure("one", "md + html, the three documents together", three.ms())
        cold = Timing()
        for _ in range(5):
            start = time.perf_counter()
            fresh = Renderer()
            fresh.render_formats(dossier, "charter", ("md", "html"), lang)
            fresh.close()
            cold.samples.append(time.perf_counter() - start)
        figure("one", "md + html, charter, with a new Renderer each time", cold.ms())

        # All four formats against the bare converters on the same Markdown.
        import typst

        markdown = renderer.markdown(dossier, "charter", lang)
        source = work / "charter.md"
        source.write_text(markdown, encoding="utf-8")
        pandoc = pandoc_path()
        page = (templates_dir() / TYPST_PAGE).read_text(encoding="utf-8")
        body = subprocess.run([pandoc, "-f", "markdown", "-t", "typst", str(source)],
                              capture_output=True, check=True).stdout.decode()
        typ = work / "charter.typ"
        typ.write_text(f"{page}\n{body}\n", encoding="utf-8")
        fonts = font_paths()

        def bare_docx() -> None:
            subprocess.run([pandoc, "-f", "markdown", "-t", "docx", "-o",
                            str(work / "bare.docx"), str(source)], check=True)

        def bare_typst() -> None:
            subprocess.run([pandoc, "-f", "markdown", "-t", "typst", "-o",
                            str(work / "bare.typ"), str(source)], check=True)

        def bare_pdf() -> None:
            typst.compile(str(typ), output=str(work / "bare.pdf"), font_paths=fonts,
                          ignore_system_fonts=True, sys_inputs={"title": "Charte", "lang": lang})

        def ours() -> None:
            renderer.render_formats(dossier, "charter", FORMATS, lang)

        calls: dict[str, Callable[[], object]] = {
            "ours": ours, "pandoc docx": bare_docx, "pandoc typst": bare_typst,
            "typst compile": bare_pdf,
        }
        t = interleaved_calls(calls, reps, warmup=2)
        for name in ("pandoc docx", "pandoc typst", "typst compile"):
            figure("one", f"bare `{name}` on the charter's Markdown", t[name].ms())
        bare = sum(t[n].median for n in ("pandoc docx", "pandoc typst", "typst compile"))
        figure("one", "all four formats, charter (md, html, docx, pdf)", t["ours"].ms())
        value = ratio(t["ours"].median, bare)
        figure("one", "all four formats / sum of the bare converters", f"{value:.2f}×",
               "≤ 1.3×", value <= 1.3)
        docs = ("charter", "letter", "plan")
        three = interleaved_calls(
            {"all": lambda: renderer.render_documents(dossier, docs, FORMATS, lang)}, reps)
        figure("one", "all four formats, the three documents in one call", three["all"].ms())
    finally:
        renderer.close()


# --- 3. many dossiers -----------------------------------------------------------------------


def _batch(folder: Path, out: Path, formats: str, *extra: str) -> Any:
    if out.exists():
        shutil.rmtree(out)
    argv = [*reseau_argv(), "batch", str(folder), "--out", str(out), "--doc", DOCS,
            "--format", formats, *extra]
    return run_tree(argv, cwd=ROOT)


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


def many_figures(work: Path, *, quick: bool, copier_count: int, venv: Path) -> None:
    print("3. Many dossiers", flush=True)
    start = time.perf_counter()
    big = work / "d500"
    small = work / "d20"
    members = lambda i: 5 + i % 36  # noqa: E731 - 5 to 40 members
    write_dossiers(big, 500, members=members)
    write_dossiers(small, 20, members=members)
    print(f"  (500 + 20 dossiers written in {time.perf_counter() - start:.1f} s)", flush=True)
    out = work / "out"

    r500 = _batch(big, out, "md,html")
    r20 = _batch(small, out, "md,html")
    figure("many", "500 dossiers × 3 documents, md + html (`reseau batch`, default jobs)",
           f"{r500.seconds:.1f} s ({1000 * r500.seconds / 500:.1f} ms per dossier)")
    mem = ratio(r500.peak_pss, r20.peak_pss)
    figure("many", "peak memory md + html: 500 dossiers / 20 dossiers (PSS of the process tree)",
           f"{mem:.2f}× ({_mib(r500.peak_pss)} / {_mib(r20.peak_pss)}; RSS sums "
           f"{_mib(r500.peak_rss)} / {_mib(r20.peak_rss)})", "≤ 1.3×", mem <= 1.3)

    count = 50 if quick else 500
    folder = work / "d50" if quick else big
    if quick:
        write_dossiers(folder, count, members=members)
    rall = _batch(folder, out, "all")
    rall20 = _batch(small, out, "all")
    note = " (--quick: 50 dossiers)" if quick else ""
    figure("many", f"{count} dossiers × 3 documents, all four formats{note}",
           f"{rall.seconds:.1f} s ({rall.seconds / count:.2f} s per dossier, "
           f"{rall.seconds / count / 3 * 1000:.0f} ms per document)")
    mem = ratio(rall.peak_pss, rall20.peak_pss)
    figure("many", f"peak memory all formats: {count} dossiers / 20 dossiers (PSS)",
           f"{mem:.2f}× ({_mib(rall.peak_pss)} / {_mib(rall20.peak_pss)})", "≤ 1.3×", mem <= 1.3)

    # copier: a loop of `copier copy --data-file`, md only, against `reseau batch --format md`.
    # The loop is cut into chunks, each followed by a whole `reseau batch` of the 500 dossiers,
    # so that both sides of each ratio are measured at the same moment (the machine is shared).
    copier = _copier(venv)
    if copier is None:
        figure("many", "copier comparison", "skipped: copier could not be installed")
        return
    paths = sorted(big.glob("*.yaml"))[:copier_count]
    chunks = [paths[i:i + 50] for i in range(0, len(paths), 50)]
    copier_out = work / "copier-out"
    shutil.rmtree(copier_out, ignore_errors=True)
    pairs: list[tuple[float, float]] = []  # (copier seconds per dossier, reseau batch seconds)
    for chunk in chunks:
        start = time.perf_counter()
        for path in chunk:
            subprocess.run([str(copier), "copy", "--data-file", str(path), "--defaults",
                            "--overwrite", "--quiet", str(HERE / "copier_template"),
                            str(copier_out / path.stem)], check=True,
                           stdout=subprocess.DEVNULL)
        per = (time.perf_counter() - start) / len(chunk)
        pairs.append((per, _batch(big, out, "md").seconds))
    md1 = _batch(big, out, "md", "--jobs", "1")
    per = sum(c for c, _ in pairs) / len(pairs)
    ours = statistics.median(r for _, r in pairs)
    how = "" if len(paths) == 500 else f" (loop over {len(paths)}, scaled to 500)"
    figure("many", "copier loop, 500 dossiers, md" + how,
           f"{per * 500:.1f} s ({per * 1000:.0f} ms per dossier)")
    figure("many", "`reseau batch --format md`, 500 dossiers (one run after each copier chunk)",
           f"median {ours:.1f} s (min {min(r for _, r in pairs):.1f}, max "
           f"{max(r for _, r in pairs):.1f}; --jobs 1: {md1.seconds:.1f} s)")
    value = statistics.median(c * 500 / r for c, r in pairs)
    figure("many", "copier / reseau, md, 500 dossiers (median of the paired ratios)",
           f"{value:.0f}× (against --jobs 1: {ratio(per * 500, md1.seconds):.0f}×)", "≥ 40×",
           value >= 40)


def _copier(venv: Path) -> Path | None:
    copier = venv / "bin" / "copier"
    if copier.is_file():
        return copier
    print(f"  (installing copier in {venv}, for the comparison only)", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "copier"], check=True)
    except subprocess.CalledProcessError:
        return None
    return copier if copier.is_file() else None


def members_figures(work: Path) -> None:
    from reseau_cli import store
    from reseau_cli.render import FORMATS, Renderer
    from reseau_cli.yamlio import dump

    print("3b. One dossier, growing membership (load + render three documents)", flush=True)
    sizes = (250, 500, 1000, 2000)
    paths = {}
    for n in sizes:
        paths[n] = work / f"members-{n}.yaml"
        paths[n].write_text(dump(make_dossier(7, n)), encoding="utf-8")
    renderer = Renderer()

    def job(n: int, formats: tuple[str, ...]) -> Callable[[], object]:
        def run() -> None:
            dossier = store.load(paths[n])
            for doc in ("charter", "letter", "plan"):
                renderer.render_formats(dossier, doc, formats, "fr")
        return run

    try:
        fast = interleaved_calls({str(n): job(n, ("md", "html")) for n in sizes}, 5)
        full = interleaved_calls({str(n): job(n, FORMATS) for n in sizes}, 1, warmup=0)
    finally:
        renderer.close()
    for label, t in (("md + html", fast), ("all four formats", full)):
        base = t["250"].median
        shown = ", ".join(f"{n}: {t[str(n)].median:.2f} s" for n in sizes)
        figure("members", f"{label}: time by number of members", shown)
        value = ratio(t["2000"].median, base)
        figure("members", f"{label}: 2,000 members / 250 members", f"{value:.1f}×", "≤ 9×",
               value <= 9)


# --- the report -----------------------------------------------------------------------------

SECTIONS = {
    "start": "1. Start",
    "one": "2. One dossier",
    "many": "3. Many dossiers",
    "members": "3. Many members in one dossier (load + render the three documents)",
}


def write_results(path: Path, info: dict[str, str], args: argparse.Namespace,
                  seconds: float, measured: str) -> None:
    lines = [
        "# Speed figures (issue 6)",
        "",
        f"Measured {measured} by "
        f"`python benchmarks/run.py{' --quick' if args.quick else ''}` in {seconds / 60:.1f} "
        "minutes. Every ratio compares two things measured in the same run on the same machine; "
        "start-up commands and the one-dossier conversions are interleaved (shuffled order each "
        "round) so that drift in the machine's load hits both sides alike.",
        "",
        "**The machine is shared**: 2 cores, with other sessions running test suites at the same "
        "time, so absolute times are noisy; the ratios are what to read.",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in info.items()),
        "",
    ]
    targets = [f for f in FIGURES if f.ok is not None]
    met = [f for f in targets if f.ok]
    lines += [f"**{len(met)} of {len(targets)} targets met.**"
              + (" Missed: " + "; ".join(f"{f.name} ({f.value}, target {f.target})"
                                          for f in targets if not f.ok) + "."
                 if len(met) < len(targets) else ""), ""]
    for key, title in SECTIONS.items():
        rows = [f for f in FIGURES if f.section == key]
        if not rows:
            continue
        lines += [f"## {title}", "", "| Figure | Measured | Target | Met |", "|---|---|---|---|"]
        lines += [f.line() for f in rows]
        lines.append("")
    notes = HERE / "changes.md"
    if notes.is_file():
        lines.append(notes.read_text(encoding="utf-8").rstrip())
        lines.append("")
    figures = HERE / "figures.md"  # written by benchmarks/figures.py (issue 18)
    if figures.is_file():
        lines.append(figures.read_text(encoding="utf-8").rstrip())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="all-formats batch on 50 dossiers instead of 500")
    parser.add_argument("--reps", type=int, default=40, help="runs of each start-up command")
    parser.add_argument("--convert-reps", type=int, default=15,
                        help="runs of each one-dossier conversion")
    parser.add_argument("--copier-count", type=int, default=500,
                        help="dossiers through the copier loop (the time is scaled to 500)")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/reseau-bench-venv"),
                        help="where copier is installed (never in reseau's environment)")
    parser.add_argument("--only", choices=["start", "one", "many", "members"], action="append",
                        help="run only these parts (RESULTS.md is then not written)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite RESULTS.md from the figures of the last run "
                             "(benchmarks/results.json) and the notes in changes.md")
    args = parser.parse_args()

    if args.report_only:
        saved = json.loads(RAW.read_text(encoding="utf-8"))
        FIGURES.extend(Figure(**f) for f in saved["figures"])
        args.quick = saved["quick"]
        write_results(args.results, saved["machine"], args, saved["seconds"],
                      saved["measured"])
        print(f"Written to {args.results}")
        return

    from reseau_cli.render.pandoc import pandoc_path

    info = machine(pandoc_path())
    for key, value in info.items():
        print(f"{key}: {value}")
    parts = args.only or ["start", "one", "many", "members"]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reseau-bench-") as tmp:
        work = Path(tmp)
        if "start" in parts:
            start_figures(args.reps)
        if "one" in parts:
            one_dossier_figures(args.convert_reps, work)
        if "members" in parts:
            members_figures(work)
        if "many" in parts:
            many_figures(work, quick=args.quick, copier_count=args.copier_count,
                         venv=args.venv)
    seconds = time.perf_counter() - started
    info["Load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if args.only:
        print("(partial run: RESULTS.md not written)")
        return
    measured = f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
    RAW.write_text(json.dumps({"machine": info, "quick": args.quick, "seconds": seconds,
                               "measured": measured,
                               "figures": [asdict(f) for f in FIGURES]},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_results(args.results, info, args, seconds, measured)
    print(f"Written to {args.results}")


if __name__ == "__main__":
    main()
