"""What the kernel template imports once: the third-party packages the release notebooks import."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.course.grading.forking import notebook_imports


def test_preload_is_the_installed_packages_the_release_imports(tmp_path):
    """Are the release's third-party imports preloaded, and the standard library, packages that
    are not installed, relative imports, magics and markdown left out?"""
    cells = [
        new_markdown_cell("import not_code"),
        new_code_cell("import pandas as pd\nfrom IPython.display import display"),
        new_code_cell("import numbers, json\nfrom . import sibling"),
        new_code_cell("import surely_not_installed_kit_package"),
        new_code_cell("%matplotlib inline\nimport matplotlib"),
        new_code_cell("def f():\n    import numpy.linalg\n"),
    ]
    nbformat.write(new_notebook(cells=cells), tmp_path / "set.ipynb")
    assert notebook_imports(tmp_path) == ["IPython", "numpy", "pandas"]


def test_an_unreadable_release_only_loses_the_preload(tmp_path):
    """Does a release notebook that is not JSON leave the preload empty instead of failing?"""
    (tmp_path / "broken.ipynb").write_text("{ not json", encoding="utf-8")
    assert notebook_imports(tmp_path) == []
