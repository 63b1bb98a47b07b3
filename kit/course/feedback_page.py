"""The feedback page's own words in the graded set's language (nbgrader writes them in English).

nbgrader renders feedback with its template ``feedback`` (headings such as "Student's answer",
"Comments:", "Score: 2.0 / 4.0"). The kit renders it with its own file
``kit/course/templates/kit-feedback.html.j2``: nbgrader's API insists on the template name
``feedback``, so the kit names the file instead (on nbconvert's extra template path), and the
file extends ``index.html.j2`` of nbgrader's template ``feedback``. It takes its words, numbers,
``lang`` and ``dir`` from ``resources["kit_feedback"]``: set by ``FeedbackLanguage`` from the
assignment's name (``05-cooperation-fr`` is French; kit.curriculum.translations).
"""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from kit import i18n
from kit.curriculum.translations import assignment_language

_ = i18n.translator("courses")

#: The kit's folder holding the page's template file, and that file.
TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE_FILE = "kit-feedback.html.j2"
#: The key of the page's words and language in nbconvert's ``resources``.
KEY = "kit_feedback"


def words() -> dict[str, str]:
    """The page's words in the current language, by the template's names for them."""
    return {
        "score": _("Score: {score} / {maximum}"),
        "top": _("Back to the top"),
        "test": _("Automatic check"),
        "code": _("Code answer"),
        "written": _("Written answer"),
        "task": _("Task"),
        "comment": _("Comment"),
        "comments": _("Your trainer's comments:"),
        "late": _("Late hand-in: {points} points off"),
        "answer": _("Your answer"),
        "your_task": _("Your task"),
        "check_id": _("Check:"),
        "no_answer": _("No answer was given."),
    }


#: The comment nbgrader's autograder writes on an answer left as released (its
#: SaveAutoGrades); shown in the page's language instead. The answer cell above it then shows
#: the set's own placeholder, in the same language (kit/course/stubs.py).
NBGRADER_NO_RESPONSE = "No response."


def page_language(assignment: str) -> dict:
    """What the template needs to speak ``assignment``'s language (else the current one)."""
    lang = assignment_language(assignment) or i18n.current()
    with i18n.use(lang):
        text = words()

    def points(value) -> str:
        # nbgrader shows 2 decimals at most; the language decides the decimal mark.
        return i18n.format_number(round(float(value or 0), 2), lang)

    def score(value, maximum) -> str:
        return text["score"].format(score=points(value), maximum=points(maximum))

    def late(value) -> str:
        return text["late"].format(points=points(value))

    def comment(value: str) -> str:
        # nbgrader's automatic comment is replaced; a trainer's own comment stays as written.
        return text["no_answer"] if value.strip() == NBGRADER_NO_RESPONSE else value

    return {
        "lang": lang,
        "dir": i18n.direction(lang),
        "words": text,
        "score": score,
        "late": late,
        "comment": comment,
    }


#: A script fetched from another machine (nbconvert's MathJax comes from a CDN).
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I)


def local_only(head: str) -> str:
    """``head`` without scripts from other machines: feedback opens on a workshop network with
    no internet, and must ask nothing from outside (formulas then show as written)."""
    return _REMOTE_SCRIPT.sub("", str(head))


class FeedbackLanguage(Preprocessor):
    """Put the graded set's language, direction and the page's words in ``resources``."""

    # nbconvert skips preprocessors that are not enabled; nbgrader's own default to enabled.
    enabled = Bool(True, help="Feedback page in the graded set's language").tag(config=True)

    def preprocess(self, nb, resources):
        resources[KEY] = page_language(resources["nbgrader"]["assignment"])
        return nb, resources


def template_dirs() -> list[str]:
    """nbconvert's template base folders: nbgrader's, whose ``feedback`` the kit's page extends
    (named here because nbgrader adds its own only when none are configured)."""
    import nbgrader.converters.generate_feedback as nbgrader_feedback

    nbgrader_templates = (
        Path(nbgrader_feedback.__file__).parent.parent
        / "server_extensions"
        / "formgrader"
        / "templates"
    )
    return [str(nbgrader_templates)]
