"""Drafts and finals of the documents to sign.

A document that lacks an answer it needs, or whose dossier has a blocking finding, is a draft:
its first page says so and lists what to do, every PDF page carries the draft mark, and
``--final`` refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reseau_cli.errors import InvalidDossierError, Problem
from reseau_cli.render.answers import Missing

DRAFT_NOTICE = "_draft.md.j2"


@dataclass(frozen=True)
class Composed:
    """A document's Markdown and what keeps it from being final."""

    markdown: str  # with a marker where each figure goes
    missing: tuple[Missing, ...]
    blocking: tuple[str, ...]
    figures: Any = None  # the dossier's Figures, which turn the markers into each format

    @property
    def draft(self) -> bool:
        """Whether the document is a draft."""
        return bool(self.missing or self.blocking)


class DraftError(InvalidDossierError):
    """``--final`` was asked for documents that are still drafts; nothing was written."""


def _questions() -> dict[str, Any]:
    from reseau_cli.catalogue import load_catalogue

    return {q.key: q for q in load_catalogue().questions()}


def missing_by_section(missing: Sequence[Missing], lang: str) -> list[dict[str, Any]]:
    """Missing answers grouped by section, in catalogue order, with prompts in ``lang``."""
    from reseau_cli.catalogue import load_catalogue

    catalogue = load_catalogue()
    wanted = {m.key for m in missing}
    groups = []
    for section in catalogue.sections:
        prompts = [q.prompt(lang) for q in section.questions if q.key in wanted]
        if prompts:
            groups.append({"id": section.id, "title": section.title(lang), "prompts": prompts})
    return groups


def draft_context(context: Mapping[str, Any], missing: Sequence[Missing],
                  blocking: Sequence[str]) -> dict[str, Any]:
    """What the draft notice template sees: the document's context plus the lists."""
    return {**context, "missing": missing_by_section(missing, context["lang"]),
            "blocking": list(blocking)}


def refuse_drafts(composed: Mapping[str, Composed], lang: str) -> None:
    """Raise :class:`DraftError` naming every missing answer and blocking finding."""
    drafts = {doc: c for doc, c in composed.items() if c.draft}
    if not drafts:
        return
    from reseau_cli.documents import get

    questions = _questions()
    problems: list[Problem] = []
    for doc, c in drafts.items():
        name = get(doc).stem(lang)
        for m in c.missing:
            question = questions.get(m.key)
            prompt = question.prompt(lang) if question is not None else m.key
            problems.append(Problem(key="render.draft_missing", path=m.key,
                                    params={"doc": name, "prompt": prompt,
                                            "section": m.section}))
        for message in c.blocking:
            problems.append(Problem(key="render.draft_blocking",
                                    params={"doc": name, "message": message}))
    raise DraftError("render.draft_refused", problems=problems, count=len(drafts),
                     docs=", ".join(get(doc).stem(lang) for doc in drafts))
