"""HTML of the dashboard's widgets: values prepared here, markup in kit/web/templates.

The style sheet, colours and the missing-value mark come from ``kit.web.theme``.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from markupsafe import Markup

from kit import i18n
from kit.assessment import Assessment
from kit.dashboard import charts
from kit.dashboard.session import Notice
from kit.errors import KitError
from kit.framework import Framework, Item
from kit.i18n import N_
from kit.io import datafolder as folder
from kit.report import words
from kit.report.html import language_context
from kit.report.radar import petal_svg
from kit.responses import Answer, ResponseSet
from kit.scoring import Scorecard
from kit.web import theme

_ = i18n.translator("assessment")

TEMPLATE = "dashboard.html.j2"


def band_colours(framework: Framework, band: str) -> tuple[str, str]:
    """Background and text colour of a band's label."""
    labels = [b.label for b in framework.bands]
    colour = theme.band_colour(labels.index(band) if band in labels else 0)
    return colour, ("#1d2733" if colour in theme.LIGHT_BAND_COLOURS else "#fff")


def _html() -> object:
    return theme.macros(
        TEMPLATE,
        band_colours=band_colours,
        rule_name=words.consolidation_rule,
        **language_context(),
    )


def band_badge(framework: Framework, band: str | None) -> str:
    """The band as a coloured label."""
    return str(_html().band(framework, band))


def notice_html(notice: Notice) -> str:
    """A message box; errors are announced to screen readers."""
    return str(_html().notice(notice.kind, notice.text))


def answer_mark(answer: Answer) -> str:
    """A short mark for the item list: the level, N/A, ? or an open circle."""
    if answer.status == "level":
        return f"✔ {words.answer_label(answer)}"
    if answer.status == "na":
        return "✔ " + _("N/A")
    return {"dont_know": "?"}.get(answer.status, "○")


def choice_value(answer: Answer) -> int | str:
    """The toggle button value for an answer."""
    if answer.status == "level" and answer.level is not None:
        return int(answer.level)
    return answer.status


def title_html(framework: Framework, rs: ResponseSet | None) -> str:
    """The page heading: what is assessed, for whom."""
    return str(_html().title(framework, rs))


def item_header(framework: Framework, item: Item) -> str:
    """The item's title, where it comes from in the chapter and what it tests."""
    return str(_html().item_header(framework.area(item.area_id), item))


def evidence_hint(item: Item) -> str:
    """What a ministry could cite as evidence for the item."""
    return str(_html().evidence_hint(item))


def descriptor_table(item: Item, answer: Answer) -> str:
    """The five level descriptors, the chosen one highlighted."""
    chosen = int(answer.level) if answer.status == "level" and answer.level is not None else None
    return str(_html().descriptor_table(item, chosen))


def progress_html(framework: Framework, card: Scorecard) -> str:
    """How many items are answered."""
    answered = sum(1 for i in card.items.values() if i.status != "unanswered")
    return str(_html().progress(answered, len(framework.items)))


def empty_live() -> str:
    """The results panel before anything is open."""
    return str(_html().empty_live())


def live_html(framework: Framework, card: Scorecard, ministry: str, area_id: str) -> str:
    """This ministry's overall score and band, and the score of the area being answered."""
    area = framework.area(area_id)
    return str(_html().live(framework, card, ministry, area, card.areas[area_id]))


def country_html(framework: Framework, a: Assessment, problems: list[str]) -> str:
    """Every ministry of the round together: consolidated scores, coherence and the heat map."""
    drawn = (
        Markup(
            charts.to_svg(
                charts.area_bars(framework, a.consolidated, title=_("Country: score by area"))
            )
        ),
        Markup(charts.to_svg(charts.item_heatmap(framework, a))),
        # The report's petal chart: inline SVG drawn here, no script, nothing fetched.
        Markup(
            petal_svg(
                [(area.title, a.consolidated.areas[area.id].percent) for area in framework.areas],
                rtl=i18n.direction() == "rtl",
            )
        ),
    )
    return str(_html().country(framework, a, problems, drawn))


def trend_html(framework: Framework, a: Assessment) -> str:
    """The previous round against this one, by area, with the items that moved."""
    chart = Markup(charts.to_svg(charts.trend_bars(framework, a.trend))) if a.trend else ""
    return str(_html().trend(framework, a.trend, chart))


def plan_html(framework: Framework, a: Assessment) -> str:
    """The gaps below the target level and the modules that close them."""
    return str(_html().plan(framework, a))


#: The report's downloads: suffix -> (media type, label). The PDF takes seconds to lay out, so
#: it is made only when asked for (its own button), never with the others.
# Labels are marked here and translated where the links are made (the page's language).
REPORT_KINDS = {
    ".html": ("text/html", N_("Report (HTML, opens offline)")),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        N_("Report (Excel)"),
    ),
    ".json": ("application/json", N_("Report data (JSON)")),
}
PDF_KIND = {".pdf": ("application/pdf", N_("Country profile (PDF, A4, to print)"))}


def report_links(a: Assessment, kinds: dict[str, tuple[str, str]] = REPORT_KINDS) -> str:
    """Download links for the report in ``kinds`` (by default offline HTML, Excel and JSON;
    ``PDF_KIND`` for the printable profile)."""
    from kit.report.write import write_report

    stem = f"{folder.slugify(a.country)}-{folder.slugify(a.round)}-report"
    links = []
    with tempfile.TemporaryDirectory(prefix="kit-report-") as tmp:
        for suffix, (mime, label) in kinds.items():
            path = Path(tmp) / f"{stem}{suffix}"
            try:
                write_report(a, path)
            except (ImportError, NotImplementedError):
                continue  # a format whose writer is not installed is simply not offered
            except KitError:
                if suffix != ".pdf":
                    raise
                continue  # no Pango on this machine: the other formats are still offered
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            links.append(
                {
                    "kind": suffix[1:],
                    "name": path.name,
                    "href": f"data:{mime};base64,{data}",
                    "label": _(label),
                }
            )
    return str(_html().downloads(links))
