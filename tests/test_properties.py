"""Properties that hold for any answers: bounds, order independence, N/A neutrality."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.assessment import assess
from kit.framework import Framework, load_framework
from kit.responses import Answer, ResponseSet
from kit.scoring import score

GCIM = load_framework("gcim-2005")
ITEM_IDS = list(GCIM.items)

answer_values = st.one_of(
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["na", "dk", None]),
)
answer_maps = st.dictionaries(st.sampled_from(ITEM_IDS), answer_values)


def to_answer(item_id: str, value) -> Answer:
    if value == "na":
        return Answer(item_id, "na", na_reason="not applicable here")
    if value == "dk":
        return Answer(item_id, "dont_know")
    if value is None:
        return Answer(item_id)
    return Answer(item_id, "level", float(value))


def response_set(name: str, values: dict) -> ResponseSet:
    answers = {k: to_answer(k, v) for k, v in values.items()}
    return ResponseSet(GCIM.id, "Utopia", name, "2025", answers)


def in_range(value):
    return value is None or 0.0 <= value <= 100.0


@settings(max_examples=150, deadline=None)
@given(answer_maps)
def test_scores_stay_between_0_and_100(values):
    """Whatever the answers, are every item, area and overall percentage within 0-100?"""
    card = score(GCIM, response_set("M", values).answers)
    assert in_range(card.percent)
    assert all(in_range(a.percent) for a in card.areas.values())
    assert all(in_range(i.percent) for i in card.items.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(answer_maps, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_row_and_file_order_change_nothing(ministries, rnd: random.Random):
    """Does shuffling the rows in each file, or the order of the files, leave every number alone?"""
    sets = [response_set(f"M{n}", values) for n, values in enumerate(ministries)]
    shuffled = []
    for rs in sets:
        items = list(rs.answers.items())
        rnd.shuffle(items)
        shuffled.append(
            ResponseSet(rs.framework_id, rs.country, rs.ministry, rs.round, dict(items))
        )
    rnd.shuffle(shuffled)
    a, b = assess(GCIM, sets), assess(GCIM, shuffled)
    assert a.consolidated.percent == b.consolidated.percent
    assert a.consolidated.areas == b.consolidated.areas
    assert a.consolidation.areas == b.consolidation.areas
    assert a.gaps == b.gaps


def with_extra_item(framework: Framework, area_id: str, weight: float) -> Framework:
    """The same framework with one more item, ``<area>.extra``, at the end of one area."""
    template = framework.area(area_id).items[0]
    extra = replace(template, id=f"{area_id}.extra", title="Extra", weight=weight)
    areas = tuple(
        replace(a, items=(*a.items, extra)) if a.id == area_id else a for a in framework.areas
    )
    return replace(framework, areas=areas)


@settings(max_examples=150, deadline=None)
@given(answer_maps, st.sampled_from([a.id for a in GCIM.areas]), st.sampled_from([1.0, 2.0]))
def test_adding_an_na_item_leaves_its_area_unchanged(values, area_id, weight):
    """Does a new item answered N/A leave its area's score and the overall score unchanged?"""
    bigger = with_extra_item(GCIM, area_id, weight)
    before = score(GCIM, response_set("M", values).answers)
    after = score(bigger, response_set("M", {**values, f"{area_id}.extra": "na"}).answers)
    assert after.areas[area_id].percent == before.areas[area_id].percent
    assert after.percent == before.percent


@settings(max_examples=100, deadline=None)
@given(answer_maps, st.sampled_from(ITEM_IDS))
def test_na_on_an_item_of_another_area_leaves_this_area_alone(values, item_id):
    """Does marking an item N/A leave every other area's score exactly as it was?"""
    before = score(GCIM, response_set("M", values).answers)
    after = score(GCIM, response_set("M", {**values, item_id: "na"}).answers)
    own = GCIM.items[item_id].area_id
    for area_id, area in before.areas.items():
        if area_id != own:
            assert after.areas[area_id] == area
