"""Limits for custom templates: where a template may be read from, and what a render may cost.

A template from ``--templates`` is code written by someone else. Jinja's sandbox keeps it away
from Python internals; this module also keeps it from exhausting the machine:

- :class:`ConfinedLoader` checks where a template file really is, that it is a regular file
  and how big it is, *before* reading a byte of it (a link to a 1 GB file, to ``/dev/zero``
  or to a binary outside the folder reads nothing and looks like a missing template);
- :class:`LimitedSandbox` bounds what one operation may build (``*``, ``+``, ``~``, ``%``,
  ``str.format``, ``join``, ``replace``, padding and width arguments, integer sizes) and
  checks a deadline at every loop iteration, call and output chunk;
- :func:`render_limited` renders with that deadline and a cap on the document's size.

Every refusal is a :class:`RenderLimitError` (a Jinja ``SecurityError``), which the renderer
reports as a template error naming the file and line.
"""

from __future__ import annotations

import contextvars
import os
import re
import stat
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

__all__ = [
    "MAX_EXPONENT",
    "MAX_INT_BITS",
    "MAX_OUTPUT",
    "MAX_SEQUENCE",
    "MAX_TEMPLATE_BYTES",
    "MAX_TEXT",
    "MAX_WIDTH",
    "RENDER_SECONDS",
    "ConfinedLoader",
    "LimitedSandbox",
    "RenderLimitError",
    "limit_filters",
    "render_limited",
    "weight",
]

MAX_TEMPLATE_BYTES = 1_000_000  # a template file; ours are a few kilobytes
MAX_SEQUENCE = 1_000_000  # longest string or list built with "*"
MAX_TEXT = 10_000_000  # longest string built by "~", "+", join, replace, format...
MAX_WIDTH = 10_000  # padding, width, count arguments ("center", "{:>N}", "%0Nd", "slice")
MAX_EXPONENT = 1_000
MAX_INT_BITS = 10_000  # about 3,000 digits: no amount or count comes near
MAX_OUTPUT = 20_000_000  # characters in one rendered document
RENDER_SECONDS = 30.0  # one document; ours take milliseconds

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "reseau_render_deadline", default=None)


class RenderLimitError(SecurityError):
    """A template asked for more than a document could ever need."""


# --- reading templates ------------------------------------------------------------------------


class ConfinedLoader(jinja2.FileSystemLoader):
    """A file loader that never leaves its folder, even through a symbolic link.

    The real path, file type and size are checked before the file is opened; it is then read
    through the descriptor that was checked, never more than :data:`MAX_TEMPLATE_BYTES`.
    """

    def __init__(self, folder: os.PathLike[str] | str) -> None:
        """Load templates from ``folder`` only."""
        super().__init__(os.fspath(folder))
        self._root = os.path.realpath(folder)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, if it is a regular file whose real path lies in the folder."""
        pieces = split_template_path(template)  # refuses "..": TemplateNotFound
        for base in self.searchpath:
            candidate = os.path.join(base, *pieces)
            real = os.path.realpath(candidate)
            if not _inside(real, self._root):
                # A link leading out looks exactly like a missing file: nothing about the
                # target (whether it exists, what it holds) shows in any message.
                raise jinja2.TemplateNotFound(template)
            try:
                info = os.stat(real)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):  # a folder, a pipe, a device: never opened
                raise jinja2.TemplateSyntaxError("not a regular file", 1, template, candidate)
            return _read_template(real, candidate, template, info), candidate, _uptodate(real,
                                                                                        info)
        raise jinja2.TemplateNotFound(template)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _too_big(template: str, filename: str) -> jinja2.TemplateSyntaxError:
    return jinja2.TemplateSyntaxError(
        f"template file larger than {MAX_TEMPLATE_BYTES // 1_000_000} MB", 1, template, filename)


def _read_template(real: str, shown: str, template: str, info: os.stat_result) -> str:
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise _too_big(template, shown)
    fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(handle.fileno())
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (info.st_dev,
                                                                          info.st_ino):
            raise jinja2.TemplateNotFound(template)  # swapped since it was checked
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _too_big(template, shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise jinja2.TemplateSyntaxError(
            f"not UTF-8 text (byte {exc.start})", 1, template, shown) from None


def _uptodate(real: str, info: os.stat_result) -> Callable[[], bool]:
    def uptodate() -> bool:
        try:
            return os.stat(real).st_mtime_ns == info.st_mtime_ns
        except OSError:
            return False

    return uptodate


# --- rendering --------------------------------------------------------------------------------


_ticks = 0


def _tick() -> None:
    """Stop a render past its deadline (the clock is read at every 32nd step only)."""
    global _ticks
    _ticks += 1
    if _ticks & 31:
        return
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise RenderLimitError(f"render took longer than {RENDER_SECONDS:g} s")


def _text_size(size: int) -> None:
    if size > MAX_TEXT:
        raise RenderLimitError(f"text too long ({size:,} characters; limit {MAX_TEXT:,})")


def _width(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise RenderLimitError(f"width or count too large ({value}; limit {MAX_WIDTH:,})")


def _int_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise RenderLimitError(f"number too large (about {bits:,} bits)")


def weight(value: Any) -> int:
    """About how many characters ``str(value)`` makes, counted without making it.

    A list holding the same long text a million times is small in memory and giant once
    printed; this counts every reference, and stops counting past :data:`MAX_TEXT`.
    """
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int | float) or value is None:
        return 24
    seen: dict[int, int] = {}

    def measure(item: Any) -> int:
        if isinstance(item, str):
            return len(item)
        if isinstance(item, int | float | bool) or item is None:
            return 24
        if isinstance(item, list | tuple | set | frozenset | dict):
            known = seen.get(id(item))
            if known is not None:
                return known
            seen[id(item)] = 0  # a container holding itself prints as [...]
            total = 2
            parts = (part for pair in item.items() for part in pair) if isinstance(
                item, dict) else item
            for part in parts:
                total += measure(part) + 2
                if total > MAX_TEXT:
                    break
            seen[id(item)] = total
            return total
        return 1_000  # a dossier object, a macro, an undefined: printed at a bounded size

    return measure(value)


def _weighed(value: Any) -> Any:
    if not isinstance(value, str | int | float) and value is not None:
        _text_size(weight(value))
    elif isinstance(value, str) and len(value) > MAX_TEXT:
        _text_size(len(value))
    return value


class _Guard(NodeTransformer):
    """Route every ``~`` and every loop of a template through the environment's checks."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        parts: list[nodes.Expr] = [
            nodes.Call(nodes.EnvironmentAttribute("checked_part"), [part], [], None, None,
                       lineno=part.lineno) for part in node.nodes]
        joined = nodes.Concat(parts, lineno=node.lineno)
        return nodes.Call(nodes.EnvironmentAttribute("checked_text"), [joined], [], None, None,
                          lineno=node.lineno)

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("checked_iter"), [node.iter], [],
                               None, None, lineno=node.lineno)
        return node


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose operations cannot build giant values or run for ever."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Like Jinja's sandbox; every printed value is weighed before it becomes text."""
        super().__init__(*args, **kwargs)
        printed = self.finalize
        if printed is not None and getattr(printed, "jinja_pass_arg", None) is None:
            self.finalize = lambda value: printed(_weighed(value))
        elif printed is None:
            self.finalize = _weighed

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        guarded = _Guard().visit(tree)
        assert isinstance(guarded, nodes.Template)
        return guarded

    def checked_part(self, value: Any) -> Any:
        """One operand of ``~``, weighed before it is turned into text."""
        return _weighed(value)

    def checked_text(self, value: Any) -> Any:
        """The result of ``~``, if it is not giant."""
        if isinstance(value, str):
            _text_size(len(value))
        return value

    def checked_iter(self, iterable: Any) -> Iterator[Any]:
        """Iterate, checking the render's deadline at each step."""
        for item in iterable:
            _tick()
            yield item

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse products, sums, powers and %-formats big enough to exhaust memory or time."""
        _tick()
        if operator == "**":
            return _power(left, right)
        if operator == "%":
            if isinstance(left, str):
                _check_printf(left, right)
            return left % right
        if operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                _text_size(weight(left) + weight(right))
            return left + right
        return _product(left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` as the sandbox gives them, widths checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text, name = value.__self__, value.__name__

        def checked(*args: Any, **kwargs: Any) -> str:
            _tick()
            _check_str_method(text, name, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Check the deadline, and the arguments of string methods that build big texts."""
        _tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name == "join" and args and not isinstance(args[0], list | tuple | str):
                args = (list(__self.checked_iter(args[0])), *args[1:])
            _check_str_method(owner, name, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _power(left: Any, right: Any) -> Any:
    if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
        raise RenderLimitError("exponent too large")
    if isinstance(left, int) and isinstance(right, int) and right > 0:
        _int_bits(left.bit_length() * right)
    return left**right


def _product(left: Any, right: Any) -> Any:
    if isinstance(left, str | list | tuple) and isinstance(right, int):
        size, printed = len(left) * right, weight(left) * right
    elif isinstance(right, str | list | tuple) and isinstance(left, int):
        size, printed = len(right) * left, weight(right) * left
    else:
        size = printed = 0
        if isinstance(left, int) and isinstance(right, int):
            _int_bits(left.bit_length() + right.bit_length())
    if size > MAX_SEQUENCE:
        raise RenderLimitError("result too large")
    _text_size(printed)
    return left * right


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(fmt: str, args: Any) -> None:
    """``"%0999999999d" % x``: refuse widths and precisions beyond :data:`MAX_WIDTH`."""
    values = args if isinstance(args, tuple) else (args,)
    starred = False
    for match in _PRINTF.finditer(fmt):
        for group in match.groups():
            if group == "*":
                starred = True
            elif group:
                _width(int(group))
    if starred:
        for value in values:
            _width(value)
    fields = max(1, fmt.count("%"))
    largest = max((weight(v) for v in values), default=0)
    if isinstance(args, dict):
        largest = max((weight(v) for v in args.values()), default=0)
    _text_size(len(fmt) + fields * largest)


def _check_format(fmt: str, args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    """``"{:>1000000000}".format(x)``: refuse widths beyond :data:`MAX_WIDTH`, nested too."""
    values = [*args, *kwargs.values()]
    nested = False
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format refuses it the same way
    for _literal, _field, spec, _conversion in fields:
        if spec:
            nested = nested or "{" in spec
            for digits in re.findall(r"\d+", spec):
                _width(int(digits))
    if nested:
        for value in values:
            _width(value)
    largest = max((weight(v) for v in values), default=0)
    _text_size(len(fmt) + len(fields) * largest)


def _check_str_method(text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if name == "format":
        _check_format(text, args, kwargs)
    elif name == "format_map" and args and isinstance(args[0], dict):
        _check_format(text, (), args[0])
    elif name in ("center", "ljust", "rjust", "zfill", "expandtabs"):
        for value in [*args, *kwargs.values()]:
            _width(value)
    elif name == "join" and args:
        _check_join(text, args[0])
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, args[0], args[1], args[2] if len(args) > 2 else -1)


def _check_join(separator: str, items: Any) -> None:
    if isinstance(items, list | tuple):
        _text_size(weight(list(items)) + len(separator) * max(0, len(items) - 1))


def _check_replace(text: str, old: Any, new: Any, count: Any) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _text_size(len(text) + found * (len(new) - len(old)))


# --- filters ----------------------------------------------------------------------------------

#: Filters with a width or count argument that sizes their result.
_WIDTH_FILTERS = frozenset(("center", "indent", "wordwrap", "batch", "slice"))
#: Filters whose result may outgrow their input even without arguments.
_SIZING_FILTERS = frozenset(("indent", "wordwrap", "join"))


def _check_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Refuse a filter call that would build a giant result; the value, made a list if needed."""
    _tick()
    if name == "join" and not isinstance(value, list | tuple | str):
        value = list(value) if isinstance(value, Iterable) else value
    _weighed(value)
    if not args and not kwargs and name not in _SIZING_FILTERS:
        return value
    if name in _WIDTH_FILTERS:
        for arg in [*args, *kwargs.values()]:
            _width(arg)
    if name == "indent" and isinstance(value, str):
        width = args[0] if args and isinstance(args[0], int) else 4
        _text_size(len(value) + max(0, width) * (value.count("\n") + 1))
    elif name == "wordwrap" and isinstance(value, str):
        wrap = kwargs.get("wrapstring", args[2] if len(args) > 2 else "\n")
        _text_size(len(value) * (1 + len(wrap) if isinstance(wrap, str) else 2))
    elif name == "format" and isinstance(value, str):
        _check_printf(value, kwargs or args)
    elif name == "join" and isinstance(value, list | tuple):
        separator = args[0] if args and isinstance(args[0], str) else ""
        _check_join(separator, value)
    elif name == "replace" and len(args) >= 2:
        _check_replace(str(value), str(args[0]), str(args[1]), args[2] if len(args) > 2 else -1)
    for arg in [*args, *kwargs.values()]:
        _weighed(arg)
    return value


def _limited(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """``original`` with its sizes checked before it runs."""
    if getattr(original, "jinja_pass_arg", None) is not None:  # context/environment first

        def with_first(first: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
            return original(first, _check_filter(name, value, args, kwargs), *args, **kwargs)

        with_first.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
        return with_first

    def plain(value: Any, *args: Any, **kwargs: Any) -> Any:
        return original(_check_filter(name, value, args, kwargs), *args, **kwargs)

    return plain


def limit_filters(filters: dict[str, Any]) -> None:
    """Wrap, in place, every filter: its input and arguments are weighed before it runs."""
    for name, original in list(filters.items()):
        filters[name] = _limited(name, original)


def render_limited(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render ``template`` within :data:`RENDER_SECONDS` and :data:`MAX_OUTPUT` characters."""
    token = _deadline.set(time.monotonic() + RENDER_SECONDS)
    try:
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise RenderLimitError(f"document longer than {MAX_OUTPUT:,} characters")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _deadline.reset(token)
