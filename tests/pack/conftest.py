"""Fixtures for the course pack tests: one small pack (module 01) built once, served on localhost.

The pinned downloads live in the cache ``make test`` warms (``python -m kit.pack.sources``), so
the build here needs no registry; an empty cache is filled on first use.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from kit.pack.build import build_pack

MODULE = "01-policy-formulation"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """``python -m http.server``'s handler, without a log line per request."""

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def pack(tmp_path_factory) -> Path:
    """A pack of module 01 built by ``build_pack``, as ``kit pack --modules 01-...`` builds it."""
    out = tmp_path_factory.mktemp("pack") / "site"
    return build_pack(out, modules=[MODULE], say=lambda _line: None)


@pytest.fixture(scope="session")
def pack_url(pack):
    """The pack served by the standard library's http.server on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(pack))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
