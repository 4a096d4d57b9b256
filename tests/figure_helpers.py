"""Helpers for the figure tests: dossiers of any size and structure, layout geometry checks."""

from __future__ import annotations

from typing import Any

from reseau_cli import store
from reseau_cli.yamlio import dump
from tests.batch_helpers import make_dossier

CITIES = ["Fès", "Marrakech", "Casablanca", "Agadir", "Tanger", "Oujda", "Rabat", "Meknès",
          "Tétouan", "Safi", "Essaouira", "Laâyoune", "Nador", "Kénitra", "El Jadida"]
SECTORS = ["Tannerie", "Maroquinerie", "Broderie", "Distribution", "Design", "Logistique"]


def network_dossier(members: int, structure: str | None, *, cities: int = 5,
                    sectors: int = 4, founders: int = 3, facilitator: str | None = "Rachid",
                    lang: str = "fr", i: int = 1) -> Any:
    """A valid dossier whose members are spread over ``cities`` cities and ``sectors`` sectors."""
    data = make_dossier(i, members, lang=lang)
    for k, member in enumerate(data["members"]["entities"]):
        member["name"] = f"Membre {k + 1:03d} Atlas"
        member["city"] = CITIES[k % cities] if cities <= len(CITIES) else f"Ville {k % cities}"
        member["sector"] = SECTORS[k % sectors]
        member["founding"] = k < founders
    data["members"]["facilitator"] = facilitator
    data["model"]["structure"] = structure
    return store.parse(dump(data), "test.yaml")


def boxes_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two placed cards share any area."""
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
