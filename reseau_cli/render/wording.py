"""Document wording: each language's sentences, kept apart from the documents' logic.

A document is one logic template (``templates/<doc>.md.j2``: which parts, conditions, loops,
tables) and, per language, a wording file (``templates/<lang>/<doc>.yaml``) plus the language's
shared wording (``templates/<lang>/common.yaml``). Templates print ``{{ w("key", name=...) }}``.

A wording value is Markdown written by the template's author, with ``{name}`` placeholders
filled with escaped values (only plain names: no attribute or index access). A value may also
be a mapping of variants, chosen by the parameters:

- plural forms (CLDR categories ``zero one two few many other``), chosen by ``count`` with the
  language's plural rules (Babel): ``{one: "{count} membre", other: "{count} membres"}``;
- grammatical gender (``f``, ``m``, and ``n`` for unknown), chosen by ``gender``.

Variants may nest (gender, then plural). Nested mappings whose keys are not variant names group
keys: ``label: {name: Nom}`` is the key ``label.name``. A custom templates folder may hold a
wording file with only the keys it changes; they replace the built-in ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reseau_cli.errors import TemplateError
from reseau_cli.render.direction import isolate
from reseau_cli.render.markup import Md, escape
from reseau_cli.resources import templates_dir

PLURAL = frozenset(["zero", "one", "two", "few", "many", "other"])
GENDER = frozenset(["f", "m", "n"])
COMMON = "common"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_MA"}


class WordingError(ValueError):
    """A key or a parameter a template asked for that the wording does not have."""


def is_variants(value: Any) -> bool:
    """Whether a mapping holds variants (plural forms or genders) rather than keys."""
    return isinstance(value, dict) and bool(value) and (
        set(value) <= PLURAL or set(value) <= GENDER)


def plural_category(count: Any, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` ("one", "other", "few"...)."""
    from babel import Locale

    try:
        number = abs(int(count)) if float(count) == int(count) else abs(float(count))
    except (TypeError, ValueError):
        return "other"
    return str(Locale.parse(_LOCALES.get(lang, lang)).plural_form(number))


def languages() -> tuple[str, ...]:
    """The languages documents can be written in: those with built-in wording."""
    return _languages(templates_dir())


@cache
def _languages(base: Path) -> tuple[str, ...]:
    found = sorted(p.parent.name for p in base.glob(f"*/{COMMON}.yaml"))
    # French first: the default language.
    return tuple(sorted(found, key=lambda lang: (lang != "fr", lang)))


class Wording:
    """The sentences of one document in one language, callable from templates."""

    __slots__ = ("lang", "sources", "texts")

    def __init__(self, lang: str, texts: dict[str, Any], sources: dict[str, str]) -> None:
        """``texts`` by dotted key; ``sources`` names the file each key came from."""
        self.lang = lang
        self.texts = texts
        self.sources = sources

    def __call__(self, key: str, **params: Any) -> Md:
        """The text ``key`` with its variant chosen and its placeholders filled."""
        if key not in self.texts:
            raise WordingError(f"no wording {key!r} in language {self.lang!r}")
        value = self.pick(self.texts[key], params, key)
        return Md(PLACEHOLDER.sub(lambda m: self._param(m.group(1), params, key), value))

    def has(self, key: str) -> bool:
        """Whether the wording defines ``key``."""
        return key in self.texts

    def pick(self, value: Any, params: Mapping[str, Any], key: str) -> str:
        """The variant of ``value`` that ``params`` select."""
        while isinstance(value, dict):
            if set(value) <= PLURAL:
                if "count" not in params:
                    raise WordingError(f"wording {key!r} needs count=")
                category = plural_category(params["count"], self.lang)
                value = value.get(category, value.get("other"))
            else:
                gender = params.get("gender")
                value = value.get(gender if gender in GENDER else "n",
                                  value.get("n", value.get("m")))
        return "" if value is None else str(value)

    def _param(self, name: str, params: Mapping[str, Any], key: str) -> str:
        if name not in params:
            raise WordingError(f"wording {key!r} needs {name}=")
        value = params[name]
        if value is None:
            return ""
        # A value keeps its own direction inside the sentence (an Arabic name in French...).
        if isinstance(value, Markup):
            return isolate(str(value), self.lang)
        return isolate(str(escape(value)), self.lang)


def wording(custom: Path | None, lang: str, doc: str) -> Wording:
    """The wording of ``doc`` in ``lang``: built-in, then the custom folder's keys over it."""
    return _wording(custom, lang, doc)


@cache
def _wording(custom: Path | None, lang: str, doc: str) -> Wording:
    texts: dict[str, Any] = {}
    sources: dict[str, str] = {}
    folders = [templates_dir()] + ([custom] if custom is not None else [])
    for folder in folders:
        for name in (COMMON, doc):
            path = folder / lang / f"{name}.yaml"
            if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
                for key, value in load_file(path).items():
                    texts[key] = value
                    sources[key] = str(path)
    return Wording(lang, texts, sources)


def load_file(path: Path) -> dict[str, Any]:
    """A wording file as ``{dotted key: text or variants}``; a clear error if malformed."""
    from reseau_cli.yamlio import load_located, read_text

    located = load_located(read_text(path), str(path))
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        raise TemplateError("render.template_syntax", file=str(path), line=1,
                            reason="a wording file is a mapping of keys to texts")
    flat: dict[str, Any] = {}
    _flatten(data, (), flat, path, located)
    return flat


def _flatten(node: dict[Any, Any], prefix: tuple[str, ...], out: dict[str, Any],
             path: Path, located: Any) -> None:
    for key, value in node.items():
        where = (*prefix, str(key))
        if isinstance(value, dict) and not is_variants(value):
            _flatten(value, where, out, path, located)
        elif _valid(value):
            out[".".join(where)] = value
        else:
            mark = located.mark(where)
            raise TemplateError(
                "render.template_syntax", file=str(path), line=mark[0] if mark else None,
                reason=f"{'.'.join(where)}: a text, or variants (one/other..., f/m/n)")


def _valid(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if is_variants(value):
        return all(_valid(v) for v in value.values())
    return False
