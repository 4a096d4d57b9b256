"""``reseau render``, ``reseau templates export``, brand files and output names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reseau_cli.cli import main
from reseau_cli.errors import ReseauError
from reseau_cli.naming import dossier_slug, file_name, slugify_name, unique_name
from reseau_cli.render import load_brand, output_name, render_to_dir
from tests.render_helpers import EXAMPLE, ROOT, example_dossier, renderer


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Réseau Atlas des Artisans du Cuir", "reseau-atlas-des-artisans-du-cuir"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-reseau"),
    ("nul", "nul-reseau"),
    ("", "reseau"),
    ("   ", "reseau"),
])
def test_slug_is_safe_for_any_name(name: str, expected: str) -> None:
    assert slugify_name(name) == expected


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b\\c", "..", "...", "C:\\Windows",
                                  "شبكة", "🙂🙂", "x" * 500, "\x00\x1f", "LPT1", "com9"])
def test_slug_never_holds_a_separator_a_dot_or_a_reserved_name(name: str) -> None:
    slug = slugify_name(name)
    assert slug and len(slug) <= 60
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert slug.split("-")[0] not in {"con", "prn", "aux", "nul", "lpt1", "com9"} or "-" in slug


def test_long_names_that_share_a_beginning_get_distinct_slugs() -> None:
    assert slugify_name("a" * 500 + "1") != slugify_name("a" * 500 + "2")


def test_names_without_latin_letters_get_a_stable_hashed_slug() -> None:
    assert slugify_name("🙂🙂") == slugify_name("🙂🙂")
    assert slugify_name("🙂🙂").startswith("reseau-")


def test_output_name_uses_the_short_name_and_the_document_in_the_language() -> None:
    dossier = example_dossier()
    assert dossier_slug(dossier) == "raac"
    assert output_name(dossier, "charter", "pdf", "fr") == "raac_charte.pdf"
    assert output_name(dossier, "charter", "pdf", "en") == "raac_charter.pdf"
    assert file_name("x", "letter", "docx", "fr") == "x_lettre-intention.docx"


def test_unique_name_adds_a_counter() -> None:
    assert unique_name("raac", {"raac", "raac-2"}) == "raac-3"
    assert unique_name("atlas", set()) == "atlas"


# --- writing ------------------------------------------------------------------------------------


def test_render_to_dir_skips_existing_files_unless_forced(tmp_path: Path) -> None:
    dossier = example_dossier()
    first = render_to_dir(renderer(), dossier, tmp_path, ["plan"], ["md"], "fr", False)
    assert [p.name for p in first.written] == ["raac_plan-action.md"]
    target = first.written[0]
    target.write_text("édité à la main", encoding="utf-8")
    second = render_to_dir(renderer(), dossier, tmp_path, ["plan"], ["md"], "fr", False)
    assert second.written == [] and second.skipped == [target]
    assert target.read_text(encoding="utf-8") == "édité à la main"
    with pytest.raises(ReseauError):
        render_to_dir(renderer(), dossier, tmp_path, ["plan"], ["md"], "fr", False, strict=True)
    render_to_dir(renderer(), dossier, tmp_path, ["plan"], ["md"], "fr", True)
    assert target.read_text(encoding="utf-8").startswith("# Plan d'action")


def test_render_command_writes_the_chosen_documents_and_formats(tmp_path: Path,
                                                                 capsys: Any) -> None:
    code, out, _ = run(capsys, "render", str(EXAMPLE), "--doc", "charter,plan",
                       "--format", "md,html", "--out", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "raac_charte.html", "raac_charte.md", "raac_plan-action.html", "raac_plan-action.md"]
    assert "Écrit :" in out


def test_render_command_refuses_to_overwrite_without_force_and_names_the_files(
        tmp_path: Path, capsys: Any) -> None:
    args = ("render", str(EXAMPLE), "--doc", "letter", "--format", "md", "--out", str(tmp_path))
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "raac_lettre-intention.md" in err and "--force" in err
    assert "Traceback" not in err
    assert run(capsys, *args, "--force")[0] == 0


def test_render_command_in_english_gives_english_names_and_headings(tmp_path: Path,
                                                                     capsys: Any) -> None:
    code, out, _ = run(capsys, "render", str(EXAMPLE), "--doc", "plan", "--format", "md",
                       "--lang", "en", "--out", str(tmp_path))
    assert code == 0 and "Written:" in out
    text = (tmp_path / "raac_action-plan.md").read_text(encoding="utf-8")
    assert text.startswith("# Action plan") and re.search(r"^## \d+\. Budget$", text, re.M)


def test_render_command_rejects_an_unknown_format_with_the_allowed_ones(
        tmp_path: Path, capsys: Any) -> None:
    code, _, err = run(capsys, "render", str(EXAMPLE), "--format", "odt", "--out", str(tmp_path))
    assert code == 2
    assert "odt" in err and "md, html, docx, pdf" in err


def test_broken_custom_template_fails_with_its_file_and_line(tmp_path: Path,
                                                             capsys: Any) -> None:
    custom = tmp_path / "modeles"
    (custom / "fr").mkdir(parents=True)
    (custom / "fr" / "charter.md.j2").write_text("# Charte\n{{ d.name.name \n",
                                                 encoding="utf-8")
    code, _, err = run(capsys, "render", str(EXAMPLE), "--doc", "charter", "--format", "md",
                       "--templates", str(custom), "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"{custom / 'fr' / 'charter.md.j2'}:2" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "raac_charte.md").exists()


def test_templates_export_copies_the_built_ins_which_then_override(tmp_path: Path,
                                                                   capsys: Any) -> None:
    folder = tmp_path / "modeles"
    code, out, _ = run(capsys, "templates", "export", str(folder))
    assert code == 0
    for relative in ("charter.md.j2", "_macros.md.j2", "fr/charter.yaml", "en/plan.yaml",
                     "fr/common.yaml", "typst/page.typ", "reference.docx"):
        assert (folder / relative).is_file(), relative
    assert run(capsys, "templates", "export", str(folder))[0] == 1  # no silent overwrite
    letter = folder / "fr" / "letter.yaml"  # the French wording of the letter
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "Lettre d'intention", "Lettre d'intention du cabinet", 1), encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, _ = run(capsys, "render", str(EXAMPLE), "--doc", "letter", "--format", "md",
                     "--templates", str(folder), "--out", str(out_dir))
    assert code == 0
    assert (out_dir / "raac_lettre-intention.md").read_text(encoding="utf-8").startswith(
        "# Lettre d'intention du cabinet")


# --- brand --------------------------------------------------------------------------------------


def test_example_brand_file_is_valid() -> None:
    brand = load_brand(ROOT / "guides" / "examples" / "brand.yaml")
    assert brand.organisation == "Cabinet Conseil Atlas"
    assert brand.logo is not None and brand.logo_mime == "image/png"
    assert brand.colour == "#1F4E79"


def test_bad_brand_file_reports_every_problem_with_its_line(tmp_path: Path,
                                                            capsys: Any) -> None:
    bad = tmp_path / "brand.yaml"
    bad.write_text("organisation: X\ncolour: blue\nlogo: absent.png\nslogan: hi\n",
                   encoding="utf-8")
    with pytest.raises(ReseauError) as caught:
        load_brand(bad)
    lines = {p.line for p in caught.value.problems}
    assert lines == {2, 3, 4}
    code, _, err = run(capsys, "render", str(EXAMPLE), "--format", "md", "--brand", str(bad),
                       "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"{bad}:2:1 (colour)" in err and "#RRGGBB" in err
    assert f"{bad}:4:1 (slogan)" in err


def test_brand_logo_must_really_be_an_image(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_text("<svg onload=alert(1)>", encoding="utf-8")
    brand = tmp_path / "brand.yaml"
    brand.write_text("logo: logo.png\n", encoding="utf-8")
    with pytest.raises(ReseauError) as caught:
        load_brand(brand)
    assert caught.value.problems[0].key == "render.brand.logo_type"


def test_brand_text_is_escaped_in_the_html_page(tmp_path: Path) -> None:
    from reseau_cli.render import Renderer

    brand = tmp_path / "brand.yaml"
    brand.write_text('organisation: "<script>x</script>"\nfooter: "<b>f</b>"\n',
                     encoding="utf-8")
    page = Renderer(brand=brand).html("# T\n", "fr")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<b>f</b>" not in page
