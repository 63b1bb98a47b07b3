"""The wheels a pack ships and the hand-made ``pyodide-lock.json`` that lists only them.

Pyodide installs a package named in its lock file (``loadPackage``, and the Pyodide kernel's
``loadPackagesFromImports`` before each cell) from the folder of ``pyodide.js``. Listing every
shipped wheel there, with its dependencies, lets lessons ``import pandas`` with no ``%pip`` cell
and no registry. Entries for wheels Pyodide itself built are copied from npm ``pyodide``'s own
lock (after checking the hash); entries for pure wheels are written from their metadata.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

__all__ = ["lock_entry", "pure_wheel", "pure_wheel_from_sdist", "teaching_wheel"]

#: The browser's Python, for evaluating environment markers of Requires-Dist.
BROWSER = {
    **default_environment(),
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "os_name": "posix",
    "python_version": "3.12",
    "python_full_version": "3.12.7",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}

#: Requirements the browser meets without a wheel of ours: the Pyodide kernel ships shims of
#: widgetsnbextension, and jupyterlab_widgets is the page-side (JavaScript) half of ipywidgets.
PROVIDED_IN_BROWSER = {"widgetsnbextension", "jupyterlab-widgets"}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _metadata(wheel: Path) -> tuple[dict, list[str], list[str]]:
    """(METADATA headers, top-level import names, Requires-Dist) of a wheel."""
    with zipfile.ZipFile(wheel) as zipped:
        names = zipped.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zipped.read(meta_name).decode("utf-8"))
    tops = sorted(
        {
            n.split("/")[0].removesuffix(".py")
            for n in names
            if not n.split("/")[0].endswith((".dist-info", ".data"))
            and (n.endswith(".py") or "/" in n)
        }
    )
    return dict(meta.items()), tops, meta.get_all("Requires-Dist") or []


def _depends(requires: list[str]) -> list[str]:
    wanted = []
    for text in requires:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker and not requirement.marker.evaluate({**BROWSER, "extra": ""}):
            continue
        name = normalize(requirement.name)
        if name not in PROVIDED_IN_BROWSER:
            wanted.append(name)
    return wanted


def lock_entry(wheel: Path, sha256: str, pyodide_lock: dict) -> dict:
    """The ``pyodide-lock.json`` entry of one shipped wheel (or shared-library zip).

    A file Pyodide built is described by Pyodide's own lock, whose hash it must match; any other
    wheel must be pure Python (``none-any``), described from its metadata.
    """
    for entry in pyodide_lock["packages"].values():
        if entry["file_name"] == wheel.name:
            if entry["sha256"] != sha256:
                raise KitError(
                    _("SHA-256 differs from npm pyodide's pyodide-lock.json"), file=wheel
                )
            return dict(entry)
    if not wheel.name.endswith("-none-any.whl"):
        raise KitError(_("not listed in npm pyodide's lock and not a pure wheel"), file=wheel)
    meta, tops, requires = _metadata(wheel)
    return {
        "name": normalize(meta["Name"]),
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256,
        "package_type": "package",
        "imports": tops,
        "depends": _depends(requires),
        "unvendored_tests": False,
        "shared_library": False,
    }


def pure_wheel(folder: Path, name: str, version: str, files: dict[str, bytes], **meta) -> Path:
    """Write a pure-Python wheel (``py3-none-any``) holding ``files``; its path.

    Deterministic: the same files give the same bytes (fixed timestamps), so its hash is stable.
    """
    dist = f"{name.replace('-', '_')}-{version}"
    info = f"{dist}.dist-info"
    lines = [f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"]
    for key, value in meta.items():
        values = value if isinstance(value, list) else [value]
        lines.extend(f"{key.replace('_', '-')}: {v}\n" for v in values)
    contents = {
        **files,
        f"{info}/METADATA": "".join(lines).encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: kit.pack\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
    }
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, data in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([path, f"sha256={digest}", len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    contents[f"{info}/RECORD"] = record.getvalue().encode()
    target = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path, data in contents.items():
            zipped.writestr(zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return target


def pure_wheel_from_sdist(sdist: Path, folder: Path, package: str) -> Path:
    """A pure wheel of an sdist's Python files (its optional C speed-ups left out).

    MarkupSafe (needed by Jinja2, needed by Altair) has no pure wheel on PyPI, but runs on its
    pure-Python fallback when its ``_speedups`` extension is absent.
    """
    stem = sdist.name.removesuffix(".tar.gz")
    name, version = stem.rsplit("-", 1)
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[1:3] == ["src", package]:
                inner = "/".join(parts[2:])
                if inner.endswith((".py", ".typed", ".pyi")):
                    files[inner] = tar.extractfile(member).read()
    if f"{package}/__init__.py" not in files:
        raise KitError(_("no {path} inside").format(path=f"src/{package}/__init__.py"), file=sdist)
    return pure_wheel(folder, name, version, files, Requires_Python=">=3.9")


#: ``kit.paths`` for the browser: ``kit.teaching.data_path`` asks it for the datasets folder,
#: which in a pack is ``datasets/`` at the top of the site's files, above every lesson folder.
_BROWSER_PATHS = '''"""Where the course files are, in a static course pack (in the browser)."""

from pathlib import Path


def datasets_dir() -> Path:
    """The pack's ``datasets/`` folder: the nearest one from the lesson's folder upwards."""
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "datasets").is_dir():
            return folder / "datasets"
    return Path.cwd() / "datasets"
'''


#: ``kit.i18n`` for the browser: the checks' words from the compiled ``courses`` catalogues
#: (standard library gettext) and numbers with each language's marks, taken from Babel when the
#: pack is built (the kit's own kit.i18n needs Babel, which the browser has not).
_BROWSER_I18N = '''"""The lesson checks' language in a static course pack (in the browser)."""

import gettext as _gettext
import json
from functools import cache
from importlib import resources

_ROOT = resources.files("kit") / "locale"
_NUMBERS = json.loads((_ROOT / "numbers.json").read_text(encoding="utf-8"))
LANGUAGES = {code: entry["name"] for code, entry in _NUMBERS.items()}


@cache
def _catalogue(domain, lang):
    try:
        with (_ROOT / lang / "LC_MESSAGES" / f"{domain}.mo").open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    except OSError:
        return _gettext.NullTranslations()


def gettext(domain, msg, lang=None):
    """``msg`` in ``lang`` (English when the pack has no catalogue for it)."""
    return _catalogue(domain, lang or "en").gettext(msg)


def format_number(x, lang=None, digits=None):
    """``x`` with the language's decimal mark and thousands separator."""
    marks = _NUMBERS.get(lang or "en", _NUMBERS["en"])
    text = f"{x:,}" if digits is None else f"{x:,.{digits}f}"
    return text.replace(",", "\\0").replace(".", marks["decimal"]).replace("\\0", marks["group"])
'''


def browser_catalogues(locale_dir: Path) -> dict[str, bytes]:
    """The files of the browser ``kit.i18n``: each language's compiled ``courses`` catalogue and
    ``numbers.json`` (each language's name, decimal mark and thousands separator, from Babel)."""
    import json

    from babel.numbers import get_decimal_symbol, get_group_symbol

    from kit import i18n
    from kit.i18n.catalog import compile_po

    files = {}
    numbers = {}
    for lang, name in i18n.LANGUAGES.items():
        numbers[lang] = {
            "name": name,
            "decimal": get_decimal_symbol(lang),
            "group": get_group_symbol(lang),
        }
        po = locale_dir / lang / "LC_MESSAGES" / "courses.po"
        if po.is_file():
            files[f"kit/locale/{lang}/LC_MESSAGES/courses.mo"] = compile_po(po)
    files["kit/locale/numbers.json"] = json.dumps(numbers, ensure_ascii=False).encode("utf-8")
    files["kit/i18n.py"] = _BROWSER_I18N.encode()
    return files


def teaching_wheel(
    folder: Path, teaching_py: Path, version: str, catalogues: dict[str, bytes] | None = None
) -> Path:
    """The kit's lesson helpers (``kit.teaching``) as a small wheel for the browser.

    Only ``kit/teaching.py``, a browser ``kit/paths.py``, an empty ``kit/__init__.py`` and, with
    ``catalogues`` (:func:`browser_catalogues`), a browser ``kit/i18n.py`` and the ``courses``
    catalogues, so a translated lesson's checks answer in its language: the rest of the kit
    (reports, nbgrader, servers) has no place in a browser. Lessons use pandas, Altair and
    ipywidgets through it, so they are its dependencies.
    """
    files = {
        "kit/__init__.py": b'"""The lesson helpers of the kit, for a static course pack."""\n',
        "kit/teaching.py": teaching_py.read_bytes(),
        "kit/paths.py": _BROWSER_PATHS.encode(),
        **(catalogues or {}),
    }
    return pure_wheel(
        folder,
        "kit-teaching",
        version,
        files,
        Requires_Dist=["pandas", "altair", "ipywidgets"],
    )
