"""The course pack the hub's lessons service sends: one given, or one built when the hub starts.

``kit hub --pack DIR`` uses a pack built beforehand (``kit pack --out DIR``). Otherwise the hub
builds one into its data folder from the pack cache, offline (``make test`` and
``python -m kit.pack.sources`` warm that cache), and reuses it at the next start while nothing
it is made from has changed: the pinned files, the lessons, graded sets and data sets, and
the kit's teaching helpers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from kit import i18n, paths
from kit.atomic import write_text_atomic
from kit.errors import KitError

_ = i18n.translator("kit")

#: Files a pack cannot work without (the landing page; the Pyodide runtime's lock file).
REQUIRED = ("index.html", "static/pyodide/pyodide-lock.json")


def check_pack(folder: Path) -> Path:
    """``folder`` resolved, if it holds a course pack; else a KitError saying how to make one."""
    folder = Path(folder).resolve()
    for name in REQUIRED:
        if not (folder / name).is_file():
            raise KitError(
                _("not a course pack (no {file}); build one with `kit pack --out DIR`").format(
                    file=name
                ),
                file=folder,
            )
    return folder


def fingerprint() -> str:
    """A hash of everything a pack is built from: the same hash, the same pack."""
    from kit.pack.compress import PACK_FORMAT
    from kit.pack.sources import LOCK_FILE

    digest = hashlib.sha256(PACK_FORMAT.encode())
    files = [LOCK_FILE, paths.package_dir() / "teaching.py"]
    for root in (paths.curriculum_dir(), paths.assessment_dir(), paths.datasets_dir()):
        files += sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def hub_pack(data_dir: Path, given: Path | None, say: Callable[[str], None]) -> Path:
    """The pack folder the hub serves: ``given`` (checked), or ``data_dir/pack`` built or reused."""
    if given is not None:
        return check_pack(given)
    target = Path(data_dir) / "pack"
    stamp = Path(data_dir) / "pack.fingerprint"
    wanted = fingerprint()
    if target.is_dir() and stamp.is_file() and stamp.read_text().strip() == wanted:
        say(_("kit hub: course pack {folder} is up to date").format(folder=target))
        return check_pack(target)
    from kit.pack.build import build_pack

    say(
        _("kit hub: building the course pack into {folder} from the pack cache (offline)").format(
            folder=target
        )
    )
    build_pack(target, offline=True, say=say)
    write_text_atomic(stamp, wanted + "\n")
    return check_pack(target)
