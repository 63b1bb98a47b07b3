"""The hub's side of the pack, without a hub: the types its files are sent with, and which
folders `kit hub --pack DIR` accepts."""

from __future__ import annotations

import pytest

from kit.errors import KitError
from kit.hub.coursepack import check_pack, fingerprint
from kit.hub.lessons import content_type


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("static/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("static/pyodide/pyodide.mjs", "text/javascript"),
        ("static/pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", "application/zip"),
        ("api/contents/all.json", "application/json"),
        ("files/graded/x/x.ipynb", "application/json"),
        ("voici/render/m/lesson.html", "text/html"),
        ("files/datasets/a.csv", "text/csv"),
    ],
)
def test_files_are_sent_with_the_type_the_browser_needs(name, kind):
    """Is each kind of pack file given the type a browser accepts for it (WebAssembly refuses
    anything but application/wasm)?"""
    assert content_type(name) == kind


def test_a_folder_that_is_not_a_pack_is_refused_with_the_fix(tmp_path):
    """Does `kit hub --pack` refuse a folder without the pack's landing page or runtime, in one
    line saying how to build one?"""
    with pytest.raises(KitError, match=r"not a course pack \(no index.html\).*kit pack --out"):
        check_pack(tmp_path)
    (tmp_path / "index.html").write_text("<html></html>")
    with pytest.raises(KitError, match="no static/pyodide/pyodide-lock.json"):
        check_pack(tmp_path)


def test_a_folder_that_is_not_a_pack_is_refused_in_french(tmp_path):
    """With French chosen, is the refusal French, the folder and the missing file as written?"""
    from kit import i18n

    with i18n.use("fr"):
        with pytest.raises(KitError) as caught:
            check_pack(tmp_path)
        assert str(caught.value) == (
            f"{tmp_path.resolve()}: n’est pas un paquet de cours (pas de index.html) ; "
            "construisez-en un avec `kit pack --out DIR`"
        )


def test_pack_is_rebuilt_when_a_lesson_changes(tmp_path, monkeypatch):
    """Does the hash by which a hub reuses its pack stay the same for the same files, and change
    when a lesson changes?"""
    import shutil

    from kit import paths

    lessons = tmp_path / "curriculum"
    shutil.copytree(paths.curriculum_dir(), lessons)
    monkeypatch.setattr(paths, "curriculum_dir", lambda: lessons)
    before = fingerprint()
    assert fingerprint() == before
    lesson = next(lessons.glob("01-*/*.ipynb"))
    lesson.write_text(lesson.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert fingerprint() != before


def test_hub_builds_its_pack_offline_once_then_reuses_it(tmp_path, monkeypatch):
    """Without --pack, does the hub build its pack offline into its folder, reuse it at the next
    start, and build again when the pack's sources change?"""
    from kit.hub import coursepack
    from kit.pack import build

    builds = []

    def fake_build(out, offline, say):
        # Stands in for the 1-2 minute build (tests/pack/conftest.py builds a real one).
        builds.append(offline)
        (out / "static" / "pyodide").mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("<html></html>")
        (out / "static" / "pyodide" / "pyodide-lock.json").write_text("{}")
        return out

    monkeypatch.setattr(build, "build_pack", fake_build)
    first = coursepack.hub_pack(tmp_path, None, say=lambda _line: None)
    assert first == (tmp_path / "pack").resolve() and builds == [True]
    assert coursepack.hub_pack(tmp_path, None, say=lambda _line: None) == first
    assert builds == [True], "an up-to-date pack was built again"
    monkeypatch.setattr(coursepack, "fingerprint", lambda: "changed")
    coursepack.hub_pack(tmp_path, None, say=lambda _line: None)
    assert builds == [True, True]


@pytest.mark.parametrize(
    ("header", "takes"),
    [
        ("gzip, deflate, br, zstd", True),
        ("deflate, gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("*", True),
    ],
)
def test_gzip_is_sent_only_to_a_client_that_takes_it(header, takes):
    """Does the lessons service read Accept-Encoding as HTTP means it (``q=0`` refuses)?"""
    from kit.hub.lessons import accepts_gzip

    assert accepts_gzip(header) is takes


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("voici/render/m/lesson.html", "private, no-cache"),
        ("api/contents/all.json", "private, no-cache"),
        ("static/pyodide/pyodide.asm.wasm", "private, max-age=3600"),
        ("static/pyodide/kit_teaching-0.1.0-py3-none-any.whl", "private, max-age=3600"),
        (
            "extensions/@jupyterlite/x/static/592.dfd0b9431bfb4edbbcd2.js",
            "private, max-age=31536000, immutable",
        ),
    ],
)
def test_cache_rules_keep_hashed_names_for_a_year_and_revalidate_pages(name, rule):
    """Are pages revalidated at each visit, files named by their content's hash kept a year,
    and files whose name survives a rebuild (Pyodide's, the kit's wheel) kept an hour?"""
    from kit.hub.lessons import cache_control

    assert cache_control(name) == rule
