"""The front web server's configuration (kit/hub/front.py), checked by nginx itself."""

from __future__ import annotations

import re
import subprocess

import pytest

from kit.hub import front
from kit.hub.settings import HubSettings, nginx_command


def test_nginx_accepts_the_configuration_and_opens_only_the_runtime(tmp_path):
    """Does nginx accept the configuration `kit hub` writes, with the runtime folders of the pack
    sent from disk (gzip siblings), the rest of the pack passed to the lessons service, the
    hub's pages to the hub and every other path to the proxy, all on loopback?"""
    command = nginx_command()
    if not command:
        pytest.fail("nginx is not installed: run scripts/install-hub.sh")
    pack = tmp_path / "pack"
    (pack / "static" / "pyodide").mkdir(parents=True)
    settings = HubSettings(
        data_dir=tmp_path / "data",
        port=18000,
        proxy_port=18001,
        hub_port=18002,
        lessons_port=18003,
        pack_dir=str(pack),
    )
    (tmp_path / "data" / "front" / "tmp").mkdir(parents=True)
    conf = tmp_path / "data" / "front" / "nginx.conf"
    conf.write_text(front.config(settings))
    checked = subprocess.run(
        [command, "-t", "-p", str(conf.parent), "-c", str(conf), "-e", "error.log"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    text = conf.read_text()
    # No hub environment named here: the pack's runtime is the only folder sent from disk.
    assert set(re.findall(r"alias (\S+);", text)) == {f"{pack}/$part/$rest"}
    public = re.search(r"\(\?<part>([^)]*)\)", text).group(1).split("|")
    assert public == ["static/pyodide", "build", "voici/build", "extensions"]
    assert "proxy_pass http://kit_hub_proxy;" in text and "server 127.0.0.1:18001;" in text
    # The hub's pages and the lessons service (behind its sign-in) at their fixed ports.
    assert "server 127.0.0.1:18002;" in text and "server 127.0.0.1:18003;" in text
    assert "location /services/lessons/ {\n            proxy_pass http://kit_lessons;" in text
    assert "listen 127.0.0.1:18000;" in text
