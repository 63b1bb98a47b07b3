"""The hub's front web server (nginx, kit/hub/front.py) on a real hub: the pack's public runtime
from disk, gzip-encoded; everything else through configurable-http-proxy, sign-in unchanged."""

from __future__ import annotations

import asyncio
import gzip
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

from kit.hub import front

LESSONS = "/services/lessons/"
LESSON = "voici/render/01-policy-formulation/02-coordination-and-consultation.html"


def run_coroutine(coro):
    """``asyncio.run`` in a thread of its own: a browser test's Playwright (sync API) may still
    hold an event loop running in the test's thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _listener(port: int) -> psutil.Process:
    """The process listening on 127.0.0.1:``port``."""
    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            return psutil.Process(conn.pid)
    raise AssertionError(f"nothing listens on port {port}")


def test_the_front_holds_the_public_port_and_the_proxy_stays_on_loopback(hub):
    """Is the hub's public port held by nginx started by kit hub (the proxy moved to an internal
    loopback port), and do sign-in and the hub's pages work through it?"""
    settings = hub.settings
    assert settings.front_command, "nginx is not installed: run scripts/install-hub.sh"
    listener = _listener(settings.port)  # nginx's master or one of its workers
    assert front.pid(settings) in (listener.pid, listener.ppid())
    assert "nginx" in " ".join(listener.cmdline())
    proxy = _listener(settings.proxy_port)
    assert "configurable-http-proxy" in " ".join(proxy.cmdline())
    assert all(
        c.laddr.ip == "127.0.0.1"
        for c in psutil.net_connections("tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == settings.proxy_port
    )
    reader = hub.person("reader")  # signs in through the front (hub.base is its port)
    home = reader.session.get(f"{hub.base}/hub/home", timeout=30)
    assert home.status_code == 200 and home.headers["Server"] == "nginx"
    assert "Read the lessons" in home.text
    # JupyterHub's own static files, from disk, as the hub itself would send them.
    icon = requests.get(f"{hub.base}/hub/static/favicon.ico", timeout=30)
    assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/x-icon"


def test_runtime_files_come_gzipped_from_disk_with_their_types(hub):
    """Does the front send the pack's runtime (Pyodide's wasm, a wheel, a Voici bundle) without
    sign-in, as the gzip sibling made at build time where there is one, with the type the
    browser needs, Vary, and the bytes of the file on disk once unzipped; and the plain file to
    a client without gzip?"""
    pack = Path(hub.settings.pack_dir)
    lock = json.loads((pack / "static/pyodide/pyodide-lock.json").read_text())
    wheel = next(p["file_name"] for p in lock["packages"].values() if "pandas" in p["file_name"])
    bundle = next(pack.glob("voici/build/*.js")).relative_to(pack).as_posix()
    wanted = {
        "static/pyodide/pyodide.asm.wasm": "application/wasm",
        f"static/pyodide/{wheel}": "application/zip",
        bundle: "text/javascript",
    }
    for path, kind in wanted.items():
        url = f"{hub.base}{LESSONS}{path}"
        answer = requests.get(url, stream=True, timeout=60)  # no sign-in
        assert answer.status_code == 200, path
        assert answer.headers["Content-Type"].startswith(kind), (path, answer.headers)
        assert answer.headers["Cache-Control"].startswith("public, max-age="), answer.headers
        on_disk = (pack / path).read_bytes()
        if (pack / f"{path}.gz").is_file():
            assert answer.headers["Content-Encoding"] == "gzip", (path, answer.headers)
            assert answer.headers["Vary"] == "Accept-Encoding"
            wire = answer.raw.read(decode_content=False)
            assert wire == (pack / f"{path}.gz").read_bytes()
            assert gzip.decompress(wire) == on_disk
        else:  # gzip would not save a tenth of an already compressed wheel
            assert path.endswith(".whl") and answer.raw.read() == on_disk
    plain = requests.get(
        f"{hub.base}{LESSONS}static/pyodide/pyodide.asm.wasm",
        headers={"Accept-Encoding": "identity"},
        timeout=60,
    )
    assert "Content-Encoding" not in plain.headers
    assert plain.content == (pack / "static/pyodide/pyodide.asm.wasm").read_bytes()


def test_the_front_opens_only_the_runtime(hub):
    """Without sign-in, is the runtime open but a lesson page, the landing page, the contents
    listing and a data set still sent to the hub's login (through the proxy), also when asked
    for with a path that climbs out of a runtime folder?"""
    assert requests.get(f"{hub.base}{LESSONS}static/pyodide/pyodide.mjs", timeout=30).ok
    closed = [
        LESSON,
        "hub.html",
        "api/contents/all.json",
        "files/datasets/coordination-matrix/positions.csv",
        # Encoded dots: the front decodes and normalizes before it picks a folder.
        f"static/pyodide/%2e%2e/%2e%2e/{LESSON}",
    ]
    for path in closed:
        answer = requests.get(f"{hub.base}{LESSONS}{path}", timeout=30)
        assert "/hub/login" in answer.url, path
        assert "Coordination" not in answer.text, path


def test_kernel_websocket_passes_through_the_front(hub):
    """Does an official's kernel answer over its websocket through the front's port (the
    upgrade passed on to the proxy and the official's server)?"""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    official = hub.person("official_a")
    official.start_server()
    kernel = official.server("POST", "/api/kernels", json={"name": "python3"})
    assert kernel.status_code == 201, kernel.text
    kernel_id = kernel.json()["id"]
    ws_url = hub.base.replace("http://", "ws://")
    url = f"{ws_url}/user/{official.name}/api/kernels/{kernel_id}/channels"
    msg_id = uuid.uuid4().hex
    request = {
        "header": {
            "msg_id": msg_id,
            "msg_type": "kernel_info_request",
            "username": official.name,
            "session": uuid.uuid4().hex,
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {},
        "channel": "shell",
    }

    async def ask() -> dict:
        connection = await websocket_connect(
            HTTPRequest(url, headers=official.headers, connect_timeout=30)
        )
        try:
            await connection.write_message(json.dumps(request))
            while True:
                raw = await asyncio.wait_for(connection.read_message(), 120)
                assert raw is not None, "websocket closed"
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") == msg_id:
                    if message["msg_type"] == "kernel_info_reply":
                        return message
        finally:
            connection.close()

    try:
        reply = run_coroutine(ask())
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["language_info"]["name"] == "python"
    finally:
        official.server("DELETE", f"/api/kernels/{kernel_id}")
