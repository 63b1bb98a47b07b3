"""The hub's front web server (nginx): the public runtime from disk, everything else to the hub.

Why. An official's first lesson makes the browser fetch about 145 files, 38 MB: the Pyodide
runtime (``pyodide.asm.wasm`` alone is 10 MB), the wheels (numpy, pandas...) and the
JupyterLite/Voici bundles. Relayed by configurable-http-proxy (Node) and sent by the lessons
service (tornado), those bytes cost the hub most of a lesson view's CPU
(BENCHMARKS.md, hub section). nginx sends them with sendfile, and their gzip siblings made when
the pack was built (kit/pack/compress.py; ``gzip_static``), so no byte is compressed or copied
through Python or Node while officials wait.

What is public, and why that is acceptable. Only the pack's runtime folders are sent without
sign-in: ``static/pyodide/`` (Pyodide and the wheels of open-source packages plus the kit's
own teaching helpers, no lesson text), ``build/``, ``voici/build/`` and ``extensions/``
(JupyterLite's and Voici's compiled JavaScript), and JupyterHub's own ``/hub/static/`` (its
login page needs them before anyone signs in). They are the same files for everybody, the
same as any CDN publishes; nothing in them says who the officials are or what a lesson
teaches. The lessons themselves (pages, notebooks, contents listings, data sets, the landing
page) are not in those folders: they still go to the lessons service, behind
the hub's sign-in, exactly as before.

Layout. nginx listens on the hub's public address and port (``HubSettings.ip``/``port``);
configurable-http-proxy moves to ``127.0.0.1:proxy_port``. The hub's pages (``/hub/``) and the
lessons service go straight to their fixed loopback ports (the routes the proxy would take
anyway: one relay less, measured in BENCHMARKS.md); every other request (officials' servers,
the course services) goes to the proxy, whose routes follow the servers that start and stop.
Websockets (kernels, terminals) and streamed answers (spawn progress, Voila) pass unbuffered.
nginx runs as a daemon with its pid file in ``<data>/front/``; like the proxy it outlives a
hub restart; `kit hub` starts it (or reloads it with a fresh configuration) and
stops it at the end. Its workers run as ``nobody``, who can read the pack (the lessons service
runs as that account too). Installed by scripts/install-hub.sh (Debian's nginx); without
nginx the hub runs as before, the proxy on the public port.
"""

from __future__ import annotations

import grp
import os
import pwd
import signal
import subprocess
import time
from pathlib import Path

from kit.atomic import write_text_atomic
from kit.errors import KitError
from kit.hub.lessons import CACHE_SECONDS, HASHED, IMMUTABLE_SECONDS, TYPES
from kit.hub.settings import LESSONS_SERVICE, HubSettings

#: The pack's folders of public, identical-for-everyone software (see the module's docstring).
PUBLIC = ("static/pyodide", "build", "voici/build", "extensions")
#: The account nginx's workers run as (the master, started by root, only opens the port).
WORKER = "nobody"


def folder(settings: HubSettings) -> Path:
    """The front's folder in the hub's data folder: configuration, pid file, error log."""
    return settings.data_dir / "front"


def config(settings: HubSettings) -> str:
    """nginx's configuration for ``settings``: the public runtime from the pack's folder, the
    hub's pages and the lessons service straight to them, the rest to the proxy."""
    here = folder(settings)
    worker = pwd.getpwnam(WORKER)
    group = grp.getgrgid(worker.pw_gid).gr_name
    pack = Path(settings.pack_dir) if settings.pack_dir else None
    types = "\n".join(f"        {kind} {suffix[1:]};" for suffix, kind in TYPES.items())
    runtime = direct = ""
    if pack is not None:
        direct = f"""
    upstream kit_lessons {{
        server 127.0.0.1:{settings.lessons_port};
        keepalive 16;
    }}"""
        folders = "|".join(PUBLIC)
        runtime = f"""
        # The pack's public runtime, from disk (kit/hub/front.py says why it needs no sign-in).
        location ~ "^/services/{LESSONS_SERVICE}/(?<part>{folders})/(?<rest>.+)$" {{
            alias {pack}/$part/$rest;
            gzip_static on;
            gzip_vary on;
            add_header Cache-Control "public, max-age={CACHE_SECONDS}";
            location ~* "{HASHED.pattern}" {{
                alias {pack}/$part/$rest;
                gzip_static on;
                gzip_vary on;
                add_header Cache-Control "public, max-age={IMMUTABLE_SECONDS}, immutable";
            }}
        }}
        # The lessons' pages, contents and data: to the lessons service itself, which asks for
        # the hub's sign-in (OAuth) as before. Its address is fixed in the settings, so the
        # proxy's routing (made for servers that come and go) has nothing to add.
        location /services/{LESSONS_SERVICE}/ {{
            proxy_pass http://kit_lessons;
        }}"""
    hub_static = Path(settings.python_bin).parent / "share" / "jupyterhub" / "static"
    if settings.python_bin and hub_static.is_dir():
        runtime += f"""
        # JupyterHub's own style sheets, scripts and images (its login page needs them).
        location /hub/static/ {{
            alias {hub_static}/;
            add_header Cache-Control "public, max-age={CACHE_SECONDS}";
        }}"""
    return f"""# Written by `kit hub` (kit/hub/front.py) at every start: edits here are lost.
user {WORKER} {group};
worker_processes auto;
pid {here}/nginx.pid;
error_log {here}/error.log warn;
events {{
    worker_connections 4096;
}}
http {{
    types {{
        text/html html;
        text/css css;
        image/png png;
        image/x-icon ico;
        font/woff2 woff2;
        font/woff woff;
        font/ttf ttf;
        text/plain txt;
        application/vnd.ms-fontobject eot;
{types}
    }}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    # No access log: it would cost a write per file, and the hub keeps its own.
    access_log off;
    client_body_temp_path {here}/tmp/body;
    proxy_temp_path {here}/tmp/proxy;
    fastcgi_temp_path {here}/tmp/fastcgi;
    uwsgi_temp_path {here}/tmp/uwsgi;
    scgi_temp_path {here}/tmp/scgi;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" "";
    }}
    # A TLS terminator in front of this one already says https: keep its word.
    map $http_x_forwarded_proto $forwarded_proto {{
        default $http_x_forwarded_proto;
        "" $scheme;
    }}
    upstream kit_hub_proxy {{
        server 127.0.0.1:{settings.proxy_port};
        keepalive 32;
    }}
    upstream kit_hub {{
        server 127.0.0.1:{settings.hub_port};
        keepalive 16;
    }}{direct}

    server {{
        listen {settings.ip}:{settings.port};
        # Notebooks uploaded to an official's server: no limit of the front's own.
        client_max_body_size 0;
        # How every location below passes a request on (HTTP/1.1 kept alive, websockets).
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $forwarded_proto;
        # Spawn progress (event stream), Voila pages and websockets flow as they come.
        proxy_buffering off;
        proxy_request_buffering off;
        proxy_read_timeout 1d;
        proxy_send_timeout 1d;
{runtime}

        # The hub's own pages and API (sign-in, home, OAuth): to the hub itself, at the fixed
        # address the proxy would send them to.
        location /hub/ {{
            proxy_pass http://kit_hub;
        }}

        # Everything else (officials' servers, the course services, /) goes to
        # configurable-http-proxy as before, whose routes follow the servers that start and stop.
        location / {{
            proxy_pass http://kit_hub_proxy;
        }}
    }}
}}
"""


def pid(settings: HubSettings) -> int | None:
    """The running front's master process id, or None."""
    try:
        number = int((folder(settings) / "nginx.pid").read_text().strip())
        with open(f"/proc/{number}/cmdline", "rb") as cmdline:
            return number if b"nginx" in cmdline.read() else None
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def start(settings: HubSettings) -> None:
    """Write the configuration and start nginx, or have a running one reload it."""
    here = folder(settings)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (here / "tmp" / name).mkdir(parents=True, exist_ok=True)
        worker = pwd.getpwnam(WORKER)
        os.chown(here / "tmp" / name, worker.pw_uid, worker.pw_gid)
    conf = here / "nginx.conf"
    write_text_atomic(conf, config(settings))
    command = [settings.front_command, "-p", str(here), "-c", str(conf), "-e", "error.log"]
    running = pid(settings)
    if running:
        command += ["-s", "reload"]
    # nginx checks the configuration, opens the port and goes to the background.
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["nginx failed"]
        raise KitError(reason[0], file=conf)


def stop(settings: HubSettings, timeout: float = 10) -> None:
    """Stop the front (fast shutdown) and wait until its port is free."""
    number = pid(settings)
    if number is None:
        return
    os.kill(number, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Path(f"/proc/{number}").exists():
        time.sleep(0.05)
