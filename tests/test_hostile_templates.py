"""Custom templates (``--templates``) come from consultants and third parties: sandboxed.

Each payload below tries to reach Python internals, files, environment variables or objects
outside the render context. It must either fail with a template error that names the template
file (exit 1, no traceback) or render something harmless; never leak a file or the environment.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_cli import yamlio
from tests.cli_helpers import run_main

SECRET = "s3cr3t-from-the-environment-9f2c"

PAYLOADS = {
    "mro_subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_globals": "{{ cycler.__init__.__globals__.os }}",
    "cycler_environ": "{{ cycler.__init__.__globals__.os.environ }}",
    "joiner_globals": "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "template_context": "{{ self._TemplateReference__context }}",
    "self_module": "{{ self.__init__.__globals__ }}",
    "include_etc_passwd": "{% include '/etc/passwd' %}",
    "include_traversal": "{% include '../../../../../../etc/passwd' %}",
    "import_traversal": "{% import '../../x' as x %}{{ x }}",
    "extends_absolute": "{% extends '/etc/passwd' %}",
    "from_import_traversal": "{% from '../../../etc/passwd' import y %}",
    "config": "{{ config }}",
    "config_items": "{{ config.items() }}",
    "lipsum_globals": "{{ lipsum.__globals__ }}",
    "lipsum_os": "{{ lipsum.__globals__['os'].environ }}",
    "namespace_globals": "{{ namespace.__init__.__globals__ }}",
    "range_internals": "{{ range.__init__.__globals__ }}",
    "request_environ": "{{ request.environ }}",
    "environ_global": "{{ environ }}{{ env }}{{ os }}",
    "dossier_class": "{{ d.__class__.__init__.__globals__ }}",
    "dossier_attr_filter": "{{ d|attr('__class__') }}",
    "dossier_dict": "{% for k in d.__dict__ %}{{ k }}{% endfor %}",
    "labels_globals": "{{ labels.__call__.__globals__ }}",
    "labels_i18n": "{{ labels.__init__.__globals__['i18n'] }}",
    "format_escape": "{{ '{0.__class__.__init__.__globals__}'.format(d) }}",
    "percent_format": "{{ '%s' % d.__class__ }}",
    "getattr_string": "{{ d['__class__'] }}",
    "date_internals": "{{ d.meta.__class__.__module__ }}",
    "model_fields_annotation": "{{ d.model_fields['name'].annotation.__subclasses__() }}",
    "mutate_config": "{{ d.model_config.update({'extra': 'allow'}) }}",
    "builtins": "{{ __builtins__ }}{{ open }}{{ eval }}",
    "loop_internals": "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
}

SECRETS = (SECRET, "root:x:0", "<module '", "uid=0")  # in no output, no message
INTERNALS = ("__builtins__", "<function", "<built-in", "<class", "__globals__")  # in no document




@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    path = tmp_path / "dossier.yaml"
    path.write_text(yamlio.dump({"schema_version": 1, "language": "fr",
                                 "name": {"name": "Réseau Atlas"}}), encoding="utf-8")
    return path


def custom_templates(root: Path, body: str) -> Path:
    folder = root / "modeles"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "charter.md.j2").write_text(body + "\nFIN\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_template_payload_fails_cleanly_or_renders_nothing_dangerous(
    tmp_path: Path, dossier: Path, payload: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("RESEAU_TEST_SECRET", SECRET)
    folder = custom_templates(tmp_path, payload)
    out = tmp_path / "out"
    code = run_main("render", str(dossier), "--doc", "charter", "--format", "md,html",
                    "--out", str(out), "--templates", str(folder))
    captured = capsys.readouterr()
    produced = "".join(p.read_text("utf-8") for p in out.glob("*")) if out.exists() else ""
    for leak in SECRETS:
        assert leak not in captured.out + captured.err + produced, leak
    for internal in INTERNALS:
        assert internal not in produced.replace("\\_", "_"), internal
    assert "Traceback" not in captured.err
    assert "Erreur inattendue" not in captured.err
    if code != 0:
        assert code == 1
        assert str(folder / "fr" / "charter.md.j2") in captured.err
        assert not list(out.glob("*")) if out.exists() else True  # nothing half-written


def test_broken_template_syntax_names_file_and_line(tmp_path: Path, dossier: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = custom_templates(tmp_path, "Bonjour\n{% if d.name.name %}\nsans fin")
    code = run_main("render", str(dossier), "--doc", "charter", "--format", "md",
                    "--out", str(tmp_path / "out"), "--templates", str(folder))
    err = capsys.readouterr().err
    assert code == 1
    assert f"{folder / 'fr' / 'charter.md.j2'}:" in err


def test_custom_typst_page_cannot_read_outside_its_private_root(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = custom_templates(tmp_path, "Bonjour")
    (folder / "typst").mkdir()
    (folder / "typst" / "page.typ").write_text(
        '#read("/etc/passwd")\n#read("../../../../../../etc/passwd")\n', encoding="utf-8")
    out = tmp_path / "out"
    code = run_main("render", str(dossier), "--doc", "charter", "--format", "pdf",
                    "--out", str(out), "--templates", str(folder))
    err = capsys.readouterr().err
    assert code == 1
    assert "root:x:0" not in err and "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())


def test_symlink_in_template_folder_cannot_pull_in_a_private_file(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A shared template pack (a git repository, a zip) may hold symlinks: one pointing at the
    # user's private files would copy them into documents the user then sends out.
    private = tmp_path / "private.txt"
    private.write_text("PRIVATE-KEY-MATERIAL\n", encoding="utf-8")
    folder = custom_templates(tmp_path, "{% include 'fr/logo.md.j2' %}")
    (folder / "fr" / "logo.md.j2").symlink_to(private)
    out = tmp_path / "out"
    run_main("render", str(dossier), "--doc", "charter", "--format", "md", "--out", str(out),
             "--templates", str(folder))
    produced = "".join(p.read_text("utf-8") for p in out.glob("*")) if out.exists() else ""
    assert "PRIVATE-KEY-MATERIAL" not in produced + capsys.readouterr().err


def _cap_memory() -> None:
    limit = 600 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.slow
def test_resource_bomb_in_a_template_is_a_template_error(tmp_path: Path, dossier: Path) -> None:
    folder = custom_templates(tmp_path, "{{ range(10**9)|list|length }}")
    result = subprocess.run(
        [sys.executable, "-m", "reseau_cli", "render", str(dossier), "--doc", "charter",
         "--format", "md", "--out", str(tmp_path / "out"), "--templates", str(folder)],
        capture_output=True, text=True, timeout=60, preexec_fn=_cap_memory)
    assert result.returncode == 1
    assert "Erreur inattendue" not in result.stderr
    assert str(folder / "fr" / "charter.md.j2") in result.stderr


@pytest.mark.slow
def test_symlinked_layout_files_in_a_template_pack_are_not_followed_out(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = tmp_path / "private.typ"
    private.write_text("PRIVATE-LAYOUT-SECRET\n", encoding="utf-8")
    folder = custom_templates(tmp_path, "Bonjour")
    (folder / "typst").mkdir()
    (folder / "typst" / "page.typ").symlink_to(private)
    (folder / "reference.docx").symlink_to(private)
    out = tmp_path / "out"
    code = run_main("render", str(dossier), "--doc", "charter", "--format", "docx,pdf",
                    "--out", str(out), "--templates", str(folder))
    err = capsys.readouterr().err
    assert "PRIVATE-LAYOUT-SECRET" not in err and "Traceback" not in err
    for path in out.glob("*") if out.exists() else []:
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
        else:
            from docx import Document

            text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert "PRIVATE-LAYOUT-SECRET" not in text
    assert code in (0, 1)
