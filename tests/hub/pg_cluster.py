"""A throw-away PostgreSQL cluster for tests: initdb in a temp folder, pg_ctl on 127.0.0.1."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: PostgreSQL refuses to run as root; CI runs as root, so the cluster runs as this account.
ACCOUNT = "postgres"


def pg_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb (scripts/install-hub.sh)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    password: str
    bin: Path

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL (psycopg 3) of ``database`` as the cluster's superuser."""
        return f"postgresql+psycopg://{ACCOUNT}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", ACCOUNT, name)
        return self.url(name)

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, PGPASSWORD=self.password)
        return subprocess.run(
            [str(self.bin / tool), *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            **_as_account(),
        )

    def stop(self) -> None:
        subprocess.run(
            [str(self.bin / "pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", "immediate"],
            capture_output=True,
            check=False,
            **_as_account(),
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_account() -> dict:
    if os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam(ACCOUNT)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def start() -> Cluster:
    """initdb + pg_ctl start on a free port of 127.0.0.1, password authentication."""
    binary = pg_bin()
    if binary is None:
        raise RuntimeError("PostgreSQL is not installed: run scripts/install-hub.sh")
    folder = Path(tempfile.mkdtemp(prefix="kit-pg-"))
    password = secrets.token_hex(12)
    (folder / "pw").write_text(password)
    if os.geteuid() == 0:
        entry = pwd.getpwnam(ACCOUNT)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chown(folder / "pw", entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    cluster = Cluster(folder, _free_port(), password, binary)
    subprocess.run(
        [
            str(binary / "initdb"),
            "-D",
            str(data),
            "-U",
            ACCOUNT,
            "--auth=scram-sha-256",
            f"--pwfile={folder / 'pw'}",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        **_as_account(),
    )
    options = f"-h 127.0.0.1 -p {cluster.port} -k {folder} -c fsync=off -c max_connections=100"
    subprocess.run(
        [
            str(binary / "pg_ctl"),
            "start",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(folder / "log"),
            "-o",
            options,
        ],
        check=True,
        capture_output=True,
        **_as_account(),
    )
    return cluster
