"""Local servers the kit starts (Voila, JupyterHub): free ports, and stopping them cleanly."""

from __future__ import annotations

import socket
import subprocess


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int | None = None) -> int:
    """``preferred`` if nothing listens there on 127.0.0.1, otherwise a port the system picks."""
    if preferred and _port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_until_interrupted(process: subprocess.Popen, grace: float = 15) -> int:
    """Wait for a server process; on Ctrl-C (or SIGTERM, see kit.cli) stop it and return 0.

    The server is asked to stop (terminate) rather than killed, so that Voila shuts its kernels
    down too: a kill would leave them running.
    """
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
