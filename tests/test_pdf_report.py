"""Is the PDF country profile an A4 document, made offline from the report's HTML, with page
numbers, the numbers of the report and charts drawn as vectors?"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from factories import UTOPIA

from kit.cli import main
from kit.report.pdf import html_to_pdf, offline_fetcher

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils: run scripts/install-system.sh"
)


@pytest.fixture(scope="module")
def utopia_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    files = [str(p) for p in sorted((UTOPIA / "2025").glob("*.csv"))]
    for suffix in ("pdf", "json"):
        out = folder / f"utopia.{suffix}"
        assert main(["assess", *files, "--crosswalk", "sdg-10-7-2", "--out", str(out)]) == 0
    return folder / "utopia.pdf"


def _text(pdf, *pages: int) -> str:
    args = ["pdftotext"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())  # table cells wrap: compare words, not lines


def test_pdf_text_has_country_score_item_and_page_numbers(utopia_pdf):
    """Read back with pdftotext, does the PDF name the country, the overall score (as the JSON
    report of the same files gives it), an item, the crosswalk and number its pages 'Page n of
    N'?"""
    text = _text(utopia_pdf)
    first = _text(utopia_pdf, 1)
    data = json.loads(utopia_pdf.with_suffix(".json").read_text(encoding="utf-8"))
    assert "Utopia: capacity to govern migration" in first
    assert "Overall score" in first
    assert f"{data['consolidated']['percent']:.1f}%" in first
    assert "Migration in development planning" in text
    assert "Domain 1: Migrant rights" in text
    assert "Annex: evidence behind each level" in text
    pages = int(
        subprocess.run(["pdfinfo", str(utopia_pdf)], capture_output=True, text=True, check=True)
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    assert pages > 1
    assert "Page 1 of" in first
    assert f"Page {pages} of {pages}" in _text(utopia_pdf, pages)


def test_pdf_is_a4_with_vector_charts(utopia_pdf):
    """Are the pages A4 (595 x 842 pt) and is there no raster image (the charts are vectors)?"""
    info = subprocess.run(["pdfinfo", str(utopia_pdf)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    images = subprocess.run(
        ["pdfimages", "-list", str(utopia_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(images) == 2  # the two header lines of the listing, no image row


def test_pdf_fetches_nothing_outside(tmp_path):
    """Given a page that asks for an outside stylesheet and image, does the PDF renderer refuse
    both (recording them) and still write the PDF?"""
    fetcher = offline_fetcher()
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head>'
        '<body><p>Offline</p><img src="http://example.invalid/logo.png"></body></html>'
    )
    pdf = html_to_pdf(page, fetcher)
    assert pdf.startswith(b"%PDF")
    assert sorted(fetcher.refused) == [
        "http://example.invalid/logo.png",
        "https://cdn.example.invalid/x.css",
    ]
