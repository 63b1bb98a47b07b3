"""The report's numbers as plain data: built once, the JSON output and every renderer's input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from kit.assessment import Assessment
from kit.scoring import Scorecard

REPORT_SCHEMA = "kit-report/1"


def _r(value: float | None) -> float | None:
    # Four decimals keep every figure exact enough to recompute the HTML's one-decimal values.
    return None if value is None else round(value, 4)


def scorecard_data(card: Scorecard) -> dict[str, Any]:
    """A scorecard as plain data: overall, areas and items."""
    return {
        "percent": _r(card.percent),
        "band": card.band,
        "completeness": _r(card.completeness),
        "areas": {
            a.area_id: {
                "percent": _r(a.percent),
                "band": a.band,
                "rule": a.rule,
                "applicable_items": a.applicable,
                "answered_items": a.answered,
                "completeness": _r(a.completeness),
                "evidence_coverage": _r(a.evidence_coverage),
                "flagged_items": list(a.flagged),
            }
            for a in card.areas.values()
        },
        "items": {
            i.item_id: {
                "status": i.status,
                "level": i.level,
                "percent": _r(i.percent),
                "flag": i.flag,
            }
            for i in card.items.values()
        },
    }


def report_data(
    assessment: Assessment, review: Sequence[Any] = (), actions: Sequence[Any] = ()
) -> dict[str, Any]:
    """Every number the HTML report shows, as JSON-ready data.

    ``review`` is the round's review comments (``kit.io.review.Comment``); when there are any,
    the data gains a ``review`` list, PEFA's comments-and-responses matrix. ``actions`` is the
    previous round's action plan (``kit.io.actions.Action``); when there is one, the data gains
    ``actions_followup``: each action's status beside its item's level then and now. A round
    without these files gives the same data as before.
    """
    data = _numbers(assessment)
    if review:
        data["review"] = [{k: v for k, v in asdict(c).items() if k != "version"} for c in review]
    if actions:
        items = data["trend"]["items"] if data["trend"] else {}
        none = {"previous": None, "current": None, "change": None}
        data["actions_followup"] = [{**asdict(a), **items.get(a.item_id, none)} for a in actions]
    return data


def _numbers(assessment: Assessment) -> dict[str, Any]:
    fw = assessment.framework
    cons = assessment.consolidation
    trend = assessment.trend
    return {
        "schema": REPORT_SCHEMA,
        "framework": {"id": fw.id, "version": fw.version, "title": fw.title},
        "country": assessment.country,
        "round": assessment.round,
        "ministries": list(assessment.ministries),
        "consolidation_rule": cons.rule,
        "consolidated": scorecard_data(assessment.consolidated),
        "by_ministry": {m: scorecard_data(card) for m, card in assessment.ministries.items()},
        "coherence": {
            "overall": _r(cons.overall),
            "areas": {a: _r(v) for a, v in cons.areas.items()},
            "items": {
                c.item_id: {
                    "levels": c.levels,
                    "spread": c.spread,
                    "coherence": _r(c.coherence),
                    "flagged": c.flagged,
                    "applicability_disputed": c.applicability_disputed,
                }
                for c in cons.items.values()
            },
            "flagged_items": [c.item_id for c in cons.items.values() if c.flagged],
        },
        "trend": None
        if trend is None
        else {
            "previous_round": trend.previous_round,
            "current_round": trend.current_round,
            "overall": _change(trend.overall),
            "areas": {c.id: _change(c) for c in trend.areas},
            "items": {c.id: _change(c) for c in trend.items},
            "improved_items": [c.id for c in trend.improved],
            "regressed_items": [c.id for c in trend.regressed],
        },
        "upgrades": upgrade_data(assessment),
        "gaps": [
            {
                "item_id": g.item_id,
                "area_id": g.area_id,
                "title": g.title,
                "level": g.level,
                "target": g.target,
                "shortfall": g.shortfall,
                "weight": g.weight,
                "priority": g.priority,
                "modules": list(g.modules),
                "cadres": list(g.cadres),
            }
            for g in assessment.gaps
        ],
        "training_plan": [
            {
                "module_id": m.module_id,
                "title": m.title,
                "priority": m.priority,
                "items": list(m.items),
                "cadres": list(m.cadres),
            }
            for m in assessment.plan
        ],
    }


def upgrade_data(assessment: Assessment) -> list[dict[str, Any]]:
    """Per ministry whose file answered an earlier framework version: which old items were
    mapped, which answers were carried over or revised (to check) and which items need an
    answer. Empty when every file answers the current version."""
    rows = []
    for rs in assessment.response_sets:
        if rs.upgrade is None:
            continue
        rows.append(
            {
                "ministry": rs.ministry,
                "source": rs.source,
                "old_items": list(rs.upgrade.old_ids),
                "carried": dict(rs.upgrade.carried),
                "revised": dict(rs.upgrade.revised),
                "needs_answer": rs.unanswered_after_upgrade(),
            }
        )
    return rows


def _change(change: Any) -> dict[str, float | None]:
    return {
        "previous": _r(change.previous),
        "current": _r(change.current),
        "change": _r(change.change),
    }


def render_json(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The report data as indented JSON (UTF-8 bytes, a final newline)."""
    if data is None:
        data = report_data(assessment)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
