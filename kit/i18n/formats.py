"""Numbers, percentages, dates and language facts in each language, through Babel (CLDR data).

Digits stay Latin (0-9) in every language, Arabic included: scores, item ids and MRZ lines are
read beside each other and the kit's reports put them in left-to-right runs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def language_name(lang: str) -> str:
    """The language's name in itself, capitalised as in a menu ("fr" -> "Français")."""
    name = _locale(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def text_direction(lang: str) -> str:
    """``"rtl"`` when CLDR says the language is written right to left, else ``"ltr"``."""
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


def _pattern(digits: int | None) -> str | None:
    if digits is None:
        return None
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def number(x: float, code: str, digits: int | None = None) -> str:
    """``x`` written for the language ``code``: ``1 234,5`` in French.

    ``digits`` fixes the number of decimals; ``None`` keeps Babel's default (up to three).
    """
    return format_decimal(x, format=_pattern(digits), locale=_locale(code))


def percent(x: float, code: str, digits: int | None = 1) -> str:
    """The fraction ``x`` as a percentage for the language ``code``: ``0.425`` -> ``42,5 %`` in
    French, ``42.5%`` in English (``digits`` decimals)."""
    locale = _locale(code)
    pattern = locale.percent_formats[None].pattern  # "#,##0 %" in French, "#,##0%" in English
    if digits:
        # The locale's own pattern (where the sign goes, which space) with ``digits`` decimals.
        pattern = re.sub(r"0(?![0-9.])", "0." + "0" * digits, pattern, count=1)
    return _babel_percent(x, format=pattern, locale=locale)


def date(d: dt.date | dt.datetime, code: str) -> str:
    """The date ``d`` in words for the language ``code``: ``30 novembre 2026``."""
    return _babel_date(d, format="long", locale=_locale(code))
