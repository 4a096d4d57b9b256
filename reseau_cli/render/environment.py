"""The one sandboxed Jinja environment per templates folder, with its escaping and filters.

Autoescape is on, but with Markdown as the target language: ``finalize`` turns every printed
value into :class:`Md` (escaping it unless it already is markup), so Jinja's own HTML escaping
never runs on text. Template text, macro output and filter results such as ``date`` or
``money`` are already :class:`Md` and pass unchanged. Built-in filters that would mark user
text as safe (``safe``, ``e``, ``join``, ``replace``, ``urlize``...) are replaced by versions
that escape for Markdown.

Known limit: ``~`` between a macro's output and raw dossier text uses Jinja's own join, which
escapes the raw text for HTML only; write ``{{ a }}{{ b }}`` instead (our templates do).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import safe_range
from markupsafe import Markup

from reseau_cli.errors import TemplateError
from reseau_cli.render import formatting
from reseau_cli.render.direction import document_lang, isolate, isolate_lines, writing_lang
from reseau_cli.render.markup import Md, escape, escape_block, escape_fragment, is_blank
from reseau_cli.render.sandbox import (
    ConfinedLoader,
    LimitedSandbox,
    limit_filters,
    render_limited,
)
from reseau_cli.render.wording import languages
from reseau_cli.resources import templates_dir


def _finalize(value: Any) -> Md:
    if isinstance(value, Markup):
        return value if isinstance(value, Md) else Md(value)
    if value is None:
        return Md("")
    # A dossier value printed as is keeps its own direction among the document's words.
    return Md(isolate(str(escape(value)), document_lang()))


def _lang(context: Any) -> str:
    value = context.get("lang", "fr")
    return value if value in languages() else "fr"


@jinja2.pass_context
def _f_date(context: Any, value: Any, style: str = "long") -> Md:
    return escape(formatting.format_date(value, _lang(context), style))


@jinja2.pass_context
def _f_block(context: Any, value: Any) -> Md:
    # Each paragraph of a long answer keeps its own direction (a French text in Arabic).
    if isinstance(value, Markup):
        return escape_block(value)
    return Md(isolate_lines(str(escape_block(value)), _lang(context)))


@jinja2.pass_context
def _f_money(context: Any, value: Any) -> Md:
    return escape(formatting.format_money(value, _lang(context)))


@jinja2.pass_context
def _f_number(context: Any, value: Any) -> Md:
    return escape(formatting.format_number(value, _lang(context)))


@jinja2.pass_context
def _f_choice(context: Any, value: Any, key: str) -> str:
    return formatting.choice_label(key, value, _lang(context))


@jinja2.pass_context
def _f_choices(context: Any, values: Any, key: str) -> list[str]:
    return [formatting.choice_label(key, v, _lang(context)) for v in values or []]


@jinja2.pass_context
def _f_yesno(context: Any, value: Any) -> str:
    return formatting.yes_no(value, _lang(context))


def _f_join(value: Iterable[Any], separator: str = ", ") -> Md:
    return escape_fragment(separator).join(v for v in value if not is_blank(v))


def _f_replace(value: Any, old: str, new: str, count: int | None = None) -> Md:
    text = str(value) if isinstance(value, Markup) else str(escape(value))
    return Md(text.replace(str(escape(old)), str(escape(new)), -1 if count is None else count))


def _f_indent(value: Any, width: int = 4, first: bool = False, blank: bool = False) -> Md:
    text = str(_finalize(value))
    prefix = " " * width
    out = textwrap.indent(text, prefix, (lambda _line: True) if blank else None)
    return Md(out if first else out[width:] if out.startswith(prefix) else out)


def _f_tojson(value: Any, indent: int | None = None) -> Md:
    return escape(json.dumps(value, ensure_ascii=False, indent=indent, default=str))


def _t_blank(value: Any) -> bool:
    return is_blank(value)


def _t_filled(value: Any) -> bool:
    return not is_blank(value)


_FILTERS: dict[str, Any] = {
    "text": escape,
    "block": _f_block,
    "date": _f_date,
    "money": _f_money,
    "number": _f_number,
    "choice": _f_choice,
    "choices": _f_choices,
    "yesno": _f_yesno,
    "totals": formatting.totals,
    "budget": formatting.budget,
    # built-ins that would let text through as markup
    "join": _f_join,
    "safe": escape,
    "e": escape,
    "escape": escape,
    "forceescape": escape,
    "urlize": escape,
    "xmlattr": lambda *_a, **_k: Md(""),
    "replace": _f_replace,
    "indent": _f_indent,
    "tojson": _f_tojson,
}


class _Environment(LimitedSandbox):
    """Sandboxed, strict, bounded (see ``sandbox``); printed values escaped for Markdown."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Dossier fields are plain data: read them without the sandbox's generic checks."""
        fields = getattr(type(obj), "__pydantic_fields__", None)
        if fields is not None:
            if attribute in fields:
                return obj.__dict__.get(attribute)
            # model_dump, model_config, model_fields...: machinery, not data
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)


@cache
def environment(custom: Path | None = None) -> jinja2.Environment:
    """The environment for ``custom`` templates over the built-ins, built once per process."""
    loaders: list[jinja2.BaseLoader] = []
    if custom is not None:
        loaders.append(ConfinedLoader(custom))
    loaders.append(ConfinedLoader(templates_dir()))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(_FILTERS)
    limit_filters(env.filters)  # sizes and widths checked before any filter runs
    env.tests["blank"] = _t_blank
    env.tests["filled"] = _t_filled
    env.globals.clear()  # no range/dict/cycler/joiner/namespace surprises beyond what we give
    env.globals.update({"range": safe_range, "namespace": jinja2.utils.Namespace})
    return env


def template_path(env: jinja2.Environment, name: str) -> str:
    """The file a template name resolves to (for error messages)."""
    loader = env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    for sub in loader.loaders:
        assert isinstance(sub, ConfinedLoader)
        for base in sub.searchpath:
            candidate = Path(base) / name
            if candidate.is_file():
                return str(candidate)
    return name


def render_template(
    env: jinja2.Environment, names: str | Sequence[str], context: dict[str, Any]
) -> str:
    """Render the first template of ``names`` that exists; failures become TemplateErrors.

    A :class:`TemplateError` names the template file and line.
    """
    candidates = [names] if isinstance(names, str) else list(names)
    name = candidates[-1]
    try:
        template = env.select_template(candidates)
        name = template.name or name
    except jinja2.TemplateNotFound as exc:
        raise TemplateError("render.template_missing", template=name) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(env, exc, exc.name or name) from exc
    try:
        with writing_lang(str(context.get("lang", "fr"))):
            return render_limited(template, context)  # within a deadline and a size
    except jinja2.TemplateSyntaxError as exc:  # an import of a broken template
        raise _syntax_error(env, exc, name) from exc
    except (jinja2.TemplateError, SecurityError, ArithmeticError, TypeError, ValueError,
            AttributeError, KeyError, IndexError, RecursionError, MemoryError) as exc:
        file, line = _template_frame(exc.__traceback__, env, name)
        raise TemplateError(
            "render.template_failed", file=file, line=line, reason=_reason(exc)
        ) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 300 else text[:297] + "..."


def _syntax_error(
    env: jinja2.Environment, exc: jinja2.TemplateSyntaxError, name: str
) -> TemplateError:
    file = exc.filename or template_path(env, exc.name or name)
    return TemplateError(
        "render.template_syntax", file=file, line=exc.lineno, reason=exc.message or str(exc)
    )


def _template_frame(
    tb: TracebackType | None, env: jinja2.Environment, name: str
) -> tuple[str, int | None]:
    # Jinja rewrites tracebacks so template frames carry the template file and line; the last
    # such frame is where the failure happened (possibly inside an imported macro file).
    found: tuple[str, int | None] = (template_path(env, name), None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")) or "<template>" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
