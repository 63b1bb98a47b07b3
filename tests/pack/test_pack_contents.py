"""Does the pack hold every notebook an official hands in, and does each landing page say so?"""

from __future__ import annotations

import json

from repo import CURRICULUM

from kit.curriculum.manifest import load_module
from kit.pack.build import HUB_PAGE

MODULE = "01-policy-formulation"  # the module of the pack fixture (tests/pack/conftest.py)


def _english(page: str) -> str:
    """The English version of a landing page (the page holds one version per language)."""
    return page.split('data-kit-lang="en"')[1].split("data-kit-lang=")[0]


def _sources(notebook: dict) -> str:
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"])


def test_pre_and_post_tests_are_released_with_the_graded_set(pack):
    """Are the module's pre-test, graded set and post-test among the pack's files, released by
    nbgrader (no solutions, no hidden tests) and ending with the hand-in button?"""
    module = load_module(CURRICULUM / MODULE / "module.yaml")
    wanted = [module.pre_test, module.assignment, module.post_test]
    assert wanted == [f"{MODULE}-pre", MODULE, f"{MODULE}-post"]
    for name in wanted:
        path = pack / "files" / "graded" / name / f"{name}.ipynb"
        assert path.is_file(), f"{path} missing from the pack"
        text = _sources(json.loads(path.read_text(encoding="utf-8")))
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, name
        assert f'submission_download("{name}")' in text, name
    landing = (pack / "index.html").read_text(encoding="utf-8")
    for name in wanted:
        assert f"graded/{name}/{name}.ipynb" in landing, f"the landing page does not link {name}"
    assert _english(landing).count("kit-kind kit-graded") == 3
    french = landing.split('data-kit-lang="fr"')[1].split("data-kit-lang=")[0]
    assert f"graded/{MODULE}-pre-fr/{MODULE}-pre-fr.ipynb" in french, "no French pre-test"


def test_hub_page_lists_lessons_and_sends_graded_work_to_the_workspace(pack):
    """Does the hub's page of the pack list every lesson, link no in-browser graded set, and
    point graded work to the hub's home page?"""
    page = (pack / HUB_PAGE).read_text(encoding="utf-8")
    assert _english(page).count("kit-kind kit-lesson") == 4
    assert "kit-kind kit-graded" not in page and "notebooks/index.html" not in page
    assert 'href="../../hub/home"' in page
