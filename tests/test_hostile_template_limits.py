"""Custom templates that try to exhaust the machine, or to peek at files through links.

A template is code from someone else; the sandbox keeps it from Python internals (see
``test_hostile_templates``), these limits keep it from memory and time: each attack below
must become a template error naming the file, quickly and without building its giant value.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reseau_cli.errors import TemplateError
from reseau_cli.render import sandbox
from reseau_cli.render.environment import environment, render_template
from tests.cli_helpers import run_main

GIANT = {
    "center": "{{ 'x'|center(10**9) }}",
    "indent": "{{ 'a\nb'|indent(10**9) }}",
    "indent_many_lines": "{{ ('\n' * 999999)|indent(10000) }}",
    "str_format_width": "{{ '{:>1000000000}'.format('x') }}",
    "str_format_nested_width": "{{ '{:>{}}'.format('x', 10**9) }}",
    "format_map_width": "{{ '{a:>1000000000}'.format_map({'a': 1}) }}",
    "printf_filter": "{{ '%0999999999d'|format(1) }}",
    "printf_operator": "{{ '%0999999999d' % 1 }}",
    "printf_star": "{{ '%*d' % (10**9, 1) }}",
    "ljust": "{{ 'x'.ljust(10**9) }}",
    "zfill": "{{ 'x'.zfill(10**9) }}",
    "slice_count": "{{ [1]|slice(10**9, 0)|list|length }}",
    "batch_count": "{{ [1]|batch(10**9, 0)|list|length }}",
    "wordwrap_string": "{{ ('a ' * 400000)|wordwrap(1, wrapstring='y' * 1000) }}",
    "namespace_concat": "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "namespace_plus": "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
                      "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "namespace_join": "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
                      "{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}{{ ns.s|length }}",
    "namespace_replace": "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
                         "{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}{{ ns.s|length }}",
    "namespace_nested_list": "{% set ns = namespace(l=['x']) %}{% for i in range(60) %}"
                             "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}",
    "macro_doubling": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}"
                      "{{ s|length }}{% endif %}{% endmacro %}{{ d('xx', 60) }}",
    "integer_squaring": "{% set ns = namespace(n=3) %}{% for i in range(40) %}"
                        "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n > 0 }}",
    "power_of_a_power": "{{ (10**1000)**1000 > 1 }}",
    "shared_references": "{% set s = 'x' * 1000000 %}{{ [s, s, s, s, s, s, s, s, s, s, s] }}",
    "join_separator": "{{ ('x' * 1000000).join(range(100000)|map('string')) }}",
    "repeated_list": "{% set l = range(100000)|list %}{{ ([l] * 1000)|sum(start=[])|length }}",
    "output_size": "{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}",
}


@pytest.fixture(scope="module", autouse=True)
def _memory_cap() -> Iterator[None]:
    # Were a limit missing, the test would fail with MemoryError instead of filling the machine.
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 3 * 1024**3
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _render(root: Path, body: str) -> str:
    folder = root / "modeles"
    (folder / "fr").mkdir(parents=True, exist_ok=True)
    (folder / "fr" / "page.md.j2").write_text(body, encoding="utf-8")
    return render_template(environment(folder), "fr/page.md.j2", {"lang": "fr"})


@pytest.mark.parametrize("body", list(GIANT.values()), ids=list(GIANT))
def test_giant_result_is_refused_before_it_is_built(tmp_path: Path, body: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    assert time.monotonic() - started < 10
    assert caught.value.key == "render.template_failed"
    assert caught.value.params["file"].endswith("page.md.j2")
    reason = caught.value.params["reason"]
    assert any(word in reason for word in ("too large", "too long", "longer than")), reason


def test_endless_loops_stop_at_the_render_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    body = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
            "{% macro m(n) %}{% for i in range(100000) %}{% endfor %}{% endmacro %}")
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    assert time.monotonic() - started < 5
    assert "render took longer than 0.5 s" in caught.value.params["reason"]


def test_ordinary_template_work_still_renders(tmp_path: Path) -> None:
    body = ("{% set ns = namespace(total=0, text='') %}{% for i in range(1000) %}"
            "{% set ns.total = ns.total + i * i %}{% set ns.text = ns.text ~ i %}{% endfor %}"
            "{{ ns.total }} {{ ns.text|length }} {{ '{:0>8}'.format('a') }}|{{ '%05d'|format(42) }}"
            " {{ 'x'|center(9) }}|{{ ['a', 'b']|join(', ') }} {{ 2**64 }}"
            " {{ 'a b'.replace('a', 'c') }}")
    assert _render(tmp_path, body) == (
        "332833500 2890 0000000a|00042     x    |a, b 18446744073709551616 c b")


# --- reading template files -------------------------------------------------------------------


def _pack(root: Path) -> Path:
    folder = root / "modeles"
    (folder / "fr").mkdir(parents=True)
    return folder


def _charter(folder: Path, body: str) -> None:
    (folder / "fr" / "charter.md.j2").write_text(body, encoding="utf-8")


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    path = tmp_path / "dossier.yaml"
    path.write_text("schema_version: 1\nlanguage: fr\nname:\n  name: Réseau Atlas\n",
                    encoding="utf-8")
    return path


def _render_cli(dossier: Path, folder: Path, out: Path) -> int:
    return run_main("render", str(dossier), "--doc", "charter", "--format", "md",
                    "--out", str(out), "--templates", str(folder))


def test_link_to_a_huge_file_outside_is_not_read(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.bin"
    with open(huge, "wb") as handle:  # sparse: 4 GB on paper, nothing on disk
        handle.truncate(4 * 1024**3)
    folder = _pack(tmp_path)
    _charter(folder, "{% include 'fr/part.md.j2' %}")
    (folder / "fr" / "part.md.j2").symlink_to(huge)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code = _render_cli(dossier, folder, tmp_path / "out")
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    err = capsys.readouterr().err
    assert code == 1 and "fr/part.md.j2" in err and "Traceback" not in err
    assert grown_kb < 200_000  # far from the 4 GB (8 GB decoded) a read would take


def test_link_out_looks_exactly_like_a_missing_template(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Whether /bin/sh exists, is binary or readable must not show: same message as nothing.
    folder = _pack(tmp_path)
    _charter(folder, "{% include 'fr/part.md.j2' %}")
    (folder / "fr" / "part.md.j2").symlink_to("/bin/sh")
    assert _render_cli(dossier, folder, tmp_path / "out1") == 1
    linked = capsys.readouterr().err
    (folder / "fr" / "part.md.j2").unlink()
    (folder / "fr" / "part.md.j2").symlink_to(tmp_path / "no-such-file")
    assert _render_cli(dossier, folder, tmp_path / "out2") == 1
    dangling = capsys.readouterr().err
    (folder / "fr" / "part.md.j2").unlink()
    assert _render_cli(dossier, folder, tmp_path / "out3") == 1
    missing = capsys.readouterr().err
    assert linked == dangling == missing
    assert "UnicodeDecodeError" not in linked and "utf-8" not in linked.lower()


def test_oversized_fifo_and_binary_templates_inside_the_folder_are_refused_unread(
    tmp_path: Path, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pack(tmp_path)
    with open(folder / "fr" / "charter.md.j2", "wb") as handle:
        handle.truncate(sandbox.MAX_TEMPLATE_BYTES + 1)
    assert _render_cli(dossier, folder, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "charter.md.j2" in err and "larger than 1 MB" in err

    (folder / "fr" / "charter.md.j2").unlink()
    os.mkfifo(folder / "fr" / "charter.md.j2")  # opening it would wait for ever
    assert _render_cli(dossier, folder, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "charter.md.j2" in err and "not a regular file" in err

    (folder / "fr" / "charter.md.j2").unlink()
    (folder / "fr" / "charter.md.j2").write_bytes(b"\x7fELF\x02\x01\x01\x00\xff\xfe")
    assert _render_cli(dossier, folder, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "charter.md.j2" in err and "not UTF-8" in err and "Traceback" not in err
