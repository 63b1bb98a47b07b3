"""Do the dashboard's charts encode the engine's numbers, and draw with no network?"""

from __future__ import annotations

import pytest

from kit.assessment import assess
from kit.dashboard import charts
from kit.io import datafolder as folder


@pytest.fixture(scope="module")
def assessment(framework, sample_dir):
    current = folder.load_round(sample_dir, "utopia", "2025", framework).response_sets
    previous = folder.load_round(sample_dir, "utopia", "2023", framework).response_sets
    return assess(framework, current, previous)


def _values(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_area_bars_carry_area_percentages(framework, assessment):
    """Does each bar carry its area's percentage and band, coloured from the framework's bands?"""
    spec = charts.area_bars(framework, assessment.consolidated).to_dict()
    rows = {r["area"]: r for r in _values(spec)}
    for area in framework.areas:
        score = assessment.consolidated.areas[area.id]
        assert rows[area.title]["percent"] == pytest.approx(score.percent)
        assert rows[area.title]["band"] == score.band
    bars = spec["layer"][0]["encoding"]["color"]["scale"]
    assert bars["domain"] == [b.label for b in framework.bands]


def test_heatmap_has_every_item_of_every_ministry(framework, assessment):
    """Does the heat map hold one cell per item and ministry, with the ministry's own level?"""
    values = _values(charts.item_heatmap(framework, assessment).to_dict())
    assert len(values) == len(framework.items) * len(assessment.ministries)
    labour = next(rs for rs in assessment.response_sets if rs.ministry == "Ministry of Labour")
    item = next(iter(framework.items))
    title = framework.items[item].title
    cell = next(v for v in values if v["ministry"] == "Ministry of Labour" and v["item"] == title)
    assert cell["level"] == labour.answer(item).level


def test_trend_bars_show_both_rounds(framework, assessment):
    """Does the trend chart hold each area's previous and current percentage?"""
    values = _values(charts.trend_bars(framework, assessment.trend).to_dict())
    assert {v["round"] for v in values} == {"2023", "2025"}
    assert len(values) == 2 * len(framework.areas)


def test_svg_is_drawn_offline(framework, assessment):
    """Is a chart drawn to SVG text by vl-convert, with no script to fetch from anywhere?"""
    svg = charts.to_svg(charts.area_bars(framework, assessment.consolidated))
    assert svg.lstrip().startswith("<svg") and "<script" not in svg and "http://cdn" not in svg
