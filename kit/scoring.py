"""Scoring one set of answers: item, area and overall percentages, bands last.

The rules follow the anchors (WHO SPAR, PEFA, SDG 10.7.2): item % = level / 4 x 100; area % =
weighted mean of applicable items, or the lowest item under ``weakest_link``; N/A leaves the
denominator (no imputation); "don't know" and unanswered items score 0 and are flagged (like
PEFA's D*); overall % = weighted mean of area percentages; categories come from percentages last,
never from rounded categories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kit.framework import Area, Framework
from kit.responses import Answer

MAX_LEVEL = 4


@dataclass(frozen=True)
class ItemScore:
    """An item's score: ``percent`` is None when the item is N/A."""

    item_id: str
    status: str
    level: float | None
    percent: float | None
    has_evidence: bool

    @property
    def applicable(self) -> bool:
        """False when the item is N/A and left out of its area's denominator."""
        return self.status != "na"

    @property
    def flag(self) -> str | None:
        """Why the item needs attention in the report, if it does."""
        return {"dont_know": "don't know (scored 0)", "unanswered": "unanswered (scored 0)"}.get(
            self.status
        )


@dataclass(frozen=True)
class AreaScore:
    """An area's score: ``percent`` is None when every item in it is N/A."""

    area_id: str
    percent: float | None
    band: str | None
    rule: str
    applicable: int
    answered: int
    with_evidence: int
    flagged: tuple[str, ...]

    @property
    def completeness(self) -> float | None:
        """Share of applicable items answered with a level, in %."""
        return 100.0 * self.answered / self.applicable if self.applicable else None

    @property
    def evidence_coverage(self) -> float | None:
        """Share of items answered with a level that cite evidence, in %."""
        return 100.0 * self.with_evidence / self.answered if self.answered else None


@dataclass(frozen=True)
class Scorecard:
    """Every number of one scoring: items, areas, overall percentage and band."""

    framework_id: str
    items: dict[str, ItemScore]
    areas: dict[str, AreaScore]
    percent: float | None
    band: str | None

    @property
    def completeness(self) -> float | None:
        """Share of applicable items answered with a level, over the whole checklist, in %."""
        applicable = sum(a.applicable for a in self.areas.values())
        answered = sum(a.answered for a in self.areas.values())
        return 100.0 * answered / applicable if applicable else None


def score_item(answer: Answer) -> ItemScore:
    """Score one answer: level / 4 x 100; don't know and unanswered give 0; N/A gives None."""
    if answer.status == "level" and answer.level is not None:
        percent: float | None = answer.level / MAX_LEVEL * 100.0
    elif answer.status == "na":
        percent = None
    else:
        percent = 0.0
    return ItemScore(
        item_id=answer.item_id,
        status=answer.status,
        level=answer.level,
        percent=percent,
        has_evidence=bool(answer.evidence),
    )


def score_area(framework: Framework, area: Area, items: Mapping[str, ItemScore]) -> AreaScore:
    """Combine an area's item scores by its rule (mean or weakest link)."""
    scored = [(item, items[item.id]) for item in area.items if items[item.id].applicable]
    if not scored:
        percent = None
    elif area.rule == "weakest_link":
        percent = min(s.percent for _, s in scored if s.percent is not None)
    else:
        total_weight = sum(item.weight for item, _ in scored)
        percent = sum(item.weight * (s.percent or 0.0) for item, s in scored) / total_weight
    answered = [s for _, s in scored if s.status == "level"]
    return AreaScore(
        area_id=area.id,
        percent=percent,
        band=framework.band(percent),
        rule=area.rule,
        applicable=len(scored),
        answered=len(answered),
        with_evidence=sum(s.has_evidence for s in answered),
        flagged=tuple(s.item_id for _, s in scored if s.flag),
    )


def score(framework: Framework, answers: Mapping[str, Answer]) -> Scorecard:
    """Score answers (by item id) against a framework; items without an answer count unanswered.

    Works the same for one ministry's answers and for a consolidated set.
    """
    items = {
        item_id: score_item(answers.get(item_id) or Answer(item_id)) for item_id in framework.items
    }
    areas = {area.id: score_area(framework, area, items) for area in framework.areas}
    weighted = [
        (framework.area(a.area_id).weight, a.percent)
        for a in areas.values()
        if a.percent is not None
    ]
    total_weight = sum(w for w, _ in weighted)
    percent = sum(w * p for w, p in weighted) / total_weight if total_weight else None
    return Scorecard(
        framework_id=framework.id,
        items=items,
        areas=areas,
        percent=percent,
        band=framework.band(percent),
    )
