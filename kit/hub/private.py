"""Files that may hold a secret (a database password, account passwords), private from birth.

Why not write, then chmod: between the two a world-readable file exists, and another account
on the machine can open it then and keep reading after the chmod. Here the file is created by
``os.open`` with mode 0600, so there is no such moment.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PRIVATE = 0o600


def write_private(path: Path, text: str, owner: tuple[int, int] | None = None) -> Path:
    """Write ``text`` to ``path`` atomically; the file (and its temporary) is 0600 throughout.

    ``owner`` (uid, gid) gives the file to another account before it takes its name.
    """
    path = Path(path)
    # A fresh random name: O_EXCL then never meets a temporary left by an interrupted run.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    try:
        # The umask can only take bits away; fchmod makes 0600 exact whatever it is.
        os.fchmod(fd, PRIVATE)
        if owner is not None:
            os.fchown(fd, *owner)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    return path


def append_private(path: Path, text: str) -> Path:
    """Append ``text`` to ``path``, creating it 0600 (an existing file is made 0600 too)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)
    os.fchmod(fd, PRIVATE)
    with os.fdopen(fd, "a", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return Path(path)
