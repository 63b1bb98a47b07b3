"""Fixtures of the hub tests: a PostgreSQL server and a real JupyterHub with CHP on 127.0.0.1."""

from __future__ import annotations

import pg_cluster
import pytest


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of our own (temp folder, free port), stopped at the end."""
    if pg_cluster.pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: run scripts/install-hub.sh")
    cluster = pg_cluster.start()
    yield cluster
    cluster.stop()
