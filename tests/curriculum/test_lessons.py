"""Does every lesson of every module follow the skeleton and execute without error?"""

from __future__ import annotations

import re

import nbformat
import pytest
from curriculum_harness import CURRICULUM, THIRD_PARTY_WARNINGS

from kit.curriculum.manifest import load_curriculum

pytestmark = [pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS]

MODULES = load_curriculum(CURRICULUM)
LESSONS = [(m.id, name) for m in MODULES for name in m.lessons]
SETUP = "from kit.teaching import setup\n\nsetup()"
SECTIONS = ("## Objectives", "## Check your understanding", "## Key points", "## Sources")
# Code is hidden in Voila: text must not send the reader to code they cannot see.
CODE_TALK = re.compile(r"run (the|this) cell|cell (below|above)|execute the", re.IGNORECASE)
_executed: dict[tuple[str, str], nbformat.NotebookNode] = {}


def lesson_path(module_id: str, name: str):
    return CURRICULUM / module_id / name


def executed(module_id: str, name: str) -> nbformat.NotebookNode:
    """Run a lesson once per session, with its module folder as working directory."""
    key = (module_id, name)
    if key not in _executed:
        from nbclient import NotebookClient

        path = lesson_path(module_id, name)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": path.parent}}
        ).execute()
        _executed[key] = nb
    return _executed[key]


def test_modules_are_found():
    """Does the curriculum list modules with lessons for the tests to run?"""
    assert LESSONS


@pytest.mark.parametrize("module_id, name", LESSONS)
def test_lesson_executes_without_error(module_id, name):
    """Does the lesson run top to bottom with no error output?"""
    nb = executed(module_id, name)
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{name} cell {index}: {output}"
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                assert "Traceback" not in output.get("text", ""), f"{name} cell {index}"


@pytest.mark.parametrize("module_id, name", LESSONS)
def test_lesson_follows_the_skeleton(module_id, name):
    """Does the lesson open with the set-up cell, state minutes and keep the sections in order?"""
    nb = nbformat.read(lesson_path(module_id, name), as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "code" and first.source.strip() == SETUP, "first cell is the set-up"
    assert "setup" in first.metadata.get("tags", []), "the set-up cell is tagged 'setup'"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.match(r"# \S", nb.cells[1].source), "the second cell opens with '# Title'"
    assert re.search(r"\*\*Teaching:\*\* \d+ min · \*\*Exercises:\*\* \d+ min", markdown)
    positions = [markdown.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), f"{name} lacks one of {SECTIONS}"
    assert positions == sorted(positions), f"{name}: sections out of order"
    assert not CODE_TALK.search(markdown), f"{name} talks about cells: {CODE_TALK.search(markdown)}"


@pytest.mark.parametrize("module_id, name", LESSONS)
def test_lesson_is_committed_without_outputs(module_id, name):
    """Is the lesson committed clean, with no outputs or execution counts?"""
    nb = nbformat.read(lesson_path(module_id, name), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{name} has outputs"


@pytest.mark.parametrize("module", MODULES, ids=[m.id for m in MODULES])
def test_module_has_a_chart_and_interactive_checks(module):
    """Does the module draw at least one Altair chart offline and offer widget checks?"""
    charts = checks = 0
    for name in module.lessons:
        nb = executed(module.id, name)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data or "vega" in str(data.get("text/html", "")):
                    charts += 1
                if "application/vnd.jupyter.widget-view+json" in data:
                    checks += 1
    assert charts >= 1, f"{module.id} draws no chart"
    assert checks >= len(module.lessons), f"{module.id}: fewer widget checks than lessons"


@pytest.mark.parametrize("module", MODULES, ids=[m.id for m in MODULES])
def test_module_minutes_add_up(module):
    """Do the lessons' teaching and exercise minutes add up to the module's total?"""
    total = 0
    for path in module.lesson_paths:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        match = re.search(r"\*\*Teaching:\*\* (\d+) min · \*\*Exercises:\*\* (\d+) min", text)
        assert match, f"{path.name} states no minutes"
        total += int(match.group(1)) + int(match.group(2))
    assert total <= module.minutes, f"{module.id}: lessons {total} min, module {module.minutes} min"
