"""Several ministries, one country and round: a consolidated answer per item, and coherence.

Coherence makes the Commission's "different government departments pursued conflicting
objectives" (para 14) measurable. For an item answered with a level by two or more ministries,
coherence = 100 - 25 x (highest level - lowest level): 100 when all agree, 0 when one says 0 and
another 4. The spread is used rather than a variance because a ministry can check it by eye.
Items two or more levels apart are flagged. Area and overall coherence are plain means of the
item (area) values that could be measured.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.responses import Answer, ResponseSet

_ = i18n.translator("kit")

FLAG_SPREAD = 2
POINTS_PER_LEVEL = 25.0


@dataclass(frozen=True)
class ItemCoherence:
    """How far the ministries' levels for one item lie apart."""

    item_id: str
    levels: dict[str, float]
    spread: float | None
    coherence: float | None
    flagged: bool
    applicability_disputed: bool


@dataclass(frozen=True)
class Consolidation:
    """The consolidated answers of one country and round, with the coherence measures."""

    rule: str
    ministries: tuple[str, ...]
    answers: dict[str, Answer]
    items: dict[str, ItemCoherence]
    areas: dict[str, float | None]
    overall: float | None


def check_same_round(response_sets: Sequence[ResponseSet], framework: Framework) -> None:
    """Refuse files of different frameworks, countries or rounds, or one ministry twice."""
    if not response_sets:
        raise KitError(_("no response files given"))
    first = response_sets[0]
    seen: dict[str, str] = {}
    for rs in response_sets:
        if rs.framework_id != framework.id:
            raise KitError(
                _("answers framework '{found}', not '{used}'").format(
                    found=rs.framework_id, used=framework.id
                ),
                file=rs.source,
            )
        if rs.country != first.country:
            raise KitError(
                _(
                    "country '{country}' differs from '{first}' in {file} (one country per run)"
                ).format(country=rs.country, first=first.country, file=first.source),
                file=rs.source,
            )
        if rs.round != first.round:
            raise KitError(
                _(
                    "round '{round}' differs from '{first}' in {file} (give the earlier round "
                    "with --previous)"
                ).format(round=rs.round, first=first.round, file=first.source),
                file=rs.source,
            )
        if rs.ministry in seen:
            raise KitError(
                _("ministry '{ministry}' already answered in {file}").format(
                    ministry=rs.ministry, file=seen[rs.ministry]
                ),
                file=rs.source,
            )
        seen[rs.ministry] = rs.source


def _consolidate_item(item_id: str, answers: list[Answer], lead_answer: Answer | None) -> Answer:
    with_level = [a for a in answers if a.status == "level" and a.level is not None]
    evidence = "; ".join(a.evidence for a in answers if a.evidence)
    if lead_answer is not None and lead_answer.status == "level":
        return Answer(item_id, "level", lead_answer.level, evidence=evidence)
    if with_level:
        level = float(statistics.median(a.level for a in with_level))
        return Answer(item_id, "level", level, evidence=evidence)
    if any(a.status == "dont_know" for a in answers):
        return Answer(item_id, "dont_know", evidence=evidence)
    if any(a.status == "na" for a in answers):
        reasons = "; ".join(sorted({a.na_reason for a in answers if a.status == "na"}))
        return Answer(item_id, "na", na_reason=reasons, evidence=evidence)
    return Answer(item_id)


def _coherence(item_id: str, response_sets: Sequence[ResponseSet]) -> ItemCoherence:
    levels = {
        rs.ministry: rs.answers[item_id].level
        for rs in response_sets
        if item_id in rs.answers and rs.answers[item_id].status == "level"
    }
    statuses = {rs.answer(item_id).status for rs in response_sets}
    spread = coherence = None
    if len(levels) >= 2:
        spread = max(levels.values()) - min(levels.values())
        coherence = 100.0 - POINTS_PER_LEVEL * spread
    return ItemCoherence(
        item_id=item_id,
        levels=levels,
        spread=spread,
        coherence=coherence,
        flagged=spread is not None and spread >= FLAG_SPREAD,
        applicability_disputed="na" in statuses and "level" in statuses,
    )


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def consolidate(
    framework: Framework, response_sets: Sequence[ResponseSet], lead: str | None = None
) -> Consolidation:
    """Consolidate ministries' answers: the median level by default, or a lead ministry's answer.

    With ``lead``, the lead ministry's level stands where it gave one; elsewhere the median of
    the others applies. Don't know counts only where no ministry gave a level; N/A only where
    every ministry that answered said N/A.
    """
    check_same_round(response_sets, framework)
    ministries = tuple(rs.ministry for rs in response_sets)
    if lead is not None and lead not in ministries:
        raise KitError(
            _("lead ministry '{lead}' has no response file (have: {names})").format(
                lead=lead, names=", ".join(ministries)
            )
        )
    lead_set = next((rs for rs in response_sets if rs.ministry == lead), None)
    answers = {}
    items = {}
    for item_id in framework.items:
        item_answers = [rs.answer(item_id) for rs in response_sets]
        lead_answer = lead_set.answer(item_id) if lead_set is not None else None
        answers[item_id] = _consolidate_item(item_id, item_answers, lead_answer)
        items[item_id] = _coherence(item_id, response_sets)
    areas = {
        area.id: _mean([items[item.id].coherence for item in area.items])
        for area in framework.areas
    }
    return Consolidation(
        rule=f"lead ministry ({lead})" if lead else "median",
        ministries=ministries,
        answers=answers,
        items=items,
        areas=areas,
        overall=_mean(list(areas.values())),
    )
