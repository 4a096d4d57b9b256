"""Markdown to Word and to Typst markup with pandoc (shipped by pypandoc-binary).

One long-lived ``pandoc lua`` process (:class:`PandocWorker`, running ``pandoc_worker.lua``)
converts every document of a renderer; where ``pandoc lua`` is missing, one pandoc process per
document and format does the same work. Both apply ``pandoc_filter.lua`` (table widths,
signature rows, literal text in Typst), so they give the same bytes.

The reader is pandoc's Markdown without raw HTML, raw TeX, raw attributes (``{=typst}``),
native divs/spans or automatic identifiers: the Markdown is already escaped, this is defence
in depth. Every conversion has a time limit, which also covers sending the text to pandoc.
"""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import threading
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import IO

from reseau_cli.errors import ConversionError

READER = (
    "markdown-raw_html-raw_tex-raw_attribute-native_divs-native_spans-auto_identifiers"
    "-tex_math_dollars-tex_math_single_backslash-citations-implicit_figures-smart"
)
TIMEOUT = 120  # seconds; a 2,000-member dossier converts in a few
_HERE = Path(__file__).resolve().parent
WORKER_LUA = _HERE / "pandoc_worker.lua"
FILTER_LUA = _HERE / "pandoc_filter.lua"


@cache
def pandoc_path() -> str:
    """The pandoc executable shipped with pypandoc-binary (or found by pypandoc)."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def _env() -> dict[str, str]:
    # Fixed timestamps inside the .docx: the same dossier gives the same bytes on every run.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "TMPDIR", "LANG")}
    env["SOURCE_DATE_EPOCH"] = "0"
    return env


def run_pandoc(
    markdown: str, to: str, extra: list[str], workdir: Path, timeout: float = TIMEOUT
) -> bytes:
    """Convert ``markdown`` with pandoc; ``ConversionError`` if pandoc fails."""
    args = [pandoc_path(), "--from", READER, "--to", to, "--sandbox", "--lua-filter",
            str(FILTER_LUA), *extra, "--output", "-"]
    try:
        done = subprocess.run(  # noqa: S603 - fixed executable, no shell
            args, input=markdown.encode("utf-8"), capture_output=True, cwd=workdir,
            env=_env(), timeout=timeout, check=False,
            # Own session: a terminal's Ctrl-C goes to reseau, which decides (batch lets the
            # dossiers in hand finish); pandoc would otherwise die whatever SIGINT setting.
            start_new_session=True,
        )
    except subprocess.TimeoutExpired as exc:
        raise _too_slow(timeout) from exc
    except OSError as exc:
        raise ConversionError("render.pandoc_failed", format=to, reason=str(exc)) from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip()[-500:]
        raise ConversionError("render.pandoc_failed", format=to, reason=reason)
    return done.stdout


class PandocWorker:
    """One ``pandoc lua`` process converting any number of documents, started on first use.

    Requests are serialised (one at a time); a worker that dies or stalls is replaced at the
    next request. Where ``pandoc lua`` is not available (an old system pandoc), every
    conversion falls back to one pandoc process per document and format.
    """

    def __init__(self, workdir: Path, timeout: float = TIMEOUT) -> None:
        """A worker whose log lives in ``workdir``; each request must end within ``timeout`` s."""
        self._workdir = workdir
        self._timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._unavailable = False
        self._lock = threading.Lock()

    def convert(
        self, markdowns: Sequence[str], formats: Sequence[str], reference: Path | None
    ) -> list[dict[str, bytes]]:
        """For each Markdown text, its conversion to each of ``formats`` ("docx", "typst")."""
        with self._lock:
            process = self._start()
            if process is None:
                return [_convert_apart(text, formats, reference, self._workdir, self._timeout)
                        for text in markdowns]
            try:
                return self._ask(process, markdowns, formats, reference)
            except BaseException:
                self._stop()  # half a conversation is unusable: the next request starts afresh
                raise

    def close(self) -> None:
        """End the pandoc process."""
        with self._lock:
            self._stop()

    def _start(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None and self._process.poll() is None:
            return self._process
        if self._unavailable:
            return None
        process: subprocess.Popen[bytes] | None = None
        try:
            with open(self._workdir / "pandoc-worker.log", "wb") as log:
                process = subprocess.Popen(  # noqa: S603 - fixed executable, no shell
                    [pandoc_path(), "lua", str(WORKER_LUA), READER, str(FILTER_LUA)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                    cwd=self._workdir,
                    # its own temporary file goes with the private folder, even if it is killed
                    env={**_env(), "TMPDIR": str(self._workdir)},
                    start_new_session=True,  # a terminal's Ctrl-C is for reseau to handle
                )
            assert process.stdout is not None
            if _read_exact(process.stdout, 6, time.monotonic() + 30, 30) != b"ready\n":
                raise OSError("no greeting")
        except (OSError, ConversionError):
            self._unavailable = True
            if process is not None:
                _end(process)
            return None
        self._process = process
        return process

    def _ask(
        self, process: subprocess.Popen[bytes], markdowns: Sequence[str],
        formats: Sequence[str], reference: Path | None,
    ) -> list[dict[str, bytes]]:
        assert process.stdin is not None and process.stdout is not None
        names = [_PANDOC_FORMAT[fmt] for fmt in formats]
        parts = [f"{len(markdowns)} {','.join(names)}\n".encode(),
                 _block(str(reference or "").encode("utf-8"))]
        parts += [_block(text.encode("utf-8")) for text in markdowns]
        deadline = time.monotonic() + self._timeout  # a stalled pandoc stops reading, too
        try:
            _write_all(process.stdin, b"".join(parts), deadline, self._timeout)
        except OSError as exc:
            raise ConversionError("render.pandoc_failed", format="/".join(formats),
                                  reason=self._why(exc)) from exc
        results: list[dict[str, bytes]] = []
        errors: list[tuple[str, str]] = []
        for _ in markdowns:
            converted: dict[str, bytes] = {}
            for fmt in formats:
                header = _read_line(process.stdout, deadline, self._timeout)
                status, _, size = header.decode("ascii", "replace").partition(" ")
                if status not in ("ok", "error") or not size.strip().isdigit():
                    raise ConversionError("render.pandoc_failed", format=fmt,
                                          reason=self._why(None))
                payload = _read_exact(process.stdout, int(size), deadline, self._timeout)
                if status == "ok":
                    converted[fmt] = payload
                else:
                    errors.append((fmt, payload.decode("utf-8", "replace").strip()[-500:]))
            results.append(converted)
        if errors:  # every answer has been read: the conversation can go on
            raise ConversionError("render.pandoc_failed", format=errors[0][0],
                                  reason=errors[0][1])
        return results

    def _why(self, exc: BaseException | None) -> str:
        log = self._workdir / "pandoc-worker.log"
        with contextlib.suppress(OSError):
            text = log.read_text(encoding="utf-8", errors="replace").strip()
            if text:
                return text[-500:]
        return str(exc) if exc is not None else "pandoc stopped answering"

    def _stop(self) -> None:
        if self._process is not None:
            _end(self._process)
            self._process = None


_PANDOC_FORMAT = {"docx": "docx", "typst": "typst"}


def _block(data: bytes) -> bytes:
    return f"{len(data)}\n".encode() + data


def _end(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _too_slow(timeout: float) -> ConversionError:
    return ConversionError("render.too_slow", seconds=round(timeout))


def _wait(stream: IO[bytes], deadline: float, timeout: float, *, write: bool = False) -> None:
    left = deadline - time.monotonic()
    ready = select.select([], [stream], [], left)[1] if write and left > 0 else (
        select.select([stream], [], [], left)[0] if left > 0 else [])
    if not ready:
        raise _too_slow(timeout)


def _write_all(stream: IO[bytes], data: bytes, deadline: float, timeout: float) -> None:
    # Non-blocking writes: a pandoc that stops reading cannot hold us past the deadline.
    fd = stream.fileno()
    os.set_blocking(fd, False)
    view = memoryview(data)
    while view:
        _wait(stream, deadline, timeout, write=True)
        try:
            sent = os.write(fd, view[: 1 << 16])
        except BlockingIOError:
            continue
        view = view[sent:]


def _read_exact(stream: IO[bytes], size: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        _wait(stream, deadline, timeout)
        chunk = os.read(stream.fileno(), min(size, 1 << 20))
        if not chunk:
            raise ConversionError("render.pandoc_failed", format="pandoc",
                                  reason="pandoc stopped answering")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_line(stream: IO[bytes], deadline: float, timeout: float) -> bytes:
    line = bytearray()
    while not line.endswith(b"\n"):
        line += _read_exact(stream, 1, deadline, timeout)
        if len(line) > 64:
            break
    return bytes(line)


def _convert_apart(
    markdown: str, formats: Sequence[str], reference: Path | None, workdir: Path,
    timeout: float,
) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            extra = ["--reference-doc", str(reference)] if reference is not None else []
            out[fmt] = run_pandoc(markdown, "docx", extra, workdir, timeout)
        else:
            out[fmt] = run_pandoc(markdown, fmt, ["--wrap=preserve"], workdir, timeout)
    return out
