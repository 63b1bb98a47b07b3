"""The hub's home and sign-in pages in the official's language: a real hub, real Chromium with a
French or Arabic browser language, every outside request blocked and none attempted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser import screenshot

from kit import i18n

LESSONS = "/services/lessons/"


def _(lang: str, msg: str) -> str:
    """``msg`` as the courses catalogue has it in ``lang``."""
    return i18n.gettext("courses", msg, lang)


@pytest.fixture
def browser_in(chromium, offline) -> Callable:
    """A function giving a new page of a browser set to a language (its Accept-Language and
    navigator.language), whose outside requests are blocked and recorded in ``offline``."""
    contexts = []

    def page_in(locale: str):
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale=locale)
        context.route("**/*", offline)
        contexts.append(context)
        return context.new_page()

    yield page_in
    for context in contexts:
        context.close()


def _sign_in(hub, page) -> None:
    """Sign in as the lessons reader through the sign-in form (in the browser's language)."""
    name = hub.names["reader"]
    page.goto(f"{hub.base}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url("**/hub/home")


def _fits(page) -> None:
    """Nothing sticks out of the page sideways and the two columns do not overlap."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    lessons = page.locator("#kit-lessons").bounding_box()
    graded = page.locator("#kit-graded-work").bounding_box()
    apart = (
        lessons["x"] + lessons["width"] <= graded["x"]
        or graded["x"] + graded["width"] <= lessons["x"]
    )
    assert apart, (lessons, graded)


def test_french_browser_gets_the_french_home_page_and_french_lessons(hub, browser_in, offline):
    """Does an official whose browser asks for French see the hub's home page in French (lang
    fr, left to right), and does its lessons button open the pack's landing page in French?"""
    page = browser_in("fr-FR")
    _sign_in(hub, page)
    main = page.locator("#kit-home")
    assert main.get_attribute("lang") == "fr" and main.get_attribute("dir") == "ltr"
    text = main.inner_text()
    assert _("fr", "Graded work") in text and "Graded work" not in text
    assert _("fr", "Start my workspace") in text
    assert page.title() == _("fr", "Migration governance course")
    _fits(page)
    shot = screenshot(page, "hub/home-fr")

    button = page.locator("#kit-lessons").get_by_role("button", name=_("fr", "Read the lessons"))
    assert button.get_attribute("href") == f"{LESSONS}?lang=fr"
    button.click()
    page.wait_for_url(f"**{LESSONS}?lang=fr")
    page.wait_for_function("document.documentElement.lang === 'fr'")
    assert page.locator('[data-kit-lang="fr"]').is_visible()
    assert offline.attempts == [], f"the pages asked for outside URLs: {offline.attempts}"
    assert shot.is_file()


def test_arabic_browser_gets_the_home_page_right_to_left(hub, browser_in, offline):
    """Does an official whose browser asks for Arabic see the home page in Arabic, right to
    left, the lessons column on the right, nothing overlapping or sticking out?"""
    page = browser_in("ar-EG")
    _sign_in(hub, page)
    main = page.locator("#kit-home")
    assert main.get_attribute("lang") == "ar" and main.get_attribute("dir") == "rtl"
    assert _("ar", "Read the lessons") in main.inner_text()
    _fits(page)
    lessons = page.locator("#kit-lessons").bounding_box()
    graded = page.locator("#kit-graded-work").bounding_box()
    assert lessons["x"] > graded["x"], "the first column is not on the right"
    shot = screenshot(page, "hub/home-ar")
    assert offline.attempts == [], f"the page asked for outside URLs: {offline.attempts}"
    assert shot.is_file()


def test_picker_switches_the_language_and_remembers_it(hub, browser_in, offline):
    """Does choosing Español in the page's picker show the page in Spanish, and does the hub
    keep Spanish on the next visit although the browser still asks for French?"""
    page = browser_in("fr-FR")
    _sign_in(hub, page)
    page.locator("#kit-languages").get_by_role("link", name=i18n.LANGUAGES["es"]).click()
    page.wait_for_url("**/hub/home?lang=es")
    assert page.locator("#kit-home").get_attribute("lang") == "es"
    assert _("es", "Graded work") in page.locator("#kit-graded-work").inner_text()
    page.goto(f"{hub.base}/hub/home")
    assert page.locator("#kit-home").get_attribute("lang") == "es"
    current = page.locator("#kit-languages [aria-current=true]")
    assert current.inner_text() == i18n.LANGUAGES["es"]
    assert offline.attempts == [], f"the pages asked for outside URLs: {offline.attempts}"


def test_french_browser_signs_in_through_the_french_form_and_lands_on_the_french_home(
    hub, browser_in, offline
):
    """Does an official whose browser asks for French, opening the hub, get the sign-in form in
    French (heading, labels, button; lang fr, left to right), sign in through it and land on
    the home page in French?"""
    page = browser_in("fr-FR")
    page.goto(f"{hub.base}/hub/", wait_until="domcontentloaded")
    page.wait_for_url("**/hub/login**")
    main = page.locator("#kit-login")
    assert main.get_attribute("lang") == "fr" and main.get_attribute("dir") == "ltr"
    assert page.locator("#login-main h1").inner_text() == _("fr", "Sign in")
    assert page.locator("label[for=username_input]").inner_text() == _("fr", "Username:")
    assert page.locator("label[for=password_input]").inner_text() == _("fr", "Password:")
    assert page.locator("#login_submit").get_attribute("value") == _("fr", "Sign in")
    assert "Sign in" not in main.inner_text() and "Password" not in main.inner_text()
    current = page.locator("#kit-languages [aria-current=true]")
    assert current.inner_text() == i18n.LANGUAGES["fr"]
    shot = screenshot(page, "hub/login-fr")
    name = hub.names["reader"]
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url("**/hub/home")
    assert page.locator("#kit-home").get_attribute("lang") == "fr"
    assert _("fr", "Graded work") in page.locator("#kit-graded-work").inner_text()
    assert offline.attempts == [], f"the pages asked for outside URLs: {offline.attempts}"
    assert shot.is_file()


def test_arabic_sign_in_is_right_to_left_and_a_wrong_password_says_so_in_arabic(
    hub, browser_in, offline
):
    """Is the sign-in page right to left for an Arabic browser, and does a wrong password give
    JupyterHub's error in Arabic on the same right-to-left form, which then still signs in?"""
    page = browser_in("ar-EG")
    page.goto(f"{hub.base}/hub/login", wait_until="domcontentloaded")
    main = page.locator("#kit-login")
    assert main.get_attribute("lang") == "ar" and main.get_attribute("dir") == "rtl"
    assert page.locator("#login-main h1").inner_text() == _("ar", "Sign in")
    name = hub.names["reader"]
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name] + "-wrong")
    page.click("#login_submit")
    error = page.locator(".login_error")
    error.wait_for()
    assert error.inner_text() == _("ar", "Invalid username or password")
    assert error.inner_text() != "Invalid username or password"
    assert main.get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot = screenshot(page, "hub/login-ar-error")
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url("**/hub/home")
    assert page.locator("#kit-home").get_attribute("dir") == "rtl"
    assert offline.attempts == [], f"the pages asked for outside URLs: {offline.attempts}"
    assert shot.is_file()


def test_sign_in_picker_keeps_where_sign_in_leads(hub, browser_in, offline):
    """Does picking Español on the sign-in page show it in Spanish and keep its ``next``, so
    that signing in still leads to the page first asked for (the token page)?"""
    page = browser_in("fr-FR")
    page.goto(f"{hub.base}/hub/token", wait_until="domcontentloaded")
    page.wait_for_url("**/hub/login?next=**")
    page.locator("#kit-languages").get_by_role("link", name=i18n.LANGUAGES["es"]).click()
    page.wait_for_url("**/hub/login?lang=es&next=**")
    assert page.locator("#kit-login").get_attribute("lang") == "es"
    assert page.locator("#login_submit").get_attribute("value") == _("es", "Sign in")
    name = hub.names["reader"]
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url("**/hub/token")
    assert offline.attempts == [], f"the pages asked for outside URLs: {offline.attempts}"
