"""From gaps to actions: each item below its target gets actions to reach the next level.

As WHO's benchmarks do, an action aims one level up from where the item stands (level 1 to 2,
not 1 to 4). The framework file may suggest actions per item and level (``actions:``); an item
without one gets the next level's descriptor as the thing to achieve. Owners, due dates and
statuses are the ministries' (``kit.io.actions``); this module only proposes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.assessment import Assessment

#: The highest level; an item there has nothing to reach.
TOP = 4


@dataclass(frozen=True)
class Proposal:
    """One proposed action: on which item, from which level, to which level."""

    id: str  # "<item id>/<to level>/<n>": the same proposal gets the same id every round
    item_id: str
    level: float
    to_level: int
    text: str


def next_level(level: float | None) -> int:
    """The level one step above ``level`` (unanswered and don't know count as 0)."""
    return min(TOP, math.floor(level or 0.0) + 1)


def propose(assessment: Assessment) -> list[Proposal]:
    """Actions for every gap of the assessment, in the gap plan's order (highest priority first)."""
    fw = assessment.framework
    found = []
    for gap in assessment.gaps:
        item = fw.items[gap.item_id]
        to_level = next_level(gap.level)
        texts = item.actions.get(to_level) or (f"Reach level {to_level}: {item.levels[to_level]}",)
        found.extend(
            Proposal(f"{item.id}/{to_level}/{n}", item.id, gap.level, to_level, text)
            for n, text in enumerate(texts, start=1)
        )
    return found
