"""Extraction as a chain of stages, each ``Document -> Document``, run in this order.

Identity first (number, date, issuer, kind), because decision references, signers and targets
use it (a ``self`` decision, the publication year for dates without a year). Every stage fills
only its own fields, so each can be tested alone.
"""

from __future__ import annotations

from collections.abc import Callable

from core.record import Document
from extract import (
    achievements,
    decisions,
    effective,
    entities,
    identity,
    indicators,
    relations,
    signers,
    targets,
    tasks,
)

Stage = Callable[[Document], Document]

STAGES: list[Stage] = [
    identity.apply,
    decisions.apply,
    relations.apply,  # repeals / guides on top of the decisions' relations (SPEC §5)
    effective.apply,
    signers.apply,
    targets.apply,
    achievements.apply,  # after targets: a figure that is a goal is never a result
    indicators.apply,  # after both: canonical measure ids on targets and achievements
    tasks.apply,
    entities.apply,
]


def run(doc: Document) -> Document:
    for stage in STAGES:
        doc = stage(doc)
    return doc
