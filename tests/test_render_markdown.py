"""Documents as Markdown and HTML: content, escaping of dossier text, templates, golden files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reseau_cli.documents import DOCUMENTS, Document
from reseau_cli.dossier import new_dossier, set_answer
from reseau_cli.errors import TemplateError, UsageError
from reseau_cli.render import Md, Renderer, escape, escape_block
from tests.render_helpers import (
    ACCENTED_NAMES,
    EXAMPLES,
    HEADINGS,
    HOSTILE,
    example_dossier,
    golden_cases,
    hostile_dossier,
    render_golden,
    renderer,
)

DOCS = ("charter", "letter", "plan")


def md_to_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(markdown)


def visible_text(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


# --- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "doc", "fmt", "path"), golden_cases(),
                         ids=[f"{c[0]}-{c[1]}.{c[2]}" for c in golden_cases()])
def test_example_dossier_renders_like_its_golden_file(lang: str, doc: str, fmt: str,
                                                      path: Path) -> None:
    # Regenerate with: python -m tests.regen_golden (then review the diff).
    assert path.exists(), "golden file missing: run python -m tests.regen_golden"
    assert render_golden(lang, doc, fmt) == path.read_text(encoding="utf-8")


# --- content ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("doc", DOCS)
def test_each_document_has_every_required_part_and_the_accented_member_names(
        lang: str, doc: str) -> None:
    markdown = renderer().markdown(example_dossier(EXAMPLES[lang]), doc, lang)
    headings = [line.lstrip("#").strip() for line in markdown.splitlines()
                if line.startswith("## ")]
    for part in HEADINGS[lang][doc]:
        assert any(h.endswith(part) for h in headings), part
    text = visible_text(md_to_html(markdown))
    for name in ACCENTED_NAMES:
        if doc != "plan":  # the plan is about the project, not the member list
            assert name in text, name


def test_english_documents_have_english_headings_and_no_french_ones() -> None:
    markdown = renderer().markdown(example_dossier(), "charter", "en")
    assert markdown.startswith("# Network charter")
    assert "## 9. Confidentiality" in markdown
    assert "Confidentialité" not in markdown
    assert "À compléter" not in markdown


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("doc", DOCS)
def test_empty_dossier_gives_no_none_no_empty_heading_and_marks_parts_to_complete(
        lang: str, doc: str) -> None:
    markdown = renderer().markdown(new_dossier(lang), doc, lang)  # type: ignore[arg-type]
    assert "None" not in markdown
    assert ("À compléter" if lang == "fr" else "To be completed") in markdown
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#"):
            following = next((x for x in lines[i + 1:] if x.strip()), "")
            assert following and not (following.startswith("#")
                                      and following.count("#") <= line.count("#")), line


def test_budget_table_has_a_total_per_category_and_an_overall_balance() -> None:
    markdown = renderer().markdown(example_dossier(), "plan", "fr")
    assert "| **Total financement** | | **650\u202f000,00\u00a0MAD** |" in markdown
    assert "| **Solde** | | **1\u202f210\u202f000,00\u00a0MAD** |" in markdown
    english = renderer().markdown(example_dossier(EXAMPLES["en"]), "plan", "en")
    assert "**MAD 1,210,000.00**" in english


def test_letter_states_it_is_provisional_with_dated_milestones_and_a_signature_place() -> None:
    markdown = renderer().markdown(example_dossier(), "letter", "fr")
    assert "**Document provisoire.**" in markdown
    assert "| Accord définitif et charte signée | 1er octobre 2027 |" in markdown
    assert "Fait à Fès, le " in markdown


def test_dates_and_money_follow_the_document_language() -> None:
    import datetime as dt

    from reseau_cli.render.formatting import format_date, format_money

    assert format_date(dt.date(2026, 11, 26), "fr") == "26 novembre 2026"
    assert format_date(dt.date(2026, 11, 26), "en") == "26 November 2026"
    assert format_money(12500, "fr").replace("\u202f", " ").replace("\u00a0", " ") == \
        "12 500,00 MAD"
    assert format_money(12500, "en") == "MAD 12,500.00"


# --- user text is data ------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_value_reads_back_literally_and_makes_no_markup(value: str) -> None:
    html = md_to_html(f"Texte : {escape(value)}\n\n{escape_block(value)}\n")
    assert "<script" not in html and "<a " not in html and "<em>" not in html
    assert "<pre" not in html and "<code" not in html
    assert value.replace("\n", " ") in visible_text(html).replace("\n", " ")


@pytest.mark.parametrize("value", ["- item", "+ item", "1. one", "2) two", "IV. quatre",
                                   "# titre", "> quote", "---", "===", ": def", "| a | b |",
                                   "    indented code", "<!-- c -->", "&amp;", "@cite"])
def test_line_start_markers_in_a_value_make_no_block(value: str) -> None:
    html = md_to_html(f"{escape_block(value)}\n")
    assert html.startswith("<p>"), html
    assert value.strip() in visible_text(html)


def test_md_strings_joined_with_plain_text_escape_the_plain_text_for_markdown() -> None:
    assert Md("**a** ") + "*b*" == "**a** \\*b\\*"
    assert Md(", ").join(["*x*", Md("**y**")]) == "\\*x\\*, **y**"


@pytest.mark.parametrize("doc", DOCS)
def test_hostile_dossier_text_stays_literal_in_markdown_and_html(doc: str) -> None:
    dossier = hostile_dossier()
    markdown = renderer().markdown(dossier, doc, "fr")
    page = renderer().html(markdown, "fr")
    for html in (md_to_html(markdown), page):
        assert "<script" not in html
        assert not re.search(r"<a\s", html)
        assert "<em>gras</em>" not in html
        assert "<pre" not in html and "<code" not in html
    text = visible_text(page.split("</style>")[-1]).replace("\n", " ")
    for value in HOSTILE:
        assert value.replace("\n", " ") in text, value


def test_html_page_refuses_raw_html_and_unsafe_links_even_from_templates() -> None:
    page = renderer().html("<script>x()</script>\n\n[a](javascript:alert(1)) "
                           "[b](https://example.org)\n", "fr")
    assert "<script>" not in page
    assert 'href="javascript' not in page
    assert 'href="https://example.org"' in page


# --- templates ----------------------------------------------------------------------------------


def test_custom_template_overrides_the_built_in_one_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "letter.md.j2").write_text(
        "# Lettre du cabinet — {{ d.name.name }}\n\n{{ d.intent.idea | block }}\n",
        encoding="utf-8")
    custom = Renderer(templates=tmp_path)
    markdown = custom.markdown(example_dossier(), "letter", "fr")
    assert markdown.startswith("# Lettre du cabinet — Réseau Atlas des Artisans du Cuir")
    # other documents still come from the built-ins
    assert custom.markdown(example_dossier(), "plan", "fr").startswith("# Plan d'action")


def test_custom_template_cannot_unescape_dossier_text(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "plan.md.j2").write_text(
        "{{ d.plan.summary | safe }} {{ d.plan.summary | e }} {{ [d.plan.summary] | join }}\n",
        encoding="utf-8")
    dossier = set_answer(example_dossier(), "plan.summary", "<script>x</script> *g*")
    markdown = Renderer(templates=tmp_path).markdown(dossier, "plan", "fr")
    assert "<script>" not in markdown and "*g*" not in markdown


def test_template_syntax_error_names_the_template_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    broken = tmp_path / "fr" / "charter.md.j2"
    broken.write_text("# Charte\n\nLigne deux\n{% if d.name.name %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(templates=tmp_path).markdown(example_dossier(), "charter", "fr")
    assert caught.value.key == "render.template_syntax"
    assert caught.value.params["file"].endswith(str(Path("fr") / "charter.md.j2"))
    assert caught.value.params["line"] == 4


def test_template_runtime_error_names_the_template_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "plan.md.j2").write_text(
        "# Plan\n\n{{ d.plan.summary }}\n{{ d.plan.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "fr")
    assert caught.value.key == "render.template_failed"
    assert caught.value.params["file"].endswith("plan.md.j2")
    assert caught.value.params["line"] == 4


def test_sandbox_refuses_python_internals_with_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "plan.md.j2").write_text(
        "# Plan\n{{ d.__class__.__mro__[1].__subclasses__() }}\n"
        "{{ d.plan.budget.append(1) }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "fr")
    assert caught.value.params["line"] == 2
    (tmp_path / "fr" / "plan.md.j2").write_text("{{ d.plan.budget.append(1) }}\n",
                                                encoding="utf-8")
    with pytest.raises(TemplateError):
        Renderer(templates=tmp_path).markdown(example_dossier(), "plan", "fr")


def test_unknown_document_or_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        renderer().markdown(example_dossier(), "novel", "fr")
    with pytest.raises(UsageError):
        renderer().markdown(example_dossier(), "charter", "de")


def test_context_provider_adds_a_document_with_its_own_context(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "memo.md.j2").write_text("# Mémo\n\n{{ extra.note }}\n",
                                                encoding="utf-8")
    memo = Document("memo", {"fr": "memo"}, context="tests.render_helpers:memo_context")
    table = (*DOCUMENTS, memo)
    markdown = Renderer(templates=tmp_path, documents=table).markdown(
        example_dossier(), "memo", "fr")
    assert "\\*important\\*" in markdown


def test_environment_is_built_once_per_templates_folder() -> None:
    assert Renderer()._env is Renderer()._env


# --- escaping holds for any text -----------------------------------------------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ANY_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list("\\`*_[]()#+-.!|<>{}$@~^&:=%'\"/ \n1aé")),
                       st.characters(blacklist_categories=("Cs", "Cc"))),
    max_size=60)


def _folded(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
@example("0\u20280")  # a line separator is a line break, not nothing
def test_any_escaped_text_renders_as_exactly_that_text_in_one_paragraph(text: str) -> None:
    html = md_to_html(f"{escape(text)}\n")
    if not _folded(text):
        return
    assert html.startswith("<p>") and html.count("<p>") == 1, html
    inner = re.sub(r"<br />", " ", html[3:-5])
    assert "<" not in inner.replace("&lt;", ""), html
    assert _folded(visible_text(inner)) == _folded(text)


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT)
def test_any_escaped_long_text_renders_as_paragraphs_of_that_text(text: str) -> None:
    html = md_to_html(f"{escape_block(text)}\n")
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"p", "br"}, html
    assert _folded(visible_text(html)) == _folded(text)
