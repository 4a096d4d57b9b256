"""The figures' layout, without drawing: what each picture shows, and that nothing overlaps."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from types import SimpleNamespace
from typing import Any

import pytest

from reseau_cli.render.figures import today_for_render, typstlit
from reseau_cli.render.figures.diagnostic import legal_figure, profile_figure
from reseau_cli.render.figures.network import network_figure
from reseau_cli.render.figures.timeline import MAX_ROWS, timeline_figure
from reseau_cli.render.figures.wording import Wording
from tests.figure_helpers import boxes_overlap, network_dossier
from tests.render_helpers import example_dossier

FR, EN = Wording("fr"), Wording("en")


class RightToLeft(Wording):
    """French words, drawn as a right-to-left language would be."""

    @property
    def rtl(self) -> bool:
        return True


def _cards(spec: Any) -> list[dict[str, Any]]:
    return spec.data["cards"]


def _assert_clean_layout(spec: Any) -> None:
    cards = _cards(spec)
    for a, b in itertools.combinations(cards, 2):
        assert not boxes_overlap(a, b), (a["title"], b["title"])
    for card in cards:
        assert card["x"] >= 0 and card["x"] + card["w"] <= spec.data["width"] + 0.01
        assert card["y"] >= 0 and card["y"] + card["h"] <= spec.data["height"] + 0.01


@pytest.mark.parametrize("structure", ["horizontal", "vertical", "intersectoral", None])
@pytest.mark.parametrize("members", [1, 3, 12, 40, 200])
def test_network_map_never_overlaps_and_accounts_for_every_member(structure, members):
    dossier = network_dossier(members, structure, cities=min(members, 15 if members < 100 else 60),
                              sectors=min(members, 6))
    spec = network_figure(dossier, FR)
    assert spec is not None
    _assert_clean_layout(spec)
    cards = [c for c in _cards(spec) if c["kind"] != "facilitator"]
    assert len(cards) <= 14
    named = sum(1 for c in cards if c["kind"] in ("founder", "member"))
    counted = sum(int(m.group(1)) for c in cards for line in c["lines"]
                  if (m := re.fullmatch(r"(\d+) membres?", line["text"])))
    listed = sum(1 for c in cards if c["kind"] == "group" for line in c["lines"]
                 if line["text"].startswith("Membre "))
    more = sum(int(m.group(1)) for c in cards for line in c["lines"]
               if (m := re.fullmatch(r"\+ (\d+) autres", line["text"])))
    assert named + counted + listed + more == members
    assert "Rachid" in spec.alt and f"{members} membre" in spec.alt


def test_small_peer_network_shows_each_member_with_the_founders_apart():
    spec = network_figure(network_dossier(12, "horizontal"), FR)
    assert spec is not None
    kinds = {c["title"]: c["kind"] for c in _cards(spec)}
    assert kinds["Rachid"] == "facilitator"
    assert [kinds[f"Membre {k:03d} Atlas"] for k in (1, 2, 3, 4)] == [
        "founder", "founder", "founder", "member"]
    assert spec.data["links"] and len(spec.data["links"]) == 12  # each peer tied to the hub


def test_forty_members_are_counted_per_city_not_named():
    spec = network_figure(network_dossier(40, "horizontal", cities=5), FR)
    assert spec is not None
    groups = {c["title"]: [line["text"] for line in c["lines"]] for c in _cards(spec)
              if c["kind"] == "group"}
    assert set(groups) == {"Fès", "Marrakech", "Casablanca", "Agadir", "Tanger"}
    assert groups["Fès"][0] == "8 membres" and "1 fondateur" in groups["Fès"]
    assert not any("Membre 0" in label for label in spec.labels)


def test_value_chain_runs_through_the_stages_in_the_order_members_were_listed():
    spec = network_figure(network_dossier(12, "vertical", sectors=6), FR)
    assert spec is not None
    stages = [c["title"] for c in _cards(spec) if c["kind"] == "group"]
    assert stages == ["Tannerie", "Maroquinerie", "Broderie", "Distribution", "Design",
                      "Logistique"]
    assert len(spec.data["arrows"]) == len(stages) - 1
    assert "Tannerie → Maroquinerie" in spec.alt


def test_right_to_left_mirrors_the_chain():
    dossier = network_dossier(6, "vertical", sectors=3)
    ltr = network_figure(dossier, FR)
    rtl = network_figure(dossier, RightToLeft("fr"))
    assert ltr is not None and rtl is not None
    first = [c for c in _cards(ltr) if c["kind"] == "group"][0]
    first_rtl = [c for c in _cards(rtl) if c["kind"] == "group"][0]
    assert first["x"] == 0 and first_rtl["x"] + first_rtl["w"] == pytest.approx(453.0)
    assert rtl.data["rtl"] is True


def test_network_without_members_draws_nothing():
    empty = SimpleNamespace(members=SimpleNamespace(entities=[], facilitator=None))
    assert network_figure(empty, FR) is None


def test_long_names_are_cut_to_their_card():
    dossier = network_dossier(3, "horizontal")
    dossier.members.entities[0].name = "Société " + "très " * 40 + "longue"
    spec = network_figure(dossier, FR)
    assert spec is not None
    title = next(c["title"] for c in _cards(spec) if c["title"].startswith("Société"))
    assert title.endswith("…") and len(title) < 80
    assert "très " * 40 in spec.alt  # the text alternative keeps the whole name


def _timeline_dossier(milestones: list[tuple[str, dt.date | None]], deadline: dt.date | None,
                      actions: list[Any] = ()) -> Any:
    return SimpleNamespace(
        intent=SimpleNamespace(milestones=[SimpleNamespace(title=t, date=d)
                                           for t, d in milestones]),
        plan=SimpleNamespace(actions=list(actions)),
        before=SimpleNamespace(deadline=deadline))


def test_timeline_marks_the_injected_today_and_the_target_date():
    today = dt.date(2027, 3, 1)
    dossier = _timeline_dossier([("Lettre signée", dt.date(2027, 1, 10)),
                                 ("Accord définitif", dt.date(2027, 9, 30)),
                                 ("Salon", None)], dt.date(2027, 12, 31))
    spec = timeline_figure(dossier, FR, today)
    assert spec is not None
    marks = {m["kind"]: m for m in spec.data["marks"]}
    rows = spec.data["rows"]
    assert [r["label"] for r in rows] == ["Lettre signée", "Accord définitif", "Salon"]
    assert rows[0]["x1"] < marks["today"]["x"] < rows[1]["x1"] < marks["target"]["x"]
    assert rows[2]["kind"] == "undated" and rows[2]["note"] == "date à fixer"
    assert marks["today"]["label_y"] != marks["target"]["label_y"]  # labels never collide
    assert "Aujourd'hui : 1 mars 2027" in spec.alt and "31 déc. 2027" in spec.alt
    later = timeline_figure(dossier, FR, dt.date(2027, 6, 1))
    assert later is not None and later.data["marks"][0]["x"] > marks["today"]["x"]


def test_timeline_draws_actions_as_bars_and_caps_the_rows():
    actions = [SimpleNamespace(action=f"Action {k}", start=dt.date(2027, 1, 1),
                               due=dt.date(2027, 3, k + 1)) for k in range(30)]
    spec = timeline_figure(_timeline_dossier([], None, actions), EN, dt.date(2026, 12, 1))
    assert spec is not None
    rows = spec.data["rows"]
    assert len(rows) == MAX_ROWS and rows[-1]["label"] == "+ 7 more milestones"
    assert all(r["kind"] == "span" and r["x2"] > r["x1"] for r in rows[:-1])
    assert spec.caption == "Timeline of the milestones"


@pytest.mark.parametrize("far", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_timeline_survives_dates_at_the_ends_of_the_calendar(far):
    dossier = _timeline_dossier([("Début", far), ("Fin", dt.date(2027, 5, 1))], far)
    spec = timeline_figure(dossier, FR, dt.date(2026, 12, 1))
    assert spec is not None
    assert 1 <= len(spec.data["ticks"]) <= 8
    chart = (spec.data["chart_x"], spec.data["chart_x"] + spec.data["chart_w"])
    assert all(chart[0] - 0.01 <= m["x"] <= chart[1] + 0.01 for m in spec.data["marks"])


def test_timeline_without_dated_steps_draws_nothing():
    assert timeline_figure(_timeline_dossier([("Salon", None)], None), FR,
                           dt.date(2027, 1, 1)) is None


def test_profile_shows_the_nineteen_factors_as_answered():
    dossier = example_dossier()
    spec = profile_figure(dossier, FR)
    assert spec is not None
    rows = spec.data["rows"]
    assert len(rows) == 19
    success = dossier.success
    for row, factor in zip(rows, ["structure", "motivation", "quick_success"], strict=False):
        answer = getattr(success, factor)
        assert row["answer"] == answer and row["text"] == {"yes": "Oui", "partly": "En partie",
                                                           "no": "Non"}[answer]
    assert spec.data["rows"][0]["label"] == "Structure adaptée aux besoins"


def test_profile_needs_at_least_one_answer():
    dossier = example_dossier()
    for field in type(dossier.success).model_fields:
        setattr(dossier.success, field, None)
    assert profile_figure(dossier, FR) is None


def test_legal_matrix_follows_the_diagnostics_ranking():
    from reseau_cli.check.legal_forms import legal_form_guidance

    dossier = example_dossier()
    spec = legal_figure(dossier, EN)
    assert spec is not None
    ranks = {f["form"]: f["rank"] for f in spec.data["forms"]}
    for option in legal_form_guidance(dossier):
        expected = str(option.rank) if option.suitable else f"{option.rank} (not advised)"
        assert ranks[option.form] == expected
    chosen = [f for f in spec.data["forms"] if f["chosen"]]
    assert [f["form"] for f in chosen] == [dossier.legal.form]
    assert chosen[0]["label"].endswith("(chosen)")
    assert {r["label"] for r in spec.data["rows"]} >= {"Legal personality", "Profit sharing"}


def test_typst_strings_cannot_escape():
    hostile = 'x") #read("/etc/passwd") \\ ("'
    text = typstlit.string(hostile)
    assert text == '"x\\") #read(\\"/etc/passwd\\") \\\\ (\\""'
    assert typstlit.literal({"a": [hostile], "b-c": None}) == f'(a: ({text},), "b-c": none)'
    assert "\n" not in typstlit.string("one\ntwo\u2028three")


def test_today_honours_source_date_epoch():
    assert today_for_render({"SOURCE_DATE_EPOCH": "1800000000"}) == dt.date(2027, 1, 15)
    assert today_for_render({"SOURCE_DATE_EPOCH": "junk"}) == dt.datetime.now(dt.UTC).date()


def test_figure_wording_has_the_same_keys_placeholders_and_forms_in_every_language():
    from reseau_cli.render.wording import PLACEHOLDER, is_variants, languages, load_file
    from reseau_cli.resources import templates_dir

    def shape(value: Any) -> tuple[str, frozenset[str]]:
        texts = value.values() if is_variants(value) else [value]
        names = frozenset(n for t in texts for n in PLACEHOLDER.findall(str(t)))
        return ("variants" if is_variants(value) else "text", names)

    files = {lang: load_file(templates_dir() / lang / "figures.yaml") for lang in languages()}
    french = {key: shape(value) for key, value in files["fr"].items()}
    for lang, texts in files.items():
        assert {key: shape(value) for key, value in texts.items()} == french, lang
    assert {files[lang]["dir"] for lang in files} <= {"ltr", "rtl"}
