"""Hostile strings and hostile dossiers, shared by the tests/test_hostile_*.py modules.

The corpus is what a client, a colleague or a stranger could type into any answer: markup and
script, links, pandoc raw blocks, Typst, LaTeX and Jinja code, Word field codes, control and
bidi-override characters, a very long string. ``hostile_dossier_data`` puts the corpus into every
text field of a dossier; the hypothesis strategies build valid dossiers from the catalogue (so new
questions are covered without touching this file) and then break them.
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from reseau_cli import yamlio
from reseau_cli.catalogue import Field_, Question, load_catalogue
from reseau_cli.dossier import LONG_TEXT_MAX, TEXT_MAX

# --- the corpus ---------------------------------------------------------------------------------

HOSTILE: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "svg_onload": '<svg onload="alert(1)"></svg>',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "md_js_link": "[x](javascript:alert(1))",
    "md_file_image": "![x](file:///etc/passwd)",
    "md_autolink": "<javascript:alert(1)>",
    "md_ref_link": "[y][r]\n\n[r]: javascript:alert(1)",
    "md_emphasis": "*gras* __souligné__ `code`",
    "md_heading": "# Titre injecté",
    "pandoc_raw_html": "```{=html}\n<script>alert(2)</script>\n```",
    "pandoc_raw_typst": '```{=typst}\n#read("/etc/passwd")\n```',
    "pandoc_raw_latex": "```{=latex}\n\\input{/etc/passwd}\n```",
    "pandoc_raw_inline": '`#read("/etc/passwd")`{=typst}',
    "pandoc_raw_inline_html": "`<b>raw</b>`{=html}",
    "pandoc_attr": "[texte]{onclick=alert(1)}",
    "typst_read": '#read("/etc/passwd")',
    "typst_import": '#import "/etc"',
    "typst_include": '#include "/etc/passwd"',
    "typst_eval": '#eval("1+1")',
    "typst_raw": '#raw(read("/etc/hostname"))',
    "latex_input": "\\input{/etc/passwd}",
    "latex_write": "\\write18{id}",
    "jinja_expr": "{{ 7*7 }}",
    "jinja_stmt": "{% for x in range(10) %}X{% endfor %}",
    "jinja_comment": "{# caché #}",
    "jinja_globals": "{{ cycler.__init__.__globals__.os.environ }}",
    "word_field": '{ INCLUDETEXT "c:\\\\x" }',
    "word_dde": "=cmd|' /C calc'!A0",
    "html_entity": "&lt;b&gt; &amp; &#60;script&#62;",
    "control": "bip\x07fin\x1b[31mrouge\x1b[0m\x08",
    "c1_controls": "c1\x85suite\x9b2Jfin\x9d",
    "nul": "avant\x00après",
    "rlo": "\u202eevil.exe\u202c txt",
    "zero_width": "a\u200bb\u200cc\u200dd\ufeffe",
    "arabic": "تعاونية تيفاوين للنسيج",
    "quotes": "« guillemets » \"doubles\" 'simples' `accents`",
    "percent": "100 % {name} %(x)s $HOME ${PATH}",
    "backslashes": "C:\\Windows\\System32 \\\\server\\share",
}

# Fragments that must show in the outputs as they are (after whitespace normalisation).
# Chosen from the corpus so that each proves its kind of string was not interpreted.
LITERAL_PROBES: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](file:///etc/passwd)",
    '#read("/etc/passwd")',
    '#import "/etc"',
    '#include "/etc/passwd"',
    "\\input{/etc/passwd}",
    "{{ 7*7 }}",
    "{% for x in range(10) %}",
    'INCLUDETEXT "c:',
    "{=typst}",
    "{=html}",
)

# Signs that a file was read or code evaluated.
LEAKS: tuple[str, ...] = ("root:x:0", "root:*:0", "/bin/bash", "/usr/sbin/nologin")

ALL_IN_ONE = "\n\n".join(f"{name}: {value}" for name, value in HOSTILE.items())

# The plan's summary: every probe, then ordinary text up to the long-text limit, then a marker
# (the whole text, to its last word, must reach every format).
LONG_MARKER = "FIN-DE-LA-LONGUE-CHAINE"
_FILLER = LONG_TEXT_MAX - len(ALL_IN_ONE) - len(LONG_MARKER) - 2
LONG_TEXT_VALUE = ("Le réseau avance pas à pas. " * 400)[:_FILLER] + LONG_MARKER


def _max_length(field: Field_) -> int:
    rule = field.validate_
    if rule and rule.max_length:
        return rule.max_length
    return LONG_TEXT_MAX if field.type == "long_text" else TEXT_MAX


def _text_for(field: Field_, index: int) -> str | None:
    """A hostile value that fits the field's rules (None for fields with a format)."""
    rule = field.validate_
    if rule and rule.pattern:
        return None  # e-mail: a hostile value would only be refused, never rendered
    limit = _max_length(field)
    if field.type == "long_text":
        return ALL_IN_ONE
    values = [v for v in HOSTILE.values() if len(v.strip()) <= limit and "\n" not in v]
    return values[index % len(values)]


def _record_for(question: Question, index: int) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for j, field in enumerate(question.fields):
        if field.type in ("text", "long_text"):
            value = _text_for(field, index + j)
            if value is not None:
                record[field.id] = value
        else:
            sample = _plain_value(field)
            if sample is not None:
                record[field.id] = sample
    return record


def _plain_value(field: Field_) -> Any:
    """A harmless valid value for a non-text field."""
    if field.type == "choice":
        return field.choices[0].value
    if field.type == "multi_choice":
        return [c.value for c in field.choices]
    if field.type == "yes_no":
        return True
    if field.type == "number":
        return 3
    if field.type == "amount":
        return {"value": 12500, "currency": "MAD"}
    if field.type == "date":
        return dt.date(2027, 6, 30)
    return None


def hostile_dossier_data(language: str = "fr", members: int | None = None) -> dict[str, Any]:
    """A valid dossier (as plain data) with the corpus in every text field.

    Every answer is given, so templates print every part; records hold one row per corpus string
    (members: one member per string); the plan's summary also holds the 100,000-character string.
    """
    catalogue = load_catalogue()
    data: dict[str, Any] = {"schema_version": 1, "language": language}
    texts = [v for v in HOSTILE.values() if "\n" not in v and len(v.strip()) <= 200]
    for section in catalogue.sections:
        part: dict[str, Any] = {}
        for i, q in enumerate(section.questions):
            if q.type == "records":
                count = len(texts) if members is None else members
                part[q.id] = [_record_for(q, k) for k in range(count)]
            elif q.type in ("text", "long_text"):
                value = _text_for(q, i)
                if value is not None:
                    part[q.id] = value
            else:
                part[q.id] = _plain_value(q)
        data[section.id] = part
    data["plan"]["summary"] = ALL_IN_ONE + "\n\n" + LONG_TEXT_VALUE  # printed by the plan
    data["objective"]["main"] = "other"  # so that main_other is printed too
    data["name"]["name"] = HOSTILE["script"]
    data["name"]["short_name"] = "{{ 7*7 }}"
    if "entities" in data.get("members", {}):
        for k, text in enumerate(texts[: len(data["members"]["entities"])]):
            data["members"]["entities"][k]["name"] = text
    return data


def hostile_dossier_text(language: str = "fr", members: int | None = None) -> str:
    """``hostile_dossier_data`` as dossier YAML text."""
    return yamlio.dump(hostile_dossier_data(language, members))


# --- hypothesis strategies ----------------------------------------------------------------------

# Printable text without surrogates, the way an editor would save it; YAML quoting is left to the
# dumper, so any of these strings survives the round trip.
_TEXT_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
any_text = st.text(_TEXT_ALPHABET, max_size=60)
corpus_text = st.sampled_from(sorted(HOSTILE.values()))
hostile_or_random_text = st.one_of(corpus_text, any_text, st.just(""))


def _text_strategy(field: Field_) -> st.SearchStrategy[str]:
    rule = field.validate_
    if rule and rule.pattern:
        local = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
        return st.builds(lambda a, b: f"{a}@{b}.ma", local, local)
    min_size = rule.min_length if rule and rule.min_length else 0
    max_size = min(_max_length(field), 80)
    base = st.one_of(corpus_text, st.text(_TEXT_ALPHABET, min_size=0, max_size=max_size))
    # The model strips surrounding blanks before checking lengths.
    return base.filter(lambda s: min_size <= len(s.strip()) <= _max_length(field))


def value_strategy(field: Field_) -> st.SearchStrategy[Any]:
    """Valid answers for one question or record field, by its catalogue type."""
    if field.type in ("text", "long_text"):
        return _text_strategy(field)
    if field.type == "choice":
        return st.sampled_from([c.value for c in field.choices])
    if field.type == "multi_choice":
        return st.lists(st.sampled_from([c.value for c in field.choices]), unique=True)
    if field.type == "yes_no":
        return st.booleans()
    if field.type == "number":
        rule = field.validate_
        low = rule.minimum if rule and rule.minimum is not None else -1e9
        high = rule.maximum if rule and rule.maximum is not None else 1e9
        return st.one_of(st.integers(int(low), int(high)),
                         st.floats(low, high, allow_nan=False))
    if field.type == "amount":
        value = st.decimals(0, 10**9, places=2, allow_nan=False, allow_infinity=False)
        return st.one_of(
            value.map(lambda d: {"value": d, "currency": "MAD"}),
            st.integers(0, 10**9),
            st.sampled_from(["2 500 EUR", "12 500,50 MAD", "1,250.75 usd"]),
        )
    if field.type == "date":
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    if field.type == "records":
        row = st.fixed_dictionaries(
            {f.id: value_strategy(f) for f in field.fields if f.required},
            optional={f.id: st.one_of(st.none(), value_strategy(f))
                      for f in field.fields if not f.required},
        )
        return st.lists(row, max_size=3)
    raise AssertionError(field.type)


@st.composite
def valid_dossier_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dossier as plain data: some sections, some questions, each answer of its type."""
    catalogue = load_catalogue()
    data: dict[str, Any] = {"schema_version": 1, "language": draw(st.sampled_from(["fr", "en"]))}
    for section in catalogue.sections:
        if not draw(st.booleans()):
            continue
        part: dict[str, Any] = {}
        for q in section.questions:
            if draw(st.integers(0, 3)) == 0:
                continue
            blank: Any = [] if q.type in ("multi_choice", "records") else None
            part[q.id] = blank if draw(st.integers(0, 9)) == 0 else draw(value_strategy(q))
        data[section.id] = part
    return data


# Values of the wrong kind, and YAML fragments, to put where a valid answer stood.
wrong_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True), any_text, corpus_text,
    st.lists(any_text, max_size=3), st.dictionaries(any_text, any_text, max_size=3),
    st.dates(), st.decimals(allow_nan=True, allow_infinity=True).map(
        lambda d: float(d) if d.is_finite() else str(d)),
    st.sampled_from([Decimal("1e40"), -1, "2026-02-30", ".inf", "-.nan", "0x1F", "1_000"]),
)

YAML_FRAGMENTS: tuple[str, ...] = (
    "&a [1]", "*a", "!!python/object/apply:os.system ['id']", "!!binary aGVsbG8=", "!!set {a}",
    "{", "}", "[", "]", "- ", ": ", "? ", "|", ">-", "'", '"', "\t", "%YAML 1.1", "---", "...",
    "<<: *a", "!!int abc", "!!float x", "!!bool maybe", "!!timestamp never", "2026-02-30",
    "2026-13-45T25:61:61", "1" * 5000, "\"\\x00\\u202e\"", "\\", "#", "@", "`", "!", "&", "*",
    "!!str", "!!null x", "!!merge", "{a: 1, a: 2}", "[[[[[[", "~", "=", "0o777", ".nan",
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return [p for p in yamlio.iter_paths(data, prefix) if p]


def _set_path(data: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> None:
    target = data
    for part in path[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = path[-1]
    if isinstance(target, list):
        index = int(last)
        if delete:
            del target[index]
        else:
            target[index] = value
    elif delete:
        del target[last]
    else:
        target[last] = value


@st.composite
def mutated_dossier_data(draw: st.DrawFn) -> Any:
    """A valid dossier, then a few blows: keys dropped, renamed or added, values of a wrong type."""
    data = draw(valid_dossier_data())
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["drop", "wrong", "rename", "add", "wrap"]))
        try:
            if action == "drop":
                _set_path(data, path, None, delete=True)
            elif action == "wrong":
                _set_path(data, path, draw(wrong_values))
            elif action == "rename" and not isinstance(path[-1], int):
                parent_path, key = path[:-1], path[-1]
                parent = data
                for part in parent_path:
                    parent = parent[int(part)] if isinstance(parent, list) else parent[part]
                new_key = draw(st.one_of(any_text, st.just(key + "s"), st.just(key[:-1])))
                parent[new_key] = parent.pop(key)
            elif action == "add":
                _set_path(data, (*path[:-1], draw(any_text)), draw(wrong_values))
            else:
                _set_path(data, path, [draw(wrong_values)])
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    return data


@st.composite
def mutated_dossier_text(draw: st.DrawFn) -> str:
    """Dossier YAML text, then damaged as text: fragments inserted, lines cut, bytes swapped."""
    try:
        text = yamlio.dump(draw(mutated_dossier_data()))
    except Exception:  # noqa: BLE001 - e.g. a key the dumper cannot write: start from nothing
        text = "schema_version: 1\n"
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["insert", "cut", "dup_line", "drop_line", "indent"]))
        pos = draw(st.integers(0, len(text)))
        if action == "insert":
            text = text[:pos] + draw(st.one_of(st.sampled_from(YAML_FRAGMENTS), any_text)) + text[
                pos:]
        elif action == "cut":
            text = text[:pos]
        else:
            lines = text.split("\n")
            k = draw(st.integers(0, max(len(lines) - 1, 0)))
            if action == "dup_line":
                lines.insert(k, lines[k])
            elif action == "drop_line":
                del lines[k]
            else:
                lines[k] = draw(st.sampled_from(["\t", " ", "   ", "- "])) + lines[k]
            text = "\n".join(lines)
    return text
