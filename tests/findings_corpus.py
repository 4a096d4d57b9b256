"""The findings corpus: hand-written dossiers, each with the findings it must and must not raise.

Each file of ``tests/fixtures/findings/`` opens with comment lines::

    # expect: id1, id2        <- exactly the finding ids ``reseau check`` must raise
    # never: id3, id4         <- near misses it must not raise (a subset of "everything else")

Run ``python -m tests.findings_corpus`` for precision (share of raised findings that were
expected: false alarms lower it) and recall (share of expected findings raised).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "fixtures" / "findings"
_LINE = re.compile(r"^#\s*(expect|never)\s*:(.*)$")


@dataclass(frozen=True)
class Case:
    """One dossier of the corpus and what ``reseau check`` must say about it."""

    path: Path
    expect: frozenset[str]
    never: frozenset[str]


def _ids(text: str) -> set[str]:
    return {part.strip() for part in text.split(",") if part.strip()}


def parse_case(path: Path) -> Case:
    """Read the ``# expect:`` and ``# never:`` lines of one corpus file."""
    found: dict[str, set[str]] = {"expect": set(), "never": set()}
    seen = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _LINE.match(line)
        if match:
            seen.add(match.group(1))
            found[match.group(1)] |= _ids(match.group(2))
    if "expect" not in seen:
        raise ValueError(f"{path.name}: no '# expect:' line in the opening comment")
    return Case(path, frozenset(found["expect"]), frozenset(found["never"]))


def load_cases() -> list[Case]:
    """Every corpus file, in name order."""
    return [parse_case(p) for p in sorted(CORPUS.glob("*.yaml"))]


@dataclass(frozen=True)
class Score:
    """True positives, false alarms and misses over a corpus."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of raised findings that were expected (1.0 when nothing was raised)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of expected findings that were raised (1.0 when nothing was expected)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(cases: Iterable[Case], produce: Callable[[Path], set[str]]) -> Score:
    """Compare the ids ``produce`` raises on each case with what the case expects."""
    tp = fp = fn = 0
    for case in cases:
        raised = produce(case.path)
        tp += len(raised & case.expect)
        fp += len(raised - case.expect)
        fn += len(case.expect - raised)
    return Score(tp, fp, fn)


def produced_ids(path: Path) -> set[str]:
    """The finding ids ``reseau check`` raises on the dossier at ``path``."""
    from reseau_cli import store
    from reseau_cli.check import diagnose

    return {f.id for f in diagnose(store.load(path)).findings}


def main() -> int:
    """Print each case's differences and the corpus' precision and recall."""
    cases, usable = load_cases(), []
    for case in cases:
        try:
            raised = produced_ids(case.path)
        except Exception as exc:  # noqa: BLE001 - a report, not a test: show and go on
            print(f"{case.path.name}: not checked ({type(exc).__name__})")
            continue
        usable.append(case)
        extra, missed = sorted(raised - case.expect), sorted(case.expect - raised)
        status = "ok" if not extra and not missed else f"false alarms {extra}, missed {missed}"
        print(f"{case.path.name}: {status}")
    result = score(usable, produced_ids)
    print(f"{len(usable)} of {len(cases)} dossiers checked: tp={result.tp} fp={result.fp} "
          f"fn={result.fn} precision={result.precision:.3f} recall={result.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
