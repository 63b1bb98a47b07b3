"""Does the lessons landing page open in the browser's language, offer French lessons, and read
right to left in Arabic with no clipped or overlapping text, offline, in a real Chromium?"""

from __future__ import annotations

import shutil

import pytest
from browser import screenshot
from curriculum_harness import THIRD_PARTY_WARNINGS
from repo import CURRICULUM, DATASETS
from translated_fixture import FIRST_LESSON_FR, FRENCH_TITLE, MODULE, make_translated_curriculum

from kit.curriculum.serve import landing_url, launch
from kit.web.voila import free_port

pytestmark = [pytest.mark.browser, *(pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS)]

#: Reports every pair of lesson-list texts whose boxes overlap, and every text wider than its box
#: (clipped) or running off the page.
LAYOUT_PROBLEMS = """() => {
  const items = [...document.querySelectorAll(
    '.kit-landing h1, .kit-landing h2, .kit-landing p, .kit-landing li, .kit-language-picker button'
  )].filter(e => e.offsetParent !== null);
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const e of items) {
    const r = e.getBoundingClientRect();
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      problems.push('clipped: ' + e.textContent.slice(0, 40));
    if (r.left < -1 || r.right > width + 1)
      problems.push('off the page: ' + e.textContent.slice(0, 40));
  }
  const blocks = items.filter(e => e.matches('h1, h2, p, li'));
  for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) {
    const a = blocks[i], b = blocks[j];
    if (a.contains(b) || b.contains(a)) continue;
    const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const overlap = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 2
      && Math.min(p.right, q.right) - Math.max(p.left, q.left) > 2;
    if (overlap)
      problems.push('overlap: ' + a.textContent.slice(0, 30) + ' / ' + b.textContent.slice(0, 30));
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def translated_port(tmp_path_factory):
    """Voila serving a curriculum with French lessons (the fixture), as `kit lessons` does."""
    root = tmp_path_factory.mktemp("translated")
    curriculum = make_translated_curriculum(root)
    shutil.copyfile(CURRICULUM / "index.ipynb", curriculum / "index.ipynb")
    shutil.copytree(DATASETS, root / "datasets")
    log = root / "voila.log"
    server = launch(free_port(), curriculum).start(log)
    try:
        assert server.wait_ready(90), log.read_text()
        yield server.port
    finally:
        server.stop()


@pytest.fixture
def browser_context(chromium, offline, request):
    """A context whose browser prefers ``request.param`` (its Accept-Language), offline."""
    context = chromium.new_context(viewport={"width": 1100, "height": 900}, locale=request.param)
    context.route("**/*", offline)
    yield context
    context.close()
    if offline.attempts:
        pytest.fail(f"pages asked for {len(offline.attempts)} outside URLs: {offline.attempts}")


@pytest.mark.parametrize("browser_context", ["fr-FR"], indirect=True)
def test_a_french_browser_gets_the_french_page_and_french_lessons(
    translated_port, browser_context, offline
):
    """With a browser preferring French and no choice made, is the page French, linking the
    French lesson under its French title, and does that lesson's check answer in French?"""
    page = browser_context.new_page()
    page.goto(landing_url(translated_port), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text(FRENCH_TITLE).wait_for(timeout=90_000)
    page.wait_for_load_state("networkidle")
    screenshot(page, "lessons/landing-fr")
    landing = page.locator(".kit-landing")
    assert landing.get_attribute("lang") == "fr" and landing.get_attribute("dir") == "ltr"
    assert "Migration governance: course lessons" not in landing.inner_text()
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    link = page.get_by_role("link", name=FIRST_LESSON_FR)
    assert link.get_attribute("href") == f"{MODULE}/01-coherent-objectives.fr.ipynb"

    with page.expect_popup(timeout=30_000) as popup:
        link.click()
    lesson = popup.value
    check = lesson.locator(".widget-vbox", has_text="Vérifier").first
    check.wait_for(timeout=180_000)
    check.scroll_into_view_if_needed()
    check.get_by_role("button", name="Vérifier").click()
    check.get_by_text("Choisissez d’abord une réponse.").wait_for(timeout=30_000)
    screenshot(lesson, "lessons/lesson-fr-check")
    assert "Check" not in [b.inner_text() for b in check.get_by_role("button").all()]
    # French words run longer than English: no button may cut its label short ("Afficher une ré…").
    clipped = lesson.evaluate(
        """() => [...document.querySelectorAll('.jupyter-button')]
          .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
          .map(b => b.textContent)"""
    )
    assert clipped == []
    assert offline.attempts == []


@pytest.mark.parametrize("browser_context", ["en-GB"], indirect=True)
def test_picking_arabic_mirrors_the_page_without_clipping(
    translated_port, browser_context, offline
):
    """Does picking العربية turn the page right to left, in Arabic, with no clipped or
    overlapping text, the lessons still linked (in English, marked so)?"""
    page = browser_context.new_page()
    page.goto(landing_url(translated_port), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text("Migration governance: course lessons").wait_for(timeout=90_000)
    page.get_by_role("button", name="العربية").click()
    landing = page.locator('.kit-landing[dir="rtl"]')
    landing.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    screenshot(page, "lessons/landing-ar")
    assert landing.get_attribute("lang") == "ar"
    assert landing.evaluate("e => getComputedStyle(e).direction") == "rtl"
    text = landing.inner_text()
    assert "Migration governance: course lessons" not in text
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    # The lesson list mirrors: its numbers stand at the right of the text.
    item = landing.locator("li.kit-lesson-entry").first
    box, page_width = item.bounding_box(), page.viewport_size["width"]
    assert box["x"] + box["width"] > page_width / 2
    assert offline.attempts == []


@pytest.mark.parametrize("browser_context", ["fr-FR"], indirect=True)
def test_the_real_french_lesson_answers_in_french(lessons_port, browser_context, offline):
    """From the real landing page in a French browser, does the French lesson 01 of module 01
    open, and does a wrong answer get "Pas tout à fait" and its French reason?"""
    page = browser_context.new_page()
    page.goto(landing_url(lessons_port), wait_until="domcontentloaded", timeout=90_000)
    link = page.locator(f'a[href="{MODULE}/01-coherent-objectives.fr.ipynb"]').first
    link.wait_for(timeout=90_000)
    screenshot(page, "lessons/landing-fr-real")
    with page.expect_popup(timeout=30_000) as popup:
        link.click()
    lesson = popup.value
    check = lesson.locator(".widget-vbox", has_text="paragraphe 15").first
    check.wait_for(timeout=180_000)
    check.scroll_into_view_if_needed()
    check.get_by_text("Intégration, y compris les droits et obligations", exact=True).click()
    check.get_by_role("button", name="Vérifier").click()
    check.get_by_text("Pas tout à fait.").wait_for(timeout=30_000)
    screenshot(lesson, "lessons/lesson-fr-real-check")
    assert "Not quite" not in check.inner_text()
    assert offline.attempts == []
