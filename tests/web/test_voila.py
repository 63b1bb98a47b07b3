"""Does every page the kit serves start Voila the same way (one launcher, one settings file)?"""

from __future__ import annotations

import json

from kit.course.cohort.server import launch as cohort_launch
from kit.curriculum.serve import launch as lessons_launch
from kit.dashboard.server import launch as dashboard_launch
from kit.web import voila


def test_every_page_kind_shares_the_template_and_the_extension_policy(tmp_path):
    """Do lessons, the dashboard and the cohort dashboard all write a voila.json with the kit
    template, code and tracebacks hidden, and the one extension denylist?"""
    common = voila.settings()["VoilaConfiguration"]
    launches = [
        lessons_launch(8000),
        dashboard_launch(tmp_path, 8001, open_browser=False),
        cohort_launch(tmp_path, 8002, open_browser=False),
    ]
    for spec in launches:
        folder = tmp_path / str(spec.port)
        written = json.loads(voila.write_settings(folder, spec.settings()).read_text())
        page = written["VoilaConfiguration"]
        assert {k: page[k] for k in common} == common, spec.target
        assert page["extension_denylist"] == voila.EXTENSION_DENYLIST
        command = spec.command(folder)
        assert "--Voila.ip=127.0.0.1" in command
        assert f"--Voila.config_file_paths={folder}" in command


def test_the_dashboard_keeps_warm_kernels_and_the_cohort_reads_afresh(tmp_path):
    """Does the dashboard preheat a kernel pool while the cohort page starts a kernel per view
    (so a reload shows new grades)?"""
    dashboard = dashboard_launch(tmp_path, 8001, open_browser=False, pool_size=2).settings()
    cohort = cohort_launch(tmp_path, 8002, open_browser=False).settings()
    assert dashboard["VoilaConfiguration"]["preheat_kernel"] is True
    assert dashboard["VoilaConfiguration"]["default_pool_size"] == 2
    assert dashboard["MappingKernelManager"]["cull_idle_timeout"] == 600
    assert cohort["VoilaConfiguration"]["preheat_kernel"] is False


def test_the_kit_template_is_packaged_and_strips_the_cdn():
    """Is the one Voila template where Voila looks for it, and does it drop Font Awesome's CDN?"""
    template = voila.share_dir() / "voila" / "templates" / "kit" / "index.html.j2"
    assert "fontawesome" in template.read_text() and "replace(" in template.read_text()
