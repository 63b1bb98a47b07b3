"""The cohort's Altair charts, and their offline SVG (no CDN: vl-convert draws them here).

Colours, font and the chart theme come from ``kit.web.theme``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kit import i18n
from kit.web import theme

theme.use_altair_theme()
#: Titles and axes in the current language (the charts are drawn per page view or report).
_ = i18n.translator("courses")


def _count_ticks(officials: pd.DataFrame) -> list[int]:
    """Whole numbers up the officials axis: a small cohort gets no 0.2-of-an-official ticks."""
    bands = (officials["percent"].clip(0, 99.999) // 10).value_counts()
    top = int(bands.max()) if len(bands) else 1
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def totals_chart(officials: pd.DataFrame, pass_mark: float | None = None) -> alt.Chart:
    """How many officials scored in each band of 10 percent."""
    bars = (
        alt.Chart(officials, title=_("Officials by total score"))
        .mark_bar(color=theme.SERIES)
        .encode(
            x=alt.X("percent:Q", bin=alt.Bin(extent=[0, 100], step=10), title=_("Total score (%)")),
            y=alt.Y(
                "count():Q",
                title=_("Officials"),
                axis=alt.Axis(values=_count_ticks(officials), format="d"),
            ),
        )
    )
    if pass_mark is None:
        return bars.properties(width=420, height=220)
    rule = (
        alt.Chart(pd.DataFrame({"pass": [pass_mark]}))
        .mark_rule(color=theme.ALERT, strokeWidth=3)
        .encode(x="pass:Q")
    )
    return (bars + rule).properties(width=420, height=220)


def difficulty_chart(questions: pd.DataFrame) -> alt.Chart:
    """Each question's difficulty (share of points earned), coloured by discrimination."""
    data = questions.assign(
        label=questions["assignment"].str.slice(0, 2) + " " + questions["question"],
        discrimination=questions["discrimination"].astype(float),
    )
    return (
        alt.Chart(data, title=_("Questions: share of points the cohort earned"))
        .mark_bar()
        .encode(
            x=alt.X("difficulty:Q", scale=alt.Scale(domain=[0, 1]), title=_("Difficulty (p)")),
            y=alt.Y("label:N", sort="x", title=None),
            color=alt.Color(
                "discrimination:Q",
                scale=alt.Scale(scheme="redyellowgreen", domain=[-0.2, 0.8]),
                title=_("Discrimination"),
            ),
            tooltip=["assignment", "question", "difficulty", "discrimination", "points"],
        )
        .properties(width=420, height=max(120, 16 * len(data)))
    )


def discrimination_chart(questions: pd.DataFrame) -> alt.Chart:
    """Each question as a point: difficulty across, discrimination up; the 0.2 line marks the
    questions that tell strong and weak officials apart poorly."""
    data = questions.dropna(subset=["discrimination"]).assign(
        label=lambda q: q["assignment"].str.slice(0, 2) + " " + q["question"],
        discrimination=lambda q: q["discrimination"].astype(float),
    )
    points = (
        alt.Chart(data, title=_("Questions: difficulty and discrimination"))
        .mark_circle(size=90, color=theme.SERIES, opacity=0.8)
        .encode(
            x=alt.X("difficulty:Q", scale=alt.Scale(domain=[0, 1]), title=_("Difficulty (p)")),
            y=alt.Y("discrimination:Q", scale=alt.Scale(domain=[-1, 1]), title=_("Discrimination")),
            tooltip=["assignment", "question", "difficulty", "discrimination", "points"],
        )
    )
    floor = (
        alt.Chart(pd.DataFrame({"y": [0.2]}))
        .mark_rule(color=theme.ALERT, strokeDash=[4, 4])
        .encode(y="y:Q")
    )
    return (points + floor).properties(width=420, height=260)


def number_locale() -> dict:
    """The d3-format locale of the current language, from the same CLDR data as
    ``kit.i18n.format_number``: axis ticks such as 0,2 in French, 0.2 in English."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = i18n.current()
    return {
        "decimal": get_decimal_symbol(lang),
        "thousands": get_group_symbol(lang),
        "grouping": [3],
        "currency": ["", ""],
    }


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an inline SVG element, drawn without a network, its numbers written for
    the current language."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), format_locale=number_locale())
