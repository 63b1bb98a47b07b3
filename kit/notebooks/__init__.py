"""Notebooks shipped with kit: ``report.ipynb``, the country report run by papermill."""

from importlib import resources
from pathlib import Path


def report_notebook() -> Path:
    """The path of the papermill report notebook inside the installed package."""
    return Path(str(resources.files(__name__) / "report.ipynb"))
