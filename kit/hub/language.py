"""The language of the hub's own pages (home, sign-in), shared by their handlers.

The language is, in order: ``?lang=`` in the address (the pages' picker; remembered in a
cookie), the remembered choice, else the browser's preferred language (``Accept-Language``).
The picker itself is the template ``kit-languages.html``, included by both pages.
"""

from __future__ import annotations

from kit import i18n

#: The cookie that remembers the language picked on a hub page.
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


def page_vars(lang: str) -> dict:
    """A page's language variables: the message function ``_`` (courses catalogue), the
    page's language and direction, and the picker's entries."""

    def _(msg: str) -> str:
        return i18n.gettext("courses", msg, lang)

    return {
        "_": _,
        "kit_lang": lang,
        "kit_dir": i18n.direction(lang),
        "kit_languages": i18n.LANGUAGES,
    }


class LanguageMixin:
    """For a JupyterHub page handler: the request's language, and remembering a picked one."""

    @property
    def kit_language(self) -> str:
        return chosen_language(
            self.get_argument("lang", None),
            self.get_cookie(COOKIE),
            self.request.headers.get("Accept-Language", ""),
        )

    def remember_language(self) -> None:
        """Keep the language picked with ``?lang=`` in a cookie for the hub's pages."""
        asked = self.get_argument("lang", None)
        if asked in i18n.LANGUAGES:
            # Remembered for the hub only (the pack's page keeps its own choice).
            self.set_cookie(
                COOKIE, asked, path=self.hub.base_url, expires_days=COOKIE_DAYS, samesite="Lax"
            )
