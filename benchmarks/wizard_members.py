"""Prompts and keystrokes to enter a 12-member network in the wizard (issue 13).

    python benchmarks/wizard_members.py                  # this checkout
    python benchmarks/wizard_members.py --tree OLD_TREE  # another checkout (e.g. a git worktree
                                                         # of an earlier commit), to compare

Not a timed test: it counts. The members step of ``reseau new`` is run in-process with a
scripted prompter that types what a founder would: for each of 12 members the name, city,
representative and whether it is in the founding core (the first two); every other prompt gets
Enter (its default). Keystrokes: the characters typed plus Enter, one key for Enter alone, and
one letter plus Enter for a yes/no typed out.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MEMBERS = [(f"Pharmacie {name}", city, f"Dr {rep}") for name, city, rep in [
    ("Atlas", "Fès", "Alami"), ("du Port", "Tanger", "Idrissi"), ("Centrale", "Rabat", "Bennani"),
    ("de la Gare", "Oujda", "Tazi"), ("Al Amal", "Meknès", "Fassi"), ("Ibn Sina", "Agadir", "Kabbaj"),
    ("du Souk", "Marrakech", "Berrada"), ("de l'Océan", "Safi", "Chraibi"),
    ("Nour", "Tétouan", "Lahlou"), ("Al Massira", "Laâyoune", "Naciri"),
    ("des Orangers", "Béni Mellal", "Sqalli"), ("Zerktouni", "Casablanca", "Guessous")]]


class CountingPrompter:
    """Answers like a founder entering members; counts prompts and keystrokes."""

    def __init__(self, fields: dict[str, str], add_another: str, first: str) -> None:
        self.fields = fields  # prompt text -> field id
        self.add_another, self.first = add_another, first
        self.prompts = self.keys = 0
        self.index = 0  # member being typed
        self.typed_in_member: set[str] = set()

    def _count(self, keys: int) -> None:
        self.prompts += 1
        self.keys += keys

    def _member_value(self, field_id: str) -> str | None:
        if self.index >= len(MEMBERS):
            return None
        name, city, rep = MEMBERS[self.index]
        return {"name": name, "city": city, "representative": rep}.get(field_id)

    def text(self, message: str, *, qmark: str, default: str = "",
             instruction: str | None = None, check: Any = None) -> str:
        field_id = self.fields.get(message, "")
        value = self._member_value(field_id)
        if field_id == "name" and value is None:  # the new way to end the list
            self._count(1)
            return ""
        if value is None:
            self._count(1)
            return default
        self._count(len(value) + 1)
        if field_id == "name":
            self.typed_in_member = set()
        self.typed_in_member.add(field_id)
        return value

    def select(self, message: str, choices: Sequence[tuple[str, str]], *, qmark: str,
               default: str | None = None) -> str:
        self._count(1)
        values = [v for v, _ in choices]
        return default if default in values else values[0]

    def checkbox(self, message: str, choices: Any, *, qmark: str, default: Any = (),
                 ordered: bool = False) -> list[str]:
        self._count(1)
        return list(default)

    def confirm(self, message: str, *, qmark: str, default: Any, unsure: bool = False) -> Any:
        if message in (self.add_another, self.first):  # the old way: "add another?"
            more = self.index < len(MEMBERS)
            self._count(1 if more == default else 2)
            return more
        if self.fields.get(message) == "founding":
            founding = self.index < 2
            self.index += 1  # the last field of a member in both versions' quick path
            self._count(1 if founding == default else 2)
            return founding
        self._count(1)
        return default


def measure(tree: Path) -> dict[str, int]:
    """Prompts and keystrokes of the members list in the checkout at ``tree``."""
    sys.path.insert(0, str(tree))
    for name in [m for m in sys.modules if m.startswith("reseau_cli")]:
        del sys.modules[name]
    from rich.console import Console

    from reseau_cli import i18n, store
    from reseau_cli.catalogue import load_catalogue
    from reseau_cli.dossier import new_dossier
    from reseau_cli.wizard import flow

    question = load_catalogue().question("members.entities")
    fields = {f.prompt("fr"): f.id for f in question.fields}
    first = i18n.t("wizard.records_first", "fr", prompt=question.prompt("fr"))
    another = question.add_another("fr") if question.add_another else ""
    prompter = CountingPrompter(fields, another, first)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reseau.yaml"
        wizard = flow.Wizard(dossier=new_dossier("fr"), prompter=prompter,  # type: ignore[arg-type]
                             console=Console(file=io.StringIO()), lang="fr", file=str(path),
                             save=lambda d: store.save(d, path), show_advice=False)
        if hasattr(wizard, "_ask_records"):  # before issue 13
            wizard._ask_records(question, "?", resume=False)
        else:
            from reseau_cli.wizard.records import ask_records

            ask_records(wizard, question, "?")
        members = store.load(path).members.entities  # type: ignore[attr-defined]
    assert [m.name for m in members] == [m[0] for m in MEMBERS], "members not entered"
    assert [m.founding for m in members] == [i < 2 for i in range(12)]
    return {"prompts": prompter.prompts, "keystrokes": prompter.keys, "members": len(members)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    result = measure(args.tree.resolve())
    print(f"{args.tree}: {result['members']} members, {result['prompts']} prompts, "
          f"{result['keystrokes']} keystrokes")


if __name__ == "__main__":
    main()
