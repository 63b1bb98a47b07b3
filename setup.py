"""Ship the repository's top-level course folders inside the wheel as ``kit/_bundled/<name>``.

Everything else about the package is in pyproject.toml. The course authors keep
``curriculum/``, ``assessment/`` and ``datasets/`` at the top of the repository; an installed
kit finds them through ``kit.paths``. pyproject.toml alone cannot add packages from outside
``kit/`` to the automatic package discovery, hence these few lines.
"""

from setuptools import find_namespace_packages, setup

BUNDLED = ("curriculum", "assessment", "datasets")

setup(
    # Data folders inside kit/ (frameworks/, templates/, ...) count as namespace packages, as
    # pyproject's own package discovery would have them; assessment/source/ likewise.
    packages=find_namespace_packages(include=["kit", "kit.*"])
    + [f"kit._bundled.{name}" for name in BUNDLED]
    + ["kit._bundled.assessment.source"],
    package_dir={f"kit._bundled.{name}": name for name in BUNDLED},
)
