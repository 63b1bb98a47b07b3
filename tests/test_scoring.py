"""Hand-computed scores: the anchors' rules on the five-item mini framework."""

from __future__ import annotations

import pytest
from factories import ministry

from kit.scoring import score


def card(mini, **levels):
    return score(mini, ministry("M", {k.replace("_", "."): v for k, v in levels.items()}).answers)


def test_weighted_mean_and_weakest_link_by_hand(mini):
    """Does area A take the weighted mean (N/A out) and area B its weakest item?"""
    result = card(mini, a_one=4, a_two=2, a_three="na", b_one=3, b_two=1)
    # A: (1 x 100 + 2 x 50) / (1 + 2); B: min(75, 25); overall: mean of the two areas.
    assert result.areas["a"].percent == pytest.approx(200 / 3)
    assert result.areas["b"].percent == pytest.approx(25.0)
    assert result.percent == pytest.approx((200 / 3 + 25) / 2)
    assert result.band == "Low"
    assert result.areas["a"].band == "Middle"


def test_dont_know_scores_zero_and_is_flagged(mini):
    """Does "don't know" count as 0 in the denominator and get flagged, unlike N/A?"""
    result = card(mini, a_one=4, a_two=4, a_three="dk", b_one=4, b_two=4)
    assert result.areas["a"].percent == pytest.approx((100 + 2 * 100 + 0) / 4)
    assert result.areas["a"].flagged == ("a.three",)
    assert result.items["a.three"].flag == "don't know (scored 0)"
    assert result.areas["a"].completeness == pytest.approx(200 / 3)


def test_unanswered_item_scores_zero_and_is_flagged(mini):
    """Is an item missing from the file scored 0 and flagged as unanswered?"""
    result = card(mini, a_one=4, a_two=4, b_one=4, b_two=4)
    assert result.items["a.three"].status == "unanswered"
    assert result.areas["a"].percent == pytest.approx(75.0)
    assert result.areas["a"].flagged == ("a.three",)


def test_area_of_only_na_items_leaves_the_overall(mini):
    """Is an area whose items are all N/A left out of the overall score, not scored 0?"""
    result = card(mini, a_one=2, a_two=2, a_three=2, b_one="na", b_two="na")
    assert result.areas["b"].percent is None
    assert result.areas["b"].band is None
    assert result.percent == pytest.approx(50.0)


def test_bands_are_applied_to_the_unrounded_percentage(mini):
    """Does 49.99% stay below the 50% band boundary rather than round up into it?"""
    assert mini.band(49.99) == "Low"
    assert mini.band(50.0) == "Middle"
    assert mini.band(100.0) == "High"


def test_evidence_coverage_counts_answered_items_with_evidence(mini):
    """Is evidence coverage the share of level answers that cite evidence?"""
    rs = ministry("M", {"a.one": 2, "a.two": 3, "a.three": "na"})
    rs = rs.with_answer(rs.answers["a.one"].__class__("a.one", "level", 2.0, evidence="decree"))
    result = score(mini, rs.answers)
    assert result.areas["a"].evidence_coverage == pytest.approx(50.0)
