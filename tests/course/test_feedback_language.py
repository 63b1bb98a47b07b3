"""Does the score summary nbgrader's feedback gets from the kit speak the graded set's language?"""

from __future__ import annotations

import warnings

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from kit.course.feedback import MarkAwaitingTrainer


def _feedback_for(tmp_path, assignment: str) -> str:
    """The markdown of a one-written-answer submission's feedback, as MarkAwaitingTrainer
    leaves it, with a real nbgrader gradebook holding the answer as awaiting the trainer."""
    from nbgrader.api import Gradebook

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's autoflush notes from nbgrader's API
        with Gradebook(url) as gb:
            gb.add_assignment(assignment)
            gb.add_notebook(assignment, assignment)
            gb.add_grade_cell("written", assignment, assignment, max_score=3, cell_type="markdown")
            gb.add_student("amina")
            gb.add_submission(assignment, "amina")
    cell = new_markdown_cell("Answer", metadata={"nbgrader": {"grade_id": "written"}})
    resources = {
        "nbgrader": {
            "db_url": url,
            "assignment": assignment,
            "notebook": assignment,
            "student": "amina",
            "score": 0,
            "max_score": 3,
        }
    }
    nb, _ = MarkAwaitingTrainer().preprocess(new_notebook(cells=[cell]), resources)
    return "\n".join(c.source for c in nb.cells if isinstance(c, nbformat.NotebookNode))


@pytest.mark.parametrize(
    "assignment, words",
    [
        ("05-cooperation", ["Your score so far: 0 of 3 points.", "Awaiting your trainer"]),
        ("05-cooperation-fr", ["Votre note à ce stade : 0 sur 3 points.", "En attente de votre"]),
        ("05-cooperation-es", ["Su nota hasta ahora: 0 de 3 puntos.", "Pendiente de su formador"]),
    ],
)
def test_a_translated_sets_feedback_says_score_and_awaiting_in_its_language(
    tmp_path, assignment, words
):
    """Does a French or Spanish set's feedback give the score and 'awaiting your trainer' in
    that language, and an English set's in English?"""
    text = _feedback_for(tmp_path, assignment)
    for expected in words:
        assert expected in text
