"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every file the kit writes (reports, templates, response files, checklists) is rendered to bytes
first and written here, in one place.
"""

# i18n-domain: kit  (kit.i18n needs this module: it translates through kit.errors)

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kit.errors import KitError
from kit.errors import translated as _


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The rename is atomic on one file system, so an interrupted write leaves the earlier file intact.
    """
    target = Path(path)
    if not target.parent.exists():
        message = _("folder {folder} does not exist").format(folder=target.parent)
        raise KitError(message, file=target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp creates the file 0600; give the result the mode the old file had, or the
        # mode a plain open() would give, so a shared hub folder stays readable as before.
        tmp.chmod(target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))
