"""PDF pages as a reader sees them: long tables break with their header, nothing overprinted.

The member tables of the charter and the letter grow with the network; from about 18 members
they no longer fit on one page. Each case is rendered once per module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reseau_cli import store
from reseau_cli.render import Renderer
from tests.batch_helpers import write_dossiers
from tests.layout_helpers import MM, Page, layout_faults, pdf_pages, table_rows

pytestmark = pytest.mark.slow

CASES = [("charter", 40), ("letter", 1), ("letter", 18), ("letter", 40), ("letter", 200)]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], bytes]:
    folder = tmp_path_factory.mktemp("members")
    out: dict[tuple[str, int], bytes] = {}
    with Renderer() as renderer:
        for count in sorted({count for _, count in CASES}):
            [path] = write_dossiers(folder / str(count), 1, members=lambda i, n=count: n)
            dossier = store.load(path)
            docs = [doc for doc, n in CASES if n == count]
            results = renderer.render_documents(dossier, docs, ("pdf",), "fr")
            out.update({(doc, count): results[(doc, "pdf")] for doc in docs})
    return out


@pytest.mark.parametrize(("doc", "members"), CASES)
def test_no_text_is_overprinted_or_off_the_page(
        pdfs: dict[tuple[str, int], bytes], doc: str, members: int) -> None:
    assert layout_faults(pdfs[(doc, members)]) == []


def _member_ids(page: Page) -> list[int]:
    # Generated member names end with "<dossier>-<index>", e.g. "SARL Atlas Fès 0-12".
    return [int(m.group(1)) for w in page.words if (m := re.fullmatch(r"0-(\d+)", w.text))]


def _signature_pages(pages: list[Page]) -> list[Page]:
    start = next(i for i, page in enumerate(pages) if "Signatures" in page.text())
    # the charter's annex (the member list) follows the signatures
    end = next((i + 1 for i, page in enumerate(pages) if "Annexe" in page.text()), len(pages))
    return pages[start:end]


def test_every_member_is_printed_and_the_table_header_repeats(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    pages = pdf_pages(pdfs[("charter", 40)])
    seen = {i for page in pages for i in _member_ids(page)}
    assert seen == set(range(40))
    signing = _signature_pages(pages)
    with_members = [page for page in signing if _member_ids(page)]
    assert len(with_members) >= 2  # 40 signature rows cannot fit on one page
    for page in with_members:
        assert "Membre Représentant Signature" in page.text(), page.number


def test_signature_rows_leave_15_mm_to_sign(pdfs: dict[tuple[str, int], bytes]) -> None:
    pdf = pdfs[("letter", 18)]
    start = next(page.number for page in pdf_pages(pdf) if "Signatures" in page.text())
    tables = [(page, rows) for page, rows in table_rows(pdf, "Membre") if rows and page >= start]
    # The signing table: the last one on the page of its heading, and every one after it
    # (how many pages it spans depends on what comes before, e.g. the timeline figure).
    # (when the heading ends a page, the table starts on the next one)
    on_start = [i for i, (page, _) in enumerate(tables) if page == start]
    first = max(on_start) if on_start else 0
    signature_rows = [height for _, rows in tables[first:] for height in rows[1:]]
    assert len(signature_rows) >= 18
    assert min(signature_rows) >= 15 * MM, min(signature_rows) / MM


def test_two_hundred_members_fill_pages_not_one_overfull_page(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    pages = pdf_pages(pdfs[("letter", 200)])
    assert {i for page in pages for i in _member_ids(page)} == set(range(200))
    assert len(pages) >= 10


def test_a_narrow_yes_no_column_and_a_wide_name_column(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    # the charter's member table (in its annex)
    page = next(p for p in pdf_pages(pdfs[("charter", 40)]) if "Fondateur" in p.text())
    header = {w.text: w for w in page.words if w.text in ("Membre", "Ville", "Fondateur")}
    yes = [w for w in page.words if w.text in ("Oui", "Non")]
    assert yes and header.keys() == {"Membre", "Ville", "Fondateur"}
    # The yes/no column starts in the last sixth of the line; names get the widest column.
    right = max(w.x1 for w in page.words)
    assert header["Fondateur"].x0 > right - (right - header["Membre"].x0) / 6
    assert header["Ville"].x0 - header["Membre"].x0 > 0.25 * (right - header["Membre"].x0)


def test_old_layout_is_caught(tmp_path: Path) -> None:
    # The check itself must see overprinting: a figure that does not break (the old page set-up).
    from reseau_cli.resources import templates_dir

    page = (templates_dir() / "typst" / "page.typ").read_text(encoding="utf-8")
    broken = page.replace("set block(breakable: true)", "set block(breakable: false)")
    assert broken != page
    (tmp_path / "typst").mkdir()
    (tmp_path / "typst" / "page.typ").write_text(broken, encoding="utf-8")
    [path] = write_dossiers(tmp_path / "in", 1, members=lambda i: 30)
    with Renderer(templates=tmp_path) as renderer:
        data = renderer.render(store.load(path), "letter", "pdf", "fr")
    assert layout_faults(data)
