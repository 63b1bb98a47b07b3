"""From gaps to a training plan: shortfalls below the target level, ranked, mapped to modules."""

from __future__ import annotations

from dataclasses import dataclass

from kit.framework import Framework
from kit.scoring import Scorecard


@dataclass(frozen=True)
class Gap:
    """An item below target: priority = shortfall x weight, and what training closes it."""

    item_id: str
    area_id: str
    title: str
    level: float
    target: float
    weight: float
    modules: tuple[str, ...]
    cadres: tuple[str, ...]

    @property
    def shortfall(self) -> float:
        """Levels missing to reach the target."""
        return self.target - self.level

    @property
    def priority(self) -> float:
        """Shortfall weighted by the item's weight; the plan is sorted on it."""
        return self.shortfall * self.weight


@dataclass(frozen=True)
class ModuleNeed:
    """A curriculum module with the gaps it helps close and their summed priority."""

    module_id: str
    title: str
    priority: float
    items: tuple[str, ...]
    cadres: tuple[str, ...]


def gaps(framework: Framework, card: Scorecard, target: float | None = None) -> list[Gap]:
    """Applicable items below target, highest priority first (checklist order breaks ties).

    Don't know and unanswered items count as level 0: a gap nobody can rule out.
    """
    goal = float(framework.target_level if target is None else target)
    found = []
    for item in framework.items.values():
        scored = card.items[item.id]
        if not scored.applicable:
            continue
        level = scored.level if scored.level is not None else 0.0
        if level < goal:
            found.append(
                Gap(
                    item.id,
                    item.area_id,
                    item.title,
                    level,
                    goal,
                    item.weight,
                    item.modules,
                    item.cadres,
                )
            )
    order = {item_id: n for n, item_id in enumerate(framework.items)}
    return sorted(found, key=lambda g: (-g.priority, order[g.item_id]))


def training_plan(framework: Framework, found: list[Gap]) -> list[ModuleNeed]:
    """Modules ranked by the summed priority of the gaps they help close."""
    needs: dict[str, tuple[float, list[str], list[str]]] = {}
    for gap in found:
        for module in gap.modules:
            priority, items, cadres = needs.setdefault(module, (0.0, [], []))
            items.append(gap.item_id)
            cadres.extend(c for c in gap.cadres if c not in cadres)
            needs[module] = (priority + gap.priority, items, cadres)
    ranked = sorted(needs.items(), key=lambda kv: -kv[1][0])
    return [
        ModuleNeed(m, framework.modules.get(m, m), p, tuple(items), tuple(cadres))
        for m, (p, items, cadres) in ranked
    ]
