"""Ship the repository's top-level course folders inside the wheel as ``kit/_bundled/<name>``,
and compile the message catalogues (``kit/locale/*/LC_MESSAGES/*.po`` -> ``.mo``) into it.

Everything else about the package is in pyproject.toml. The course authors keep
``curriculum/``, ``assessment/`` and ``datasets/`` at the top of the repository; an installed
kit finds them through ``kit.paths``. pyproject.toml alone cannot add packages from outside
``kit/`` to the automatic package discovery, hence these few lines.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

BUNDLED = ("curriculum", "assessment", "datasets")


class BuildWithCatalogues(build_py):
    """build_py, then each committed ``.po`` compiled to its ``.mo`` beside it in the build.

    The ``.mo`` files are never committed (git-ignored); a checkout reads the ``.po`` directly.
    Fuzzy entries are left out, as at run time.
    """

    def run(self):
        super().run()
        from babel.messages.mofile import write_mo  # build-system requires babel
        from babel.messages.pofile import read_po

        for source in sorted(Path("kit", "locale").glob("*/LC_MESSAGES/*.po")):
            target = Path(self.build_lib) / source.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as handle:
                catalog = read_po(handle, abort_invalid=True)
            with target.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)


setup(
    # Data folders inside kit/ (frameworks/, templates/, ...) count as namespace packages, as
    # pyproject's own package discovery would have them; assessment/source/ likewise.
    packages=find_namespace_packages(include=["kit", "kit.*"])
    + [f"kit._bundled.{name}" for name in BUNDLED]
    + ["kit._bundled.assessment.source"],
    package_dir={f"kit._bundled.{name}": name for name in BUNDLED},
    cmdclass={"build_py": BuildWithCatalogues},
)
