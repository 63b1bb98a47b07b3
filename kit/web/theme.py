"""One place for the look of every page the kit makes: palette, style sheet, chart theme,
templates, and how a missing value is shown.

The offline HTML report, the dashboards and the lessons landing page all take their colours and
their missing-value mark from here, so a level is the same colour and an absent number reads the
same everywhere.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from kit import i18n

#: Level colours, from "nothing in place" (0, red) to "institutionalised" (4, green). They are the
#: offline report's colours; the dashboard's heat map uses them too.
LEVEL_COLOURS = {0: "#c0392b", 1: "#e67e22", 2: "#f1c40f", 3: "#7dbb5b", 4: "#2e8b57"}
#: A cell with no level: N/A, don't know, unanswered.
NO_LEVEL_COLOUR = "#d5d8dc"
#: Band colours from weakest to strongest (red to green), chosen to stay apart for common
#: colour-vision deficiencies; a framework with more bands reuses the last colour.
BAND_COLOURS = ("#c0392b", "#e67e22", "#f1c40f", "#27ae60", "#1e8449", "#145a32")
#: Band colours dark text reads better on.
LIGHT_BAND_COLOURS = frozenset({"#f1c40f"})
#: Accent (headings, primary buttons, the current round) and the previous round's grey.
ACCENT = "#1f5f8b"
PREVIOUS = "#9e9e9e"
#: Single-series marks of the cohort charts, and the red of a line to notice (a pass mark).
SERIES = "#2b6cb0"
ALERT = "#b3261e"
#: DejaVu Sans first: vl-convert measures label widths with the first font it finds, and the
#: browser must draw with the same one or long labels are clipped at the chart's edge.
FONT = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif"

#: How every page shows a value that is not there (no applicable item, no earlier round...).
MISSING = "–"


def pct(value: float | None) -> str:
    """A percentage with one decimal in the current language (``42.5%``, ``42,5 %`` in French);
    MISSING when there is none."""
    return MISSING if value is None else i18n.format_percent(value / 100, digits=1)


def signed(value: float | None) -> str:
    """A change with its sign (``+2.5``, ``+2,5`` in French); MISSING when there is none."""
    if value is None:
        return MISSING
    number = i18n.format_number(abs(value), digits=1)
    return f"{'-' if value < 0 else '+'}{number}"


def level(value: float | None) -> str:
    """A level without trailing zeros (``2``, ``2.5``, ``2,5`` in French); MISSING when there is
    none."""
    return MISSING if value is None else i18n.format_number(value)


def level_colour(value: float | None) -> str:
    """The heat-map colour of a level (half levels from a median take the lower colour)."""
    return NO_LEVEL_COLOUR if value is None else LEVEL_COLOURS[int(value)]


def band_colour(index: int) -> str:
    """The colour of the ``index``-th band (0 = weakest)."""
    return BAND_COLOURS[min(index, len(BAND_COLOURS) - 1)]


@cache
def environment() -> jinja2.Environment:
    """The jinja environment of every page template in kit/web/templates (escaping on, and an
    undefined name is an error rather than an empty string)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kit.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(pct=pct, signed=signed, lvl=level)
    env.globals.update(MISSING=MISSING, level_colour=level_colour)
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of kit/web/templates."""
    return environment().get_template(template).render(**context)


def macros(template: str, **helpers: Any) -> Any:
    """The macros of a template, called like functions (``macros(name).title(...)``), with
    ``helpers`` (functions the template calls) in scope."""
    return environment().get_template(template).make_module(helpers)


@cache
def stylesheet() -> Markup:
    """The one style sheet of the dashboards and the lessons landing page, as a <style> element."""
    css = environment().loader.get_source(environment(), "kit.css")[0]
    return Markup(f"<style>\n{css}</style>")


@cache
def use_altair_theme() -> str:
    """Register the kit's Altair theme and enable it (once per process); return its name.

    Charts are drawn to SVG by vl-convert: the theme's font must be the one the page draws with.
    """
    import altair as alt

    @alt.theme.register("kit", enable=True)
    def kit_theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                "font": FONT,
                "view": {"stroke": None},
                "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 320},
                "legend": {
                    "orient": "bottom",
                    "labelFontSize": 12,
                    "titleFontSize": 12,
                    "titleLimit": 200,
                },
                "title": {"fontSize": 14, "anchor": "start"},
            }
        }

    return "kit"
