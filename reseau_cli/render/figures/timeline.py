"""The timeline: milestones (letter of intent) and actions (action plan) on a dated axis.

A Gantt-like chart: one row per step, a diamond on its date or a bar from its start to its
due date, with today and the target date as vertical lines. ``today`` is always given by the
caller (never read from the clock here), so the same dossier gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from reseau_cli.render.figures.spec import WIDTH, FigureSpec, chars_for, fit
from reseau_cli.render.figures.wording import Wording

MAX_ROWS = 24
LABEL_W, DATE_W, GAP = 150.0, 62.0, 6.0
ROW_H, HEADER_H, AXIS_H = 14.0, 26.0, 16.0
TICK_SPACING = 58.0  # points at least between two month labels
FONT = 7.5
_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 600, 1200)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _first(record: Any, *names: str) -> Any:
    for name in names:
        value = getattr(record, name, None)
        if value not in (None, ""):
            return value
    return None


def steps(dossier: Any) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """(label, start, end) of every milestone and action; ``start`` only for spans."""
    found: list[tuple[str, dt.date | None, dt.date | None]] = []
    intent = getattr(dossier, "intent", None)
    for m in getattr(intent, "milestones", None) or []:
        label = _text(_first(m, "title", "name"))
        if label:
            found.append((label, None, _date(_first(m, "date", "due"))))
    plan = getattr(dossier, "plan", None)
    for a in getattr(plan, "actions", None) or []:  # the action plan's table, when it exists
        label = _text(_first(a, "action", "title", "name"))
        if not label:
            continue
        start = _date(_first(a, "start"))
        end = _date(_first(a, "due", "end", "date"))
        if start is not None and end is not None and start > end:
            start, end = end, start
        found.append((label, start if end is not None else None, end or start))
    return found


def timeline_figure(dossier: Any, words: Wording, today: dt.date) -> FigureSpec | None:
    """The timeline of ``dossier`` seen on ``today``, or None when no step is dated."""
    w = words
    items = steps(dossier)
    if not any(end is not None for _, _, end in items):
        return None
    target = _date(getattr(getattr(dossier, "before", None), "deadline", None))
    far = dt.date.max
    items.sort(key=lambda it: (it[1] or it[2] or far, it[2] or far))
    extra = 0
    if len(items) > MAX_ROWS:
        extra = len(items) - (MAX_ROWS - 1)
        items = items[: MAX_ROWS - 1]

    dated = [d for _, start, end in items for d in (start, end) if d is not None]
    lo = min([*dated, today]).toordinal()
    hi = max([*dated, today, *([target] if target else [])]).toordinal()
    pad = max(7.0, (hi - lo) * 0.04)
    lo_f, hi_f = max(1.0, lo - pad), min(float(dt.date.max.toordinal()), hi + pad)
    rtl = w.rtl
    chart_w = WIDTH - LABEL_W - DATE_W - 2 * GAP - 4
    chart_x = 4.0 if rtl else LABEL_W + DATE_W + 2 * GAP

    def x_of(day: dt.date) -> float:
        share = (day.toordinal() - lo_f) / (hi_f - lo_f)
        return chart_x + (1 - share if rtl else share) * chart_w

    label_x = WIDTH - LABEL_W if rtl else 0.0
    date_x = WIDTH - LABEL_W - GAP - DATE_W if rtl else LABEL_W + GAP
    rows: list[dict[str, Any]] = []
    label_chars = chars_for(LABEL_W, FONT, bold=False) - 1
    for i, (label, start, end) in enumerate(items):
        row: dict[str, Any] = {"index": i, "y": HEADER_H + i * ROW_H, "label": fit(label,
                               label_chars), "label_x": label_x, "date_x": date_x,
                               "date": w.date(end) if end else "", "note": "", "x1": 0.0,
                               "x2": 0.0, "kind": "point"}
        if end is None:
            row.update(kind="undated", note=w("timeline.undated"))
        elif start is not None and start < end:
            a, b = sorted((x_of(start), x_of(end)))
            row.update(kind="span", x1=a, x2=b)
        else:
            row.update(x1=x_of(end))
        rows.append(row)
    if extra:
        rows.append({"index": len(rows), "y": HEADER_H + len(rows) * ROW_H,
                     "label": w("timeline.more", count=extra), "label_x": label_x,
                     "date_x": date_x, "date": "", "note": "", "x1": 0.0, "x2": 0.0,
                     "kind": "more"})
    bottom = HEADER_H + len(rows) * ROW_H
    marks = [_mark("today", w("timeline.today"), x_of(today), 0.0)]
    if target is not None:
        marks.append(_mark("target", w("timeline.target"), x_of(target), 11.0))
    data = {"width": WIDTH, "height": bottom + AXIS_H, "rtl": rtl, "rows": rows,
            "marks": marks, "ticks": _ticks(lo_f, hi_f, chart_w, x_of, w), "top": HEADER_H - 2,
            "bottom": bottom, "row_h": ROW_H, "label_w": LABEL_W, "date_w": DATE_W,
            "chart_x": chart_x, "chart_w": chart_w}
    alt = _alt(items, extra, today, target, w)
    labels = tuple(r["label"] for r in rows) + tuple(m["text"] for m in marks)
    return FigureSpec("timeline", w("timeline.caption"), alt, "reseau-timeline", data, labels)


def _mark(kind: str, text: str, x: float, y: float) -> dict[str, Any]:
    # The label hangs on the side of its line where there is room (never past the edges).
    if x > WIDTH - 60:
        box_x, align = x - 120, "right"
    elif x < 60:
        box_x, align = x, "left"
    else:
        box_x, align = x - 60, "center"
    return {"kind": kind, "text": text, "x": x, "label_y": y, "box_x": box_x, "align": align}


def _ticks(lo: float, hi: float, chart_w: float, x_of: Any, w: Wording) -> list[dict[str, Any]]:
    first = dt.date.fromordinal(math.ceil(lo))
    last = dt.date.fromordinal(math.floor(hi))
    start = first.year * 12 + first.month - 1 + (1 if first.day > 1 else 0)
    end = last.year * 12 + last.month - 1
    months = max(0, end - start)
    room = max(1, int(chart_w // TICK_SPACING))
    step = next((s for s in _STEPS if months // s + 1 <= room), math.ceil((months + 1) / room))
    if step >= 12:
        start += (-start) % 12  # yearly ticks fall on January
    ticks = []
    for index in range(start, end + 1, step):
        day = dt.date(index // 12, index % 12 + 1, 1)
        ticks.append({"x": x_of(day), "text": w.month(day) if step < 12 else str(day.year)})
    return ticks


def _alt(items: list[tuple[str, dt.date | None, dt.date | None]], extra: int, today: dt.date,
         target: dt.date | None, w: Wording) -> str:
    parts = [w("timeline.alt_intro", count=len(items) + extra),
             w("timeline.alt_today", date=w.date(today))]
    if target is not None:
        parts.append(w("timeline.alt_target", date=w.date(target)))
    described = []
    for label, start, end in items:
        if end is None:
            described.append(w("timeline.alt_item", label=label, date=w("timeline.undated")))
        elif start is not None and start < end:
            described.append(w("timeline.alt_span", label=label, start=w.date(start),
                               end=w.date(end)))
        else:
            described.append(w("timeline.alt_item", label=label, date=w.date(end)))
    if extra:
        described.append(w("timeline.more", count=extra))
    return " ".join(parts) + " " + w("timeline.separator").join(described) + "."
