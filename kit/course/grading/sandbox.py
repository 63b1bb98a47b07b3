"""Limits and isolation for student code: a jailed kernel, a per-notebook output cap, a timeout.

This module holds the limits and the checks before grading, with the standard library only: the
command line reads it before anything heavy is imported, so that grading's kernel template can
start first. The kernel side (jupyter_client, nbgrader) is :mod:`kit.course.grading.kernels`;
import its names from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import kit
from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

JAIL = Path(__file__).with_name("jail.py")
SANDBOX_USER = "kit-grader"
#: Marker written into a cell whose output was cut; the grading report looks for it.
OUTPUT_CAP_NOTE = "kit: output limit reached"

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one submission may use: seconds per cell, memory, output, file size, processes."""

    cell_timeout: int = 60
    memory_mb: int = 2048
    output_mb: float = 10.0
    file_mb: int = 100
    processes: int = 512
    #: CPU seconds for the whole kernel: a backstop for loops that ignore interrupts.
    cpu_seconds: int = 600
    #: Run student code as this unprivileged user (needs root); "" keeps the grader's user.
    user: str = SANDBOX_USER
    #: Folders covered by an empty one in the kernel's view (the course, the workers' gradebooks).
    hide: tuple[str, ...] = ()

    def jail_args(self) -> list[str]:
        return [
            "--memory",
            str(self.memory_mb * MB),
            "--cpu",
            str(self.cpu_seconds),
            "--fsize",
            str(self.file_mb * MB),
            "--nproc",
            str(self.processes),
            *(["--user", self.user] if self.user else []),
            *[arg for path in self.hide for arg in ("--hide", path)],
            # The kernel imports kit (lesson helpers): keep the folder above the package reachable.
            *("--need", str(Path(kit.__file__).resolve().parents[1])),
        ]


#: Said on stderr, once per run, whenever student code keeps the grader's own user.
NO_ISOLATION_NOTICE = (
    "kit: grading WITHOUT isolation: student code runs as {who}, with your rights. It can read, "
    "change or delete every file you can (the course's solutions and gradebook, other officials' "
    "submissions, your home folder), use the network, and leave programs running after grading. "
    "Still applied: the per-cell timeout, the memory, CPU, output, file-size and process limits, "
    "and a fresh scratch folder per notebook. For submissions you do not trust, grade as root "
    "(sudo) without --no-isolation: each kernel then runs as the unprivileged user "
    f"'{SANDBOX_USER}' and cannot see the course folder."
)


def can_switch_user() -> bool:
    """True when the grader runs as root and so can start kernels as another user."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def effective_limits(limits: Limits, isolation: bool = True) -> Limits:
    """The limits as they will apply; never drops the isolation silently.

    With ``isolation`` (the default) and a ``limits.user`` to switch to, grading needs root:
    without it this raises KitError instead of running student code as the grader. With
    ``isolation=False`` (``--no-isolation``) student code keeps the grader's user, and a
    paragraph on stderr says what is then not protected.
    """
    if isolation and limits.user and not can_switch_user():
        raise KitError(
            _(
                "grading runs each submission as the unprivileged user '{user}', which needs "
                "root: run kit as root (sudo), or pass --no-isolation to grade trusted "
                "submissions with your own rights"
            ).format(user=limits.user)
        )
    if not isolation:
        limits = replace(limits, user="")
    if not limits.user:
        import getpass

        print(NO_ISOLATION_NOTICE.format(who=f"'{getpass.getuser()}'"), file=sys.stderr)
    return limits


def ensure_user(name: str) -> None:
    """Create the unprivileged grading user (no home, no login shell) if it does not exist."""
    import pwd

    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    done = subprocess.run(
        [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and "already exists" not in done.stderr:
        raise KitError(
            _("cannot create the grading user '{user}': {fault}").format(
                user=name, fault=done.stderr.strip()
            )
        )


class Preflight:
    """The check that the jailed user can start this Python, run in the background: started
    before the grader's own imports, its verdict awaited (:meth:`wait`) before any grading."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._folder = tempfile.TemporaryDirectory(prefix="kit-preflight-")
        scratch, empty = Path(self._folder.name) / "scratch", Path(self._folder.name) / "empty"
        scratch.mkdir()
        empty.mkdir()
        # ipykernel reaches every part of the environment a kernel starts from (nbformat would
        # add jsonschema's IRI grammar: a second and a half, and nothing a kernel needs).
        probe = [sys.executable, "-c", "import ipykernel"]
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(JAIL), "--scratch", str(scratch)]
            + [*limits.jail_args(), "--", *probe],
            cwd=empty,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self) -> None:
        """Raise KitError if the probe failed: a kernel that cannot start grades nobody."""
        try:
            _, stderr = self._process.communicate()
        finally:
            self._folder.cleanup()
        if self._process.returncode != 0:
            last = (stderr.strip().splitlines() or ["no message"])[-1]
            raise KitError(
                _(
                    "the grading user '{user}' cannot run {python} ({fault}); "
                    "make the Python environment readable by all users, or use --no-isolation"
                ).format(user=self.limits.user, python=sys.executable, fault=last)
            )

    def close(self) -> None:
        """Stop the probe if still running (grading ended before its verdict was needed)."""
        if self._process.returncode is None:
            self._process.kill()
            self._process.communicate()
        self._folder.cleanup()


def start_preflight(limits: Limits) -> Preflight | None:
    """Start the check that the jailed user can start this Python (None: no user switch)."""
    if not limits.user:
        return None
    ensure_user(limits.user)
    return Preflight(limits)


def preflight(limits: Limits) -> None:
    """Check the jailed user can start this Python: a kernel that cannot start grades nobody."""
    check = start_preflight(limits)
    if check is not None:
        check.wait()


def prepare_course_permissions(root: Path) -> None:
    """Make the gradebook and every student's folders unreadable by the grading user."""
    for name in ("gradebook.db",):
        path = root / name
        if path.exists():
            path.chmod(0o600)
    for name in ("submitted", "autograded", "feedback"):
        path = root / name
        if path.is_dir():
            path.chmod(0o700)
