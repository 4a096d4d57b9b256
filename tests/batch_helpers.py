"""Generated dossiers for batch tests and benchmarks: valid, varied, deterministic.

``make_dossier(i)`` answers every question of the catalogue (respecting conditions and
validation rules) with values that vary with ``i``; ``members`` sets the number of member
organisations. ``write_dossiers(folder, n)`` writes ``n`` of them as YAML files.

    >>> paths = write_dossiers(tmp_path, 500, members=lambda i: 5 + i % 36)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reseau_cli.catalogue import Field_, Question, load_catalogue
from reseau_cli.yamlio import dump

__all__ = ["NETWORK_WORDS", "make_dossier", "write_dossiers"]

NETWORK_WORDS = [
    "Atlas", "Tifawin", "Sahel", "Argane", "Médina", "Oasis", "Rif", "Souss", "Zellige",
    "Safran", "Cèdre", "Tadelakt", "Noria", "Kasbah", "Draâ", "Ifrane",
]
_TRADES = ["Cuir", "Céramique", "Textile", "Logistique", "Agro-alimentaire", "Numérique",
           "Tourisme", "Bois", "Cosmétique bio", "Bâtiment"]
_CITIES = ["Fès", "Marrakech", "Casablanca", "Tanger", "Agadir", "Oujda", "Meknès", "Rabat",
           "Tétouan", "Essaouira"]
_PEOPLE = ["Karim Benséddik", "Hélène Aït-Ouméri", "Saïd El Fassi", "Leïla Bennani-Smirès",
           "Zaïd Ouchène", "Fatima-Zahra Idrissi", "Omar Tazi", "Nadia Chraïbi", "Youssef Amrani",
           "Imane Lahlou — إيمان"]
_KINDS = ["SARL", "Coopérative", "Association", "Atelier", "GIE"]
_SENTENCES = [
    "Nous mettons en commun nos savoir-faire pour répondre à des commandes plus importantes.",
    "Chaque membre garde son indépendance et partage les coûts de prospection.",
    "Le réseau vise d'abord des résultats rapides et mesurables.",
    "Les décisions importantes sont préparées en réunion et consignées par écrit.",
    "Une attention particulière est portée à la qualité et aux délais de livraison.",
]


def _members_default(i: int) -> int:
    return 3 + i % 6


def make_dossier(i: int, members: int | None = None, *, lang: str = "fr") -> dict[str, Any]:
    """A valid dossier (plain data) answering every question, varied by ``i``.

    ``members`` member organisations (default 3 to 8, depending on ``i``). Two dossiers with the
    same ``i`` are identical; the network's name is unique for each ``i``.
    """
    rng = random.Random(i)
    count = _members_default(i) if members is None else members
    word = NETWORK_WORDS[i % len(NETWORK_WORDS)]
    trade = _TRADES[(i // len(NETWORK_WORDS)) % len(_TRADES)]
    data: dict[str, Any] = {"schema_version": 1, "language": lang}
    for section in load_catalogue().sections:
        answers: dict[str, Any] = {}
        data[section.id] = answers
        for question in section.questions:
            if question.when is not None and not _holds(data, question):
                continue
            answers[question.id] = _answer(question, rng, i)
    data["name"].update({"name": f"Réseau {word} {trade} — {i}", "short_name": None,
                         "tagline": f"Les artisans {word.lower()} travaillent ensemble ({i})."})
    data["members"]["entities"] = [_member(i, k, rng) for k in range(count)]
    data["intent"]["responsibilities"] = [
        {"member": m["name"], "responsibility": rng.choice(_SENTENCES)}
        for m in data["members"]["entities"][:4]
    ]
    return data


def _holds(data: dict[str, Any], question: Question) -> bool:
    assert question.when is not None
    section, _, qid = question.when.question.partition(".")
    return question.when.holds(data.get(section, {}).get(qid))


def _answer(field: Field_, rng: random.Random, i: int) -> Any:
    kind = field.type
    if kind == "text":
        limit = field.validate_.max_length if field.validate_ and field.validate_.max_length else 80
        return f"{rng.choice(_CITIES)} et {rng.choice(_CITIES)} ({i})"[:limit]
    if kind == "long_text":
        return " ".join(rng.sample(_SENTENCES, k=rng.randint(1, 3)))
    if kind == "choice":
        return rng.choice(field.choices).value
    if kind == "multi_choice":
        values = [c.value for c in field.choices]
        return rng.sample(values, k=rng.randint(1, len(values)))
    if kind == "yes_no":
        return rng.random() < 0.6
    if kind == "number":  # within the question's bounds, if it has any
        rule = field.validate_
        low = int(rule.minimum) if rule and rule.minimum is not None else 1
        high = int(rule.maximum) if rule and rule.maximum is not None else 50
        return rng.randint(low, high)
    if kind == "amount":
        return {"value": rng.randrange(1_000, 500_000, 500), "currency": "MAD"}
    if kind == "date":
        return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(30, 900))
    if kind == "records":
        return [{f.id: _answer(f, rng, i) for f in field.fields}
                for _ in range(rng.randint(1, 4))]
    raise ValueError(f"no generator for question type {kind}")


def _member(i: int, k: int, rng: random.Random) -> dict[str, Any]:
    city = _CITIES[(i + k) % len(_CITIES)]
    person = _PEOPLE[(i * 7 + k) % len(_PEOPLE)]
    return {
        "name": f"{_KINDS[k % len(_KINDS)]} {NETWORK_WORDS[(i + k) % len(NETWORK_WORDS)]} "
                f"{city} {i}-{k}",
        "kind": rng.choice(["company", "association", "cooperative", "public_body", "other"]),
        "sector": _TRADES[(i + k) % len(_TRADES)],
        "city": city,
        "size": rng.choice(["micro", "small", "medium", "large"]),
        "representative": person,
        "role": rng.choice(["Gérant", "Présidente", "Directeur", "Responsable export"]),
        "email": f"contact{i}-{k}@membre{k}.ma",
        "phone": f"+212 5{rng.randint(10, 39)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                 f"{rng.randint(10, 99)}",
        "contribution": rng.choice(_SENTENCES),
        "founding": k < 3,
        "partnership_manager": _PEOPLE[(i + 3 * k) % len(_PEOPLE)],
    }


def write_dossiers(
    folder: Path,
    n: int,
    members: int | Callable[[int], int] | None = None,
    *,
    start: int = 0,
    lang: str = "fr",
) -> list[Path]:
    """Write dossiers ``start`` .. ``start + n - 1`` to ``folder/dossier-NNNN.yaml``.

    ``members`` is a number, or a function of the dossier's index (e.g. ``lambda i: 5 + i % 36``
    for 5 to 40 members); by default 3 to 8.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        count = members(i) if callable(members) else members
        path = folder / f"dossier-{i:04d}.yaml"
        path.write_text(dump(make_dossier(i, count, lang=lang)), encoding="utf-8")
        paths.append(path)
    return paths
