"""Regenerate the golden documents of the example dossier (Markdown and HTML, fr and en).

Run from the repository root, then review the diff before committing:

    python tests/regen_golden.py

``python tests/regen_golden.py --reference-docx`` also rebuilds templates/reference.docx
(needs python-docx, from the test extras). ``python -m tests.regen_golden`` works too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, Python puts tests/ first on the path, not the checkout: put the checkout
# first, so "tests" is importable and the checkout's reseau_cli wins over an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.render_helpers import GOLDEN, ROOT, golden_cases, render_golden  # noqa: E402


def main(argv: list[str]) -> None:
    if "--reference-docx" in argv:
        from tests.render_helpers import make_reference_docx

        make_reference_docx(ROOT / "templates" / "reference.docx")
        print("templates/reference.docx")
    for lang, doc, fmt, path in golden_cases():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_golden(lang, doc, fmt), encoding="utf-8")
        print(path.relative_to(GOLDEN.parent.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
