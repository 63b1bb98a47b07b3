"""The HTML report and the dashboard in French and in Arabic, in Debian's Chromium (issue #14):
the page's language and direction, nothing clipped or overlapping, numbers left to right.

Screenshots go to artifacts/screenshots/languages/.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from browser import CLIPPED, OVERLAPS, screenshot
from dashboard.dashboard_page import READY, start_dashboard
from repo import SAMPLE

from kit import i18n
from kit.assessment import assess
from kit.framework import load_framework
from kit.io.formats import load_responses
from kit.report.html import render_html

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


#: SVG texts that stick out of their chart.
OUTSIDE_SVG = """sel => [...document.querySelectorAll(sel)].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.width && (r.left < box.left - 1 || r.right > box.right + 1);
  }).map(t => t.textContent.slice(0, 40));
})"""


@pytest.fixture(scope="module")
def utopia():
    framework = load_framework("gcim-2005")
    current = [load_responses(p, framework) for p in sorted((SAMPLE / "utopia/2025").glob("*.csv"))]
    earlier = [load_responses(p, framework) for p in sorted((SAMPLE / "utopia/2023").glob("*.csv"))]
    return assess(framework, current, earlier)


def _report_page(context, utopia, lang: str):
    with i18n.use(lang):
        html = render_html(utopia).decode("utf-8")
    page = context.new_page()
    page.set_content(html, wait_until="load")
    return page


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_report_reads_in_french_and_arabic(context, utopia, lang):
    """Is the report a `lang` page (Arabic: dir=rtl, first column on the right, numbers and
    ids left to right) with no cell text clipped, no card overlapping another and every chart
    label inside its chart?"""
    page = _report_page(context, utopia, lang)
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == i18n.direction(lang)
    first, last = (page.locator("#area-table tr").first.locator("th").nth(n) for n in (0, -1))
    first_box, last_box = first.bounding_box(), last.bounding_box()
    if lang == "ar":
        assert first_box["x"] > last_box["x"], "the table is not mirrored"
        direction = "el => getComputedStyle(el).direction"
        assert page.locator("#area-table td.num").first.evaluate(direction) == "ltr"
        assert page.locator("#overall-percent").evaluate(direction) == "ltr"
        assert page.locator("body").evaluate(direction) == "rtl"
    else:
        assert first_box["x"] < last_box["x"]
        assert "," in page.locator("#overall-percent").inner_text()  # decimal comma
    assert page.evaluate(CLIPPED, "th, td.num, td.lvl, .card, h1, h2") == []
    assert page.evaluate(OVERLAPS, ".cards") == []
    assert page.evaluate(OUTSIDE_SVG, "svg.bars, svg.radar") == []
    screenshot(page, f"languages/report-{lang}")
    page.close()


# -- the dashboard -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard (warm kernels, as `kit dashboard` runs it) on a copy of the sample data."""
    root = tmp_path_factory.mktemp("dashboard-languages")
    data = root / "data"
    shutil.copytree(SAMPLE, data)
    voila = start_dashboard(data, root / "voila.log", preheat=True, pool_size=1)
    yield SimpleNamespace(url=voila.url, data=data)
    voila.stop()


def _dashboard(context, url: str, lang: str):
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector(f".kit-app.kit-lang-{lang} {READY}", timeout=120_000)
    page.wait_for_selector(".kit-area-chart svg", timeout=60_000)
    return page


def _check_layout(page) -> None:
    """No label, button or tab cut off; no widget of a row on top of another."""
    assert (
        page.evaluate(
            CLIPPED,
            ".kit-app .widget-label, .kit-app button, .p-TabBar-tabLabel, .lm-TabBar-tabLabel",
        )
        == []
    )
    assert page.evaluate(OVERLAPS, ".kit-row, .kit-title-row, .kit-level") == []


def test_the_dashboard_opens_in_the_browsers_language(chromium, offline, server):
    """With no choice made, does the dashboard open in the browser's language (Spanish)?"""
    context = chromium.new_context(viewport={"width": 1366, "height": 1000}, locale="es-ES")
    context.route("**/*", offline)
    try:
        page = _dashboard(context, server.url, "es")
        assert "Autoevaluación" in page.locator(".kit-app h1").inner_text()
    finally:
        context.close()
    assert offline.attempts == []


def test_the_dashboard_in_french_then_arabic(context, server):
    """Does ?lang=fr give the French page, and choosing العربية in the picker the Arabic one,
    mirrored (direction rtl), with the same answers open, nothing clipped or overlapping and
    the country's charts mirrored?"""
    page = _dashboard(context, f"{server.url}?lang=fr", "fr")
    text = page.locator(".kit-app").inner_text()
    assert "Auto-évaluation" in text and "Résultats du pays" in text and "Niveau atteint" in text
    french_item = load_framework("gcim-2005", lang="fr").items["objectives.development"].title
    assert french_item in page.locator(".kit-item-title").inner_text()
    _check_layout(page)
    screenshot(page, "languages/dashboard-fr", ".kit-app")
    subtitle = page.locator(".kit-subtitle").inner_text()

    page.locator(".kit-language select").select_option(label=i18n.LANGUAGES["ar"])
    page.wait_for_selector(f".kit-app.kit-dir-rtl {READY}", timeout=60_000)
    page.wait_for_selector(".kit-area-chart svg", timeout=60_000)
    app = page.locator(".kit-app")
    assert app.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "التقييم الذاتي" in page.locator(".kit-app h1").inner_text()
    # The same ministry is open (its name is data, not translated).
    assert (
        subtitle.split("—")[-1].split("·")[0].strip() in page.locator(".kit-subtitle").inner_text()
    )
    # Mirrored: the chooser's first box (country) is to the right of the Open button.
    country = page.locator(".kit-country-box").bounding_box()
    opener = page.locator(".kit-open").bounding_box()
    assert country["x"] > opener["x"]
    _check_layout(page)
    screenshot(page, "languages/dashboard-ar", ".kit-app")

    page.locator(".lm-TabBar-tab, .p-TabBar-tab").nth(1).click()
    page.wait_for_selector(".kit-country svg", timeout=60_000)
    assert "نتائج البلد" in page.locator(".lm-TabBar-tab, .p-TabBar-tab").nth(1).inner_text()
    assert page.evaluate(OUTSIDE_SVG, ".kit-country .kit-petals svg") == []
    screenshot(page, "languages/dashboard-ar-country", ".kit-app")


def _level_cells(data) -> dict[tuple[str, str], str]:
    """Every (file, item) -> its `level` cell, as the files write it."""
    import csv

    cells = {}
    for path in sorted(data.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if "item_id" in row and "level" in row:
                    cells[(path.name, row["item_id"])] = row["level"]
    return cells


def test_the_typed_box_takes_the_pages_words(context, server):
    """On the French page, does the "or type" box name the French words in its hint, take
    "ne sait pas" typed by a person (the Don't know button then chosen), and save the neutral
    `don't know` in the file, nothing else changed?"""
    import time

    page = _dashboard(context, f"{server.url}?lang=fr", "fr")
    box = page.locator(".kit-level-text input")
    hint = i18n.gettext("assessment", "0-4, {na}, {dont_know}", "fr").format(
        na=i18n.gettext("assessment", "N/A", "fr"),
        dont_know=i18n.gettext("assessment", "don't know", "fr"),
    )
    assert box.get_attribute("placeholder") == hint == "0-4, S.O., ne sait pas"

    def typed(text: str, button: str) -> dict:
        """Type ``text`` as a person does; the cells that changed in the files."""
        before = _level_cells(server.data)
        box.fill(text)
        box.press("Enter")
        page.wait_for_selector(f".kit-level button.mod-active:text-is('{button}')", timeout=60_000)
        deadline = time.monotonic() + 30
        while _level_cells(server.data) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        after = _level_cells(server.data)
        return {key: value for key, value in after.items() if before.get(key) != value}

    # The first item shown may already be "don't know" (Foreign Affairs): make it 2 first.
    typed("2", "2")
    changed = typed("ne sait pas", i18n.gettext("assessment", "Don't know", "fr"))
    assert list(changed.values()) == ["don't know"], changed
    assert page.locator(".kit-app div.kit-notice-error").count() == 0
    assert page.locator(".kit-app div.kit-notice-success").count() == 1
    screenshot(page, "languages/dashboard-fr-typed", ".kit-app")
