"""Does the extraction find every interface string of the courses (landing page, checks,
certificates, cohort dashboard, pack)? Whether each is translated in every language is checked
for all domains by tests/test_i18n.py."""

from __future__ import annotations

import pytest
from repo import ROOT

from kit.i18n import extract


@pytest.fixture(scope="module")
def template():
    return extract.template("courses", ROOT)


def test_the_extraction_reads_the_courses_code_and_templates(template):
    """Does the extraction find the strings of teaching.py, the landing and cohort templates
    and the certificate template (a broken babel.cfg section would silently drop them)?"""
    ids = {message.id for message in template}
    for marked in (
        "Not quite.",  # kit/teaching.py
        "Migration governance: course lessons",  # kit/web/templates/landing.html.j2
        "Nothing graded yet.",  # kit/web/templates/cohort.html.j2
        "Certificate of Completion",  # kit/course/templates/certificate.html.j2
        "graded set",  # kit/pack/landing.py
    ):
        assert marked in ids
