"""Read an assignment's questions from its nbgrader source notebooks (convention in
docs/question-metadata.md).

Choice and numeric questions are declared on the ANSWER cell (the nbgrader solution cell) in its
metadata, because parsing the prose ("- **A.** ...") would break whenever a lesson is reworded::

    "kit": {"question": {"type": "choice",
                         "options": {"A": "...", "B": "...", "C": "...", "D": "..."},
                         "answer": "C",
                         "feedback": {"A": "...", "C": "..."}}}        # feedback optional
    "kit": {"question": {"type": "numeric", "answer": 3.25, "tolerance": 0.01}}

Optional keys: ``text`` (else the markdown cell before the answer cell, without its option list),
``points`` (else the points of the test cell that follows). Written answers need no metadata:
a manually graded markdown answer cell is an essay question; its text is the markdown cell before
it, its mark scheme the ``=== BEGIN MARK SCHEME ===`` ... ``=== END MARK SCHEME ===`` part of
that cell or of a task cell right after the answer (both layouts are in use), and the answer
cell's own text is the model answer graders see with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

BEGIN, END = "=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ==="
#: A listed option in a question's prose: "- **A.** text", "* B) text", "- C. text".
OPTION_LINE = re.compile(r"^\s*[-*]\s*(\*\*)?[A-H][.)](\*\*)?\s")


@dataclass
class Question:
    """One question to export; ``kind`` is choice, numeric or written."""

    name: str
    kind: str
    text: str
    points: float
    options: dict[str, str] = field(default_factory=dict)
    answer: object = None
    feedback: dict[str, str] = field(default_factory=dict)
    tolerance: float = 0.0
    mark_scheme: str = ""
    model_answer: str = ""


def _source(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _grading(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) or {}


def _without_options(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not OPTION_LINE.match(line)).strip()


def split_mark_scheme(text: str) -> tuple[str, str]:
    """A task cell's question text and its mark scheme."""
    if BEGIN not in text:
        return text.strip(), ""
    before, _sep, rest = text.partition(BEGIN)
    scheme, _sep, after = rest.partition(END)
    return (before + after).strip(), scheme.strip()


def _points_after(cells, index: int) -> float:
    """Points of the first graded test cell after the answer cell (before the next answer)."""
    for cell in cells[index + 1 :]:
        meta = _grading(cell)
        if meta.get("solution"):
            break
        if meta.get("grade") and meta.get("points"):
            return float(meta["points"])
    return 0.0


def _text_before(cells, index: int) -> str:
    for cell in reversed(cells[:index]):
        if cell.cell_type == "markdown":
            return _source(cell)
    return ""


def _declared(path: Path, cells, index: int, spec: dict, name: str) -> Question:
    where = _("{file}, cell {number} ({name})").format(file=path.name, number=index + 1, name=name)
    kind = spec.get("type")
    if kind not in ("choice", "numeric"):
        raise KitError(
            _("kit.question.type must be choice or numeric, not {kind}").format(kind=repr(kind)),
            file=where,
        )
    text = spec.get("text") or _without_options(_text_before(cells, index))
    points = float(spec.get("points") or _points_after(cells, index))
    if kind == "choice":
        options = {str(k): str(v) for k, v in (spec.get("options") or {}).items()}
        answer = str(spec.get("answer", ""))
        if len(options) < 2 or answer not in options:
            raise KitError(
                _("a choice question needs two or more options and an answer among them"),
                file=where,
            )
        feedback = {str(k): str(v) for k, v in (spec.get("feedback") or {}).items()}
        return Question(name, kind, text, points, options, answer, feedback)
    try:
        answer = float(spec["answer"])
        tolerance = float(spec.get("tolerance", 0))
    except (KeyError, TypeError, ValueError):
        raise KitError(
            _("a numeric question needs a number as answer (and tolerance)"), file=where
        ) from None
    return Question(name, kind, text, points, answer=answer, tolerance=tolerance)


def read_questions(path: Path) -> list[Question]:
    """The declared choice/numeric questions and the written answers of one source notebook."""
    import nbformat

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # nbformat raises many kinds for a damaged file: name the file
        raise KitError(
            _("not a readable notebook ({fault})").format(fault=exc.__class__.__name__), file=path
        ) from None
    cells, found = nb.cells, []
    for index, cell in enumerate(cells):
        meta = _grading(cell)
        name = meta.get("grade_id", f"cell-{index + 1}")
        spec = (cell.metadata.get("kit") or {}).get("question")
        if spec:
            found.append(_declared(path, cells, index, spec, name))
        elif cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
            text, scheme = split_mark_scheme(_text_before(cells, index))
            scheme = scheme or _scheme_after(cells, index)
            points = float(meta.get("points") or 0)
            model = _source(cell).strip()
            found.append(Question(name, "written", text, points, mark_scheme=scheme,
                                  model_answer=model))  # fmt: skip
    return found


def _scheme_after(cells, index: int) -> str:
    """The mark scheme of a task cell following the answer, before the next question starts."""
    for cell in cells[index + 1 :]:
        meta = _grading(cell)
        if meta.get("solution") or (cell.cell_type == "markdown" and not meta.get("task")):
            return ""
        if meta.get("task") and BEGIN in _source(cell):
            return split_mark_scheme(_source(cell))[1]
    return ""


def assignment_questions(source: Path) -> list[Question]:
    """Every question of an assignment's source folder, notebook by notebook in name order."""
    return [q for nb in sorted(source.glob("*.ipynb")) for q in read_questions(nb)]
