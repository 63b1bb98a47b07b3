"""Is every interface string of the courses (landing page, checks, certificates, cohort
dashboard, pack) in the ``courses`` catalogue of every language, translated, not fuzzy?"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from repo import ROOT

from kit import i18n
from kit.i18n import extract

TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)[^{}]*\}", text))


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


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_courses_string_is_translated(template, lang):
    """Is each marked string in the language's courses.po, translated, not fuzzy, with the same
    {placeholders}? (After marking strings: make messages, then translate.)"""
    path = ROOT / "kit" / "locale" / lang / "LC_MESSAGES" / "courses.po"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run make messages"
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    faults = []
    for message in template:
        if not message.id:
            continue
        entry = po.get(message.id)
        if entry is None:
            faults.append(f"missing: {message.id!r}")
        elif entry.fuzzy or not entry.string:
            faults.append(f"{'fuzzy' if entry.fuzzy else 'untranslated'}: {message.id!r}")
        elif _fields(entry.string) != _fields(message.id):
            faults.append(f"placeholders differ: {message.id!r} -> {entry.string!r}")
    assert not faults, f"{path.relative_to(ROOT)}:\n" + "\n".join(faults)
