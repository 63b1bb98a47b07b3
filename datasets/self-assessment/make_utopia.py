"""Generate the fictional sample country Utopia's self-assessment: four ministries, two rounds.

Utopia (code UTO) is the specimen state of ICAO Doc 9303; nothing here describes a real country.
Run ``python datasets/self-assessment/make_utopia.py`` to rebuild the files; the seed is fixed,
so the output is the same every time.

The 2025 round answers the current checklist (2.0.0). The 2023 round was answered against
version 1.0.0 and is kept so on purpose: it shows that a file of an earlier version still loads,
its answers mapped onto the current items (``replaced_items`` in kit/frameworks/gcim-2005.yaml),
and that a trend across a version change is read item by item. The generator reads the frozen
copy of version 1.0.0 next to it, ``gcim-2005-1.0.0.yaml``, for that round.
"""

from __future__ import annotations

import random
from pathlib import Path

from kit.framework import DEFAULT_FRAMEWORK, load_framework
from kit.io.formats import save_responses
from kit.responses import Answer, ResponseSet

SEED = 20251126
#: The checklist version the first round answers (a frozen copy; the kit ships the current one).
OLD_FRAMEWORK_FILE = Path(__file__).parent / "gcim-2005-1.0.0.yaml"
COUNTRY = "Utopia"
ROUNDS = ("2023", "2025")
MINISTRIES = {
    "interior": "Ministry of the Interior",
    "foreign-affairs": "Ministry of Foreign Affairs",
    "labour": "Ministry of Labour",
    "justice": "Ministry of Justice",
}
# Items a ministry cannot judge, with the reason it gives (N/A needs a reason).
NOT_APPLICABLE = {
    "labour": {
        "objectives.protection": "asylum and resettlement are outside the labour ministry's remit",
        "objectives.asylum": "asylum is outside the labour ministry's remit",
        "objectives.resettlement": "resettlement is outside the labour ministry's remit",
    },
    "foreign-affairs": {
        "capacity.migrant_assistance": "services to migrants are run by domestic ministries",
    },
}
# Items where ministries are made to disagree sharply, as the Commission found (para 14).
DISPUTED = {
    "coordination.information_sharing": {"interior": 3, "labour": 1},
    "objectives.explicit_criteria": {"interior": 4, "justice": 1},
}
# Items that improved between the rounds after Utopia's training programme.
IMPROVED = (
    "capacity.trained_cadre",
    "evidence.data_collection",
    "coordination.whole_of_government",
)
EVIDENCE = (
    "Cabinet decision of {year}",
    "Annual report {year}, chapter 3",
    "Minutes of the inter-ministerial committee, {year}",
    "Training records {year}",
)


def true_levels(framework, rng: random.Random) -> dict[str, int]:
    """Utopia's underlying capacity in the first round, item by item."""
    return {item_id: rng.choice((1, 1, 2, 2, 2, 3, 3, 4)) for item_id in framework.items}


def ministry_views(framework, rng: random.Random) -> dict[tuple[str, str], int | None]:
    """How far each ministry's view of each item lies from the truth (None: it doesn't know).

    Drawn once for both rounds, so a change between rounds reflects a real change.
    """
    # One direction per item keeps ordinary disagreement to one level; DISPUTED adds wider ones.
    direction = {item_id: rng.choice((-1, 1)) for item_id in framework.items}
    return {
        (ministry, item_id): None
        if rng.random() < 0.04
        else direction[item_id] * rng.choice((0, 0, 0, 1))
        for ministry in MINISTRIES
        for item_id in framework.items
    }


def ministry_answers(framework, truth, views, ministry, year, rng) -> ResponseSet:
    """One ministry's view: the truth give or take one level, some don't know, some N/A."""
    answers = {}
    for item_id, level in truth.items():
        if item_id in NOT_APPLICABLE.get(ministry, {}):
            reason = NOT_APPLICABLE[ministry][item_id]
            answers[item_id] = Answer(item_id, "na", na_reason=reason)
            continue
        offset = views[ministry, item_id]
        if offset is None:
            answers[item_id] = Answer(item_id, "dont_know", comment="no one here could say")
            continue
        seen = DISPUTED.get(item_id, {}).get(ministry)
        if seen is None:
            seen = min(4, max(0, level + offset))
        evidence = rng.choice(EVIDENCE).format(year=year) if rng.random() < 0.65 else ""
        answers[item_id] = Answer(item_id, "level", float(seen), evidence=evidence)
    return ResponseSet(framework.id, COUNTRY, MINISTRIES[ministry], year, answers)


def upgraded(truth, views, old, new, rng):
    """Truth and views carried onto the current checklist's items, as its replaced_items say.

    A part of a split item starts from the old item's level; an item the old one did not cover
    gets its own draw.
    """
    source = {item_id: item_id for item_id in old.items}
    for old_id, rule in new.replaced.items():
        for new_id in rule.carried_to:
            source[new_id] = old_id
    fresh = true_levels(new, rng)
    new_truth = {i: truth[source[i]] if i in source else fresh[i] for i in new.items}
    fresh_views = ministry_views(new, rng)
    new_views = {
        (ministry, i): views[ministry, source[i]] if i in source else fresh_views[ministry, i]
        for ministry in MINISTRIES
        for i in new.items
    }
    return new_truth, new_views


def main(out: Path = Path(__file__).parent / "utopia") -> None:
    """Write every ministry's file of every round under ``out/<round>/``."""
    framework = load_framework(OLD_FRAMEWORK_FILE)
    rng = random.Random(SEED)
    truth = true_levels(framework, rng)
    views = ministry_views(framework, rng)
    for year in ROUNDS:
        if year != ROUNDS[0]:
            truth = {k: min(4, v + 1) if k in IMPROVED else v for k, v in truth.items()}
            truth["regional.rcp_scope"] = max(0, truth["regional.rcp_scope"] - 1)
            current = load_framework(DEFAULT_FRAMEWORK)
            truth, views = upgraded(truth, views, framework, current, rng)
            framework = current
        folder = out / year
        folder.mkdir(parents=True, exist_ok=True)
        for ministry in MINISTRIES:
            answers = ministry_answers(framework, truth, views, ministry, year, rng)
            save_responses(answers, folder / f"{ministry}.csv", framework)


if __name__ == "__main__":
    main()
