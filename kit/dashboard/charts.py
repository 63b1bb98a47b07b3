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

from kit import i18n
from kit.assessment import Assessment
from kit.framework import Framework
from kit.report import words
from kit.scoring import Scorecard
from kit.trend import Trend
from kit.web import theme

_ = i18n.translator("assessment")

theme.use_altair_theme()


def band_scale(framework: Framework) -> alt.Scale:
    """A colour per band label, in the framework's order."""
    labels = [b.label for b in framework.bands]
    colours = [theme.band_colour(n) for n in range(len(labels))]
    return alt.Scale(domain=labels, range=colours)


def _rtl() -> bool:
    """Whether the charts are mirrored: a right-to-left language reads them from the right."""
    return i18n.direction() == "rtl"


def _title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, anchor="end" if _rtl() else "start")


def area_bars(framework: Framework, card: Scorecard, title: str | None = None) -> alt.Chart:
    """Horizontal bars of the area percentages, coloured by band, with the value printed.

    In a right-to-left language the bars grow from the right and the areas are named on the
    right; the numbers stay left to right.
    """
    rtl = _rtl()
    no_item = _("No applicable item")
    rows = [
        {
            "area": framework.area(a.area_id).title,
            "percent": a.percent,
            "band": a.band or no_item,
            "label": theme.MISSING
            if a.percent is None
            else i18n.format_percent(a.percent / 100, digits=0),
        }
        for a in card.areas.values()
    ]
    data = pd.DataFrame(rows)
    order = list(data["area"])
    base = alt.Chart(data, title=_title(title or _("Score by area"))).encode(
        y=alt.Y("area:N", sort=order, title=None, axis=alt.Axis(orient="right" if rtl else "left")),
    )
    bars = base.mark_bar(cornerRadiusEnd=3, height=18).encode(
        x=alt.X("percent:Q", scale=alt.Scale(domain=[0, 100], reverse=rtl), title=_("Score (%)")),
        color=alt.Color("band:N", scale=band_scale(framework), title=_("Band")),
        tooltip=[
            alt.Tooltip("area", title=_("Area")),
            alt.Tooltip("label", title=_("Score")),
            alt.Tooltip("band", title=_("Band")),
        ],
    )
    text = base.mark_text(
        align="right" if rtl else "left", dx=-4 if rtl else 4, fontSize=12
    ).encode(x=alt.X("percent:Q"), text="label:N")
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
                    "answer": words.answer_label(answer) or _("unanswered"),
                }
            )
    data = pd.DataFrame(rows)
    order = [i.title for i in framework.items.values()]
    rtl = _rtl()
    ministries = list(dict.fromkeys(data["ministry"]))
    base = alt.Chart(data, title=_title(_("Levels by ministry"))).encode(
        x=alt.X(
            "ministry:N",
            title=None,
            # Mirrored in a right-to-left language: the first ministry on the right.
            sort=ministries[::-1] if rtl else ministries,
            axis=alt.Axis(orient="top", labelAngle=0, labelLimit=165),
        ),
        y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(orient="right" if rtl else "left")),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            "isValid(datum.level)",
            alt.Color(
                "level:O",
                scale=alt.Scale(
                    domain=list(theme.LEVEL_COLOURS), range=list(theme.LEVEL_COLOURS.values())
                ),
                title=_("Level"),
            ),
            alt.value(theme.NO_LEVEL_COLOUR),
        ),
        tooltip=[
            alt.Tooltip("item", title=_("Item")),
            alt.Tooltip("ministry", title=_("Ministry")),
            alt.Tooltip("answer", title=_("Answer")),
        ],
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
    rtl = _rtl()
    title = _("{previous} and {current}").format(
        previous=trend.previous_round, current=trend.current_round
    )
    return (
        alt.Chart(data, title=_title(title))
        .mark_bar(height=10)
        .encode(
            y=alt.Y(
                "area:N", sort=order, title=None, axis=alt.Axis(orient="right" if rtl else "left")
            ),
            yOffset=alt.YOffset("round:N", sort=[trend.previous_round, trend.current_round]),
            x=alt.X(
                "percent:Q", scale=alt.Scale(domain=[0, 100], reverse=rtl), title=_("Score (%)")
            ),
            color=alt.Color(
                "round:N",
                sort=[trend.previous_round, trend.current_round],
                scale=alt.Scale(range=[theme.PREVIOUS, theme.ACCENT]),
                title=_("Round"),
            ),
            tooltip=[
                alt.Tooltip("area", title=_("Area")),
                alt.Tooltip("round", title=_("Round")),
                alt.Tooltip("percent:Q", format=".0f", title=_("Score (%)")),
            ],
        )
        .properties(width=300, height=30 * len(order))
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Draw a chart as SVG text, with no network (vl-convert bundles vega)."""
    return vl_convert.vegalite_to_svg(chart.to_dict())
