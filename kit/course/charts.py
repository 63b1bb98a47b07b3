"""The cohort's Altair charts, and their offline SVG (no CDN: vl-convert draws them here)."""

from __future__ import annotations

import altair as alt
import pandas as pd


def totals_chart(officials: pd.DataFrame, pass_mark: float | None = None) -> alt.Chart:
    """How many officials scored in each band of 10 percent."""
    bars = (
        alt.Chart(officials, title="Officials by total score")
        .mark_bar(color="#2b6cb0")
        .encode(
            x=alt.X("percent:Q", bin=alt.Bin(extent=[0, 100], step=10), title="Total score (%)"),
            y=alt.Y("count():Q", title="Officials"),
        )
    )
    if pass_mark is None:
        return bars.properties(width=420, height=220)
    rule = (
        alt.Chart(pd.DataFrame({"pass": [pass_mark]})).mark_rule(color="#b3261e").encode(x="pass:Q")
    )
    return (bars + rule).properties(width=420, height=220)


def difficulty_chart(questions: pd.DataFrame) -> alt.Chart:
    """Each question's difficulty (share of points earned), coloured by discrimination."""
    data = questions.assign(
        label=questions["assignment"].str.slice(0, 2) + " " + questions["question"],
        discrimination=questions["discrimination"].astype(float),
    )
    return (
        alt.Chart(data, title="Questions: share of points the cohort earned")
        .mark_bar()
        .encode(
            x=alt.X("difficulty:Q", scale=alt.Scale(domain=[0, 1]), title="Difficulty (p)"),
            y=alt.Y("label:N", sort="x", title=None),
            color=alt.Color(
                "discrimination:Q",
                scale=alt.Scale(scheme="redyellowgreen", domain=[-0.2, 0.8]),
                title="Discrimination",
            ),
            tooltip=["assignment", "question", "difficulty", "discrimination", "points"],
        )
        .properties(width=420, height=max(120, 16 * len(data)))
    )


def to_svg(chart: alt.Chart) -> str:
    """The chart as an inline SVG element, drawn without a network."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())
