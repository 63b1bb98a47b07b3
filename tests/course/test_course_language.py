"""Do certificates, the cohort dashboard's tables and feedback notes speak the chosen language?"""

from __future__ import annotations

import pandas as pd

from kit import i18n
from kit.course.certificates import render_certificates
from kit.course.cohort import columns, views
from kit.course.feedback import hidden_note
from kit.course.titles import module_title

ROW = {"student": "amina", "name": "Amina Diallo", "percent": "85.5", "modules": ["05-x"]}


def test_a_french_certificate_is_french_with_a_decimal_comma():
    """In French, does a certificate read in French, in a French page, with 85,5 %?"""
    with i18n.use("fr"):
        page = render_certificates(
            [dict(ROW)], title="", pass_mark="70", place="", date="", trainer=""
        )
    assert '<html lang="fr" dir="ltr">' in page
    assert "Certificate of Completion" not in page and "Trainer" not in page
    assert "85,5" in page and "85.5" not in page


def test_an_arabic_certificate_is_right_to_left():
    """In Arabic, is the certificate page right to left and in Arabic?"""
    with i18n.use("ar"):
        page = render_certificates(
            [dict(ROW)], title="", pass_mark="70", place="", date="", trainer=""
        )
    assert '<html lang="ar" dir="rtl">' in page
    assert "Certificate of Completion" not in page


def test_module_titles_follow_the_language():
    """Is an assignment (or its translated set) named in the current language?"""
    assert module_title("03-border-management") == "Module 03: Border management"
    assert module_title("01-policy-formulation-fr") == "Module 01: Policy formulation"
    with i18n.use("es"):
        assert module_title("03-border-management").startswith("Módulo 03")


def test_cohort_tables_are_labelled_and_numbered_in_spanish():
    """In Spanish, are the officials table's headings Spanish and its numbers written 85,5?"""
    frame = pd.DataFrame([{"student": "amina", "name": "Amina", "percent": 85.5}])
    with i18n.use("es"):
        html = views.table(frame, columns.official_columns(), "kit-official-table")
        empty = views.table(frame.iloc[0:0], columns.official_columns(), "kit-official-table")
    assert ">Official<" not in html and "85,5" in html
    assert "Nothing graded yet" not in empty


def test_feedback_on_a_french_set_hides_the_check_in_french():
    """Is the note replacing a failed hidden check French for a French set's feedback?"""
    assert hidden_note("fr") != hidden_note("en")
    assert "hidden check" in hidden_note("en")
