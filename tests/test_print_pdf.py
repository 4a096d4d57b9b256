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
from tests.layout_helpers import (
    MM,
    Page,
    last_table,
    layout_faults,
    pdf_pages,
    table_parts,
)

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


def _has_member(row: list[str]) -> bool:
    return any(re.search(r"\b0-\d+\b", cell) for cell in row)


def test_every_member_is_printed_and_each_page_of_a_table_starts_with_its_header(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    data = pdfs[("charter", 40)]
    assert {i for page in pdf_pages(data) for i in _member_ids(page)} == set(range(40))
    parts = [part for part in table_parts(data) if len(part.rows) > 1]  # not a figure's frame
    assert len(parts) >= 4  # the members' and the signatures' tables each span pages
    for part in parts:  # a continued table repeats its header row: no member comes first
        assert not _has_member(part.rows[0]) and _has_member(part.rows[1]), part.page
    signing = last_table(parts)
    assert len(signing) >= 2 and len({part.page for part in signing}) == len(signing)


def test_signature_rows_leave_15_mm_to_sign(pdfs: dict[tuple[str, int], bytes]) -> None:
    signing = last_table(table_parts(pdfs[("letter", 18)]))
    heights = [height for part in signing for height in part.heights[1:]]
    assert len(heights) == 18
    assert min(heights) >= 15 * MM, min(heights) / MM


def test_two_hundred_members_fill_pages_not_one_overfull_page(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    pages = pdf_pages(pdfs[("letter", 200)])
    assert {i for page in pages for i in _member_ids(page)} == set(range(200))
    assert len(pages) >= 10


def test_a_narrow_yes_no_column_and_a_wide_name_column(
        pdfs: dict[tuple[str, int], bytes]) -> None:
    members = table_parts(pdfs[("charter", 40)])[0]
    columns = list(zip(*members.rows[1:], strict=True))
    short = [i for i, cells in enumerate(columns) if max(len(cell) for cell in cells) <= 3]
    assert len(short) == 1 and len(members.widths) == len(columns) == 5  # founder: yes/no
    assert members.widths[short[0]] == min(members.widths)
    assert members.widths[0] > 1.5 * members.widths[short[0]]  # member names


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
