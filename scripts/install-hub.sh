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

# PostgreSQL refuses to run as root: the tests run their cluster as this system account.
if [ "$(id -u)" -eq 0 ] && ! getent passwd postgres >/dev/null; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
