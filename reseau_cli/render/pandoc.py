"""Markdown to Word and to Typst markup with pandoc (shipped by pypandoc-binary).

The reader is pandoc's Markdown without raw HTML, raw TeX, raw attributes (``{=typst}``),
native divs/spans or automatic identifiers: the Markdown is already escaped, this is defence
in depth. Word styles come from ``templates/reference.docx``; a brand adds its header (logo,
organisation) and footer to a copy of it, made once per renderer.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import select
import subprocess
import threading
import time
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from reseau_cli.errors import ConversionError

if TYPE_CHECKING:
    from reseau_cli.render.brand import Brand

READER = (
    "markdown-raw_html-raw_tex-raw_attribute-native_divs-native_spans-auto_identifiers"
    "-tex_math_dollars-tex_math_single_backslash-citations-implicit_figures-smart"
)
TIMEOUT = 120  # seconds; a 2,000-member dossier converts in a few


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


def run_pandoc(markdown: str, to: str, extra: list[str], workdir: Path) -> bytes:
    """Convert ``markdown`` with pandoc; ``ConversionError`` if pandoc fails."""
    args = [pandoc_path(), "--from", READER, "--to", to, "--sandbox", *extra, "--output", "-"]
    try:
        done = subprocess.run(  # noqa: S603 - fixed executable, no shell
            args, input=markdown.encode("utf-8"), capture_output=True, cwd=workdir,
            env=_env(), timeout=TIMEOUT, check=False,
            # Own session: a terminal's Ctrl-C goes to reseau, which decides (batch lets the
            # dossiers in hand finish); pandoc would otherwise die whatever SIGINT setting.
            start_new_session=True,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConversionError("render.pandoc_failed", format=to, reason=str(exc)) from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip()[-500:]
        raise ConversionError("render.pandoc_failed", format=to, reason=reason)
    return done.stdout


def to_docx(markdown: str, reference: Path, workdir: Path) -> bytes:
    """A Word document with real headings, lists and tables."""
    return run_pandoc(markdown, "docx", ["--reference-doc", str(reference)], workdir)


def to_typst(markdown: str, workdir: Path) -> str:
    """Typst markup for the body of the PDF (pandoc escapes text for Typst)."""
    return run_pandoc(markdown, "typst", ["--wrap=preserve"], workdir).decode("utf-8")


def to_typst_many(markdowns: list[str], workdir: Path) -> list[str]:
    """Typst markup for several documents with one pandoc process.

    The documents are joined with a random marker paragraph that no dossier text can contain
    (it is chosen after the texts are known), converted together, then split apart again.
    """
    if len(markdowns) == 1:
        return [to_typst(markdowns[0], workdir)]
    marker = "RESEAUSPLIT" + secrets.token_hex(12).upper()
    while any(marker in text for text in markdowns):  # pragma: no cover - 96 random bits
        marker = "RESEAUSPLIT" + secrets.token_hex(12).upper()
    joined = f"\n\n{marker}\n\n".join(markdowns)
    parts = to_typst(joined, workdir).split(f"\n{marker}\n")
    if len(parts) != len(markdowns):
        return [to_typst(text, workdir) for text in markdowns]
    return parts


# --- one pandoc process for many documents ------------------------------------------------------

# Run by ``pandoc lua``: reads every document of a request, then answers each requested format
# of each document. Reading the Markdown once for both formats and keeping the process (and its
# warm heap) for every dossier of a renderer costs a third of one pandoc process per format.
_WORKER_LUA = r"""
local reader = arg[1]

local function block()
  local line = io.read("l")
  if line == nil then return nil end
  local size = tonumber(line)
  if size == nil then error("bad request: " .. line) end
  if size == 0 then return "" end
  return io.read(size)
end

local function reply(status, payload)
  io.stdout:write(status, " ", #payload, "\n", payload)
end

-- Like --sandbox for the Word writer, which would otherwise embed any local image a custom
-- template names: an image becomes its description.
local function without_images(doc)
  return doc:walk({Image = function(image) return image.caption end})
end

local function convert(text, format, reference)
  local doc = pandoc.read(text, reader, nil, {})  -- {}: the reader sees no file at all
  if format == "docx" then
    local options = {}
    if reference ~= "" then options.reference_doc = reference end
    return pandoc.write(without_images(doc), "docx", options)
  end
  return pandoc.write(doc, format, {wrap_text = "preserve"})
end

io.stdout:setvbuf("full")
io.stdout:write("ready\n")
io.stdout:flush()
while true do
  local header = io.read("l")
  if header == nil then break end
  local count, formats = header:match("^(%d+) (%S+)$")
  local reference = block()
  local texts = {}
  for i = 1, tonumber(count) do texts[i] = block() end
  for _, text in ipairs(texts) do
    for format in formats:gmatch("[^,]+") do
      local ok, out = pcall(convert, text, format, reference)
      if ok then reply("ok", out) else reply("error", tostring(out)) end
    end
  end
  io.stdout:flush()
end
"""


class PandocWorker:
    """One ``pandoc lua`` process converting any number of documents, started on first use.

    Requests are serialised (one at a time); a worker that dies or stalls is replaced at the
    next request. Where ``pandoc lua`` is not available (an old system pandoc), every
    conversion falls back to one pandoc process per document and format.
    """

    def __init__(self, workdir: Path) -> None:
        """A worker whose script and log live in ``workdir`` (the renderer's private folder)."""
        self._workdir = workdir
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
                return [_convert_apart(text, formats, reference, self._workdir)
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
        script = self._workdir / "reseau-pandoc-worker.lua"
        process: subprocess.Popen[bytes] | None = None
        try:
            script.write_text(_WORKER_LUA, encoding="utf-8")
            with open(self._workdir / "pandoc-worker.log", "wb") as log:
                process = subprocess.Popen(  # noqa: S603 - fixed executable, no shell
                    [pandoc_path(), "lua", str(script), READER], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=log, cwd=self._workdir,
                    # its own temporary file goes with the private folder, even if it is killed
                    env={**_env(), "TMPDIR": str(self._workdir)},
                    start_new_session=True,  # a terminal's Ctrl-C is for reseau to handle
                )
            assert process.stdout is not None
            if _read_exact(process.stdout, 6, time.monotonic() + 30) != b"ready\n":
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
        try:
            process.stdin.write(b"".join(parts))
            process.stdin.flush()
        except OSError as exc:
            raise ConversionError("render.pandoc_failed", format="/".join(formats),
                                  reason=self._why(exc)) from exc
        deadline = time.monotonic() + TIMEOUT
        results: list[dict[str, bytes]] = []
        errors: list[tuple[str, str]] = []
        for _ in markdowns:
            converted: dict[str, bytes] = {}
            for fmt in formats:
                header = _read_line(process.stdout, deadline)
                status, _, size = header.decode("ascii", "replace").partition(" ")
                if status not in ("ok", "error") or not size.strip().isdigit():
                    raise ConversionError("render.pandoc_failed", format=fmt,
                                          reason=self._why(None))
                payload = _read_exact(process.stdout, int(size), deadline)
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


def _wait_readable(stream: IO[bytes], deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([stream], [], [], left)[0]:
        raise ConversionError("render.pandoc_failed", format="pandoc",
                              reason=f"no answer within {TIMEOUT} s")


def _read_exact(stream: IO[bytes], size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), min(size, 1 << 20))
        if not chunk:
            raise ConversionError("render.pandoc_failed", format="pandoc",
                                  reason="pandoc stopped answering")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_line(stream: IO[bytes], deadline: float) -> bytes:
    line = bytearray()
    while not line.endswith(b"\n"):
        line += _read_exact(stream, 1, deadline)
        if len(line) > 64:
            break
    return bytes(line)


def _convert_apart(
    markdown: str, formats: Sequence[str], reference: Path | None, workdir: Path
) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            extra = ["--reference-doc", str(reference)] if reference is not None else []
            out[fmt] = run_pandoc(markdown, "docx", extra, workdir)
        else:
            out[fmt] = run_pandoc(markdown, fmt, ["--wrap=preserve"], workdir)
    return out


# --- branded reference document ---------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_EMU_PER_CM = 360_000


def _text_run(text: str, size_half_points: int = 16, colour: str = "555555") -> str:
    return (f'<w:r><w:rPr><w:color w:val="{colour}"/><w:sz w:val="{size_half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>')


def _image_run(rel_id: str, width_cm: float, height_cm: float) -> str:
    cx, cy = int(width_cm * _EMU_PER_CM), int(height_cm * _EMU_PER_CM)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="9001" name="logo"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="9001" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _part(tag: str, runs: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{tag} xmlns:w="{_W}" xmlns:r="{_R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f"<w:p>{runs}</w:p></w:{tag}>"
    )


def _image_size_cm(data: bytes, ext: str, height_cm: float = 1.2) -> tuple[float, float]:
    if ext == ".png" and len(data) >= 24:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if width and height:
            return min(height_cm * width / height, 8.0), height_cm
    return height_cm * 3, height_cm


def branded_reference(base: Path, brand: Brand, target: Path) -> Path:
    """A copy of ``base`` whose header shows the logo and organisation, and footer the footer."""
    with zipfile.ZipFile(base) as source:
        files = {name: source.read(name) for name in source.namelist()}
    rels = files["word/_rels/document.xml.rels"].decode("utf-8")
    types = files["[Content_Types].xml"].decode("utf-8")
    document = files["word/document.xml"].decode("utf-8")

    header_runs = ""
    header_rels = ""
    if brand.logo and brand.logo_ext in (".png", ".jpg", ".jpeg"):  # Word wants a bitmap
        media = f"media/brand-logo{brand.logo_ext}"
        files[f"word/{media}"] = brand.logo
        header_rels = f'<Relationship Id="rIdLogo" Type="{_REL_IMAGE}" Target="{media}"/>'
        header_runs += _image_run("rIdLogo", *_image_size_cm(brand.logo, brand.logo_ext))
        ext = brand.logo_ext.lstrip(".")
        if f'Extension="{ext}"' not in types:
            mime = "image/png" if ext == "png" else "image/jpeg"
            default = f'<Default Extension="{ext}" ContentType="{mime}"/>'
            types = types.replace("</Types>", f"{default}</Types>")
    if brand.organisation:
        header_runs += '<w:r><w:tab/></w:r>' + _text_run(brand.organisation)
    files["word/header-brand.xml"] = _part("hdr", header_runs).encode("utf-8")
    files["word/_rels/header-brand.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{header_rels}</Relationships>"
    ).encode()
    files["word/footer-brand.xml"] = _part("ftr", _text_run(brand.footer)).encode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdBrandHeader" Type="{_REL_HEADER}" Target="header-brand.xml"/>'
        f'<Relationship Id="rIdBrandFooter" Type="{_REL_FOOTER}" Target="footer-brand.xml"/>'
        "</Relationships>",
    )
    types = types.replace(
        "</Types>",
        f'<Override PartName="/word/header-brand.xml" ContentType="{_CT_HEADER}"/>'
        f'<Override PartName="/word/footer-brand.xml" ContentType="{_CT_FOOTER}"/></Types>',
    )
    refs = ('<w:headerReference w:type="default" r:id="rIdBrandHeader"/>'
            '<w:footerReference w:type="default" r:id="rIdBrandFooter"/>')
    if "<w:sectPr" in document:
        document = re.sub(r"(<w:sectPr\b[^>]*?)(/?)>",
                          lambda m: f"{m.group(1)}>{refs}" + ("</w:sectPr>" if m.group(2) else ""),
                          document, count=1)
    else:
        document = document.replace("</w:body>", f"<w:sectPr>{refs}</w:sectPr></w:body>")
    files["word/document.xml"] = document.encode("utf-8")
    files["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    files["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return target
