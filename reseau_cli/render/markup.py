"""User text is data: Markdown escaping, and the type that marks text as already safe.

Every value from a dossier reaches a document through :func:`escape`, which backslash-escapes
whatever Markdown (CommonMark or pandoc's dialect) could read as markup: emphasis, links, raw
HTML, code spans and fences, pandoc attributes and raw blocks (``{=typst}``), math, citations,
and block markers at the start of a line. The Markdown is then the only thing the later stages
read (markdown-it for HTML, pandoc for Word and Typst), so escaping it once protects them all.

:class:`Md` is text that is already safe Markdown (template text, or a value escaped once). It
subclasses :class:`markupsafe.Markup` so Jinja's autoescape machinery keeps it as is, but any
plain string combined with it (``+``, ``%``, ``format``, ``join``) is Markdown-escaped, not
HTML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from markupsafe import Markup

# Always escaped: each can open markup somewhere in a line (ASCII punctuation only, which both
# CommonMark and pandoc accept after a backslash).
_INLINE = re.compile(r"([\\`*_\[\]<>{}|#$@~^&!])")
# Escaped only at the start of a line, where they open a list, quote, heading rule, div or table.
_LINE_START = re.compile(r"^([-+=:%(])")
# "1." "a)" "IV." open (fancy) ordered lists in pandoc.
_ORDERED = re.compile(r"^(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
# Characters Word's XML and Typst refuse, and invisible controls that could hide text.
# Unpaired surrogates and U+FFFE/U+FFFF are no XML characters either (a .docx would be corrupt).
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff\ud800-\udfff]")
# Line and paragraph separators (and a lone CR): the writer meant a new line.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


class Md(Markup):
    """Text that is already safe Markdown; strings joined to it are escaped for Markdown."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Md:  # noqa: D102 - same contract as Markup.escape
        if isinstance(s, Markup):
            return cls(s)
        if isinstance(s, str):
            return cls(_escape_str(s))
        return cls(_escape_str(_clean(s)))

    def join(self, seq: Iterable[Any]) -> Md:  # noqa: D102
        return self.__class__(str.join(self, map(self.escape, seq)))


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text).replace("\t", " "))


def clean_text(value: Any) -> str:
    """``value`` as one line of plain text without control characters (for XML, PDF metadata)."""
    return " ".join(_clean(value).split())


def _escape_line(line: str) -> str:
    line = _SPACES.sub(" ", line.strip())
    line = _INLINE.sub(r"\\\1", line)
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def _escape_text(text: str) -> str:
    # Inline use: one line, whatever the value held (a newline would end a list item or a row).
    return _escape_line(" ".join(text.split("\n")))


@lru_cache(maxsize=8192)
def _escape_str(text: str) -> str:
    # The same names and labels recur in every document of a dossier: escape each once.
    return _escape_text(_clean(text))


def escape(value: Any) -> Md:
    """``value`` as literal Markdown text on one line; :class:`Md` passes unchanged."""
    return Md.escape(value)


def escape_fragment(text: str) -> Md:
    """A short text such as the separator ``" ; "``, escaped in place.

    Spaces are kept and line-start rules are not applied: use it only in the middle of a line.
    """
    return Md(_INLINE.sub(r"\\\1", _clean(text).replace("\n", " ")))


def escape_block(value: Any) -> Md:
    """A long text as Markdown paragraphs, every line escaped like :func:`escape`.

    Blank lines separate paragraphs; single newlines become hard line breaks.
    """
    if isinstance(value, Markup):
        return Md(value)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", _clean(value).strip()):
        lines = [_escape_line(line) for line in chunk.split("\n") if line.strip()]
        if lines:
            paragraphs.append("\\\n".join(lines))
    return Md("\n\n".join(paragraphs))


def is_blank(value: Any) -> bool:
    """Whether an answer is missing: None, empty or blank text, empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return len(value) == 0
    return False
