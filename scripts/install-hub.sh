#!/usr/bin/env bash
# Installs what the JupyterHub deployment and its tests need, only where missing, and starts
# nothing: configurable-http-proxy 5.x from npm into .hub-node/ (git-ignored) and Debian's
# PostgreSQL server binaries (tests run their own throw-away cluster with pg_ctl).
set -euo pipefail
cd "$(dirname "$0")/.."

PROXY=.hub-node/node_modules/.bin/configurable-http-proxy
if [ ! -x "$PROXY" ]; then
    if ! command -v npm >/dev/null; then
        echo "install-hub: npm is missing (Debian package 'npm' or Node.js 20 with npm)" >&2
        exit 1
    fi
    npm install --silent --no-audit --no-fund --prefix .hub-node 'configurable-http-proxy@5' >/dev/null
fi

# PostgreSQL: initdb and pg_ctl under /usr/lib/postgresql/<version>/bin.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-hub: need root to apt-get install postgresql" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show postgresql >/dev/null 2>&1; then
        apt-get update -qq
    fi
    # policy-rc.d 101 stops Debian's maintainer scripts from starting the system cluster.
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod +x "$policy"
        created_policy=1
    fi
    if ! apt-get install -y -qq --no-install-recommends postgresql >/dev/null; then
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    [ "$created_policy" -eq 0 ] || rm -f "$policy"
fi

# Officials' servers run as their own system accounts, so they need a Python they may execute.
# When the project's venv sits on an interpreter under /root (pyenv), copy that interpreter into
# .hub-python/ (its library path made relative with patchelf) and build .hub-venv/ on it, sharing
# the venv's packages (no second install). Debian's python3.11 (3.11.2) is no substitute: its
# regular expressions reject soupsieve's patterns, and nbgrader's feedback fails.
stamp=.hub-venv/.kit-hub-ready
if [ -e "$stamp" ] && [ "$stamp" -nt .venv/.installed ]; then
    : # built after the venv's last install: nothing to do
elif [ "$(id -u)" -eq 0 ] && ! runuser -u nobody -- .venv/bin/python -c pass 2>/dev/null; then
    base=$(.venv/bin/python -c 'import sys; print(sys.base_prefix)')
    version=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    copy=.hub-python/$(basename "$base")
    if [ ! -x "$copy/bin/python$version" ]; then
        command -v patchelf >/dev/null || {
            export DEBIAN_FRONTEND=noninteractive
            apt-cache show patchelf >/dev/null 2>&1 || apt-get update -qq
            apt-get install -y -qq --no-install-recommends patchelf >/dev/null
        }
        rm -rf "$copy.tmp"
        mkdir -p "$copy.tmp"
        (cd "$base" && tar --exclude="./lib/python$version/site-packages" \
            --exclude="./lib/python$version/test" -cf - .) | tar -xf - -C "$copy.tmp"
        mkdir -p "$copy.tmp/lib/python$version/site-packages"
        patchelf --set-rpath '$ORIGIN/../lib' "$copy.tmp/bin/python$version"
        chmod -R go+rX "$copy.tmp"
        mv "$copy.tmp" "$copy"
    fi
    if [ ! -x .hub-venv/bin/python ]; then
        "$copy/bin/python$version" -m venv --without-pip .hub-venv
    fi
    # Jupyter finds extensions, kernels and templates under sys.prefix/{etc,share}/jupyter.
    for folder in etc share; do
        [ -e .hub-venv/$folder ] || ln -s ../.venv/$folder .hub-venv/$folder
    done
    here=$(pwd)
    .hub-venv/bin/python - "$here" "$version" <<'PY'
import sys
from pathlib import Path

here, version = Path(sys.argv[1]), sys.argv[2]
shared = here / ".venv" / "lib" / f"python{version}" / "site-packages"
own = here / ".hub-venv" / "lib" / f"python{version}" / "site-packages"
# A .pth line starting with "import" runs: addsitedir also reads the venv's own .pth files
# (the editable install of kit among them).
(own / "kit-shared.pth").write_text(f"import site; site.addsitedir({str(shared)!r})\n")
venv_python = f"#!{here / '.venv' / 'bin' / 'python'}"
for script in (here / ".venv" / "bin").iterdir():
    target = here / ".hub-venv" / "bin" / script.name
    if script.is_symlink() or not script.is_file() or target.name.startswith(("python", "activate")):
        continue
    text = script.read_bytes()
    if not text.startswith(venv_python.encode()):
        continue
    first, _, rest = text.partition(b"\n")
    shebang = f"#!{here / '.hub-venv' / 'bin' / 'python'}".encode()
    new = shebang + first[len(venv_python):] + b"\n" + rest
    if not target.exists() or target.read_bytes() != new:
        target.write_bytes(new)
        target.chmod(0o755)
PY
    # Every account must be able to pass through the folders above the repository (a clone
    # under /root would otherwise be closed to them): add "others may pass" (x, not read).
    dir=$here
    while [ "$dir" != / ]; do
        if ! runuser -u nobody -- test -x "$dir"; then
            chmod o+x "$dir"
            echo "install-hub: let every account pass through $dir (chmod o+x) for the hub"
        fi
        dir=$(dirname "$dir")
    done
    if ! runuser -u nobody -- .hub-venv/bin/python -c 'import kit, jupyterhub, nbgrader, voila'; then
        echo "install-hub: the account 'nobody' cannot import the kit from $here:" \
            "the repository must be readable by every account" >&2
        exit 1
    fi
    touch "$stamp"
fi

# PostgreSQL refuses to run as root: the tests run their cluster as this system account.
if [ "$(id -u)" -eq 0 ] && ! getent passwd postgres >/dev/null; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
