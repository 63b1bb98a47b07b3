"""A whole self-assessment of one country: ministries scored, consolidated, compared and planned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit import i18n
from kit.consolidation import Consolidation, consolidate
from kit.errors import KitError
from kit.framework import Framework
from kit.plan import Gap, ModuleNeed, gaps, training_plan
from kit.responses import ResponseSet
from kit.scoring import Scorecard, score
from kit.trend import Trend, compare

_ = i18n.translator("kit")


@dataclass(frozen=True)
class Assessment:
    """Everything a report shows for one country and round."""

    framework: Framework
    country: str
    round: str
    ministries: dict[str, Scorecard]
    consolidation: Consolidation
    consolidated: Scorecard
    previous: Scorecard | None
    trend: Trend | None
    gaps: tuple[Gap, ...]
    plan: tuple[ModuleNeed, ...]
    response_sets: tuple[ResponseSet, ...]


def assess(
    framework: Framework,
    current: Sequence[ResponseSet],
    previous: Sequence[ResponseSet] | None = None,
    *,
    target: float | None = None,
    lead: str | None = None,
) -> Assessment:
    """Score each ministry, consolidate them, compare with the previous round, plan the gaps.

    ``previous`` holds the earlier round's files of the same country (any ministries).
    Raises KitError when files of different countries, rounds or frameworks are mixed.
    """
    consolidation = consolidate(framework, current, lead=lead)
    consolidated = score(framework, consolidation.answers)
    country, round_ = current[0].country, current[0].round

    previous_card = trend = None
    if previous:
        earlier = consolidate(framework, previous, lead=lead if _has(previous, lead) else None)
        first = previous[0]
        if first.country != country:
            raise KitError(
                _("previous round is for '{found}', not '{expected}'").format(
                    found=first.country, expected=country
                ),
                file=first.source,
            )
        if first.round == round_:
            raise KitError(
                _("previous round is the same round '{round}'").format(round=round_),
                file=first.source,
            )
        previous_card = score(framework, earlier.answers)
        # An item the earlier files' version did not have was never asked then: no change to
        # report, rather than a rise from an unanswered 0.
        never_asked = set.intersection(*(set(rs.unanswered_after_upgrade()) for rs in previous))
        trend = compare(
            framework, previous_card, consolidated, first.round, round_, never_asked=never_asked
        )

    found = gaps(framework, consolidated, target)
    return Assessment(
        framework=framework,
        country=country,
        round=round_,
        ministries={rs.ministry: score(framework, rs.answers) for rs in current},
        consolidation=consolidation,
        consolidated=consolidated,
        previous=previous_card,
        trend=trend,
        gaps=tuple(found),
        plan=tuple(training_plan(framework, found)),
        response_sets=tuple(current),
    )


def _has(response_sets: Sequence[ResponseSet], ministry: str | None) -> bool:
    return ministry is not None and any(rs.ministry == ministry for rs in response_sets)
