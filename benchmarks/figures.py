"""What the figures cost: all-formats time per document, with and without figures (issue 18).

    python benchmarks/figures.py            # 24 dossiers (3, 12 and 40 members), ~1 minute

Two warm renderers, one drawing figures and one not (``Renderer(figures=False)``, what
``--no-figures`` uses), render the same dossiers' four documents in the four formats, in
alternating order per dossier so the machine's load hits both alike. Writes
benchmarks/figures.md, which benchmarks/run.py copies into RESULTS.md, and updates RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from reseau_cli import store  # noqa: E402
from reseau_cli.render import Renderer  # noqa: E402
from reseau_cli.yamlio import dump  # noqa: E402
from tests.batch_helpers import make_dossier  # noqa: E402

DOCS = ("charter", "letter", "plan", "report")
FORMATS = ("md", "html", "docx", "pdf")
SIZES = (3, 12, 40)
TODAY = dt.date(2026, 12, 1)
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def measure(rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"with": [], "without": [], "cpu with": [],
                                     "cpu without": []}
    dossiers = [store.parse(dump(make_dossier(100 + i, SIZES[i % len(SIZES)])), f"d{i}.yaml")
                for i in range(rounds)]
    with Renderer(today=TODAY) as drawn, Renderer(today=TODAY, figures=False) as plain:
        renderers = {"with": drawn, "without": plain}
        for renderer in renderers.values():  # warm-up: pandoc worker, fonts, templates
            renderer.render_documents(dossiers[0], DOCS, FORMATS, "fr")
        for i, dossier in enumerate(dossiers):
            order = ("with", "without") if i % 2 == 0 else ("without", "with")
            for key in order:
                start, cpu = time.perf_counter(), time.process_time()
                renderers[key].render_documents(dossier, DOCS, FORMATS, "fr")
                times[key].append((time.perf_counter() - start) / len(DOCS))
                times[f"cpu {key}"].append((time.process_time() - cpu) / len(DOCS))
    return times


def report(times: dict[str, list[float]]) -> str:
    with_, without = statistics.median(times["with"]), statistics.median(times["without"])
    extra = with_ - without
    lines = [
        START,
        "## Figures (issue 18)",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `python benchmarks/figures.py`:"
        f" {len(times['with'])} dossiers (3, 12 and 40 members) × {len(DOCS)} documents "
        f"({', '.join(DOCS)}) × {len(FORMATS)} formats, two warm renderers in alternating "
        "order. Per document means all four formats of one document. The machine is shared (2 "
        "cores, other sessions' test suites running): read the difference, not the absolutes.",
        "",
        "| Figure | Measured |",
        "|---|---|",
        f"| all formats per document, with figures | median {with_ * 1000:.1f} ms, "
        f"min {min(times['with']) * 1000:.1f} ms |",
        f"| all formats per document, `--no-figures` | median {without * 1000:.1f} ms, "
        f"min {min(times['without']) * 1000:.1f} ms |",
        f"| extra cost of the figures per document | {extra * 1000:+.1f} ms "
        f"({with_ / without:.2f}×) |",
        f"| CPU time of reseau's own process per document (pandoc aside), with / without | "
        f"{statistics.median(times['cpu with']) * 1000:.1f} ms / "
        f"{statistics.median(times['cpu without']) * 1000:.1f} ms |",
        "",
        "Each figure is laid out once per dossier and compiled at most once per format (SVG for "
        "HTML, PNG for Word; the PDF draws it natively), shared by the documents that show it "
        "(the network map of the charter and the action plan).",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    text = report(measure(rounds))
    print(text)
    (HERE / "figures.md").write_text(text + "\n", encoding="utf-8")
    results = HERE / "RESULTS.md"
    current = results.read_text(encoding="utf-8") if results.is_file() else ""
    if START in current and END in current:
        before, rest = current.split(START, 1)
        current = before + text + rest.split(END, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + text + "\n"
    results.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
