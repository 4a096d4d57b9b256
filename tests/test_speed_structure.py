"""The structural side of speed (issue 6): what is imported, built or started, and how often.

No timing here: the figures themselves are measured by ``python benchmarks/run.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.batch_helpers import write_dossiers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "guides" / "examples" / "atlas.yaml"
HEAVY = ("questionary", "prompt_toolkit", "pypandoc", "typst", "babel", "markdown_it", "jinja2",
         "rich")


def modules_after(*args: str) -> set[str]:
    """Heavy top-level packages loaded by a whole ``reseau`` run (the process's own view)."""
    code = (
        "import atexit, json, sys\n"
        f"heavy = {list(HEAVY)!r}\n"
        "atexit.register(lambda: print('MODULES=' + json.dumps(sorted({m.split('.')[0] for m in "
        "sys.modules} & set(heavy))), file=sys.stderr))\n"
        "from reseau_cli.cli import main\n"
        f"sys.argv = ['reseau', *{list(args)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


def test_version_loads_no_heavy_library() -> None:
    assert modules_after("--version") == set()


def test_help_loads_no_heavy_library() -> None:
    assert modules_after("--help") == set()


def test_validate_loads_neither_the_wizard_nor_the_converters_nor_rich() -> None:
    assert modules_after("validate", str(EXAMPLE)) == set()


# --- built once -------------------------------------------------------------------------------


def test_every_renderer_shares_the_one_jinja_environment_of_the_process() -> None:
    from reseau_cli.render import Renderer
    from reseau_cli.render.environment import environment

    with Renderer() as first, Renderer() as second:
        assert first._env is second._env is environment(None)


def test_rendering_many_dossiers_builds_no_jinja_environment(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import jinja2

    from reseau_cli import store
    from reseau_cli.render import Renderer

    built: list[object] = []
    original = jinja2.Environment.__init__

    def counting(self: jinja2.Environment, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    paths = write_dossiers(tmp_path / "in", 3)
    with Renderer() as renderer:
        renderer.render_formats(store.load(paths[0]), "charter", ("md",), "fr")  # warm
        monkeypatch.setattr(jinja2.Environment, "__init__", counting)
        for path in paths:
            renderer.render_documents(store.load(path), ("charter", "letter", "plan"),
                                      ("md", "html"), "fr")
    assert built == []


def test_a_batch_worker_builds_its_renderer_once_for_all_its_dossiers(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import reseau_cli.render as render
    from reseau_cli.batch import BatchOptions, prepare, run_batch

    built: list[object] = []

    class CountingRenderer(render.Renderer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            built.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(render, "Renderer", CountingRenderer)
    write_dossiers(tmp_path / "in", 4)
    jobs = prepare([tmp_path / "in"], tmp_path / "out")
    results: list[Any] = []
    run_batch(jobs, BatchOptions(docs=("charter", "letter"), formats=("md", "html")),
              results.append, workers=1)
    assert [r.status for r in results] == ["rendered"] * 4
    assert len(built) == 1


def test_dossier_model_is_derived_once_per_process() -> None:
    from reseau_cli.dossier import dossier_model

    assert dossier_model() is dossier_model()


# --- shipped data files: parsed from the package, nothing written to the user's home --------


def test_reading_shipped_data_writes_nothing_in_the_home_or_cache_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import yaml

    from reseau_cli import shipped

    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    source = tmp_path / "messages.yaml"
    source.write_text("a: {fr: Oui, en: Yes}\nlist: [1, 2.5, true, null, é]\n", encoding="utf-8")
    assert shipped.load_yaml(source) == yaml.safe_load(source.read_text(encoding="utf-8"))
    assert not list(home.rglob("*")) and not cache.exists()


def test_an_edited_data_file_is_read_as_edited(tmp_path: Path) -> None:
    from reseau_cli import shipped

    source = tmp_path / "questions.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    assert shipped.load_yaml(source) == {"x": 1}
    source.write_text("x: 2\n", encoding="utf-8")
    assert shipped.load_yaml(source) == {"x": 2}


def test_every_shipped_message_file_is_cacheable() -> None:
    # A YAML 1.1 surprise (an unquoted yes: or no: key becomes a boolean) would also make the
    # message unreachable by its key; JSON refusing it is how the cache notices.
    import yaml

    from reseau_cli.resources import guides_dir

    for path in [*sorted((guides_dir() / "ui").glob("*.yaml")), guides_dir() / "questions.yaml",
                 guides_dir() / "advice.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert json.loads(json.dumps(data)) == data, path


# --- one pandoc process for many documents -----------------------------------------------------


@pytest.mark.slow
def test_one_pandoc_process_serves_every_dossier_of_a_renderer(tmp_path: Path) -> None:
    from reseau_cli import store
    from reseau_cli.render import Renderer

    paths = write_dossiers(tmp_path / "in", 2)
    with Renderer() as renderer:
        renderer.render_documents(store.load(paths[0]), ("letter",), ("docx", "pdf"), "fr")
        worker = renderer._worker
        assert worker is not None and worker._process is not None
        pid = worker._process.pid
        renderer.render_documents(store.load(paths[1]), ("charter", "plan"), ("docx",), "fr")
        assert worker._process is not None and worker._process.pid == pid
    assert worker._process is None  # closed with the renderer


@pytest.mark.slow
def test_the_pandoc_worker_writes_the_same_bytes_as_a_pandoc_run(tmp_path: Path) -> None:
    from reseau_cli import store
    from reseau_cli.render import Renderer
    from reseau_cli.render.pandoc import run_pandoc

    with Renderer() as renderer:
        markdown = renderer.markdown(store.load(EXAMPLE), "charter", "fr")
        worker = renderer._pandoc()
        reference = renderer._reference_doc()
        out = worker.convert([markdown], ["docx", "typst"], reference)[0]
        # the prepared reference lives in the renderer's folder: compare while it is open
        assert out["docx"] == run_pandoc(markdown, "docx", ["--reference-doc", str(reference)],
                                         tmp_path)
    assert out["typst"] == run_pandoc(markdown, "typst", ["--wrap=preserve"], tmp_path)


@pytest.mark.slow
def test_a_local_image_named_by_a_template_is_not_embedded_in_word(tmp_path: Path) -> None:
    import zipfile
    from io import BytesIO

    from reseau_cli.render.pandoc import PandocWorker

    logo = ROOT / "guides" / "examples" / "brand-logo.png"
    worker = PandocWorker(tmp_path)
    try:
        out = worker.convert([f"# T\n\n![secret]({logo})\n"], ["docx"], None)[0]
    finally:
        worker.close()
    names = zipfile.ZipFile(BytesIO(out["docx"])).namelist()
    assert not [n for n in names if n.startswith("word/media/")]


@pytest.mark.slow
def test_without_pandoc_lua_each_conversion_runs_its_own_pandoc(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from reseau_cli.render import pandoc

    real = pandoc.pandoc_path()
    fake = tmp_path / "pandoc"
    fake.write_text(f'#!/bin/sh\n[ "$1" = lua ] && exit 3\nexec "{real}" "$@"\n',
                    encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(fake))
    worker = pandoc.PandocWorker(tmp_path)
    try:
        out = worker.convert(["# Titre\n\nTexte.\n"], ["typst", "docx"], None)[0]
    finally:
        worker.close()
    assert b"Titre" in out["typst"]
    assert out["docx"].startswith(b"PK")
    assert worker._unavailable
