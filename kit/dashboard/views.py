"""HTML fragments of the dashboard: headings, score cards, tables and the page's style sheet."""

from __future__ import annotations

import base64
import html
import tempfile
from pathlib import Path

from kit.assessment import Assessment
from kit.dashboard import charts
from kit.dashboard.session import Notice
from kit.framework import Framework, Item
from kit.io import datafolder as folder
from kit.responses import Answer, ResponseSet
from kit.scoring import Scorecard

STYLE = """<style>
.kit-app { max-width: 1240px; margin: 0 auto; font-size: 14px; color: #1d2733; }
.kit-app h1 { font-size: 26px; margin: 4px 0 2px; color: #123b5c; }
.kit-app .kit-subtitle { color: #4b5a69; margin: 0 0 10px; }
.kit-card { background: #fff; border: 1px solid #d9e1ea; border-radius: 8px;
            padding: 12px 14px; margin: 6px 0; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.kit-row { gap: 8px; flex-wrap: wrap; align-items: center; }
.kit-columns { gap: 14px; align-items: flex-start; }
.kit-col-main, .kit-col-side { min-width: 0; }
.kit-sub { margin: 10px 0 4px; color: #123b5c; }
.kit-item-id { color: #6b7785; font-family: monospace; font-size: 12px; }
.kit-item-title { font-size: 19px; margin: 2px 0 6px; color: #123b5c; }
.kit-source { background: #f3f6fa; border-left: 4px solid #1f5f8b; padding: 6px 10px;
              margin: 6px 0; }
.kit-desc { border-collapse: collapse; width: 100%; margin: 6px 0; }
.kit-desc td { border-bottom: 1px solid #e6ebf0; padding: 5px 8px; vertical-align: top;
               line-height: 1.35; }
.kit-desc td.kit-lv { font-weight: 600; width: 4.5em; white-space: nowrap; color: #123b5c; }
.kit-desc tr.kit-chosen td { background: #e3f1e6; }
.kit-desc tr.kit-chosen td.kit-lv { color: #145a32; }
.kit-hint { color: #4b5a69; font-size: 13px; }
.kit-notice { padding: 8px 12px; border-radius: 6px; margin: 4px 0; line-height: 1.4; }
.kit-notice-info { background: #eef4fb; border: 1px solid #bcd3ea; }
.kit-notice-success { background: #e8f5ec; border: 1px solid #a9d5b5; }
.kit-notice-warning { background: #fff6e0; border: 1px solid #f0cf79; }
.kit-notice-error { background: #fdecea; border: 1px solid #f0a9a1; color: #7a1c12; }
.kit-score { display: flex; gap: 14px; align-items: baseline; flex-wrap: wrap; }
.kit-big { font-size: 40px; font-weight: 700; color: #123b5c; line-height: 1.1; }
.kit-band { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff;
            font-weight: 600; }
.kit-muted { color: #6b7785; }
.kit-table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
.kit-table th { text-align: left; background: #f3f6fa; color: #123b5c; }
.kit-table th, .kit-table td { border-bottom: 1px solid #e6ebf0; padding: 5px 8px;
                               vertical-align: top; }
.kit-table td.num { text-align: right; white-space: nowrap; }
.kit-up { color: #1e8449; font-weight: 600; }
.kit-down { color: #c0392b; font-weight: 600; }
.kit-chart svg { max-width: 100%; height: auto; }
.kit-items select { font-size: 14px; }
.kit-download a { display: inline-block; margin: 6px 10px 6px 0; padding: 8px 14px;
                  background: #1f5f8b; color: #fff; border-radius: 6px; text-decoration: none; }
.kit-level .widget-toggle-button { min-width: 44px; }
.kit-level .widget-toggle-button.mod-active { background: #1f5f8b; color: #fff; }
</style>"""


def esc(value: object) -> str:
    """Escape text for HTML."""
    return html.escape(str(value))


def pct(value: float | None) -> str:
    """A percentage as the report prints it, one decimal; N/A when there is none."""
    return "N/A" if value is None else f"{value:.1f}%"


def band_badge(framework: Framework, band: str | None) -> str:
    """The band as a coloured label."""
    if band is None:
        return "<span class='kit-muted'>no band</span>"
    labels = [b.label for b in framework.bands]
    n = labels.index(band) if band in labels else 0
    colour = charts.BAND_COLOURS[min(n, len(charts.BAND_COLOURS) - 1)]
    text = "#1d2733" if colour in ("#f1c40f",) else "#fff"
    return f"<span class='kit-band' style='background:{colour};color:{text}'>{esc(band)}</span>"


def notice_html(notice: Notice) -> str:
    """A message box; errors are announced to screen readers."""
    role = "alert" if notice.kind == "error" else "status"
    return (
        f"<div class='kit-notice kit-notice-{notice.kind}' role='{role}'>{esc(notice.text)}</div>"
    )


def answer_mark(answer: Answer) -> str:
    """A short mark for the item list: the level, N/A, ? or an open circle."""
    if answer.status == "level":
        return f"✔ {answer.label}"
    return {"na": "✔ N/A", "dont_know": "?"}.get(answer.status, "○")


def choice_value(answer: Answer) -> int | str:
    """The toggle button value for an answer."""
    if answer.status == "level" and answer.level is not None:
        return int(answer.level)
    return answer.status


def title_html(framework: Framework, rs: ResponseSet | None) -> str:
    """The page heading: what is assessed, for whom."""
    who = (
        f"{esc(rs.ministry)} · {esc(rs.country)} · round {esc(rs.round)}"
        if rs
        else "Choose your country, round and ministry"
    )
    return (
        "<h1>Self-assessment: capacity to govern migration</h1>"
        f"<p class='kit-subtitle'>{esc(framework.title)} — <b>{who}</b></p>"
    )


def item_header(framework: Framework, item: Item) -> str:
    """The item's title, where it comes from in the chapter and what it tests."""
    area = framework.area(item.area_id)
    paragraphs = ", ".join(str(p) for p in item.paragraphs) or "—"
    word = "paragraph" if len(item.paragraphs) == 1 else "paragraphs"
    return (
        f"<div class='kit-item-id'>{esc(area.title)} · {esc(item.id)}</div>"
        f"<div class='kit-item-title'>{esc(item.title)}</div>"
        f"<div class='kit-source'><b>From the Commission's chapter, {word} {paragraphs}.</b> "
        f"{esc(item.recommendation)}</div>"
    )


def evidence_hint(item: Item) -> str:
    """What a ministry could cite as evidence for the item."""
    if not item.evidence:
        return ""
    listed = "; ".join(esc(e) for e in item.evidence)
    return f"<div class='kit-hint'><b>Evidence you could cite:</b> {listed}.</div>"


def descriptor_table(item: Item, answer: Answer) -> str:
    """The five level descriptors, the chosen one highlighted."""
    chosen = int(answer.level) if answer.status == "level" and answer.level is not None else None
    rows = []
    for level, text in item.levels.items():
        cls = " class='kit-chosen'" if level == chosen else ""
        rows.append(f"<tr{cls}><td class='kit-lv'>Level {level}</td><td>{esc(text)}</td></tr>")
    return "<table class='kit-desc'>" + "".join(rows) + "</table>"


def progress_html(framework: Framework, card: Scorecard) -> str:
    """How many items are answered."""
    answered = sum(1 for i in card.items.values() if i.status != "unanswered")
    total = len(framework.items)
    return f"<div class='kit-hint'><b>{answered} of {total}</b> items answered.</div>"


def empty_live() -> str:
    """The results panel before anything is open."""
    return "<p class='kit-muted'>Results appear here as you answer.</p>"


def live_html(framework: Framework, card: Scorecard, ministry: str, area_id: str) -> str:
    """This ministry's overall score and band, and the score of the area being answered."""
    area = framework.area(area_id)
    a = card.areas[area_id]
    return (
        f"<h3 class='kit-sub'>{esc(ministry)}: results so far</h3>"
        "<div class='kit-score'>"
        f"<span class='kit-big kit-overall'>{pct(card.percent)}</span>"
        f"{band_badge(framework, card.band)}</div>"
        f"<div class='kit-muted'>Completeness {pct(card.completeness)} of applicable items "
        "answered with a level.</div>"
        f"<p><b>{esc(area.title)}</b>: <span class='kit-area-score'>{pct(a.percent)}</span> "
        f"{band_badge(framework, a.band)}</p>"
    )


def _area_rows(framework: Framework, a: Assessment) -> str:
    rows = []
    for area in framework.areas:
        s = a.consolidated.areas[area.id]
        rows.append(
            f"<tr><td>{esc(area.title)}</td><td class='num'>{pct(s.percent)}</td>"
            f"<td>{band_badge(framework, s.band)}</td>"
            f"<td class='num'>{pct(s.completeness)}</td>"
            f"<td class='num'>{pct(s.evidence_coverage)}</td>"
            f"<td class='num'>{pct(a.consolidation.areas.get(area.id))}</td></tr>"
        )
    return (
        "<table class='kit-table kit-areas'><tr><th>Area</th><th>Score</th><th>Band</th>"
        "<th>Completeness</th><th>Evidence cited</th><th>Coherence</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def country_html(framework: Framework, a: Assessment, problems: list[str]) -> str:
    """Every ministry of the round together: consolidated scores, coherence and the heat map."""
    c = a.consolidated
    ministries = "".join(
        f"<tr><td>{esc(m)}</td><td class='num'>{pct(card.percent)}</td>"
        f"<td>{band_badge(framework, card.band)}</td>"
        f"<td class='num'>{pct(card.completeness)}</td></tr>"
        for m, card in a.ministries.items()
    )
    flagged = [i for i in a.consolidation.items.values() if i.flagged]
    flagged_html = (
        "<ul>"
        + "".join(
            f"<li><b>{esc(framework.items[i.item_id].title)}</b>: "
            + ", ".join(f"{esc(m)} {lv:g}" for m, lv in i.levels.items())
            + "</li>"
            for i in flagged
        )
        + "</ul>"
        if flagged
        else "<p>No item has ministries two or more levels apart.</p>"
    )
    problem_html = (
        "<div class='kit-notice kit-notice-warning'>Left out: "
        + "; ".join(esc(p) for p in problems)
        + "</div>"
        if problems
        else ""
    )
    return (
        f"{problem_html}<div class='kit-card'>"
        f"<h2 class='kit-sub'>{esc(a.country)}, round {esc(a.round)}: all ministries together"
        "</h2><div class='kit-score'>"
        f"<span class='kit-big kit-country-overall'>{pct(c.percent)}</span>"
        f"{band_badge(framework, c.band)}"
        f"<span>Coherence index <b class='kit-coherence'>{pct(a.consolidation.overall)}</b>"
        "</span></div>"
        f"<p class='kit-muted'>Consolidated by the {esc(a.consolidation.rule)} of the "
        f"{len(a.ministries)} ministries' levels. Coherence is 100% when the ministries agree "
        "and drops 25 points per level between the highest and lowest answer "
        "(the Commission's concern with departments pursuing conflicting objectives, "
        "para 14).</p>"
        f"{_area_rows(framework, a)}"
        "<h3 class='kit-sub'>Ministries</h3><table class='kit-table'><tr><th>Ministry</th>"
        f"<th>Score</th><th>Band</th><th>Completeness</th></tr>{ministries}</table>"
        "<h3 class='kit-sub'>Where the ministries disagree</h3>"
        f"{flagged_html}</div>"
        "<div class='kit-card kit-chart'>"
        f"{charts.to_svg(charts.area_bars(framework, c, title='Country: score by area'))}</div>"
        "<div class='kit-card kit-chart kit-heatmap'>"
        f"{charts.to_svg(charts.item_heatmap(framework, a))}</div>"
    )


def _arrow(change: float | None) -> str:
    if change is None:
        return "<span class='kit-muted'>—</span>"
    if change > 0:
        return f"<span class='kit-up'>▲ +{change:.1f}</span>"
    if change < 0:
        return f"<span class='kit-down'>▼ {change:.1f}</span>"
    return "<span class='kit-muted'>= 0.0</span>"


def trend_html(framework: Framework, a: Assessment) -> str:
    """The previous round against this one, by area, with the items that moved."""
    t = a.trend
    if t is None:
        return (
            "<div class='kit-card'><p>No earlier round of this country in the data folder: "
            "the trend appears from the second round on.</p></div>"
        )
    rows = "".join(
        f"<tr><td>{esc(framework.area(c.id).title)}</td><td class='num'>{pct(c.previous)}</td>"
        f"<td class='num'>{pct(c.current)}</td><td class='num'>{_arrow(c.change)}</td></tr>"
        for c in t.areas
    )
    moved = "".join(
        f"<li>{esc(framework.items[c.id].title)}: level {c.previous:g} → {c.current:g}</li>"
        for c in (*t.improved, *t.regressed)
    )
    return (
        "<div class='kit-card'>"
        f"<h2 class='kit-sub'>Trend: round {esc(t.previous_round)} to {esc(t.current_round)}</h2>"
        f"<p>Overall {pct(t.overall.previous)} → <b>{pct(t.overall.current)}</b> "
        f"{_arrow(t.overall.change)}</p>"
        "<table class='kit-table kit-trend-table'><tr><th>Area</th>"
        f"<th>{esc(t.previous_round)}</th><th>{esc(t.current_round)}</th><th>Change</th></tr>"
        f"{rows}</table>"
        f"<h3 class='kit-sub'>Items that moved</h3><ul>{moved or '<li>None.</li>'}</ul></div>"
        f"<div class='kit-card kit-chart'>{charts.to_svg(charts.trend_bars(framework, t))}</div>"
    )


def plan_html(framework: Framework, a: Assessment) -> str:
    """The gaps below the target level and the modules that close them."""
    if not a.gaps:
        return "<div class='kit-card'><p>No item is below the target level.</p></div>"
    modules = "".join(
        f"<tr><td><b>{esc(m.title)}</b></td><td class='num'>{m.priority:g}</td>"
        f"<td>{len(m.items)}</td><td>{esc(', '.join(framework.cadres.get(c, c) for c in m.cadres))}"
        "</td></tr>"
        for m in a.plan
    )
    gaps = "".join(
        f"<tr><td>{esc(g.title)}</td><td class='num'>{g.level:g} → {g.target:g}</td>"
        f"<td class='num'>{g.priority:g}</td>"
        f"<td>{esc(', '.join(framework.modules.get(m, m) for m in g.modules))}</td></tr>"
        for g in a.gaps
    )
    target = a.gaps[0].target
    return (
        "<div class='kit-card'>"
        "<h2 class='kit-sub'>Training plan: modules ranked by the gaps they close</h2>"
        "<table class='kit-table kit-modules'><tr><th>Module</th><th>Priority</th>"
        f"<th>Gaps</th><th>Who to train</th></tr>{modules}</table>"
        f"<h3 class='kit-sub'>Gaps below level {target:g}, largest first</h3>"
        "<table class='kit-table kit-gaps'><tr><th>Item</th><th>Level → target</th>"
        f"<th>Priority</th><th>Modules that close it</th></tr>{gaps}</table></div>"
    )


def report_links(a: Assessment) -> str:
    """Download links for the report: offline HTML, Excel and JSON, built from the engine."""
    from kit.report.write import write_report

    stem = f"{folder.slugify(a.country)}-{folder.slugify(a.round)}-report"
    kinds = {
        ".html": ("text/html", "Report (HTML, opens offline)"),
        ".xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Report (Excel)",
        ),
        ".json": ("application/json", "Report data (JSON)"),
    }
    links = []
    with tempfile.TemporaryDirectory(prefix="kit-report-") as tmp:
        for suffix, (mime, label) in kinds.items():
            path = Path(tmp) / f"{stem}{suffix}"
            try:
                write_report(a, path)
            except (ImportError, NotImplementedError):
                continue  # a format whose writer is not installed is simply not offered
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            links.append(
                f"<a class='kit-dl kit-dl-{suffix[1:]}' download='{esc(path.name)}' "
                f"href='data:{mime};base64,{data}'>⬇ {esc(label)}</a>"
            )
    return "<div class='kit-download'>" + "".join(links) + "</div>"
