"""Where the kit's files are: what ships inside the package, and the user's writable folder.

Every other module asks here; none builds a path from ``__file__`` or assumes a checkout.

Packaged, read only (found through ``importlib.resources``):

- ``package_dir()``: the ``kit`` package itself; ``frameworks_dir()``, ``templates_dir()``,
  ``notebooks_dir()``, ``locale_dir()`` are folders inside it.
- ``curriculum_dir()``: the lessons (``NN-module/`` folders, ``index.ipynb``).
- ``assessment_dir()``: the graded exercises as nbgrader's course: ``assessment_source_dir()``
  (``source/<assignment>/``) and ``nbgrader_config_file()``.
- ``datasets_dir()``: the course datasets; ``sample_data_dir()`` is the fictional country
  Utopia's self-assessment answers (``<country>/<round>/<ministry>.csv``).

The repository keeps ``curriculum/``, ``assessment/`` and ``datasets/`` at its top level (the
course authors' layout); the wheel carries them as ``kit/_bundled/<name>/`` (``setup.py`` maps
them). An editable install reads the repository's folders, which are the same files.

Writable: ``user_data_dir()`` (``$KIT_HOME``, else ``$XDG_DATA_HOME/kit``, else
``~/.local/share/kit``) and ``working_sample()``, a copy of the sample answers there that the
dashboard may change. Nothing is ever written into the package.
"""

# i18n-domain: kit  (kit.i18n needs this module: it translates through kit.errors)

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from kit.errors import KitError
from kit.errors import translated as _

__all__ = [
    "BUNDLED",
    "assessment_dir",
    "assessment_source_dir",
    "curriculum_dir",
    "datasets_dir",
    "frameworks_dir",
    "locale_dir",
    "nbgrader_config_file",
    "notebooks_dir",
    "package_dir",
    "sample_data_dir",
    "templates_dir",
    "user_data_dir",
    "working_sample",
]

#: Top-level folders of the repository that ship inside the wheel under ``kit/_bundled/``.
BUNDLED = ("curriculum", "assessment", "datasets")


def package_dir() -> Path:
    """The installed ``kit`` package folder (pip always installs it unzipped)."""
    return Path(str(resources.files("kit")))


def frameworks_dir() -> Path:
    """The built-in framework files (``<id>.yaml``)."""
    return package_dir() / "frameworks"


def templates_dir() -> Path:
    """The jinja templates of the reports."""
    return package_dir() / "templates"


def locale_dir() -> Path:
    """The message catalogues: ``<lang>/LC_MESSAGES/<domain>.po`` (and ``.mo`` in a wheel)."""
    return package_dir() / "locale"


def notebooks_dir() -> Path:
    """Notebooks the kit runs itself (e.g. the report notebook)."""
    return package_dir() / "notebooks"


def _bundled(name: str) -> Path:
    """The packaged copy of the repository's top-level folder ``name``."""
    packaged = package_dir() / "_bundled" / name
    if packaged.is_dir():
        return packaged
    # An editable install: the package folder is the repository's kit/, next to the folder.
    checkout = package_dir().parent / name
    if checkout.is_dir() and (package_dir().parent / "pyproject.toml").is_file():
        return checkout
    message = _("the kit's {name} folder is missing; reinstall the kit").format(name=name)
    raise KitError(message, file=packaged)


def curriculum_dir() -> Path:
    """The lessons: ``NN-module/`` folders with ``module.yaml`` and notebooks, ``index.ipynb``."""
    return _bundled("curriculum")


def assessment_dir() -> Path:
    """The graded exercises as an nbgrader course folder (read only: copy it to use it)."""
    return _bundled("assessment")


def assessment_source_dir() -> Path:
    """The graded exercises' sources: ``source/<assignment>/<assignment>.ipynb`` and data."""
    return assessment_dir() / "source"


def nbgrader_config_file() -> Path:
    """The kit's ``nbgrader_config.py`` (course id, timeouts, hidden-test delimiters)."""
    return assessment_dir() / "nbgrader_config.py"


def datasets_dir() -> Path:
    """The course datasets, one folder each (``border-crossings/stays.csv``, ...)."""
    return _bundled("datasets")


def sample_data_dir() -> Path:
    """Utopia's sample self-assessment answers, read only: ``utopia/<round>/<ministry>.csv``."""
    return datasets_dir() / "self-assessment"


def user_data_dir() -> Path:
    """The user's writable kit folder: ``$KIT_HOME``, ``$XDG_DATA_HOME/kit`` or
    ``~/.local/share/kit`` (created when missing)."""
    explicit = os.environ.get("KIT_HOME")
    if explicit:
        folder = Path(explicit)
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        folder = Path(base) / "kit"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def working_sample() -> Path:
    """A writable copy of the sample answers in the user's folder, made on first use.

    The dashboard saves every answer at once: it must never save into the package (read only
    for most users, and replaced by the next install) or into the repository's committed sample.
    An existing copy is kept as it is: it holds the user's own answers.
    """
    target = user_data_dir() / "self-assessment"
    if not target.exists():
        partial = target.with_name(f".{target.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        # Only the answers: the generator script stays in the package.
        shutil.copytree(
            sample_data_dir(), partial, ignore=shutil.ignore_patterns("*.py", "__pycache__")
        )
        partial.rename(target)  # a copy interrupted half-way is never mistaken for the sample
    return target
