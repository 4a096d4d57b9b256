"""The findings corpus: hand-written dossiers, each with exactly the findings it must raise.

See tests/findings_corpus.py for the file format and for precision and recall over the corpus.
"""

from __future__ import annotations

import pytest

from reseau_cli import store
from tests.findings_corpus import Case, load_cases, produced_ids, score

CASES = load_cases()


def test_corpus_is_varied_enough() -> None:
    assert len(CASES) >= 12
    dossiers = [store.load(case.path) for case in CASES]
    sizes = sorted(len(d.members.entities) for d in dossiers)  # type: ignore[attr-defined]
    assert sizes[0] == 1 and sizes[-1] >= 200
    assert {str(d.language) for d in dossiers} == {"fr", "en"}
    forms = {d.legal.form or d.legal.formal for d in dossiers}  # type: ignore[attr-defined]
    assert len(forms) >= 6


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_dossier_raises_exactly_the_expected_findings(case: Case) -> None:
    assert not case.expect & case.never, "a finding cannot be both expected and excluded"
    raised = produced_ids(case.path)
    assert not raised & case.never, f"false alarms: {sorted(raised & case.never)}"
    assert raised == case.expect


def test_precision_and_recall_over_the_corpus() -> None:
    result = score(CASES, produced_ids)
    assert (result.precision, result.recall) == (1.0, 1.0), result
