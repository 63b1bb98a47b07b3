"""Build the static course pack: lessons as Voici pages, graded sets in JupyterLite's notebook app.

Everything the browser needs is inside the output folder: the Pyodide runtime, every wheel,
the data sets. ``build_pack`` stages the content (lessons, data sets, released graded sets),
runs ``voici build`` with the notebook app added, then applies the fixes of
:mod:`kit.pack.fixes` and writes the landing page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import metadata
from pathlib import Path

from kit import i18n, paths
from kit.curriculum.manifest import CurriculumError, Module, load_curriculum
from kit.curriculum.translations import graded_languages, lesson_languages
from kit.errors import KitError
from kit.pack import compress, fixes, landing, wheels
from kit.pack.release import release_notebook
from kit.pack.sources import LOCK_FILE, default_cache_dir, ensure, load_lock, sha256_of

_ = i18n.translator("kit")

__all__ = ["build_pack"]

#: The runtime files of npm ``pyodide`` the browser loads (the rest are types and maps).
RUNTIME = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PYODIDE_DIR = "static/pyodide"
#: Seconds between JupyterLite's automatic saves to browser storage (its default is 120 s:
#: an official who closes the tab a minute after typing would lose that minute).
AUTOSAVE_SECONDS = 5
#: The landing page the hub's lessons service shows instead of index.html (kit/hub/lessons.py).
HUB_PAGE = "hub.html"


def build_pack(
    out: Path,
    modules: list[str] | None = None,
    cache: Path | None = None,
    offline: bool = False,
    lock_file: Path = LOCK_FILE,
    repo: Path | None = None,
    say=print,
) -> Path:
    """Build the pack for ``modules`` (all when None) into ``out``; return ``out``.

    The build happens in a scratch folder and replaces ``out`` only when it is complete, so a
    failed build never leaves a half-written pack behind.
    """
    started = time.monotonic()
    # The folder holding curriculum/, assessment/ and datasets/: the repository in a checkout,
    # kit/_bundled/ in an installed kit (the hub's environment builds packs too).
    repo = repo or paths.curriculum_dir().parent
    try:
        chosen = _choose(load_curriculum(repo / "curriculum"), modules)
    except CurriculumError as error:  # a ValueError: one line, as every KitError
        raise KitError(str(error)) from None
    lock = load_lock(lock_file)
    cache = cache or default_cache_dir()
    # Archives are fetched only to take members out of them, never shipped or cached whole.
    needed = [name for name, entry in lock.items() if entry.role != "archive"]
    files = ensure(needed, lock, cache, offline=offline)
    say(
        _("kit pack: {count} pinned files verified in {folder}").format(
            count=len(files), folder=cache
        )
    )
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kit-pack-", dir=out.parent) as scratch:
        work = Path(scratch)
        contents = _stage_contents(work / "contents", chosen, repo)
        lite_dir = work / "lite"
        lite_dir.mkdir()
        wheel_dir = work / "wheels"
        wheel_dir.mkdir()
        pyodide_lock = _runtime_and_lock(files, lock, wheel_dir)
        _write_lite_config(lite_dir)
        site = work / "site"
        _voici_build(contents, lite_dir, site)
        target = site / PYODIDE_DIR
        target.mkdir(parents=True, exist_ok=True)
        for path in wheel_dir.iterdir():
            shutil.copyfile(path, target / path.name)
        (target / "pyodide-lock.json").write_text(json.dumps(pyodide_lock, indent=1))
        fixes.apply_all(site)
        sources = repo / "assessment" / "source"
        (site / "index.html").write_text(landing.page(chosen, sources), encoding="utf-8")
        (site / HUB_PAGE).write_text(landing.page(chosen, sources, on_hub=True), encoding="utf-8")
        # Last, once every file is final: the gzip siblings a web server sends as they are.
        compress.precompress(site)
        if out.exists():
            shutil.rmtree(out)
        os.replace(site, out)
    say(
        _("kit pack: wrote {file} ({size} MB) in {seconds} s").format(
            file=out,
            size=f"{_size_mb(out):.0f}",
            seconds=f"{time.monotonic() - started:.0f}",
        )
    )
    return out


def _choose(all_modules: list[Module], wanted: list[str] | None) -> list[Module]:
    if not wanted:
        return all_modules
    known = {m.id: m for m in all_modules}
    for name in wanted:
        if name not in known:
            raise KitError(
                _("no module '{name}'; known: {modules}").format(
                    name=name, modules=", ".join(known)
                )
            )
    return [known[name] for name in wanted]


def _stage_contents(root: Path, chosen: list[Module], repo: Path) -> Path:
    """The files the site serves: lessons by module, ``datasets/``, and in ``graded/`` each
    module's graded set with its pre-test and post-test (``<module>-pre``, ``<module>-post``).

    Lessons find ``datasets/`` by walking up from their folder (``kit.teaching.data_path``);
    a graded set reads its CSV files from its own folder, as in the course.
    """
    for module in chosen:
        folder = root / module.id
        folder.mkdir(parents=True)
        for lesson in module.lesson_paths:
            # The lesson and its translations (NN-name.<lang>.ipynb), offered by the landing page.
            for path in lesson_languages(lesson).values():
                shutil.copyfile(path, folder / path.name)
    shutil.copytree(
        repo / "datasets",
        root / "datasets",
        ignore=shutil.ignore_patterns("*.py", "self-assessment", "__pycache__"),
    )
    sources = repo / "assessment" / "source"
    for module in chosen:
        # Each graded set and its translations (<assignment>-<lang>), each released as its own.
        for assignment in [
            translated
            for name in graded_sets(module)
            for translated in graded_languages(sources, name).values()
        ]:
            source = sources / assignment
            folder = root / "graded" / assignment
            folder.mkdir(parents=True)
            for data in sorted(source.glob("*.csv")):
                shutil.copyfile(data, folder / data.name)
            release_notebook(repo / "assessment", assignment, folder)
    return root


def graded_sets(module: Module) -> list[str]:
    """The notebooks an official hands in for ``module``: pre-test, graded set, post-test."""
    return [name for name in (module.pre_test, module.assignment, module.post_test) if name]


def _runtime_and_lock(files: dict[str, Path], lock: dict, wheel_dir: Path) -> dict:
    """Put the Pyodide runtime and every wheel in ``wheel_dir``; the lock file listing them."""
    runtime = next(files[name] for name, e in lock.items() if e.role == "runtime")
    with tarfile.open(runtime) as tar:
        npm_lock = json.load(tar.extractfile("package/pyodide-lock.json"))
        for name in RUNTIME:
            (wheel_dir / name).write_bytes(tar.extractfile(f"package/{name}").read())
    shipped: list[Path] = []
    for name, entry in lock.items():
        if entry.role == "wheel" and name in files:
            shutil.copyfile(files[name], wheel_dir / name)
            shipped.append(wheel_dir / name)
        elif entry.role == "sdist":
            package = name.split("-")[0].lower()
            shipped.append(wheels.pure_wheel_from_sdist(files[name], wheel_dir, package))
    catalogues = wheels.browser_catalogues(paths.package_dir() / "locale")
    shipped.append(
        wheels.teaching_wheel(
            wheel_dir, paths.package_dir() / "teaching.py", _kit_version(), catalogues
        )
    )
    packages = {}
    for wheel in shipped:
        entry = wheels.lock_entry(wheel, sha256_of(wheel), npm_lock)
        packages[wheels.normalize(entry["name"])] = entry
    # Pyodide compares names in their normalized form (prompt_toolkit is prompt-toolkit).
    known = {wheels.normalize(name) for name in packages}
    missing = sorted(
        {d for e in packages.values() for d in e["depends"] if wheels.normalize(d) not in known}
    )
    if missing:
        raise KitError(
            _("the shipped wheels need {packages}, which no pin provides").format(
                packages=", ".join(missing)
            )
        )
    return {"info": npm_lock["info"], "packages": packages}


def _write_lite_config(lite_dir: Path) -> None:
    """JupyterLite settings: our Pyodide, no PyPI, frequent saves to browser storage."""
    config = {
        "jupyter-config-data": {
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    "pyodideUrl": f"./{PYODIDE_DIR}/pyodide.js",
                    "disablePyPIFallback": True,
                }
            }
        }
    }
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=1))
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": AUTOSAVE_SECONDS},
    }
    (lite_dir / "overrides.json").write_text(json.dumps(overrides, indent=1))


def _voici_build(contents: Path, lite_dir: Path, site: Path) -> None:
    """``voici build``: Voici pages for the lessons plus JupyterLite's notebook app."""
    voici = Path(sys.executable).with_name("voici")
    if not voici.exists():
        raise KitError(
            _(
                "voici is not installed: install the kit with its 'pack' extra "
                "(pip install 'migration-governance-kit[pack]')"
            )
        )
    command = [
        str(voici),
        "build",
        f"--contents={contents}",
        f"--lite-dir={lite_dir}",
        f"--output-dir={site}",
        "--apps=notebooks",
        "--no-sourcemaps",
    ]
    env = {**os.environ, "PATH": f"{voici.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=lite_dir, env=env)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise KitError(_("voici build failed: {reason}").format(reason=tail[0]))


def _kit_version() -> str:
    try:
        return metadata.version("migration-governance-kit")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
