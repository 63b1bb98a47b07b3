"""The hub's lessons service: the static course pack, sent to every signed-in official.

A JupyterHub service (``/services/lessons/``) that only sends files: the lessons run in the
official's browser (Pyodide), so reading one starts no server and no kernel on the hub. The
hub's OAuth decides who gets in (any signed-in account: the hub's configuration gives every
user ``access:services!service=lessons``); someone not signed in is sent to the hub's login.

Started by JupyterHub (kit/hub/jupyterhub_config.py) as
``python -m kit.hub.lessons PACK_DIR``, with JupyterHub's service variables in its environment.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from tornado import web

from kit.hub.settings import LESSONS_SERVICE
from kit.pack.build import HUB_PAGE

#: Types the browser insists on: WebAssembly.instantiateStreaming refuses anything but
#: application/wasm, and module scripts need a JavaScript type; the rest are named for clarity
#: (Debian's /etc/mime.types lacks some, and guesses differ between machines).
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".csv": "text/csv",
    ".svg": "image/svg+xml",
}
#: Pages and settings are revalidated on every visit (a rebuilt pack shows at once; an
#: unchanged file costs a 304); the runtime, wheels and scripts are kept an hour by the
#: browser, so a second lesson fetches almost nothing. ``private``: behind sign-in, no proxy
#: cache may keep them.
REVALIDATE = (".html", ".json", ".ipynb", ".webmanifest")
CACHE_SECONDS = 3600
#: A name carrying a hash of the content (``592.dfd0b9431bfb4edbbcd2.js``, JupyterLite's
#: bundles) never changes content: the browser keeps it a year without asking again. Pyodide's
#: own names (``pyodide.asm.wasm``) and the kit's teaching wheel keep their name across
#: rebuilds, so they get the hour above, not this.
HASHED = re.compile(r"[.-][0-9a-f]{16,}\.[a-z0-9]+$")
IMMUTABLE_SECONDS = 365 * 24 * 3600
#: The gzip sibling kit/pack/compress.py wrote when the pack was built.
GZIP = ".gz"


def cache_control(path: str, scope: str = "private") -> str:
    """The Cache-Control of the pack's file ``path`` (``scope``: private behind sign-in, public
    for the runtime the front server sends to anyone, kit/hub/front.py)."""
    name = path.lower()
    if name.endswith(REVALIDATE):
        return f"{scope}, no-cache"
    if HASHED.search(name):
        return f"{scope}, max-age={IMMUTABLE_SECONDS}, immutable"
    return f"{scope}, max-age={CACHE_SECONDS}"


def accepts_gzip(accept_encoding: str) -> bool:
    """True when an Accept-Encoding header admits gzip (``gzip;q=0`` refuses it)."""
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip()
            try:
                return float(quality or 1) > 0
            except ValueError:  # a malformed weight: read as the default, 1
                return True
    return False


def content_type(path: str) -> str:
    """The Content-Type the pack's file ``path`` is sent with."""
    suffix = Path(path).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def _handlers(pack: Path, prefix: str) -> list:
    # Imported here: the hub's environment has JupyterHub; the pack's tests need not.
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated

    class PackFile(HubOAuthenticated, web.StaticFileHandler):
        """A file of the pack, for a signed-in account only."""

        @web.authenticated
        async def get(self, path: str, include_body: bool = True) -> None:
            await super().get(path, include_body)

        @web.authenticated
        async def head(self, path: str) -> None:
            await super().head(path)

        def check_xsrf_cookie(self) -> None:
            # JupyterHub refuses cookie sign-in to a script's fetch() without an XSRF token,
            # which a lesson's runtime (Pyodide fetching its wheels and settings) never sends:
            # every lesson would loop through OAuth. Nothing here can be forged: the service
            # only answers GET and HEAD, with files that are the same for every account.
            return

        def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
            # The file, or its gzip sibling made at build time when the browser takes gzip:
            # sent as it is on disk, no compression while officials wait.
            checked = super().validate_absolute_path(root, absolute_path)
            self.original_path = checked
            self.gzipped = False
            if checked and os.path.isfile(checked + GZIP):
                self.set_header("Vary", "Accept-Encoding")
                if accepts_gzip(self.request.headers.get("Accept-Encoding", "")):
                    self.gzipped = True
                    # Tornado keeps the stat of the file it validated: size and date must be
                    # the sibling's (without it, tornado stats what it is given).
                    self.__dict__.pop("_stat_result", None)
                    return checked + GZIP
            return checked

        def get_content_type(self) -> str:
            return content_type(self.original_path)

        def set_extra_headers(self, path: str) -> None:
            if self.gzipped:
                self.set_header("Content-Encoding", "gzip")
            self.set_header("Cache-Control", cache_control(self.original_path))

    # The hub's variant of the landing page when the pack has one (a pack built before it did
    # shows its own index.html).
    default = HUB_PAGE if (pack / HUB_PAGE).is_file() else "index.html"
    return [
        (prefix + "oauth_callback", HubOAuthCallbackHandler),
        (prefix + "(.*)", PackFile, {"path": str(pack), "default_filename": default}),
    ]


def make_app(pack: Path, prefix: str) -> web.Application:
    """The service's tornado application serving ``pack`` under ``prefix`` (/services/lessons/)."""
    return web.Application(_handlers(pack, prefix), cookie_secret=os.urandom(32))


async def _serve(pack: Path) -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{LESSONS_SERVICE}/")
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    # xheaders: the proxy's X-Forwarded-* give the browser's address and scheme.
    make_app(pack, prefix).listen(url.port, url.hostname, xheaders=True)
    await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> int:
    """Serve the pack folder given as the one argument until stopped."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "index.html").is_file():
        print("kit.hub.lessons: give the course pack's folder (kit pack --out)", file=sys.stderr)
        return 2
    asyncio.run(_serve(Path(args[0]).resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
