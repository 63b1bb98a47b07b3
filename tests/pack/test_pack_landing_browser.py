"""Does the pack's landing page open in the browser's language, and switch to Arabic, right to
left, with nothing clipped, offline? (The page alone, without building a pack.)"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser import screenshot
from repo import ASSESSMENT, CURRICULUM

from kit.curriculum.manifest import load_curriculum
from kit.pack.landing import page as landing_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    """The landing page of a pack of every module, served on localhost; its address."""
    folder = tmp_path_factory.mktemp("pack-landing")
    html = landing_page(load_curriculum(CURRICULUM), ASSESSMENT / "source")
    (folder / "index.html").write_text(html, "utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def test_a_spanish_browser_sees_the_spanish_page_then_picks_arabic(chromium, offline, landing):
    """With a browser preferring Spanish, is the Spanish version shown with the Spanish lessons
    and graded set of module 01; does picking العربية turn the page right to left, with no
    text wider than the page?"""
    context = chromium.new_context(viewport={"width": 1000, "height": 900}, locale="es-ES")
    context.route("**/*", offline)
    try:
        page = context.new_page()
        page.goto(landing)
        shown = page.locator("[data-kit-lang]:visible")
        assert shown.count() == 1 and shown.get_attribute("lang") == "es"
        assert page.evaluate("document.documentElement.lang") == "es"
        links = [a.get_attribute("href") for a in shown.locator("a").all()]
        assert "voici/render/01-policy-formulation/01-coherent-objectives.es.html" in links
        assert any("graded/01-policy-formulation-es/" in href for href in links)
        screenshot(page, "pack/landing-es")

        page.get_by_role("button", name="العربية").click()
        assert page.evaluate("document.documentElement.dir") == "rtl"
        shown = page.locator("[data-kit-lang]:visible")
        assert shown.get_attribute("lang") == "ar"
        wide = page.evaluate(
            "() => [...document.querySelectorAll('li, h1, h2, p')].filter("
            "e => e.offsetParent && e.getBoundingClientRect().right > innerWidth + 1).length"
        )
        assert wide == 0
        screenshot(page, "pack/landing-ar")
        # The choice is kept: a reload shows Arabic again.
        page.reload()
        assert page.evaluate("document.documentElement.dir") == "rtl"
    finally:
        context.close()
    assert offline.attempts == []
