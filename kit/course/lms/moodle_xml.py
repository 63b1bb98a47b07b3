"""Questions as a Moodle XML question bank (Moodle's "Moodle XML format" import).

multichoice (one right answer, feedback per option, the notebook's letters kept: no shuffling),
numerical (answer with tolerance), essay (the mark scheme as information for graders). Texts are
Markdown, as in the notebooks, which Moodle renders with ``format="markdown"``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kit.course.lms.questions import Question


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _common(quiz: ET.Element, kind: str, q: Question) -> ET.Element:
    question = ET.SubElement(quiz, "question", {"type": kind})
    _text(question, "name", q.name)
    _text(question, "questiontext", q.text, "markdown")
    _text(question, "generalfeedback", "", "html")
    ET.SubElement(question, "defaultgrade").text = f"{q.points:g}"
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    return question


def _choice(quiz: ET.Element, q: Question) -> None:
    question = _common(quiz, "multichoice", q)
    ET.SubElement(question, "single").text = "true"
    ET.SubElement(question, "shuffleanswers").text = "0"
    ET.SubElement(question, "answernumbering").text = "ABCD"
    for letter, option in q.options.items():
        fraction = "100" if letter == q.answer else "0"
        answer = _text(question, "answer", option, "markdown")
        answer.set("fraction", fraction)
        _text(answer, "feedback", q.feedback.get(letter, ""), "markdown")


def _numeric(quiz: ET.Element, q: Question) -> None:
    question = _common(quiz, "numerical", q)
    answer = ET.SubElement(question, "answer", {"fraction": "100"})
    ET.SubElement(answer, "text").text = f"{q.answer:g}"
    ET.SubElement(answer, "tolerance").text = f"{q.tolerance:g}"
    _text(answer, "feedback", "", "html")


def _essay(quiz: ET.Element, q: Question) -> None:
    question = _common(quiz, "essay", q)
    ET.SubElement(question, "responseformat").text = "editor"
    ET.SubElement(question, "responserequired").text = "1"
    ET.SubElement(question, "responsefieldlines").text = "15"
    ET.SubElement(question, "attachments").text = "0"
    info = q.mark_scheme
    if q.model_answer:
        info = f"{info}\n\n**Model answer:**\n\n{q.model_answer}".strip()
    _text(question, "graderinfo", info, "markdown")
    _text(question, "responsetemplate", "", "html")


WRITERS = {"choice": _choice, "numeric": _numeric, "written": _essay}


def question_bank(category: str, questions: list[Question]) -> bytes:
    """The XML file's bytes: a category named after the assignment, then its questions."""
    quiz = ET.Element("quiz")
    head = ET.SubElement(quiz, "question", {"type": "category"})
    _text(head, "category", f"$course$/top/{category}")
    for q in questions:
        WRITERS[q.kind](quiz, q)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n"
