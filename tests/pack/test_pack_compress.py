"""The gzip siblings a pack is built with (kit/pack/compress.py), which the hub's front server
and lessons service send as they are."""

from __future__ import annotations

import gzip
import os

from kit.pack.compress import precompress


def test_siblings_are_made_only_where_gzip_pays(tmp_path):
    """Does a compressible file get a ``.gz`` sibling holding the same bytes and the same date,
    while an incompressible one (a wheel is a zip already) and a tiny one get none, and a stale
    sibling of a file that no longer pays is removed?"""
    page = tmp_path / "lesson.html"
    page.write_text("<p>coordination and consultation</p>\n" * 200)
    os.utime(page, (1_000_000, 1_000_000))
    wheel = tmp_path / "pkg.whl"
    wheel.write_bytes(os.urandom(20_000))
    (tmp_path / "pkg.whl.gz").write_bytes(b"stale")
    tiny = tmp_path / "tiny.json"
    tiny.write_text("{}")
    assert precompress(tmp_path) == 1
    sibling = tmp_path / "lesson.html.gz"
    assert gzip.decompress(sibling.read_bytes()) == page.read_bytes()
    assert sibling.stat().st_mtime == page.stat().st_mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lesson.html",
        "lesson.html.gz",
        "pkg.whl",
        "tiny.json",
    ]
    # Built twice, the same bytes (no date in the gzip header): a rebuilt pack is identical.
    first = sibling.read_bytes()
    precompress(tmp_path)
    assert sibling.read_bytes() == first


def test_the_built_pack_has_siblings_for_the_runtime_and_pages(pack):
    """Does the built pack carry gzip siblings for Pyodide's runtime, the bundles and the lesson
    pages, each unzipping to its file, and none beside the already-compressed wheels?"""
    for name in (
        "static/pyodide/pyodide.asm.wasm",
        "static/pyodide/pyodide.asm.js",
        "voici/render/01-policy-formulation/02-coordination-and-consultation.html",
    ):
        assert gzip.decompress((pack / f"{name}.gz").read_bytes()) == (pack / name).read_bytes()
    assert next(pack.glob("voici/build/*.js.gz"))
    assert not list(pack.glob("static/pyodide/pandas-*.whl.gz"))
