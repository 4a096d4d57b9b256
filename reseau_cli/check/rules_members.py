"""Rules on the members: what each brings, who answers for what, how large the network grows."""

from __future__ import annotations

from reseau_cli.catalogue import Text
from reseau_cli.check import facts
from reseau_cli.check.facts import Dossier, answer
from reseau_cli.check.findings import Finding, make_finding
from reseau_cli.check.registry import rule
from reseau_cli.check.texts import fill, load_texts

NAMES_SHOWN = 5  # a 200-member network is summed up, not listed in full
# Forms where membership is open and light, which the guide's dilution warning is about.
LOOSE_FORMS = ("association", "informal")


def names_text(names: list[str]) -> Text:
    """"A, B and C", or "A, B, C, D, E and 7 others" for a long list."""
    labels = load_texts().labels
    shown = [Text(fr=n, en=n) for n in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        shown.append(fill(labels["others"], {"count": len(names) - NAMES_SHOWN}))
    return fill(Text(fr="{names}", en="{names}"), {"names": shown})


@rule
def every_member_brings_something(dossier: Dossier) -> list[Finding]:
    """Each member says what it brings that the others value (contribution left empty)."""
    members = facts.entities(dossier)
    silent = [m for m in members if not facts.filled(getattr(m, "contribution", None))]
    if not silent:
        return []
    # In a large network only the founding core's contributions are a warning; the others'
    # are noted (nobody lists what each of 200 members brings before founding).
    founders_silent = any(getattr(m, "founding", False) is True for m in silent)
    large = len(members) >= load_texts().dilution_threshold
    names = [str(m.name) for m in silent]
    return [make_finding("members.contribution", "members.entities",
                         {"count": len(names), "names": names_text(names)},
                         severity="info" if large and not founders_silent else None)]


@rule
def large_association_risks_dilution(dossier: Dossier) -> list[Finding]:
    """A loose network grown to some forty members risks dilution and internal competition."""
    count = len(facts.entities(dossier))
    threshold = load_texts().dilution_threshold
    if facts.legal_form(dossier) not in LOOSE_FORMS or count < threshold:
        return []
    return [make_finding("members.dilution", "members.entities",
                         {"count": count, "form": facts.choice_text("legal.form",
                                                                   str(facts.legal_form(dossier)))})]


def _known_parties(dossier: Dossier) -> list[frozenset[str]]:
    noise = load_texts().name_noise_words
    names = []
    for member in facts.entities(dossier):
        names.append(str(member.name))
        for extra in ("representative", "partnership_manager"):
            if facts.filled(getattr(member, extra, None)):
                names.append(str(getattr(member, extra)))
    for key in ("members.facilitator", "name.name", "name.short_name"):
        if facts.answered(dossier, key):
            names.append(str(answer(dossier, key)))
    return [facts.name_tokens(name, noise) for name in names]


@rule
def responsibilities_go_to_members(dossier: Dossier) -> list[Finding]:
    """A responsibility in the letter of intent is given to a member, not to an outsider."""
    texts = load_texts()
    items = list(answer(dossier, "intent.responsibilities") or [])
    if not items or not facts.entities(dossier):
        return []
    known = _known_parties(dossier)
    strangers = []
    for item in items:
        who = str(item.member)
        if facts.mentions(who, texts.collective_words, whole=True):
            continue  # "tous les membres", "le comité", "the facilitator"...
        tokens = facts.name_tokens(who, texts.name_noise_words)
        if tokens and not any(facts.same_entity(tokens, party) for party in known):
            strangers.append(who)
    if not strangers:
        return []
    return [make_finding("intent.responsibilities.non-member", "intent.responsibilities",
                         {"count": len(strangers), "names": names_text(strangers)})]
