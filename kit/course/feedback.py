"""Feedback for officials without the hidden tests (stock nbgrader shows them: upstream #917)."""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Bool
from traitlets.config import Config

from kit import i18n
from kit.course import feedback_page
from kit.course.feedback_page import FeedbackLanguage
from kit.curriculum.translations import assignment_language

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


_ = i18n.translator("courses")


def hidden_note(lang: str | None = None) -> str:
    """What feedback says in place of a failed hidden check, in ``lang`` (else the current)."""
    with i18n.use(lang or i18n.current()):
        return _("A hidden check did not pass: look at your answer again (the check is not shown).")


def hidden_blocks(source: str, begin: str, end: str) -> tuple[str, list[str]]:
    """The source without its hidden-test blocks, and the non-blank lines that were hidden."""
    kept: list[str] = []
    hidden: list[str] = []
    inside = False
    for line in source.splitlines(keepends=True):
        if begin in line:
            inside = True
            continue
        if end in line:
            inside = False
            continue
        (hidden if inside else kept).append(line)
    return "".join(kept), [line.strip() for line in hidden if line.strip()]


class StripHiddenTests(Preprocessor):
    """Remove hidden tests from cells, and errors raised by them, before feedback is rendered.

    The delimiters are the course's own: nbgrader's ``ClearHiddenTests.begin_test_delimeter``
    and ``end_test_delimeter`` (nbgrader's spelling) as the course configuration sets them, so a
    course with its own markers cannot leak its hidden tests into feedback.
    """

    # nbconvert skips preprocessors that are not enabled; nbgrader's own default to enabled.
    enabled = Bool(True, help="Strip hidden tests from feedback").tag(config=True)

    @property
    def delimiters(self) -> tuple[str, str]:
        """(begin, end) as nbgrader's ClearHiddenTests reads them from this configuration."""
        clear = ClearHiddenTests(config=self.config)
        return clear.begin_test_delimeter, clear.end_test_delimeter

    def preprocess_cell(self, cell, resources, index):
        begin, end = self.delimiters
        if cell.cell_type != "code" or begin not in cell.source:
            return cell, resources
        cell.source, hidden = hidden_blocks(cell.source, begin, end)
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        note = hidden_note(assignment_language(assignment))
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
            if any(line in trace for line in hidden):
                # The traceback quotes the hidden line and its message may give the answer away.
                output["evalue"] = note
                output["traceback"] = [f"{output.get('ename', 'Error')}: {note}"]
        return cell, resources


#: The words an unmarked written answer carries (English; the page uses the set's language).
AWAITING = i18n.N_("Awaiting your trainer")


def _points(value) -> str:
    # In the current language: a decimal comma in French and Spanish.
    return i18n.format_number(round(float(value or 0), 2))


def _labelled(label: str, text: str) -> str:
    """``label: text`` as the language writes it (French puts a space before the colon)."""
    return _("{label}: {text}").format(label=label, text=text)


class MarkAwaitingTrainer(Preprocessor):
    """Say plainly which written answers wait for the trainer, and what the score counts so far.

    nbgrader's feedback shows an unmarked written answer as "Score: 0.0 / 4.0", which reads as
    a fail. Runs after nbgrader's GetGrades (which puts the score in ``resources``); asks the
    gradebook which answers still need a person's marking.
    """

    enabled = Bool(True, help="Mark answers awaiting the trainer in feedback").tag(config=True)

    def preprocess(self, nb, resources):
        # In the graded set's language: a French set's feedback speaks French.
        assignment = resources["nbgrader"]["assignment"]
        with i18n.use(assignment_language(assignment) or i18n.current()):
            return self._mark(nb, resources)

    def _mark(self, nb, resources):
        from nbformat.v4 import new_markdown_cell
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_submission_notebook(
                info["notebook"], info["assignment"], info["student"]
            )
            # A task cell worth no points (the written question itself) awaits nothing: only
            # answers with points are said to be waiting (nbgrader already scored an answer
            # left untouched as 0, and asks no trainer to mark it).
            pending = {
                g.name: g.max_score for g in notebook.grades if g.needs_manual_grade and g.max_score
            }
        for cell in nb.cells:
            grade_id = (cell.metadata.get("nbgrader") or {}).get("grade_id")
            if grade_id in pending and cell.cell_type == "markdown":
                note = _(
                    "your trainer marks this answer; its {points} points are not in your score yet."
                )
                awaiting = "**" + _(AWAITING) + "**"
                cell.source += "\n\n---\n" + _labelled(
                    awaiting, note.format(points=_points(pending[grade_id]))
                )
        score, maximum = _points(info.get("score")), _points(info.get("max_score"))
        if pending:
            so_far = _("Your score so far: {score} of {maximum} points.")
            rest = _(
                "{count} written answer(s), worth {points} points, are marked by your trainer and "
                "added to your score then."
            )
            summary = f"**{so_far.format(score=score, maximum=maximum)}** " + _labelled(
                _(AWAITING), rest.format(count=len(pending), points=_points(sum(pending.values())))
            )
        else:
            score_line = _("Your score: {score} of {maximum} points.")
            summary = f"**{score_line.format(score=score, maximum=maximum)}**"
        nb.cells.insert(0, new_markdown_cell(summary, metadata={"kit": "score-summary"}))
        return nb, resources


def feedback_config() -> Config:
    """nbgrader configuration for feedback HTML: hidden tests and mark schemes stripped, answers
    awaiting the trainer said so, the score at the top, the page in the set's language."""
    from nbgrader.converters.generate_feedback import GenerateFeedback
    from nbgrader.preprocessors import ClearMarkScheme, GetGrades

    stock = GenerateFeedback.class_traits()["preprocessors"].default()
    after = stock.index(GetGrades) + 1
    config = Config()
    config.GenerateFeedback.preprocessors = [
        StripHiddenTests,
        # The written answer's mark scheme is for the trainer: the release has it cleared, but
        # autograding puts the locked cells back whole, so feedback would show it (and an
        # official may hand in again). nbgrader's own preprocessor, with the course's markers.
        ClearMarkScheme,
        FeedbackLanguage,
        *stock[:after],
        MarkAwaitingTrainer,
        *stock[after:],
    ]
    # nbgrader's page with its words in the set's language (kit/course/feedback_page.py).
    # A full path: nbconvert puts its folder on the template path itself.
    config.HTMLExporter.template_file = str(feedback_page.TEMPLATES / feedback_page.TEMPLATE_FILE)
    config.HTMLExporter.extra_template_basedirs = feedback_page.template_dirs()
    config.HTMLExporter.filters = {"kit_local_only": feedback_page.local_only}
    return config
