"""Is the petal chart a vector drawing with one petal per scored area, its length the area's
percentage, and no petal (but a label) for an area with no score?"""

from __future__ import annotations

import re

from kit.report.radar import RADIUS, petal_svg


def test_one_petal_per_scored_area_with_its_length():
    """50% reaches half the radius, 100% the outer ring; N/A and 0% draw no petal."""
    svg = petal_svg([("Half", 50.0), ("Full", 100.0), ("None", None), ("Zero", 0.0)])
    assert svg.startswith("<svg") and "<image" not in svg
    radii = [float(r) for r in re.findall(r" A([\d.]+),", svg)]
    assert radii == [RADIUS * 0.5, RADIUS * 1.0]
    assert "<title>Half: 50.0%</title>" in svg and "<title>Full: 100.0%</title>" in svg
    assert "None n/a</text>" in svg and "Zero 0%</text>" in svg


def test_titles_are_escaped():
    """Is an area title with markup drawn as text, not as SVG?"""
    svg = petal_svg([('<b>"A" & B</b>', 40.0)])
    assert "<b>" not in svg and "&lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;" in svg
