"""The hub's home page in the official's language: French, Spanish, Arabic (right to left).

JupyterHub renders ``home.html`` (ours, kit/hub/templates/) with the variables of
``JupyterHub.template_vars``, whose callables get the signed-in user but not the request: the
language, which comes from the request, cannot be chosen there. So the hub's own home handler is
replaced by a subclass that adds the language to the page's variables (``install``, called by
kit/hub/jupyterhub_config.py before JupyterHub builds its routes).

The language is, in order: ``?lang=`` in the address (the page's picker; remembered in a
cookie), the remembered choice, else the browser's preferred language (``Accept-Language``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

from kit import i18n
from kit.pack.build import HUB_PAGE

#: The cookie that remembers the language picked on the home page.
COOKIE = "kit-lang"
#: A year: a workshop's officials come back for the post-test weeks later.
COOKIE_DAYS = 365


def chosen_language(asked: str | None, remembered: str | None, accept_language: str) -> str:
    """The page's language: ``asked`` (``?lang=``), else ``remembered`` (the cookie), else the
    browser's preferred supported language, else English. Unknown values are passed over."""
    for value in (asked, remembered):
        if value and value in i18n.LANGUAGES:
            return value
    return i18n.best_match(accept_language or "")


def pack_languages(pack_dir: str | Path | None) -> set[str]:
    """The languages the course pack's hub landing page has a version in (none without a pack)."""
    if not pack_dir:
        return set()
    page = Path(pack_dir) / HUB_PAGE
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return set()
    return set(re.findall(r'data-kit-lang="([\w-]+)"', text))


def lessons_link(base: str, lang: str, languages: set[str]) -> str:
    """The lessons' address, opening the pack's landing page in ``lang`` when it has it."""
    if not base or lang not in languages:
        return base
    return f"{base}?{urlencode({'lang': lang})}"


def page_vars(lang: str, lessons_url: str, languages: set[str]) -> dict:
    """The home template's variables for ``lang``: the message function ``_``, the page's
    language and direction, the picker's entries and the lessons link."""

    def _(msg: str) -> str:
        return i18n.gettext("courses", msg, lang)

    return {
        "_": _,
        "kit_lang": lang,
        "kit_dir": i18n.direction(lang),
        "kit_languages": i18n.LANGUAGES,
        "kit_lessons_url": lessons_link(lessons_url, lang, languages),
    }


def handler_class(lessons_url: str, pack_dir: str | Path | None):
    """JupyterHub's home handler, with the kit's language variables added to its page."""
    from jupyterhub.handlers.pages import HomeHandler

    class KitHomeHandler(HomeHandler):
        """The hub's home page in the language chosen by ``?lang=``, the cookie or the browser."""

        @property
        def kit_language(self) -> str:
            return chosen_language(
                self.get_argument("lang", None),
                self.get_cookie(COOKIE),
                self.request.headers.get("Accept-Language", ""),
            )

        @property
        def template_namespace(self):
            ns = super().template_namespace
            ns.update(page_vars(self.kit_language, lessons_url, pack_languages(pack_dir)))
            return ns

        async def get(self):
            asked = self.get_argument("lang", None)
            if asked in i18n.LANGUAGES:
                # Remembered for the hub only (the pack's page keeps its own choice).
                self.set_cookie(
                    COOKIE,
                    asked,
                    path=self.hub.base_url,
                    expires_days=COOKIE_DAYS,
                    samesite="Lax",
                )
            return await super().get()

    return KitHomeHandler


def install(routes: list, handler) -> None:
    """Put ``handler`` in place of JupyterHub's home handler in its route list ``routes``.

    Fails loudly if JupyterHub no longer has exactly one route with its ``HomeHandler`` (a
    JupyterHub upgrade that moved it must be looked at, not skipped).
    """
    from jupyterhub.handlers.pages import HomeHandler

    # A subclass too: the configuration file loaded a second time finds its own handler.
    found = [
        i
        for i, route in enumerate(routes)
        if isinstance(route[1], type) and issubclass(route[1], HomeHandler)
    ]
    if len(found) != 1:
        raise RuntimeError(f"JupyterHub's home route not found once in its handlers: {found}")
    routes[found[0]] = (routes[found[0]][0], handler, *routes[found[0]][2:])
