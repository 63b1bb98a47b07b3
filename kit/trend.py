"""Two rounds side by side: previous, current and change per area and item, as PEFA's annex does."""

from __future__ import annotations

from dataclasses import dataclass

from kit.framework import Framework
from kit.scoring import Scorecard


@dataclass(frozen=True)
class Change:
    """One row of the trend: a value in each round and the difference (None where unknown)."""

    id: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        """Current minus previous, when both exist."""
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class Trend:
    """Area percentages, item levels and the overall percentage of two rounds."""

    previous_round: str
    current_round: str
    overall: Change
    areas: tuple[Change, ...]
    items: tuple[Change, ...]

    @property
    def improved(self) -> tuple[Change, ...]:
        """Items whose level rose."""
        return tuple(c for c in self.items if c.change is not None and c.change > 0)

    @property
    def regressed(self) -> tuple[Change, ...]:
        """Items whose level fell."""
        return tuple(c for c in self.items if c.change is not None and c.change < 0)


def _item_level(card: Scorecard, item_id: str) -> float | None:
    # Don't know and unanswered score 0, so they compare as level 0; N/A has no level.
    item = card.items[item_id]
    if item.status == "na":
        return None
    return item.level if item.level is not None else 0.0


def compare(
    framework: Framework,
    previous: Scorecard,
    current: Scorecard,
    previous_round: str,
    current_round: str,
    *,
    never_asked: set[str] | frozenset[str] = frozenset(),
) -> Trend:
    """Compare two scorecards of the same framework, previous round first.

    ``never_asked``: items the previous round could not answer (added in a later version of the
    framework); they have no previous level rather than a level 0.
    """
    return Trend(
        previous_round=previous_round,
        current_round=current_round,
        overall=Change("overall", previous.percent, current.percent),
        areas=tuple(
            Change(a.id, previous.areas[a.id].percent, current.areas[a.id].percent)
            for a in framework.areas
        ),
        items=tuple(
            Change(
                i,
                None if i in never_asked else _item_level(previous, i),
                _item_level(current, i),
            )
            for i in framework.items
        ),
    )
