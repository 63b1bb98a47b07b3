"""Several ministries, one country: consolidated levels, coherence, trend and gap plan by hand."""

from __future__ import annotations

import pytest
from factories import ministry

from kit.assessment import assess
from kit.consolidation import consolidate
from kit.errors import KitError

THREE = [
    ministry("Interior", {"a.one": 1, "a.two": 2, "a.three": "na", "b.one": "dk", "b.two": "dk"}),
    ministry("Labour", {"a.one": 2, "a.two": 2, "a.three": "na", "b.one": 2, "b.two": "dk"}),
    ministry("Justice", {"a.one": 4, "a.two": 2, "a.three": 3, "b.one": 3, "b.two": "dk"}),
]


def test_median_consolidation_by_hand(mini):
    """Is the consolidated level the median of the levels given, ignoring don't know and N/A?"""
    result = consolidate(mini, THREE)
    assert result.answers["a.one"].level == 2
    assert result.answers["a.three"].level == 3  # N/A from two, a level from one
    assert result.answers["b.one"].level == 2.5  # median of 2 and 3; don't know left out
    assert result.answers["b.two"].status == "dont_know"


def test_coherence_by_hand(mini):
    """Is coherence 100 - 25 x spread per item, averaged per area and overall?"""
    result = consolidate(mini, THREE)
    assert result.items["a.one"].spread == 3
    assert result.items["a.one"].coherence == 25.0
    assert result.items["a.one"].flagged
    assert result.items["a.two"].coherence == 100.0
    assert not result.items["a.two"].flagged
    assert result.items["a.three"].coherence is None  # one level: nothing to compare
    assert result.items["a.three"].applicability_disputed
    assert result.areas["a"] == pytest.approx((25 + 100) / 2)
    assert result.areas["b"] == pytest.approx(75.0)
    assert result.overall == pytest.approx((62.5 + 75) / 2)


def test_one_level_apart_is_not_flagged(mini):
    """Are items only one level apart left unflagged?"""
    pair = [ministry("X", {"a.one": 2}), ministry("Y", {"a.one": 3})]
    assert not consolidate(mini, pair).items["a.one"].flagged


def test_lead_ministry_level_stands(mini):
    """With a lead ministry, does its level replace the median where it gave one?"""
    result = consolidate(mini, THREE, lead="Justice")
    assert result.answers["a.one"].level == 4
    assert result.answers["b.two"].status == "dont_know"
    with pytest.raises(KitError, match="lead ministry 'Finance' has no response file"):
        consolidate(mini, THREE, lead="Finance")


def test_gap_plan_by_hand(mini):
    """Are gaps ranked by shortfall x weight and mapped to the modules that close them?"""
    result = assess(mini, THREE)
    ranked = [(g.item_id, g.priority) for g in result.gaps]
    # b.two: don't know -> 0, (3 - 0) x 1; a.two: (3 - 2) x 2; a.one: 1 x 1; b.one: 0.5 x 1.
    assert ranked == [("b.two", 3.0), ("a.two", 2.0), ("a.one", 1.0), ("b.one", 0.5)]
    plan = [(m.module_id, m.priority) for m in result.plan]
    assert plan == [("m1", 6.0), ("m2", 2.5)]


def test_target_level_changes_the_plan(mini):
    """Does a lower target drop the items already at it?"""
    result = assess(mini, THREE, target=2)
    assert [g.item_id for g in result.gaps] == ["b.two"]


def test_trend_by_hand(mini):
    """Does the trend show previous, current and change per area and item?"""
    before = [
        ministry(
            "Interior",
            {"a.one": 1, "a.two": 3, "a.three": 3, "b.one": 1, "b.two": 1},
            round_="2023",
        )
    ]
    result = assess(mini, THREE, before)
    trend = {c.id: c for c in result.trend.items}
    assert (trend["a.one"].previous, trend["a.one"].current, trend["a.one"].change) == (1, 2, 1)
    assert trend["a.two"].change == -1
    assert [c.id for c in result.trend.improved] == ["a.one", "b.one"]
    assert [c.id for c in result.trend.regressed] == ["a.two", "b.two"]
    assert result.trend.previous_round == "2023"


def test_mixed_countries_are_refused(mini):
    """Are files of two countries in one run refused, naming the file?"""
    other = ministry("Labour", {"a.one": 2}, country="Elsewhere")
    with pytest.raises(KitError, match="Labour.csv: country 'Elsewhere' differs from 'Mini'"):
        consolidate(mini, [THREE[0], other])


def test_same_ministry_twice_is_refused(mini):
    """Is one ministry's second file in the same round refused?"""
    with pytest.raises(KitError, match="ministry 'Interior' already answered"):
        consolidate(mini, [THREE[0], THREE[0]])
