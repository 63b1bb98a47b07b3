"""nbgrader's answer placeholder in a graded set's language.

nbgrader replaces a solution with ``ClearSolutions.code_stub`` / ``text_stub``, set once per
course in ``nbgrader_config.py`` (English). A translated set (``<assignment>-<lang>``) gets
the placeholder of its language as extra configuration for that one generation, so a French
set reads ``VOTRE RÉPONSE ICI``. Grading is unaffected: nbgrader records each answer cell's
checksum as released, so an untouched answer still scores 0 whatever its words.
"""

from __future__ import annotations

from kit import i18n
from kit.curriculum.translations import assignment_language

__all__ = ["answer_stubs", "stub_config", "stub_config_lines"]

_ = i18n.translator("courses")


def answer_stubs(assignment: str) -> dict | None:
    """``ClearSolutions`` settings for ``assignment``'s language; None for an English set.

    An English set keeps whatever the course's own configuration says.
    """
    lang = assignment_language(assignment)
    if lang is None:
        return None
    with i18n.use(lang):
        # TRANSLATORS: nbgrader's placeholder where an official writes an answer (capitals).
        text = _("YOUR ANSWER HERE")
    # Same form as nbgrader_config.py: code_stub is per kernel language.
    return {"code_stub": {"python": f"# {text}"}, "text_stub": text}


def stub_config(assignment: str):
    """The stubs as a traitlets ``Config`` to merge into the course's (None for English)."""
    from traitlets.config import Config

    stubs = answer_stubs(assignment)
    return None if stubs is None else Config({"ClearSolutions": stubs})


def stub_config_lines(assignment: str) -> str:
    """The stubs as lines to append to a copy of ``nbgrader_config.py`` ("" for English)."""
    stubs = answer_stubs(assignment)
    if stubs is None:
        return ""
    # repr() writes valid Python whatever the words (quotes, non-Latin scripts).
    return (
        "\n# The placeholder in this set's language (kit/course/stubs.py).\n"
        f"c.ClearSolutions.code_stub = {stubs['code_stub']!r}\n"
        f"c.ClearSolutions.text_stub = {stubs['text_stub']!r}\n"
    )
