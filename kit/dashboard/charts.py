"""Altair charts of the dashboard, drawn to SVG with vl-convert so that they need no network.

Each builder returns an ``alt.Chart`` (tested as a specification with ``to_dict()``);
``to_svg`` draws it. Altair's default renderer loads vega from a CDN and is blank offline,
so the page shows the SVG text instead of a live vega view. Colours, font and the chart theme
come from ``kit.web.theme``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert

from kit.assessment import Assessment
from kit.framework import Framework
from kit.scoring import Scorecard
from kit.trend import Trend
from kit.web import theme

theme.use_altair_theme()


def band_scale(framework: Framework) -> alt.Scale:
    """A colour per band label, in the framework's order."""
    labels = [b.label for b in framework.bands]
    colours = [theme.band_colour(n) for n in range(len(labels))]
    return alt.Scale(domain=labels, range=colours)


def area_bars(framework: Framework, card: Scorecard, title: str = "Score by area") -> alt.Chart:
    """Horizontal bars of the area percentages, coloured by band, with the value printed."""
    rows = [
        {
            "area": framework.area(a.area_id).title,
            "percent": a.percent,
            "band": a.band or "No applicable item",
            "label": theme.MISSING if a.percent is None else f"{a.percent:.0f}%",
        }
        for a in card.areas.values()
    ]
    data = pd.DataFrame(rows)
    order = list(data["area"])
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("area:N", sort=order, title=None),
    )
    bars = base.mark_bar(cornerRadiusEnd=3, height=18).encode(
        x=alt.X("percent:Q", scale=alt.Scale(domain=[0, 100]), title="Score (%)"),
        color=alt.Color("band:N", scale=band_scale(framework), title="Band"),
        tooltip=["area", "label", "band"],
    )
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("percent:Q"), text="label:N"
    )
    return alt.layer(bars, text).properties(width=300, height=28 * len(rows))


def item_heatmap(framework: Framework, assessment: Assessment) -> alt.Chart:
    """Items (rows) by ministry (columns): each ministry's level, N/A and don't know shown apart."""
    rows = []
    for rs in assessment.response_sets:
        for item in framework.items.values():
            answer = rs.answer(item.id)
            rows.append(
                {
                    "item": item.title,
                    "ministry": rs.ministry,
                    "level": answer.level if answer.status == "level" else None,
                    "answer": answer.label or "unanswered",
                }
            )
    data = pd.DataFrame(rows)
    order = [i.title for i in framework.items.values()]
    base = alt.Chart(data, title="Levels by ministry").encode(
        x=alt.X(
            "ministry:N", title=None, axis=alt.Axis(orient="top", labelAngle=0, labelLimit=165)
        ),
        y=alt.Y("item:N", sort=order, title=None),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            "isValid(datum.level)",
            alt.Color(
                "level:O",
                scale=alt.Scale(
                    domain=list(theme.LEVEL_COLOURS), range=list(theme.LEVEL_COLOURS.values())
                ),
                title="Level",
            ),
            alt.value(theme.NO_LEVEL_COLOUR),
        ),
        tooltip=["item", "ministry", "answer"],
    )
    text = base.mark_text(fontSize=11).encode(text="answer:N")
    return alt.layer(cells, text).properties(
        width=170 * data["ministry"].nunique(), height=17 * len(order)
    )


def trend_bars(framework: Framework, trend: Trend) -> alt.Chart:
    """Each area's percentage in the previous and the current round, side by side."""
    rows = []
    for change in trend.areas:
        title = framework.area(change.id).title
        for round_name, value in (
            (trend.previous_round, change.previous),
            (trend.current_round, change.current),
        ):
            rows.append({"area": title, "round": round_name, "percent": value})
    data = pd.DataFrame(rows)
    order = [a.title for a in framework.areas]
    return (
        alt.Chart(data, title=f"{trend.previous_round} and {trend.current_round}")
        .mark_bar(height=10)
        .encode(
            y=alt.Y("area:N", sort=order, title=None),
            yOffset=alt.YOffset("round:N", sort=[trend.previous_round, trend.current_round]),
            x=alt.X("percent:Q", scale=alt.Scale(domain=[0, 100]), title="Score (%)"),
            color=alt.Color(
                "round:N",
                sort=[trend.previous_round, trend.current_round],
                scale=alt.Scale(range=[theme.PREVIOUS, theme.ACCENT]),
                title="Round",
            ),
            tooltip=["area", "round", alt.Tooltip("percent:Q", format=".0f")],
        )
        .properties(width=300, height=30 * len(order))
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Draw a chart as SVG text, with no network (vl-convert bundles vega)."""
    return vl_convert.vegalite_to_svg(chart.to_dict())
