"""The kit in the officials' languages: the current language, message lookup, numbers and dates.

The languages are those with catalogues in ``kit/locale/<lang>/`` plus English, the source
language: adding Russian or Chinese is catalogue and content work only, no list to edit here.

Strings are marked per module with ``_ = i18n.translator("<domain>")`` and looked up at call time
(``_("Save")``), never at import time: the language changes per command and per page. Domains,
one catalogue each: ``kit`` (command-line messages and errors), ``assessment`` (dashboard,
reports, Excel template), ``courses`` (lessons landing page, checks, certificates, cohort).

The language of a block is set with ``with i18n.use("fr"): ...``; outside any block it is
``$KIT_LANG``, else English (``resolve``).
"""

# i18n-domain: kit  (the refusal of an unknown language)

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kit import errors
from kit.errors import KitError
from kit.i18n import formats as _formats
from kit.i18n.catalog import DOMAINS, available_languages, lookup, lookup_plural
from kit.i18n.formats import language_name, text_direction

__all__ = [
    "DOMAINS",
    "N_",
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "best_match",
    "current",
    "direction",
    "format_date",
    "format_number",
    "format_percent",
    "gettext",
    "ngettext",
    "resolve",
    "translator",
    "use",
]

#: The language the strings are written in (every msgid is English).
SOURCE_LANGUAGE = "en"

#: Every language the kit speaks, code -> its own name ("fr" -> "Français"), English first.
LANGUAGES: dict[str, str] = {
    code: language_name(code) for code in [SOURCE_LANGUAGE, *available_languages()]
}

_current: ContextVar[str | None] = ContextVar("kit_language", default=None)


def resolve(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else ``$KIT_LANG``, else English.

    Accepts a region or case variant ("fr-CA", "FR", "es_ES") as its language. An unknown
    language is a ``KitError`` naming the supported ones.
    """
    where = ""
    if not lang:
        lang = os.environ.get("KIT_LANG") or SOURCE_LANGUAGE
        where = "KIT_LANG: "
    code = lang.strip().replace("_", "-").split("-")[0].lower()
    if code not in LANGUAGES:
        # The refusal is in the language already chosen (never via current(): it may be the
        # bad $KIT_LANG being resolved).
        message = lookup(
            "kit",
            _current.get() or SOURCE_LANGUAGE,
            "language {value} is not supported; choose one of {choices}",
        )
        raise KitError(where + message.format(value=repr(lang), choices=", ".join(LANGUAGES)))
    return code


@contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Make ``lang`` (resolved) the current language inside the ``with`` block."""
    token = _current.set(resolve(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current() -> str:
    """The current language: the innermost ``use`` block's, else ``resolve()``'s."""
    return _current.get() or resolve()


def gettext(domain: str, msg: str, lang: str | None = None) -> str:
    """``msg`` in ``lang`` (default: the current language); the English text when untranslated."""
    return lookup(domain, lang and resolve(lang) or current(), msg)


def ngettext(domain: str, singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural form for ``n`` in ``lang`` (Arabic has six forms; Babel knows)."""
    return lookup_plural(domain, lang and resolve(lang) or current(), singular, plural, n)


def translator(domain: str) -> Callable[[str], str]:
    """A ``_(msg)`` function for ``domain`` that looks ``msg`` up in the current language.

    Call it at module level (``_ = i18n.translator("kit")``): the lookup happens at each call.
    """
    if domain not in DOMAINS:
        raise ValueError(f"unknown message domain {domain!r}; one of {', '.join(DOMAINS)}")

    def _(msg: str) -> str:
        return lookup(domain, current(), msg)

    _.__doc__ = f"``msg`` translated into the current language (domain {domain!r})."
    return _


def N_(msg: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``msg`` for the catalogue without translating it: for a text fixed at import time
    (a decorator's argument) that is translated where it is shown, ``_(msg)``."""
    return msg


def direction(lang: str | None = None) -> str:
    """``"rtl"`` for a language written right to left (Arabic), else ``"ltr"``."""
    return text_direction(lang and resolve(lang) or current())


def format_number(x: float, lang: str | None = None, digits: int | None = None) -> str:
    """``x`` written for ``lang`` (default: the current language): ``1 234,5`` in French.

    ``digits`` fixes the number of decimals; ``None`` keeps Babel's default (up to three).
    Digits stay Latin in every language.
    """
    return _formats.number(x, lang and resolve(lang) or current(), digits)


def format_percent(x: float, lang: str | None = None, digits: int | None = 1) -> str:
    """The fraction ``x`` as a percentage for ``lang``: ``0.425`` -> ``42,5 %`` in French,
    ``42.5%`` in English (``digits`` decimals)."""
    return _formats.percent(x, lang and resolve(lang) or current(), digits)


def format_date(d: dt.date | dt.datetime, lang: str | None = None) -> str:
    """The date ``d`` in words for ``lang``: ``30 novembre 2026``, ``November 30, 2026``."""
    return _formats.date(d, lang and resolve(lang) or current())


def best_match(accept_language: str | None) -> str:
    """The supported language a browser prefers most (its ``Accept-Language`` header), else
    English. ``"ar-EG,ar;q=0.9,en;q=0.5"`` gives ``"ar"``; ``"de-DE"`` gives ``"en"``."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.strip().replace("_", "-").split("-")[0].lower()
        if code and quality > 0:
            ranked.append((-quality, position, code))
    for _quality, _position, code in sorted(ranked):
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


# The place words and the "kit: error:" prefix of every error line (kit.errors) are looked up
# here when the line is shown.
errors.translate_with(lambda msg: lookup("kit", current(), msg))
