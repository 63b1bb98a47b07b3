"""Does a translated graded set show nbgrader's answer placeholder in its own language?

Real nbgrader generates the sets through kit's own path (``kit.course.api.generate``, which
``kit course build`` runs) and through the pack's release step; the words come from the
``courses`` catalogue, so these tests read them from there rather than spelling them out.
"""

from __future__ import annotations

import nbformat
import pytest
from curriculum_harness import THIRD_PARTY_WARNINGS, nbgrader_meta

from kit import i18n
from kit.course.stubs import answer_stubs, stub_config_lines

pytestmark = [pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS]

ENGLISH = "YOUR ANSWER HERE"
FRENCH_SET = "01-policy-formulation-fr"


def placeholder(lang: str) -> str:
    return i18n.gettext("courses", ENGLISH, lang=lang)


def answer_cells(nb) -> list:
    return [c for c in nb.cells if nbgrader_meta(c).get("solution")]


def released(course, assignment: str):
    graded = course.grade(assignment)
    return nbformat.read(graded.release / f"{assignment}.ipynb", as_version=4)


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_the_catalogue_translates_the_placeholder(lang):
    """Does each language's catalogue give the placeholder its own words (not the English)?"""
    assert placeholder(lang).strip() and placeholder(lang) != ENGLISH


def test_a_french_set_shows_the_french_placeholder_in_every_answer_cell(course):
    """Does kit's generation of a -fr set put the French placeholder in every answer cell,
    with no English one left anywhere in the released notebook?"""
    nb = released(course, FRENCH_SET)
    cells = answer_cells(nb)
    assert cells, f"{FRENCH_SET}: no answer cells"
    french = placeholder("fr")
    for cell in cells:
        expected = f"# {french}" if cell.cell_type == "code" else french
        assert expected in cell.source, f"{nbgrader_meta(cell)['grade_id']}: {cell.source!r}"
    assert ENGLISH not in nbformat.writes(nb)


def test_the_english_set_keeps_the_english_placeholder(course):
    """Does the English original keep the course's English placeholder (no override)?"""
    assert answer_stubs("01-policy-formulation") is None
    nb = released(course, "01-policy-formulation")
    for cell in answer_cells(nb):
        assert ENGLISH in cell.source, f"{nbgrader_meta(cell)['grade_id']}: {cell.source!r}"
    assert placeholder("fr") not in nbformat.writes(nb)


def test_a_blank_french_submission_scores_zero_and_its_feedback_shows_french(course):
    """Is an untouched -fr release still graded 0 (nbgrader's checksums taken at generation),
    the solution full marks, and does its feedback page show the French placeholder?"""
    graded = course.grade(FRENCH_SET)
    assert graded.scores["blank"]["autograded"] == 0
    assert graded.scores["blank"]["score"] == 0
    solution = graded.scores["solution"]
    assert solution["autograded"] == solution["max_autograded"] > 0
    page = graded.feedback_html("blank").read_text(encoding="utf-8")
    assert placeholder("fr") in page and ENGLISH not in page


def test_the_pack_releases_a_spanish_set_with_the_spanish_placeholder(tmp_path):
    """Does the pack's release step (kit/pack/release.py, real nbgrader) use the set's language?"""
    from curriculum_harness import SOURCE

    from kit.pack.release import release_notebook

    notebook = release_notebook(SOURCE.parent, "05-cooperation-es", tmp_path)
    nb = nbformat.read(notebook, as_version=4)
    spanish = placeholder("es")
    assert all(spanish in c.source for c in answer_cells(nb))
    assert ENGLISH not in nbformat.writes(nb)


def test_the_config_lines_are_python_whatever_the_script():
    """Do the lines appended to the pack's copy of the config run as Python, in Arabic too?"""
    config = {}
    scope = {"c": type("C", (), {"ClearSolutions": type("S", (), {})()})()}
    exec(stub_config_lines("01-policy-formulation-ar"), scope, config)
    stubs = scope["c"].ClearSolutions
    assert stubs.text_stub == placeholder("ar")
    assert stubs.code_stub == {"python": f"# {placeholder('ar')}"}
    assert stub_config_lines("01-policy-formulation") == ""
