"""System accounts for the hub: each official's server runs as their own Unix user.

Why system accounts: Unix file permissions are what keep one official's notebooks out of another's
reach, and PAM then checks real passwords with no extra authenticator package.
"""

from __future__ import annotations

import contextlib
import csv
import os
import pwd
import secrets
import subprocess
from pathlib import Path

import psutil

from kit import i18n
from kit.errors import KitError
from kit.hub.settings import Course, check_name

_ = i18n.translator("kit")

ROLES = ("trainer", "official")


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def ensure_user(name: str, home_root: Path, password: str | None = None) -> pwd.struct_passwd:
    """Create the system account ``name`` (home under ``home_root``, mode 0700) if missing."""
    check_name(name, i18n.N_("account"))
    if os.geteuid() != 0:
        raise KitError(
            _("account {name}: creating system accounts needs root (run with sudo)").format(
                name=name
            )
        )
    if not exists(name):
        home = Path(home_root) / name
        home.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash", name],
            check=True,
            capture_output=True,
        )
    entry = pwd.getpwnam(name)
    # Debian's default home mode is 0755: readable by every other official.
    os.chmod(entry.pw_dir, 0o700)
    if password is not None:
        set_password(name, password)
    return entry


def set_password(name: str, password: str) -> None:
    if ":" in password or "\n" in password:
        raise KitError(
            _("account {name}: a password may not contain ':' or a line break").format(name=name)
        )
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)


def remove_user(name: str) -> None:
    """Delete the account and its home folder (tests clean up with this)."""
    if exists(name):
        uid = pwd.getpwnam(name).pw_uid
        for proc in psutil.process_iter(["uids"]):
            if proc.info["uids"] and proc.info["uids"].real == uid:
                with contextlib.suppress(psutil.NoSuchProcess):
                    proc.kill()
        subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)


def new_password() -> str:
    """Three short words would be kinder, but a random token needs no word list."""
    return secrets.token_urlsafe(9)


def read_roster(path: Path) -> tuple[list[Course], dict[str, str]]:
    """Courses and passwords from a CSV roster with columns username, role, course[, password].

    An empty password means "generate one". Errors name the file and the row.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise KitError(_("roster file not found"), file=path) from None
    courses: dict[str, Course] = {}
    passwords: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        missing = [
            col for col in ("username", "role", "course") if not (row.get(col) or "").strip()
        ]
        if missing:
            raise KitError(
                _("missing {columns}").format(columns=", ".join(missing)), file=path, row=number
            )
        name, role, course_id = (row[col].strip() for col in ("username", "role", "course"))
        if role not in ROLES:
            raise KitError(
                _("role '{role}' is not trainer or official").format(role=role),
                file=path,
                row=number,
            )
        try:
            course = courses.setdefault(course_id, Course(course_id))
            check_name(name, i18n.N_("account"))
        except KitError as exc:
            raise KitError(str(exc), file=path, row=number) from None
        (course.trainers if role == "trainer" else course.officials).append(name)
        if (row.get("password") or "").strip():
            passwords[name] = row["password"].strip()
    if not courses:
        raise KitError(_("the roster has no accounts"), file=path)
    return list(courses.values()), passwords
