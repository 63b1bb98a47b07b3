"""Do a lesson's charts keep their long labels and title inside the picture in Chromium?

Lesson charts are SVG pictures drawn by vl-convert; the browser draws their text with its own
fonts. When vl-convert measured text with a narrower font than the browser drew it with, long
category labels ("Regroupement familial, asile, réfugiés") and titles ran past the picture's
edge and were cut.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from browser import screenshot

from kit import teaching

LABELS = [
    "Croissance et développement",
    "Regroupement familial, asile, réfugiés",
    "Migration irrégulière et régulière",
    "Droits des migrants",
]
TITLE = "Sections du projet de politique migratoire de l'Utopie, par question minimale (fictif)"


def _lesson_svg() -> str:
    teaching.setup()
    chart = (
        alt.Chart(pd.DataFrame({"issue": LABELS, "sections": [4, 3, 6, 1]}), title=TITLE)
        .mark_bar()
        .encode(x="sections:Q", y=alt.Y("issue:N", title=None, sort=None))
        .properties(width=420, height=140)
    )
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    return bundle["image/svg+xml"]


def test_long_labels_and_title_stay_inside_the_chart(context):
    """Is every text of a lesson chart with long French labels drawn whole and inside its SVG?"""
    page = context.new_page()
    page.set_content(f'<div style="padding:20px;display:inline-block">{_lesson_svg()}</div>')
    outside = page.evaluate(
        """() => {
          const svg = document.querySelector('svg').getBoundingClientRect();
          return [...document.querySelectorAll('svg text')].filter(t => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && (r.left < svg.left - 0.5 || r.right > svg.right + 0.5 ||
                                   r.top < svg.top - 0.5 || r.bottom > svg.bottom + 0.5);
          }).map(t => t.textContent);
        }"""
    )
    texts = page.locator("svg text").all_text_contents()
    screenshot(page, "lessons/chart-long-labels")
    assert outside == [], f"cut at the picture's edge: {outside}"
    for label in [*LABELS, TITLE]:
        assert label in texts, f"{label!r} shortened or missing"
