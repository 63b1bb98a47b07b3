"""The hub's home page in the official's language: French, Spanish, Arabic (right to left).

JupyterHub renders ``home.html`` (ours, kit/hub/templates/) with the variables of
``JupyterHub.template_vars``, whose callables get the signed-in user but not the request: the
language, which comes from the request, cannot be chosen there. So the hub's own home handler is
replaced by a subclass that adds the language to the page's variables (``install``, called by
kit/hub/jupyterhub_config.py before JupyterHub builds its routes).

The language is chosen as on every hub page of the kit (kit/hub/language.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

from kit.hub.language import LanguageMixin, chosen_language, page_vars
from kit.pack.build import HUB_PAGE

__all__ = ["chosen_language", "handler_class", "install", "lessons_link", "pack_languages"]


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


def handler_class(lessons_url: str, pack_dir: str | Path | None):
    """JupyterHub's home handler, with the kit's language variables added to its page."""
    from jupyterhub.handlers.pages import HomeHandler

    class KitHomeHandler(LanguageMixin, HomeHandler):
        """The hub's home page in the language chosen by ``?lang=``, the cookie or the browser."""

        @property
        def template_namespace(self):
            ns = super().template_namespace
            lang = self.kit_language
            ns.update(page_vars(lang))
            ns["kit_lessons_url"] = lessons_link(lessons_url, lang, pack_languages(pack_dir))
            return ns

        async def get(self):
            self.remember_language()
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
