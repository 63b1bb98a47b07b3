"""The programme summary of a batch: where the countries that opted in stand, area by area.

Region and consent come from ``countries.csv`` in the batch folder (columns ``country``,
``region``, ``share``). Only countries with ``share: yes`` enter the summary; the others appear
only in their own report. Per area the summary gives the distribution across those countries
(minimum, quartiles, median, maximum) and each country's distance from its region's median.
There is no league table and no rank: countries are listed alphabetically, as MGI does.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import i18n
from kit.errors import KitError
from kit.io.csvtext import read_rows
from kit.io.datafolder import slugify
from kit.web import theme

_ = i18n.translator("kit")

COUNTRIES_FILE = "countries.csv"
COLUMNS = ("country", "region", "share")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
SCHEMA = "kit-programme-summary/1"


@dataclass(frozen=True)
class CountryEntry:
    """One row of countries.csv: the country's region and whether it shares its results."""

    country: str
    region: str
    share: bool


def read_countries(path: Path, known: list[str]) -> dict[str, CountryEntry]:
    """countries.csv as entries keyed by country folder slug; a bad row is a KitError naming
    the file and row. ``known`` are the batch's country folders: a row naming none is an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KitError(_("cannot read ({fault})").format(fault=exc.strerror), file=path) from None
    titles, rows, _notice = read_rows(data, str(path))
    for column in COLUMNS:
        if column not in titles:
            raise KitError(
                _("missing column '{column}' (need {columns})").format(
                    column=column, columns=", ".join(COLUMNS)
                ),
                file=path,
            )
    entries: dict[str, CountryEntry] = {}
    for number, row in rows:
        name = (row.get("country") or "").strip()
        region = (row.get("region") or "").strip()
        share = (row.get("share") or "").strip().lower()
        if not name and not region and not share:
            continue  # a blank line a spreadsheet left behind
        if not name:
            raise KitError(_("country is empty"), file=path, row=number)
        slug = slugify(name)
        if slug not in known:
            raise KitError(
                _("country '{name}' has no folder in the batch").format(name=name),
                file=path,
                row=number,
            )
        if slug in entries:
            raise KitError(
                _("country '{name}' is listed twice").format(name=name), file=path, row=number
            )
        if not region:
            raise KitError(
                _("country '{name}' has no region").format(name=name), file=path, row=number
            )
        if share not in YES | NO:
            raise KitError(
                _("share '{value}' is not yes or no").format(value=row.get("share")),
                file=path,
                row=number,
            )
        entries[slug] = CountryEntry(name, region, share in YES)
    return entries


def distribution(values: list[float]) -> dict[str, float]:
    """Minimum, quartiles (inclusive method, as Excel's QUARTILE.INC), median and maximum."""
    ordered = sorted(values)
    if len(ordered) == 1:
        q1 = q3 = ordered[0]
    else:
        q1, _median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return {
        "min": ordered[0],
        "q1": q1,
        "median": statistics.median(ordered),
        "q3": q3,
        "max": ordered[-1],
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def programme_summary(
    scores: dict[str, dict[str, Any]], entries: dict[str, CountryEntry]
) -> dict[str, Any]:
    """The summary data. ``scores`` maps a country slug to ``{"country", "round", "overall",
    "areas": {area_id: percent}, "area_titles": {area_id: title}}`` for each country reported."""
    shared = sorted(
        (slug for slug, e in entries.items() if e.share and slug in scores),
        key=lambda s: entries[s].country.lower(),
    )
    titles: dict[str, str] = {}
    for slug in shared:
        titles.update(scores[slug]["area_titles"])
    measures = {**titles, "overall": "Overall"}

    def value(slug: str, measure: str) -> float | None:
        s = scores[slug]
        return s["overall"] if measure == "overall" else s["areas"].get(measure)

    areas = []
    for measure, title in measures.items():
        values = [v for slug in shared if (v := value(slug, measure)) is not None]
        areas.append(
            {
                "id": measure,
                "title": title,
                "countries": len(values),
                "distribution": None
                if not values
                else {k: _r(v) for k, v in distribution(values).items()},
            }
        )
    regions: dict[str, list[str]] = {}
    for slug in shared:
        regions.setdefault(entries[slug].region, []).append(slug)
    region_data = []
    for region in sorted(regions, key=str.lower):
        members = regions[region]
        medians = {}
        for measure in measures:
            values = [v for slug in members if (v := value(slug, measure)) is not None]
            medians[measure] = statistics.median(values) if values else None
        region_data.append(
            {
                "region": region,
                "countries": [
                    {
                        "country": entries[slug].country,
                        "round": scores[slug]["round"],
                        "areas": {
                            m: {
                                "percent": _r(v),
                                "region_median": _r(medians[m]),
                                "from_median": None
                                if v is None or medians[m] is None
                                else _r(v - medians[m]),
                            }
                            for m in measures
                            for v in [value(slug, m)]
                        },
                    }
                    for slug in members
                ],
                "region_median": {m: _r(v) for m, v in medians.items()},
            }
        )
    return {
        "schema": SCHEMA,
        "countries_shared": [entries[s].country for s in shared],
        "countries_not_shared": len([s for s, e in entries.items() if not e.share]),
        "areas": areas,
        "regions": region_data,
    }


def summary_json(summary: dict[str, Any]) -> bytes:
    """The summary as indented JSON bytes."""
    return (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def summary_html(summary: dict[str, Any]) -> bytes:
    """The summary as one offline HTML page."""
    from kit.report.html import language_context

    page = theme.render("programme-summary.html.j2", summary=summary, **language_context())
    return page.encode("utf-8")
