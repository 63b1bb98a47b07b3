"""The hub home page's language choice and its place in JupyterHub's routes (no hub started;
the page itself is tested in a real hub by tests/hub/test_hub_home_browser.py)."""

from __future__ import annotations

import pytest
from jupyterhub.handlers import pages
from jupyterhub.handlers.pages import HomeHandler

from kit.hub import home, language
from kit.pack.build import HUB_PAGE


@pytest.mark.parametrize(
    "asked, remembered, header, expected",
    [
        ("es", "ar", "fr-FR,fr;q=0.9", "es"),  # the picker's choice first
        (None, "ar", "fr-FR,fr;q=0.9", "ar"),  # then the remembered one
        (None, None, "fr-FR,fr;q=0.9,en;q=0.5", "fr"),  # then the browser's
        ("xx", "<script>", "de-DE,de", "en"),  # unknown values passed over; English last
        (None, None, "", "en"),
    ],
)
def test_home_page_language_is_picked_then_remembered_then_the_browsers(
    asked, remembered, header, expected
):
    """Is the home page's language ?lang= if supported, else the cookie's if supported, else
    the browser's Accept-Language, else English?"""
    assert language.chosen_language(asked, remembered, header) == expected


def test_lessons_link_opens_the_pack_in_the_pages_language_only_when_it_has_it(tmp_path):
    """Does the lessons link carry ?lang= for a language the pack's hub page has a version in,
    and no ?lang= for one it lacks, or when the hub has no pack?"""
    (tmp_path / HUB_PAGE).write_text(
        '<div data-kit-lang="en"></div><div data-kit-lang="fr"></div>', encoding="utf-8"
    )
    languages = home.pack_languages(tmp_path)
    assert languages == {"en", "fr"}
    assert home.lessons_link("/services/lessons/", "fr", languages) == "/services/lessons/?lang=fr"
    assert home.lessons_link("/services/lessons/", "ar", languages) == "/services/lessons/"
    assert home.pack_languages(tmp_path / "missing") == set()
    assert home.lessons_link("", "fr", {"fr"}) == ""


def test_page_vars_speak_the_language_and_mirror_arabic():
    """Do the template's variables translate with the courses catalogue and say rtl for
    Arabic, ltr for French?"""
    arabic = language.page_vars("ar")
    assert arabic["kit_dir"] == "rtl" and arabic["kit_lang"] == "ar"
    assert arabic["_"]("Read the lessons") != "Read the lessons"
    french = language.page_vars("fr")
    assert french["kit_dir"] == "ltr" and french["_"]("Graded work") == "Travaux notés"


def test_install_swaps_jupyterhubs_home_handler_once():
    """Does install put the kit's handler in place of JupyterHub's home route (same pattern),
    accept being run twice, and refuse a route list without a home handler?"""
    # JupyterHub's page routes as its pages module lists them: the combined list may already
    # carry the kit's handler, if a test loaded the kit's hub config in this process.
    routes = list(pages.default_handlers)
    kit_handler = home.handler_class("/services/lessons/", None)
    home.install(routes, kit_handler)
    home.install(routes, kit_handler)
    mine = [r for r in routes if r[1] is kit_handler]
    assert mine and [r[0] for r in mine] == [
        r[0] for r in pages.default_handlers if r[1] is HomeHandler
    ]
    assert not [r for r in routes if r[1] is HomeHandler]
    with pytest.raises(RuntimeError):
        home.install([("/other", object)], kit_handler)
