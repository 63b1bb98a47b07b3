"""`kit course analytics --lang fr|ar` writes its offline report (cohort.html, cohort.xlsx) in
that language (issue #14): headings and columns from the courses catalogue, decimal commas in
French, Arabic right to left with numbers and ids left to right; ids stay as they are."""

from __future__ import annotations

import re

import openpyxl
import pytest
from browser import CLIPPED, OVERLAPS, screenshot
from kitcli import course as run

from kit import i18n
from kit.course.cohort.columns import official_columns, question_columns

#: The report's section headings, as msgids of the courses catalogue.
HEADINGS = ["Questions most failed", "Modules", "Officials", "All questions"]


@pytest.fixture(scope="module")
def reports(graded_course, tmp_path_factory):
    """`kit course analytics --lang LANG` on the session's graded course, for en, fr and ar."""
    out = {}
    for lang in ("en", "fr", "ar"):
        folder = tmp_path_factory.mktemp(f"cohort-{lang}")
        args = ["analytics", "--dir", graded_course.root, "--out", folder, "--lang", lang]
        assert run(args) == 0
        out[lang] = folder
    return out


def tr(msgid: str, lang: str) -> str:
    return i18n.gettext("courses", msgid, lang=lang)


def test_french_report_headings_columns_and_decimal_commas(reports, graded_course):
    """Is `--lang fr`'s cohort.html a French page: lang="fr", every section heading and the
    officials' and questions' column headings as the catalogue translates them (none left in
    English), numbers in tables and chart axes with a decimal comma and none with a point, the
    summary's plural from the catalogue, ids kept as they are?"""
    page = (reports["fr"] / "cohort.html").read_text(encoding="utf-8")
    assert "<html lang='fr' dir='ltr'>" in page
    for msgid in HEADINGS:
        assert f"<h2>{tr(msgid, 'fr')}</h2>" in page
    assert "<h2>Questions most failed</h2>" not in page
    assert "<h2>All questions</h2>" not in page
    with i18n.use("fr"):
        officials, questions = official_columns(), question_columns()
    labels = [officials[k] for k in ("student", "score", "percent")]
    labels += [questions[k] for k in ("assignment", "question", "difficulty", "to_mark")]
    assert tr("Exercise set", "fr") != "Exercise set"
    for label in labels:
        assert f">{label}</th>" in page, label
    numbers = re.findall(r"<td class='num[^']*'[^>]*>([^<]+)</td>", page)
    assert any(re.fullmatch(r"-?\d+,\d+", n) for n in numbers), numbers
    assert not any(re.fullmatch(r"-?\d+\.\d+", n) for n in numbers), numbers
    # The charts' axes too (vl-convert's number locale), and the summary's plural.
    assert re.search(r">0,2</text>", page) and not re.search(r">0\.2</text>", page)
    sets = 1  # the fixture grades one exercise set
    summary = i18n.ngettext(
        "courses", "{count} graded exercise set", "{count} graded exercise sets", sets, lang="fr"
    )
    assert summary.format(count=sets) in page
    # Data stays data: the grade ids and the assignment id appear untranslated.
    assert f"<bdi>{graded_course.assignment}</bdi>" in page
    english = (reports["en"] / "cohort.html").read_text(encoding="utf-8")
    assert "<h2>Questions most failed</h2>" in english and "<html lang='en' dir='ltr'>" in english


def test_french_workbook_sheets_and_headings(reports):
    """Does `--lang fr`'s cohort.xlsx name its sheets and head its columns in French (from the
    catalogue), keeping the data cells (official ids) as they are?"""
    book = openpyxl.load_workbook(reports["fr"] / "cohort.xlsx")
    assert tr("Officials", "fr") in book.sheetnames and "Officials" not in book.sheetnames
    assert tr("Questions", "fr") in book.sheetnames and tr("Scores", "fr") in book.sheetnames
    sheet = book[tr("Officials", "fr")]
    headings = [c.value for c in sheet[1]]
    with i18n.use("fr"):
        expected = official_columns()
    assert expected["student"] in headings and expected["percent"] in headings
    assert "student" not in headings and "percent" not in headings
    assert {"amina", "bruno"} <= {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert not sheet.sheet_view.rightToLeft


def test_arabic_report_is_right_to_left(reports):
    """Is `--lang ar`'s report an Arabic right-to-left page (and its workbook's sheets right to
    left) with Arabic headings from the catalogue?"""
    page = (reports["ar"] / "cohort.html").read_text(encoding="utf-8")
    assert "<html lang='ar' dir='rtl'>" in page
    assert f"<h2>{tr('All questions', 'ar')}</h2>" in page
    book = openpyxl.load_workbook(reports["ar"] / "cohort.xlsx")
    assert tr("Officials", "ar") in book.sheetnames
    assert all(book[name].sheet_view.rightToLeft for name in book.sheetnames)


@pytest.mark.browser
@pytest.mark.timeout(300)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_report_in_chromium(context, offline, reports, lang):
    """In Chromium, offline, does the French or Arabic report show its three charts, no heading
    or number cut off, no chart on top of another, and (Arabic) the table mirrored with its
    numbers and ids left to right?"""
    page = context.new_page()
    page.set_viewport_size({"width": 1200, "height": 900})
    page.set_content((reports[lang] / "cohort.html").read_text(encoding="utf-8"))
    assert page.get_attribute("html", "dir") == i18n.direction(lang)
    assert page.locator(".charts svg").count() == 3
    first, last = (page.locator(".kit-officials th").nth(n) for n in (0, -1))
    if lang == "ar":
        assert first.bounding_box()["x"] > last.bounding_box()["x"], "the table is not mirrored"
        direction = "el => getComputedStyle(el).direction"
        assert page.locator(".kit-officials td.num").first.evaluate(direction) == "ltr"
        assert page.locator(".kit-officials bdi").first.inner_text() == "amina"
    else:
        assert first.bounding_box()["x"] < last.bounding_box()["x"]
    assert page.evaluate(CLIPPED, "h1, h2, th, td.num") == []
    assert page.evaluate(OVERLAPS, ".charts") == []
    screenshot(page, f"course/cohort-report-{lang}")
    assert offline.attempts == []
    page.close()
