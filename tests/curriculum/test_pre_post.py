"""Does every module have a pre-test and a post-test that are the same test, each cell mapped?

Learning gain compares the two, so they must hold the same cells (grade ids, questions, tests,
points); only the title line differs ("Pre-test" / "Post-test"). module.yaml names both and maps
every test cell to the objective it measures (curriculum-conventions, "Pre-test and post-test").
"""

from __future__ import annotations

import nbformat
import pytest
import yaml
from curriculum_harness import CURRICULUM, SOURCE, nbgrader_meta, notebook_of

MANIFESTS = sorted(CURRICULUM.glob("*/module.yaml"))


def manifest(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def differences(pre: nbformat.NotebookNode, post: nbformat.NotebookNode) -> list[str]:
    """Every way the post-test differs from the pre-test other than its title line."""
    if len(pre.cells) != len(post.cells):
        return [f"{len(pre.cells)} cells in the pre-test, {len(post.cells)} in the post-test"]
    found, titles = [], 0
    for n, (a, b) in enumerate(zip(pre.cells, post.cells, strict=True)):
        if a.cell_type != b.cell_type or nbgrader_meta(a) != nbgrader_meta(b):
            found.append(f"cell {n}: type or nbgrader metadata differ")
        lines_a, lines_b = a.source.splitlines(), b.source.splitlines()
        if len(lines_a) != len(lines_b):
            found.append(f"cell {n}: different number of lines")
            continue
        for x, y in zip(lines_a, lines_b, strict=True):
            if x == y:
                continue
            is_title = x.startswith("# ") and "Pre-test" in x
            if is_title and x.replace("Pre-test", "Post-test") == y and a.cell_type == "markdown":
                titles += 1
            else:
                found.append(f"cell {n}: {x[:60]!r} differs from {y[:60]!r}")
    if titles != 1:
        found.append(f"expected one title line 'Pre-test' -> 'Post-test', found {titles}")
    return found


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.parent.name)
def test_every_module_names_its_pre_and_post_test(path):
    """Does module.yaml name `<module>-pre` and `<module>-post`, and do both folders exist?"""
    data = manifest(path)
    module = path.parent.name
    assert data.get("pre_test") == f"{module}-pre", f"{path}: pre_test: {module}-pre"
    assert data.get("post_test") == f"{module}-post", f"{path}: post_test: {module}-post"
    for name in (data["pre_test"], data["post_test"]):
        assert notebook_of(name).is_file(), f"missing {notebook_of(name).relative_to(SOURCE)}"


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.parent.name)
def test_post_test_is_the_pre_test_with_another_title(path):
    """Are the post-test's cells identical to the pre-test's, the title line apart?"""
    data = manifest(path)
    pre = nbformat.read(notebook_of(data["pre_test"]), as_version=4)
    post = nbformat.read(notebook_of(data["post_test"]), as_version=4)
    assert differences(pre, post) == []


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.parent.name)
def test_every_test_cell_measures_a_named_objective(path):
    """Does test_objectives map exactly the pre-test's test cells, each to an objective?"""
    data = manifest(path)
    pre = nbformat.read(notebook_of(data["pre_test"]), as_version=4)
    tests = {
        nbgrader_meta(c)["grade_id"]
        for c in pre.cells
        if c.cell_type == "code" and nbgrader_meta(c).get("grade")
    }
    mapped = data.get("test_objectives") or {}
    assert sorted(set(mapped) - tests) == [], "test_objectives names cells the test lacks"
    assert sorted(tests - set(mapped)) == [], "test cells with no objective in test_objectives"
    assert all(1 <= n <= len(data["objectives"]) for n in mapped.values())


def test_the_comparison_catches_a_changed_question():
    """Would a post-test with a changed question, or an unchanged title, be reported?"""
    pre = nbformat.v4.new_notebook()
    pre.cells = [
        nbformat.v4.new_markdown_cell("# Module 03: Pre-test\n\nFive questions."),
        nbformat.v4.new_markdown_cell("### Question 1 (1 point)\n\nWhich field? A, B, C or D."),
    ]
    post = nbformat.from_dict(pre)
    post.cells[0].source = "# Module 03: Post-test\n\nFive questions."
    assert differences(pre, post) == []
    post.cells[1].source = "### Question 1 (1 point)\n\nWhich digit? A, B, C or D."
    assert len(differences(pre, post)) == 1
    assert "one title line" in differences(pre, pre)[0]
