"""The printable country profile: the HTML report laid out on A4 by WeasyPrint, offline.

The PDF is made from the very same HTML as the ``.html`` report (one template, one set of
numbers); a print stylesheet adds A4 pages, page numbers and the country in the margin. The
charts are inline SVG, so they stay vectors in the PDF. WeasyPrint fetches nothing but
``data:`` URLs and files inside the kit package: a report never reaches the network.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kit import i18n
from kit.assessment import Assessment
from kit.errors import KitError
from kit.report.data import report_data
from kit.report.html import render_html

PACKAGE_DIR = Path(__file__).resolve().parent.parent

_ = i18n.translator("assessment")

PRINT_CSS = """
@page {
  size: A4;
  margin: 16mm 14mm 18mm 14mm;
  @bottom-right { content: PAGE_OF_PAGES;
                  font-size: 8pt; color: #5d6d7e; }
  @bottom-left { content: string(country); font-size: 8pt; color: #5d6d7e; }
}
html { font-size: 9pt; }
body { background: #fff; }
main { max-width: none; padding: 0; }
h1 { string-set: country content(); }
h2 { break-after: avoid; margin-top: 18pt; }
tr, .card, table.crosswalk { break-inside: avoid; }
section.added > p { break-after: avoid; }
/* Long ministry names wrap in the heat map's header instead of pushing columns off the page. */
#heat-map { table-layout: fixed; }
#heat-map th:first-child { width: 28%; }
#heat-map th:nth-child(2) { width: 6%; }
#heat-map th.num { white-space: normal !important; font-size: 7pt; }
/* On A4 the bars need the full width for their labels; the petals follow, centred. */
.bars { width: 100%; }
.radar { display: block; width: 70%; margin: 0 auto; }
"""


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and files inside the kit package and
    refuses everything else (``refused`` lists what was asked for)."""
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"))
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or _inside_package(url):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"the report is offline: refused {url}")

    return OfflineFetcher()


def _inside_package(url: str) -> bool:
    if not url.startswith("file://"):
        return False
    from urllib.parse import unquote, urlparse

    path = Path(unquote(urlparse(url).path)).resolve()
    return path.is_relative_to(PACKAGE_DIR)


def _print_css() -> str:
    """The print stylesheet with "Page 3 of 12" in the current language."""
    words = _("Page {page} of {pages}")
    content = []
    for n, part in enumerate(re.split(r"\{(page|pages)\}", words)):
        if n % 2:
            content.append(f"counter({part})")
        elif part:
            content.append(json.dumps(part))  # a CSS string: JSON's quoting is valid CSS
    direction = "rtl" if i18n.direction() == "rtl" else "ltr"
    css = PRINT_CSS.replace("PAGE_OF_PAGES", " ".join(content))
    # The page numbers go in the outer corner of the reading direction.
    if direction == "rtl":
        css = css.replace("@bottom-right", "@bottom-LEFT").replace("@bottom-left", "@bottom-right")
        css = css.replace("@bottom-LEFT", "@bottom-left")
    return css


def html_to_pdf(html: str, fetcher: Any = None) -> bytes:
    """Lay out an HTML page on A4 with the print stylesheet; return the PDF's bytes."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango library
        raise KitError(
            _(
                "the PDF report needs WeasyPrint and the Pango libraries "
                "(run scripts/install-system.sh): {fault}"
            ).format(fault=str(exc).splitlines()[0])
        ) from None

    fetcher = fetcher or offline_fetcher()
    document = HTML(string=html, base_url=str(PACKAGE_DIR) + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=_print_css(), url_fetcher=fetcher)])


def render_pdf(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The country profile as a PDF, from the same HTML as the ``.html`` report."""
    if data is None:
        data = report_data(assessment)
    return html_to_pdf(render_html(assessment, data).decode("utf-8"))
