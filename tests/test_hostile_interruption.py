"""Interruption: SIGKILL during a save or a render, Ctrl-C in the middle of the wizard.

A killed save leaves the dossier as before or as after, never cut; a killed render leaves no
partial document under a final name; Ctrl-C at any question keeps every earlier answer and the
next ``reseau new`` resumes at that question.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from reseau_cli import store, yamlio
from reseau_cli.catalogue import load_catalogue
from reseau_cli.dossier import get_answer, was_asked
from tests.cli_helpers import checkout_env
from tests.hostile_corpus import hostile_dossier_text

ROOT = Path(__file__).resolve().parent.parent


# --- SIGKILL during store.save ------------------------------------------------------------------

SAVE_LOOP = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from reseau_cli import store
    target, old_src, new_src = (Path(a) for a in sys.argv[1:4])
    clock = lambda: dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
    old = store.load(old_src)
    new = store.load(new_src)
    print("ready", flush=True)
    while True:
        store.save(new, target, clock)
        store.save(old, target, clock)
""")


def _clock() -> dt.datetime:
    return dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


def test_killed_save_of_a_big_dossier_leaves_it_whole(tmp_path: Path) -> None:
    old_data = yamlio.load_located(hostile_dossier_text("fr", members=400), "x").data
    new_data = yamlio.load_located(hostile_dossier_text("en", members=300), "x").data
    sources = []
    for name, data in (("old.yaml", old_data), ("new.yaml", new_data)):
        path = tmp_path / name
        store.save(store.parse(yamlio.dump(data), name), path, _clock)
        sources.append(path)
    target = tmp_path / "dossier.yaml"
    store.save(store.load(sources[0]), target, _clock)
    versions = {sources[0].read_text("utf-8"), sources[1].read_text("utf-8")}
    assert len(versions) == 2 and len(next(iter(versions))) > 500_000

    for delay in (0.02, 0.11, 0.29):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(target), *map(str, sources)],
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert target.read_text("utf-8") in versions, f"cut file after a kill at {delay}s"
        store.load(target)  # and it is a valid dossier
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".dossier.yaml.")]
    # A kill cannot clean up its temporary file; none may ever carry the final name.
    assert all(name.endswith(".tmp") for name in leftovers)


# --- SIGKILL during reseau render ---------------------------------------------------------------


def _expected_markdown_and_html(dossier_path: Path) -> dict[str, bytes]:
    from reseau_cli.render import Renderer, output_name

    dossier = store.load(dossier_path)
    expected = {}
    with Renderer() as renderer:
        for doc in ("charter", "letter", "plan"):
            for fmt, data in renderer.render_formats(dossier, doc, ("md", "html"), "fr").items():
                expected[output_name(dossier, doc, fmt, "fr")] = data
    return expected


def _assert_whole(path: Path, expected: dict[str, bytes]) -> None:
    data = path.read_bytes()
    if path.suffix in (".md", ".html"):
        assert data == expected[path.name], f"{path.name} is not the complete document"
    elif path.suffix == ".docx":
        from docx import Document

        assert Document(io.BytesIO(data)).paragraphs
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=True)
        assert len(reader.pages) >= 1
        assert data.rstrip().endswith(b"%%EOF")
    else:
        raise AssertionError(f"unexpected file {path.name}")


def _finals(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []


@pytest.mark.slow
def test_killed_render_never_leaves_a_partial_document_under_its_final_name(
    tmp_path: Path,
) -> None:
    dossier = tmp_path / "dossier.yaml"
    dossier.write_text(hostile_dossier_text("fr", members=120), encoding="utf-8")
    expected = _expected_markdown_and_html(dossier)
    # Kill while the documents are being written: as soon as the first one shows, then later.
    for run, after_first in enumerate((0.0, 0.004, 0.5)):
        out = tmp_path / f"out{run}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "reseau_cli", "render", str(dossier), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 60
        while not _finals(out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(after_first)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        finals = _finals(out)
        assert finals, "render wrote nothing at all"
        for path in finals:
            _assert_whole(path, expected)


# --- Ctrl-C in the wizard -----------------------------------------------------------------------

QUESTION_ORDER = [q for s in load_catalogue().phase_sections(1) for q in s.questions
                  if q.when is None]
# Typed answers for the kinds of question met before the interruption points below.
TYPED = {"text": "Réponse {i} — é", "long_text": "Réponse longue {i} — « ok »",
         "date": "2027-06-30"}


def _answer(child: Any, question: Any, i: int) -> Any:
    """Answer one prompt; return the value expected in the dossier (None: don't check)."""
    if question.type in TYPED:
        text = TYPED[question.type].format(i=i)
        child.send(text + "\r")
        return dt.date(2027, 6, 30) if question.type == "date" else text
    child.send("\r")  # choices: the highlighted one (the default); yes/no: the default
    return None


def _spawn(path: Path) -> Any:
    import pexpect

    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "160",
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("RESEAU_LANG", None)
    return pexpect.spawn(sys.executable, ["-m", "reseau_cli", "new", str(path), "--no-advice"],
                         cwd=str(ROOT), env=checkout_env(env), encoding="utf-8", timeout=20,
                         dimensions=(50, 160))


def _first_line(question: Any) -> str:
    return question.prompt("fr")[:40]


@pytest.mark.slow
@pytest.mark.parametrize("stop_at", [1, 2, 4, 7, 9],
                         ids=lambda k: QUESTION_ORDER[k - 1].key)
def test_ctrl_c_at_any_question_keeps_earlier_answers_and_resumes_there(
    tmp_path: Path, stop_at: int
) -> None:
    import pexpect

    path = tmp_path / "reseau.yaml"
    asked = QUESTION_ORDER[: stop_at - 1]
    stopped = QUESTION_ORDER[stop_at - 1]
    child = _spawn(path)
    expected: dict[str, Any] = {}
    for i, question in enumerate(asked, start=1):
        child.expect_exact(_first_line(question))
        expected[question.key] = _answer(child, question, i)
    child.expect_exact(_first_line(stopped))
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before

    if asked:
        dossier = store.load(path)
        for key, value in expected.items():
            assert was_asked(dossier, key), key
            if value is not None:
                assert get_answer(dossier, key) == value, key
        assert not was_asked(dossier, stopped.key)
        saved = path.read_text("utf-8")

    child = _spawn(path)
    child.expect_exact(_first_line(stopped))
    skipped = child.before or ""
    for question in asked:  # nothing already answered is asked again
        assert _first_line(question) not in skipped, question.key
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    if asked:
        after = store.load(path)
        for key, value in expected.items():
            if value is not None:
                assert get_answer(after, key) == value, key
        assert saved.split("meta:")[0] == path.read_text("utf-8").split("meta:")[0]
