"""Batch rendering as a library: discovery, folder names, workers, skips, failures, zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reseau_cli.batch import (
    BatchOptions,
    DossierResult,
    Summary,
    discover,
    prepare,
    read_name,
    run_batch,
)
from reseau_cli.errors import UsageError
from reseau_cli.yamlio import dump
from tests.batch_helpers import make_dossier, write_dossiers

FAST = BatchOptions(docs=("charter", "plan"), formats=("md", "html"))


def _run(inputs: list[Path | str], out: Path, options: BatchOptions = FAST,
         workers: int = 1) -> Summary:
    jobs = prepare(inputs, out)
    summary = Summary(total=len(jobs))
    run_batch(jobs, options, summary.add, workers=workers)
    return summary


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(path: Path, data: dict[str, object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return path


# --- finding the dossiers ----------------------------------------------------------------


def test_discover_takes_files_folders_and_globs_sorted_without_duplicates(tmp_path: Path) -> None:
    a, b = write_dossiers(tmp_path / "clients", 2)
    nested = _write(tmp_path / "clients" / "sub" / "c.yml", make_dossier(3))
    (tmp_path / "clients" / "notes.txt").write_text("not a dossier", encoding="utf-8")
    (tmp_path / "clients" / ".hidden.yaml").write_text("x: 1", encoding="utf-8")

    found = discover([str(b), str(tmp_path / "clients"), str(tmp_path / "clients" / "**" / "*.yml"),
                      str(a)])

    assert found == [a, b, nested]


def test_discover_refuses_a_glob_or_folder_that_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for pattern in (str(tmp_path / "empty"), str(tmp_path / "*.yaml")):
        with pytest.raises(UsageError) as caught:
            discover([pattern])
        assert caught.value.key == "batch.no_match"


def test_discover_keeps_a_missing_file_so_the_batch_reports_it(tmp_path: Path) -> None:
    assert discover([tmp_path / "absent.yaml"]) == [tmp_path / "absent.yaml"]


def test_read_name_prefers_the_short_name_and_survives_broken_files(tmp_path: Path) -> None:
    data = make_dossier(1)
    data["name"]["short_name"] = "RAAC"
    assert read_name(_write(tmp_path / "a.yaml", data)) == "RAAC"
    data["name"]["short_name"] = None
    assert read_name(_write(tmp_path / "b.yaml", data)) == data["name"]["name"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: {name: [oops\n", encoding="utf-8")
    assert read_name(broken) is None
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01")
    assert read_name(tmp_path / "binary.yaml") is None


def test_dossiers_with_the_same_slug_get_numbered_folders_in_path_order(tmp_path: Path) -> None:
    same = make_dossier(1)
    paths = [_write(tmp_path / name, same) for name in ("c.yaml", "a.yaml", "b.yaml")]
    other = make_dossier(2)
    other["name"]["name"] = "Autre"
    _write(tmp_path / "z.yaml", other)

    jobs = prepare([tmp_path], tmp_path / "out")

    slug = jobs[0].slug
    assert [(j.path.name, j.slug) for j in jobs] == [
        ("a.yaml", slug), ("b.yaml", f"{slug}-2"), ("c.yaml", f"{slug}-3"), ("z.yaml", "autre")]
    assert {j.out_dir for j in jobs} == {tmp_path / "out" / j.slug for j in jobs}
    assert paths  # all three written


def test_a_dossier_without_a_name_is_named_after_its_file(tmp_path: Path) -> None:
    data = make_dossier(1)
    data["name"] = {"name": None}
    _write(tmp_path / "Coopérative du Sud.yaml", data)
    assert prepare([tmp_path], tmp_path / "out")[0].slug == "cooperative-du-sud"


# --- rendering ---------------------------------------------------------------------------


def test_one_broken_dossier_fails_alone_and_names_its_line(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 3)
    bad = tmp_path / "in" / "dossier-0001.yaml"
    text = bad.read_text(encoding="utf-8").replace("main: ", "main: nope-", 1)
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(s for s in text.splitlines() if "nope-" in s)) + 1

    summary = _run([tmp_path / "in"], tmp_path / "out", workers=2)

    assert (summary.rendered, summary.skipped, summary.failed) == (2, 0, 1)
    failure = summary.failures[0]
    assert failure.job.path == bad
    assert failure.failure is not None
    from reseau_cli.batch import reason

    assert f"{bad}:{line}:" in reason(failure.failure, "fr")
    assert "objective.main" in reason(failure.failure, "en")
    assert not failure.job.out_dir.exists()
    for job in prepare([tmp_path / "in"], tmp_path / "out"):
        if job.path != bad:
            assert len(list(job.out_dir.iterdir())) == 4  # 2 documents x 2 formats


def test_existing_outputs_are_skipped_and_counted_unless_forced(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 2)
    first = _run([tmp_path / "in"], tmp_path / "out")
    assert (first.rendered, first.files_written) == (2, 8)
    marker = next((tmp_path / "out").rglob("*.md"))
    marker.write_text("edited by hand\n", encoding="utf-8")

    again = _run([tmp_path / "in"], tmp_path / "out")
    assert (again.rendered, again.skipped, again.files_written, again.files_skipped) == (0, 2, 0, 8)
    assert marker.read_text(encoding="utf-8") == "edited by hand\n"

    forced = _run([tmp_path / "in"], tmp_path / "out",
                  BatchOptions(docs=FAST.docs, formats=FAST.formats, force=True))
    assert (forced.rendered, forced.files_written) == (2, 8)
    assert marker.read_text(encoding="utf-8") != "edited by hand\n"


def test_one_and_two_workers_write_the_same_files_byte_for_byte(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 5, members=lambda i: 2 + 7 * i)
    _write(tmp_path / "in" / "twin.yaml", make_dossier(0))  # same slug as dossier-0000
    _write(tmp_path / "in" / "english.yaml", make_dossier(8, lang="en"))

    one = _run([tmp_path / "in"], tmp_path / "one", workers=1)
    two = _run([tmp_path / "in"], tmp_path / "two", workers=2)

    assert one.failed == two.failed == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert len(_tree(tmp_path / "one")) == 7 * 4


def test_results_are_small_records_not_documents(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 2, members=30)
    results: list[DossierResult] = []
    run_batch(prepare([tmp_path / "in"], tmp_path / "out"), FAST, results.append, workers=2)
    import pickle

    assert all(len(pickle.dumps(r)) < 2_000 for r in results)


def test_zip_packs_each_client_folder_under_its_slug(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 2)
    options = BatchOptions(docs=FAST.docs, formats=FAST.formats, zip=True)
    summary = _run([tmp_path / "in"], tmp_path / "out", options, workers=2)

    assert summary.files_written == 2 * 5
    for job in prepare([tmp_path / "in"], tmp_path / "out"):
        archive = tmp_path / "out" / f"{job.slug}.zip"
        with zipfile.ZipFile(archive) as opened:
            assert opened.testzip() is None
            names = sorted(opened.namelist())
            assert names == sorted(f"{job.slug}/{p.name}" for p in job.out_dir.iterdir())
            for name in names:
                assert opened.read(name) == (tmp_path / "out" / name).read_bytes()
    assert not list((tmp_path / "out").glob(".*.tmp"))
    before = {p: p.read_bytes() for p in (tmp_path / "out").glob("*.zip")}

    again = _run([tmp_path / "in"], tmp_path / "out", options)
    assert again.files_skipped == 2 * 5
    forced = _run([tmp_path / "in"], tmp_path / "out",
                  BatchOptions(docs=FAST.docs, formats=FAST.formats, zip=True, force=True))
    assert forced.files_written == 2 * 5
    assert {p: p.read_bytes() for p in (tmp_path / "out").glob("*.zip")} == before


def test_check_adds_finding_counts_per_dossier(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "in", 2)
    options = BatchOptions(docs=("charter",), formats=("md",), check=True)
    results: list[DossierResult] = []
    run_batch(prepare([tmp_path / "in"], tmp_path / "out"), options, results.append)

    from reseau_cli import store
    from reseau_cli.check import diagnose

    for result in results:
        counts = diagnose(store.load(result.job.path)).counts()
        assert result.findings is not None
        assert (result.findings.errors, result.findings.warnings) == (
            counts["error"], counts["warning"])


@pytest.mark.slow
def test_one_and_two_workers_give_the_same_word_and_pdf_text(tmp_path: Path) -> None:
    import docx
    from pypdf import PdfReader

    write_dossiers(tmp_path / "in", 3, members=lambda i: 3 + 10 * i)
    options = BatchOptions(docs=("charter",), formats=("md", "html", "docx", "pdf"))
    one = _run([tmp_path / "in"], tmp_path / "one", options, workers=1)
    two = _run([tmp_path / "in"], tmp_path / "two", options, workers=2)
    assert one.failed == two.failed == 0 and one.files_written == two.files_written == 12

    def text(path: Path) -> str | bytes:
        if path.suffix == ".docx":
            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        if path.suffix == ".pdf":
            return "\n".join(page.extract_text() for page in PdfReader(path).pages)
        return path.read_bytes()

    first = {p.relative_to(tmp_path / "one"): text(p) for p in (tmp_path / "one").rglob("*.*")}
    second = {p.relative_to(tmp_path / "two"): text(p) for p in (tmp_path / "two").rglob("*.*")}
    assert first == second
    assert all(first.values())


def test_a_missing_file_is_one_failure_among_successes(tmp_path: Path) -> None:
    [good] = write_dossiers(tmp_path / "in", 1)
    summary = _run([good, tmp_path / "in" / "absent.yaml"], tmp_path / "out", workers=2)
    assert (summary.rendered, summary.failed) == (1, 1)
    assert summary.failures[0].failure is not None
    assert summary.failures[0].failure.key == "errors.file_missing"


def test_a_dossier_with_many_problems_sends_back_a_small_record(tmp_path: Path) -> None:
    data = make_dossier(1, members=300)
    for member in data["members"]["entities"]:
        member["email"] = "not-an-email"
    bad = _write(tmp_path / "in" / "bad.yaml", data)
    results: list[DossierResult] = []
    run_batch(prepare([bad], tmp_path / "out"), FAST, results.append)

    import pickle

    from reseau_cli.batch import reason

    [result] = results
    assert result.failure is not None and result.failure.problem_count == 300
    assert len(pickle.dumps(result)) < 5_000
    text = reason(result.failure, "en")
    assert "members.entities[0].email" in text and "+ 299 more problems" in text


def _worker_pids() -> list[int]:
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    parent = getattr(server, "_forkserver_pid", None)
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == parent:
                pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_worker_does_not_lose_the_other_dossiers(tmp_path: Path) -> None:
    import os
    import signal

    write_dossiers(tmp_path / "in", 12)
    summary = Summary(total=12)
    killed: list[int] = []

    def on_result(result: DossierResult) -> None:
        summary.add(result)
        if not killed:  # the first result: kill every worker while others are in hand
            killed.extend(_worker_pids())
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    run_batch(prepare([tmp_path / "in"], tmp_path / "out"), FAST, on_result, workers=2)

    assert killed
    assert (summary.rendered, summary.failed) == (12, 0)
