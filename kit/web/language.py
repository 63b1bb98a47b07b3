"""The language a Voila page opens in (the lessons landing page, the cohort dashboard)."""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from kit import i18n

__all__ = ["ACCEPT_LANGUAGE", "page_language"]

#: The header Voila is told to pass to a page's kernel (``http_header_envs``); it arrives as
#: $HTTP_ACCEPT_LANGUAGE.
ACCEPT_LANGUAGE = "Accept-Language"


def page_language(environ: dict[str, str] | None = None) -> str:
    """The language a page opens in: ``?lang=`` of its address, else $KIT_LANG (``--lang``),
    else the browser's preferred language (Voila passes its Accept-Language header), else
    English."""
    environ = os.environ if environ is None else environ
    asked = parse_qs(environ.get("QUERY_STRING", "")).get("lang", [""])[0]
    if asked in i18n.LANGUAGES:
        return asked
    if environ.get("KIT_LANG") in i18n.LANGUAGES:
        return environ["KIT_LANG"]
    return i18n.best_match(environ.get("HTTP_ACCEPT_LANGUAGE", ""))
