#!/usr/bin/env bash
# Installs what the workshop hub and its tests need, only where missing, and starts nothing:
#   - the hub's environment in /opt/kit-hub/<version>-<hash>/ (built from the kit's wheel, with
#     its hub and pack extras: `kit hub` builds the course pack its lessons service sends), with
#     configurable-http-proxy 5.x from npm in its bin/, and the link /opt/kit-hub/current to it;
#   - Debian's PostgreSQL server binaries (tests run their own throw-away cluster with pg_ctl);
#   - Debian's nginx, the hub's front web server (kit/hub/front.py; its system service stays off).
# Run as root (sudo) from the kit's source; `make test` runs it.
#
# Why /opt and why Debian's python3.11. Officials' servers and the course services run as their
# own system accounts, so the interpreter, the packages and the kit's lessons must be readable
# by every account, and nothing may depend on a developer's checkout (often under a closed home
# folder, or a `mktemp -d` folder with mode 0700). Options weighed (November 2026):
#   - the developer's pyenv interpreter (/root/.pyenv/versions/3.11.7): under /root, closed to
#     other accounts. Copying its prefix to /opt unpatched does not work on its own: the binary's
#     RUNPATH names /root/.pyenv/.../lib for libpython, so every process that starts Python
#     (spawner, services, kernels, terminals) would need LD_LIBRARY_PATH; patching the copy
#     (the earlier approach, with patchelf) is what we want to stop doing.
#   - a standalone relocatable CPython: none is published on the package registries we use.
#   - Debian's python3.11 (3.11.2, /usr/bin, readable by all): works. The earlier note that its
#     `re` rejects soupsieve's patterns held for soupsieve >= 3, which needs Python >= 3.11.5
#     (possessive quantifiers); it says so in its metadata, so pip installing into a 3.11.2
#     environment picks soupsieve 2.x, whose patterns 3.11.2 compiles, and nbgrader's feedback
#     works (checked below as the account "nobody"). The old failure came from sharing the
#     developer's packages, installed for 3.11.7, with that interpreter.
# So: a venv on Debian's python3.11, the kit installed from its wheel (not editable: the
# environment holds its own copy of the lessons, data and code), every file world-readable.
# No folder's permissions are changed and no interpreter is copied or patched. The same layout
# serves the tests, `kit hub` on a workshop laptop, and the container image of deploy/k8s.
#
# One folder per dependency set: <version>-<hash of the wheel's requirements and Python>. A
# changed kit (same requirements) is reinstalled into the same folder, without its dependencies,
# when its files differ (the wheel's RECORD lists every file's hash): seconds, not minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

HUB_ROOT=${KIT_HUB_ROOT:-/opt/kit-hub}
BASE_PYTHON=/usr/bin/python3.11
# The Python that builds the wheel: the project's venv (make test creates it), else python3.
BUILD_PYTHON=${BUILD_PYTHON:-.venv/bin/python}
[ -x "$BUILD_PYTHON" ] || BUILD_PYTHON=python3

if [ "$(id -u)" -ne 0 ]; then
    echo "install-hub: run as root (sudo): it installs into $HUB_ROOT and with apt-get" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_install() {
    apt-cache show "$1" >/dev/null 2>&1 || apt-get update -qq
    if ! apt-get install -y -qq --no-install-recommends "$@" >/dev/null; then
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    fi
}

# --- Debian's Python with venv.
if [ ! -x "$BASE_PYTHON" ] || ! "$BASE_PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    apt_install python3.11 python3.11-venv
fi

# --- The kit's wheel, and the name of the environment it goes into.
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
# setuptools stages files in build/lib and never removes what was deleted since: start clean, so
# a moved module cannot live on in the wheel.
rm -rf build/lib build/bdist.*
"$BUILD_PYTHON" -m pip wheel --quiet --no-deps --disable-pip-version-check . -w "$build" \
    2> >(grep -v "^WARNING: Location" >&2)
wheel=$(ls "$build"/*.whl)
read -r version deps_hash files_hash < <("$BUILD_PYTHON" - "$wheel" "$BASE_PYTHON" <<'PY'
import hashlib
import subprocess
import sys
import zipfile

wheel, base = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as zf:
    info = next(n.split("/")[0] for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = zf.read(f"{info}/METADATA").decode()
    record = zf.read(f"{info}/RECORD")
version = next(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Version: "))
requires = sorted(line for line in metadata.splitlines() if line.startswith("Requires-Dist: "))
python = subprocess.run([base, "-V"], capture_output=True, text=True, check=True).stdout.strip()
# The extras installed (hub: JupyterHub; pack: the tools that build the course pack) count too.
deps = hashlib.sha256("\n".join([python, "extras: hub,pack", *requires]).encode()).hexdigest()[:12]
print(version, deps, hashlib.sha256(record).hexdigest())
PY
)
prefix=$HUB_ROOT/$version-$deps_hash

# --- The environment: venv, the kit with its dependencies, the proxy.
if [ ! -e "$prefix/.kit-hub-ready" ]; then
    rm -rf "$prefix"
    mkdir -p "$HUB_ROOT"
    chmod 755 "$HUB_ROOT"
    "$BASE_PYTHON" -m venv "$prefix"
    "$prefix/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel[hub,pack]" \
        2> >(grep -v "^WARNING: Location" >&2)
    if ! command -v npm >/dev/null; then
        apt_install npm
    fi
    npm install --silent --no-audit --no-fund --prefix "$prefix/node" \
        'configurable-http-proxy@5' >/dev/null
    ln -sfn ../node/node_modules/.bin/configurable-http-proxy "$prefix/bin/configurable-http-proxy"
    touch "$prefix/.kit-hub-ready"
elif [ "$(cat "$prefix/.kit-files" 2>/dev/null)" != "$files_hash" ]; then
    # Same requirements, changed kit: replace the kit alone.
    "$prefix/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
        --force-reinstall "$wheel" 2> >(grep -v "^WARNING: Location" >&2)
fi
echo "$files_hash" >"$prefix/.kit-files"

# Every account must be able to run it: prove it as "nobody", including the soupsieve
# selector that nbgrader's feedback uses (the reason an earlier attempt failed).
if ! (cd / && runuser -u nobody -- "$prefix/bin/python" -I -c '
import bs4, jupyterhub, nbgrader, voila
import kit.paths as p
assert (p.curriculum_dir() / "index.ipynb").is_file()
bs4.BeautifulSoup("<div class=a><p>x</p></div>", "html.parser").select("div.a > p")
'); then
    echo "install-hub: the account 'nobody' cannot run the hub's environment $prefix" >&2
    exit 1
fi
ln -sfn "$(basename "$prefix")" "$HUB_ROOT/current"
echo "install-hub: hub environment $prefix (kit $version), linked as $HUB_ROOT/current"

# A Debian package that would start a system service of its own (PostgreSQL's cluster, nginx's
# default site on port 80): policy-rc.d 101 stops its maintainer scripts from starting it.
apt_install_no_service() {
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod +x "$policy"
        created_policy=1
    fi
    apt_install "$@"
    [ "$created_policy" -eq 0 ] || rm -f "$policy"
}

# --- PostgreSQL: initdb and pg_ctl under /usr/lib/postgresql/<version>/bin.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install_no_service postgresql
fi

# --- nginx: the hub's front web server (kit/hub/front.py). `kit hub` starts its own with a
# configuration it writes into the hub's data folder; Debian's service stays off.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    apt_install_no_service nginx
fi

# PostgreSQL refuses to run as root: the tests run their cluster as this system account.
if ! getent passwd postgres >/dev/null; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
