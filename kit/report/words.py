"""Words every report and the dashboard share, in the current language (domain ``assessment``).

How an answer, a consolidation rule or an area's rule is named, the list of bands: one place, so
the HTML, PDF and Excel reports, the batch summary and the dashboard say them alike.
"""

from __future__ import annotations

from typing import Any

from kit import i18n

_ = i18n.translator("assessment")


def answer_label(answer: Any) -> str:
    """An answer as a person writes it: ``3``, ``N/A``, ``don't know`` or empty."""
    if answer.status == "level" and answer.level is not None:
        return level(answer.level)
    if answer.status == "na":
        return _("N/A")
    if answer.status == "dont_know":
        return _("don't know")
    return ""


def level(value: float | None) -> str:
    """A level without trailing zeros (``2``, ``2,5`` in French); ``–`` when there is none."""
    return "–" if value is None else i18n.format_number(value)


def area_rule(rule: str) -> str:
    """An area's scoring rule: the mean, or the weakest link."""
    return _("weakest link") if rule == "weakest_link" else _("mean")


def consolidation_rule(rule: str) -> str:
    """How the ministries' answers to one item become the country's answer: ``median``, or
    ``lead ministry (NAME)``."""
    if rule.startswith("lead ministry (") and rule.endswith(")"):
        return _("lead ministry ({name})").format(name=rule[len("lead ministry (") : -1])
    return _("median") if rule == "median" else rule


def band_list(framework: Any) -> str:
    """The bands as a sentence's list: ``Nascent from 0%, Emerging from 25%, ...``."""
    return ", ".join(
        _("{band} from {percent}").format(
            band=band.label, percent=i18n.format_percent(band.min / 100, digits=0)
        )
        for band in framework.bands
    )


def status(value: str) -> str:
    """A review comment's or an action's status as a person reads it."""
    names = {
        # review.csv (kit.io.review.STATUSES)
        "open": _("open"),
        "answered": _("answered"),
        "accepted": _("accepted"),
        "rejected": _("rejected"),
        # actions.csv (kit.io.actions.STATUSES)
        "proposed": _("proposed"),
        "planned": _("planned"),
        "in progress": _("in progress"),
        "done": _("done"),
        "dropped": _("dropped"),
    }
    return names.get(value, value)
