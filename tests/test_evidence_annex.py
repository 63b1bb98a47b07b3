"""Does every report carry the evidence behind each level, safely: escaped in HTML, never a
formula in Excel, raw in JSON?"""

from __future__ import annotations

import io
import json

import pytest
from factories import FIXTURES
from openpyxl import load_workbook

from kit.assessment import assess
from kit.framework import load_framework
from kit.report.data import render_json
from kit.report.html import render_html
from kit.report.xlsx import render_xlsx
from kit.responses import Answer, ResponseSet

MINI = load_framework(FIXTURES / "frameworks" / "mini.yaml")
HOSTILE_EVIDENCE = '<script>alert("x")</script> Decree 12 & "annex"'
FORMULA_COMMENTS = {
    "a.one": '=HYPERLINK("http://example.invalid","click")',
    "a.two": "+1 555 0100, ask the desk officer",
    "a.three": "-5 staff since March",
    "b.one": "@SUM(A1:A9)",
}


@pytest.fixture(scope="module")
def hostile():
    """Two ministries; the interior typed markup in its evidence and formula-looking comments."""
    interior = ResponseSet(
        "mini",
        "Mini",
        "Interior",
        "2025",
        {
            item_id: Answer(item_id, "level", 3.0, evidence=HOSTILE_EVIDENCE, comment=comment)
            for item_id, comment in FORMULA_COMMENTS.items()
        },
    )
    labour = ResponseSet(
        "mini",
        "Mini",
        "Labour",
        "2025",
        {
            "a.one": Answer("a.one", "level", 1.0, evidence="Labour code, art. 4"),
            "b.two": Answer("b.two", "na", na_reason="no border post"),
        },
    )
    return assess(MINI, [interior, labour])


def test_html_annex_escapes_typed_text(hostile):
    """Is typed markup shown as text in the annex, never as a tag (<script>, quotes, &)?"""
    page = render_html(hostile).decode("utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Decree 12 &amp; &#34;annex&#34;" in page
    annex = page[page.index('id="evidence-annex"') :]
    assert 'data-item="a.one" data-ministry="Labour"' in annex
    assert "Labour code, art. 4" in annex
    assert "N/A because: no border post" in annex


def test_json_annex_has_levels_evidence_comments_and_consolidated(hostile):
    """Does the JSON annex give, per item, each ministry's level, evidence and comment as typed,
    and the consolidated level?"""
    data = json.loads(render_json(hostile))
    annex = {e["item_id"]: e for e in data["evidence"]}
    assert list(annex) == ["a.one", "a.two", "a.three", "b.one", "b.two"]
    one = annex["a.one"]
    assert one["ministries"]["Interior"] == {
        "level": "3",
        "na_reason": "",
        "evidence": HOSTILE_EVIDENCE,
        "comment": FORMULA_COMMENTS["a.one"],
    }
    assert one["ministries"]["Labour"]["level"] == "1"
    assert one["consolidated"] == "2"  # the median of 3 and 1
    assert annex["b.two"]["ministries"]["Interior"]["level"] is None  # unanswered


def test_excel_annex_keeps_formula_looking_comments_as_text(hostile):
    """Read back, is each comment starting with =, +, - or @ a string cell with the quote
    prefix, holding exactly what was typed, and no cell of the workbook a formula?"""
    wb = load_workbook(io.BytesIO(render_xlsx(hostile)))
    sheet = wb["Evidence"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "item_id",
        "title",
        "consolidated",
        "ministry",
        "level",
        "na_reason",
        "evidence",
        "comment",
    ]
    seen = {}
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == "Interior" and row[0].value in FORMULA_COMMENTS:
            seen[row[0].value] = row[7]
            assert row[6].value == HOSTILE_EVIDENCE
    assert set(seen) == set(FORMULA_COMMENTS)
    for item_id, text in FORMULA_COMMENTS.items():
        cell = seen[item_id]
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix
    formulas = [c.coordinate for ws in wb for r in ws.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []
