"""The network map: members as cards around the facilitator, or along the value chain.

Layout is decided here, on plain numbers, so nothing depends on luck at drawing time: every
card has its own cell of a grid, texts are cut to what their cell holds, and past
:data:`DETAIL_LIMIT` members the cards show counts per group instead of names. The structure
chooses the drawing: *vertical* is a chain of stages (one per sector, in the order the members
were listed), *intersectoral* groups by sector, *horizontal* (and unknown) puts peers around
the facilitator — one card each while they fit, else one card per city.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reseau_cli.render.figures.spec import WIDTH, FigureSpec, chars_for, fit, listing
from reseau_cli.render.figures.wording import Wording

DETAIL_LIMIT = 15  # up to this many members, cards name them; beyond, they count them
HUB_SLOTS = 14  # cells around the hub (5 × 3 grid less the centre)
CHAIN_STAGES = 8
CARD_LINES = 5  # names (or count lines) under a group card's title
FONT = 8.0
LINE = 10.5  # points per text line in a card
ALT_NAMES = 60


class Member(NamedTuple):
    """What the map shows of a member."""

    name: str
    city: str
    sector: str
    founding: bool


@dataclass
class Group:
    """Members sharing a city, a sector or a stage."""

    title: str
    names: list[tuple[str, bool]] = field(default_factory=list)  # (name, founding)

    @property
    def founders(self) -> int:
        """How many founding members the group has."""
        return sum(1 for _, founding in self.names if founding)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _members(dossier: Any) -> list[Member]:
    members = getattr(getattr(dossier, "members", None), "entities", None) or []
    out = []
    for m in members:
        name = _text(getattr(m, "name", ""))
        if name:
            out.append(Member(name, _text(getattr(m, "city", "")),
                              _text(getattr(m, "sector", "")),
                              getattr(m, "founding", False) is True))
    return out


def _group(members: list[Member], by: str, blank: str) -> list[Group]:
    groups: dict[str, Group] = {}
    for member in members:
        title = (member.city if by == "city" else member.sector) or blank
        groups.setdefault(title.casefold(), Group(title)).names.append(
            (member.name, member.founding))
    return list(groups.values())


def _cap(groups: list[Group], limit: int, others: str, keep_order: bool) -> list[Group]:
    if len(groups) <= limit:
        return groups
    ranked = groups if keep_order else sorted(groups, key=lambda g: -len(g.names))
    kept, rest = ranked[: limit - 1], ranked[limit - 1:]
    merged = Group(others, [n for g in rest for n in g.names])
    return [*kept, merged]


def network_figure(dossier: Any, words: Wording) -> FigureSpec | None:
    """The network map of ``dossier``, or None when it lists no member."""
    members = _members(dossier)
    if not members:
        return None
    w = words
    structure = getattr(getattr(dossier, "model", None), "structure", None)
    facilitator = _text(getattr(getattr(dossier, "members", None), "facilitator", ""))
    name = _text(getattr(getattr(dossier, "name", None), "name", ""))
    hub_title = facilitator or name or w("network.hub_default")
    hub_sub = w("network.facilitator") if facilitator else w("network.no_facilitator")
    detailed = len(members) <= DETAIL_LIMIT

    if structure == "vertical":
        stages = _cap(_group(members, "sector", w("network.no_sector")), CHAIN_STAGES,
                      w("network.others"), keep_order=True)
        layout: dict[str, Any] = _chain(stages, hub_title, hub_sub, detailed, w)
        how = w("network.layout.vertical")
    elif structure == "intersectoral":
        groups = _cap(_group(members, "sector", w("network.no_sector")), HUB_SLOTS,
                      w("network.others"), keep_order=False)
        layout = _hub([_group_card(g, detailed, w) for g in groups], hub_title, hub_sub)
        how = w("network.layout.intersectoral")
    elif len(members) <= HUB_SLOTS:
        ordered = sorted(members, key=lambda m: (m.city.casefold(), not m.founding))
        cards = [_member_card(m, w) for m in ordered]
        layout = _hub(cards, hub_title, hub_sub)
        how = w("network.layout.horizontal")
    else:
        groups = _cap(_group(members, "city", w("network.no_city")), HUB_SLOTS,
                      w("network.others"), keep_order=False)
        layout = _hub([_group_card(g, detailed, w) for g in groups], hub_title, hub_sub)
        how = w("network.layout.cities")

    kinds = {card["kind"] for card in layout["cards"]}
    legend = [("facilitator", w("network.facilitator_legend")),
              ("founder", w("network.founder")), ("member", w("network.member"))]
    if "group" in kinds:
        legend[1] = ("dot", w("network.founder"))
        legend.append(("group", w("network.group_legend")))
    layout["legend"] = [{"kind": kind, "text": text} for kind, text in legend]
    layout["note"] = how
    layout["rtl"] = w.rtl
    if w.rtl:
        _mirror(layout)
    caption = w("network.caption_named", name=name) if name else w("network.caption")
    alt = _alt(members, structure, hub_title, hub_sub, layout, w)
    labels = tuple(str(t) for card in layout["cards"] for t in _card_texts(card))
    return FigureSpec("network", caption, alt, "reseau-network", layout, labels)


# --- cards ----------------------------------------------------------------------------------


def _member_card(member: Member, w: Wording) -> dict[str, Any]:
    name, city, sector, founding = member
    sub = city or sector
    return {"kind": "founder" if founding else "member", "title": name,
            "lines": [{"text": sub, "dot": False}] if sub else [], "full": name}


def _group_card(group: Group, detailed: bool, w: Wording) -> dict[str, Any]:
    if detailed:
        names = sorted(group.names, key=lambda n: not n[1])  # founders first
        shown = names if len(names) <= CARD_LINES else names[: CARD_LINES - 1]
        lines = [{"text": n, "dot": founding} for n, founding in shown]
        if len(shown) < len(names):
            lines.append({"text": w("network.more", count=len(names) - len(shown)),
                          "dot": False})
    else:
        lines = [{"text": w.count("network.members", len(group.names)), "dot": False}]
        if group.founders:
            lines.append({"text": w.count("network.founders", group.founders), "dot": True})
    return {"kind": "group", "title": group.title, "lines": lines, "full": group.title}


def _fit_card(card: dict[str, Any], width: float, title_lines: int) -> None:
    per_line = chars_for(width - 8, FONT)
    card["title"] = fit(card["title"], per_line * title_lines - 2)
    for line in card["lines"]:
        line["text"] = fit(line["text"], per_line - (3 if line["dot"] else 0))


def _card_texts(card: dict[str, Any]) -> list[str]:
    return [card["title"], *(line["text"] for line in card["lines"])]


# --- layouts --------------------------------------------------------------------------------


def _hub(cards: list[dict[str, Any]], hub_title: str, hub_sub: str) -> dict[str, Any]:
    cols, rows = (3, 3) if len(cards) <= 8 else (5, 3)
    gap_x, gap_y = (16.0, 18.0) if cols == 3 else (10.0, 16.0)
    cell_w = (WIDTH - (cols - 1) * gap_x) / cols
    groups = any(card["kind"] == "group" for card in cards)
    title_lines = 1 if groups else 2
    for card in cards:
        _fit_card(card, cell_w, title_lines)
    most = max((len(card["lines"]) for card in cards), default=0)
    cell_h = 10 + LINE * (title_lines + most)
    centre = (cols // 2, rows // 2)
    slots = _ring(cols, rows, centre)[: len(cards)]
    rows = max(row for _, row in [centre, *slots]) + 1  # no empty row under a small network
    hub: dict[str, Any] = {"kind": "facilitator", "full": hub_title,
                           "title": fit(hub_title, chars_for(cell_w - 8, FONT) * 2 - 2),
                           "lines": [{"text": hub_sub, "dot": False}]}
    placed = []
    for card, (col, row) in zip([hub, *cards], [centre, *slots], strict=True):
        card.update(x=col * (cell_w + gap_x), y=row * (cell_h + gap_y), w=cell_w, h=cell_h)
        placed.append(card)
    hx, hy = hub["x"] + cell_w / 2, hub["y"] + cell_h / 2
    links = [[hx, hy, c["x"] + cell_w / 2, c["y"] + cell_h / 2] for c in placed[1:]]
    height: float = rows * cell_h + (rows - 1) * gap_y
    return {"width": WIDTH, "height": height, "cards": placed,
            "links": links, "arrows": []}


def _ring(cols: int, rows: int, centre: tuple[int, int]) -> list[tuple[int, int]]:
    """Grid cells around the centre: the top row, the bottom row, then the sides."""
    top = [(c, 0) for c in range(cols)]
    bottom = [(c, rows - 1) for c in range(cols)]
    middle = sorted(((c, r) for r in range(1, rows - 1) for c in range(cols)
                     if (c, r) != centre), key=lambda cell: -abs(cell[0] - centre[0]))
    return top + bottom + middle


def _chain(stages: list[Group], hub_title: str, hub_sub: str, detailed: bool,
           w: Wording) -> dict[str, Any]:
    rows = math.ceil(len(stages) / 4)
    per_row = math.ceil(len(stages) / rows)
    gap_x, gap_y, banner_h, banner_gap = 24.0, 26.0, 24.0, 16.0
    cell_w = (WIDTH - (per_row - 1) * gap_x) / per_row
    cards = [_group_card(g, detailed, w) for g in stages]
    for card in cards:
        _fit_card(card, cell_w, 2)
    most = max(len(card["lines"]) for card in cards)
    cell_h = 10 + LINE * (2 + most)
    banner = w("network.banner", role=hub_sub, name=hub_title)
    hub = {"kind": "facilitator", "title": fit(banner, chars_for(WIDTH - 8, FONT)),
           "lines": [], "full": hub_title, "x": 0.0, "y": 0.0, "w": WIDTH, "h": banner_h}
    arrows: list[list[float]] = []
    top = banner_h + banner_gap
    for i, card in enumerate(cards):
        row, pos = divmod(i, per_row)
        col = pos if row % 2 == 0 else per_row - 1 - pos  # a snake: each row turns back
        card.update(x=col * (cell_w + gap_x), y=top + row * (cell_h + gap_y), w=cell_w,
                    h=cell_h)
        if i:
            arrows.append(_arrow(cards[i - 1], card))
    height = top + rows * cell_h + (rows - 1) * gap_y
    return {"width": WIDTH, "height": height, "cards": [hub, *cards], "links": [],
            "arrows": arrows}


def _arrow(a: dict[str, Any], b: dict[str, Any]) -> list[float]:
    """Start and end of the arrow from card ``a`` to the next stage ``b`` (edge to edge)."""
    if abs(a["y"] - b["y"]) < 1:  # same row
        y = a["y"] + a["h"] / 2
        if b["x"] > a["x"]:
            return [a["x"] + a["w"] + 3, y, b["x"] - 3, y]
        return [a["x"] - 3, y, b["x"] + b["w"] + 3, y]
    x = a["x"] + a["w"] / 2
    return [x, a["y"] + a["h"] + 3, x, b["y"] - 3]


def _mirror(layout: dict[str, Any]) -> None:
    """Right to left: the same drawing, reflected (the chain then runs from the right)."""
    width = layout["width"]
    for card in layout["cards"]:
        card["x"] = width - card["x"] - card["w"]
    for seg in layout["links"] + layout["arrows"]:
        seg[0], seg[2] = width - seg[0], width - seg[2]


# --- text alternative -----------------------------------------------------------------------


def _alt(members: list[Member], structure: Any, hub_title: str,
         hub_sub: str, layout: dict[str, Any], w: Wording) -> str:
    more = w("network.more")
    parts = [w("network.alt_intro", members=w.count("network.members", len(members)))]
    parts.append(w("network.alt_hub", hub=f"{hub_title} ({hub_sub})"))
    founders = [m.name for m in members if m.founding]
    if founders:
        parts.append(w("network.alt_founders", names=listing(founders, ALT_NAMES, more)))
    if structure == "vertical":
        stages = [c["full"] for c in layout["cards"] if c["kind"] == "group"]
        parts.append(w("network.alt_chain", stages=" → ".join(stages)))
    by = "sector" if structure in ("vertical", "intersectoral") else "city"
    blank = w("network.no_sector") if by == "sector" else w("network.no_city")
    groups = _group(members, by, blank)
    shown = 0
    for g in groups:
        names = [n for n, _ in g.names]
        if shown >= ALT_NAMES:
            parts.append(w("network.alt_group_counted", title=g.title,
                           members=w.count("network.members", len(names)),
                           founders=w.count("network.founders", g.founders)))
            continue
        parts.append(w("network.alt_group", title=g.title,
                       names=listing(names, ALT_NAMES - shown, more)))
        shown += len(names)
    return " ".join(parts)
