"""The diagnostic report's figures: the success-factor profile and the legal-form matrix.

Both read the diagnostics' public data (the ``success`` section of the catalogue, and
:func:`reseau_cli.check.legal_forms.legal_form_guidance`); nothing is decided again here.
"""

from __future__ import annotations

from typing import Any

from reseau_cli.render.figures.spec import WIDTH, FigureSpec, chars_for, fit
from reseau_cli.render.figures.wording import Wording, legal_criteria

ANSWERS = ("yes", "partly", "no")
SHARE = {"yes": 1.0, "partly": 0.5, "no": 0.06, "unanswered": 0.0}
SECTION = "success"
LABEL_WIDTH = WIDTH - 150 - 62 - 12


def profile_figure(dossier: Any, words: Wording) -> FigureSpec | None:
    """The 19 success factors as a profile, or None when none is answered."""
    from reseau_cli.catalogue import load_catalogue

    w = words
    questions = load_catalogue().section(SECTION).questions
    section = getattr(dossier, SECTION, None)
    rows = []
    counts = dict.fromkeys((*ANSWERS, "unanswered"), 0)
    described = []
    for q in questions:
        value = getattr(section, q.id, None)
        answer = value if value in ANSWERS else "unanswered"
        counts[answer] += 1
        try:
            label = w(f"profile.factors.{q.id}")
        except KeyError:
            label = q.prompt(w.lang)
        text = w(f"profile.answers.{answer}")
        rows.append({"label": fit(label, chars_for(LABEL_WIDTH, 8.0, bold=False)),
                     "answer": answer, "share": SHARE[answer], "text": text})
        described.append(w("profile.alt_item", factor=label, answer=text))
    if counts["unanswered"] == len(questions):
        return None
    legend = [{"answer": a, "text": w(f"profile.answers.{a}")}
              for a in (*ANSWERS, "unanswered")]
    data = {"width": WIDTH, "rtl": w.rtl, "rows": rows, "legend": legend}
    alt = (w("profile.alt_intro", **counts) + " "
           + w("timeline.separator").join(described) + ".")
    labels = tuple(str(r["label"]) for r in rows)
    return FigureSpec("profile", w("profile.caption"), alt, "reseau-profile", data, labels)


def legal_figure(dossier: Any, words: Wording) -> FigureSpec | None:
    """The legal forms against a few criteria, ranked for this network; None without guidance."""
    from reseau_cli.check.facts import legal_form
    from reseau_cli.check.legal_forms import FORM_ORDER, legal_form_guidance

    w = words
    options = legal_form_guidance(dossier)
    ranked = {option.form: option.rank for option in options}
    unsuitable = {option.form for option in options if not getattr(option, "suitable", True)}
    chosen = legal_form(dossier)
    if not ranked and chosen is None:
        return None
    criteria = legal_criteria()
    described = {form for values in criteria.values() for form in values}
    # The forms the criteria describe, and any other the guidance ranks or the dossier names.
    shown = described | set(ranked) | ({chosen} if chosen else set())
    forms = [form for form in FORM_ORDER if form in shown]
    forms += sorted(shown - set(forms))
    columns = []
    for form in forms:
        label = _form_label(form, w)
        if form == chosen:
            label = f"{label} ({w('legal.chosen_mark')})"
        rank = ranked.get(form)
        text = str(rank) if rank is not None else w("legal.not_ranked")
        if form in unsuitable:
            text = w("legal.unsuitable", rank=text)
        columns.append({"form": form, "label": label, "chosen": form == chosen, "rank": text,
                        "ranked": rank is not None})
    rows = []
    for criterion, values in criteria.items():
        cells = []
        for form in forms:
            value = values.get(form, "unknown")
            cells.append({"value": value, "text": w(f"legal.values.{value}")})
        rows.append({"label": w(f"legal.criteria.{criterion}"), "cells": cells})
    data = {"width": WIDTH, "rtl": w.rtl, "forms": columns, "rows": rows,
            "criterion": w("legal.criterion"), "rank_label": w("legal.rank")}
    alt = _legal_alt(columns, rows, w)
    labels = tuple(str(c["label"]) for c in columns) + tuple(str(r["label"]) for r in rows)
    return FigureSpec("legal", w("legal.caption"), alt, "reseau-legal", data, labels)


def _form_label(form: str, w: Wording) -> str:
    try:
        return w(f"legal.forms.{form}")
    except KeyError:
        return form


def _legal_alt(columns: list[dict[str, Any]], rows: list[dict[str, Any]], w: Wording) -> str:
    parts = [w("legal.alt_intro", count=len(rows))]
    for i, column in enumerate(columns):
        rank = (w("legal.alt_rank", rank=column["rank"]) if column["ranked"]
                else w("legal.alt_not_ranked"))
        values = ", ".join(w("legal.alt_value", criterion=r["label"], value=r["cells"][i]["text"])
                           for r in rows)
        parts.append(w("legal.alt_form", form=column["label"], rank=rank, values=values))
    return " ".join(parts)
