"""The cohort tables' columns as the trainer reads them, in the current language.

One place for the page (views, report) and the workbook alike, so both say the same words.
"""

from __future__ import annotations

from kit import i18n

_ = i18n.translator("courses")


def official_columns() -> dict[str, str]:
    """The officials table's columns, as the trainer reads them (in the current language)."""
    return {
        "student": _("Official"),
        "name": _("Name"),
        "score": _("Points"),
        "max_score": _("Of"),
        "percent": _("Total %"),
        "modules_completed": _("Modules done"),
    }


def question_columns() -> dict[str, str]:
    """The question tables' columns."""
    return {
        "assignment": _("Exercise set"),
        "question": _("Question"),
        "kind": _("Kind"),
        "points": _("Points"),
        "difficulty": _("Difficulty (p)"),
        "discrimination": _("Discrimination"),
        "full_marks": _("Full marks"),
        "zero": _("Zero"),
        "officials": _("Officials"),
        "to_mark": _("Still to mark"),
    }


def module_columns() -> dict[str, str]:
    """The module completion table's columns."""
    return {
        "assignment": _("Exercise set"),
        "submitted": _("Submitted"),
        "completion": _("Completion"),
        "mean_percent": _("Mean %"),
    }


def gain_columns() -> dict[str, str]:
    """The learning-gain table's columns, as the trainer reads them (in the current language)."""
    return {
        "module": _("Module"),
        "officials": _("Took both tests"),
        "pre_percent": _("Pre-test %"),
        "post_percent": _("Post-test %"),
        "gain": _("Gain (points)"),
    }


def objective_gain_columns() -> dict[str, str]:
    """The learning-gain-by-objective table's columns."""
    return {
        "module": _("Module"),
        "objective": _("Objective"),
        "objective_text": _("What the official can do"),
        **{k: v for k, v in gain_columns().items() if k != "module"},
    }


def score_columns() -> dict[str, str]:
    """The Scores sheet's columns: one row per official and question."""
    return {
        "student": _("Official"),
        "assignment": _("Exercise set"),
        "question": _("Question"),
        "score": _("Points"),
        "max_score": _("Of"),
        "kind": _("Kind"),
        "to_mark": _("Still to mark"),
    }
