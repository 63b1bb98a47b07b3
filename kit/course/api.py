"""nbgrader's Python API bound to one course directory, and what that directory holds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

CONFIG_FILE = "nbgrader_config.py"


def alembic_on_path() -> None:
    """nbgrader starts ``alembic`` as a subprocess: put this environment's bin/ on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def find_course(root: str | Path | None = None) -> Path:
    """The course directory (default: the current one); it must hold nbgrader_config.py."""
    path = Path(root or Path.cwd()).resolve()
    if not (path / CONFIG_FILE).is_file():
        raise KitError(
            _(
                "not a course directory (no {config}); run `kit course init DIR` first "
                "or pass --dir DIR"
            ).format(config=CONFIG_FILE),
            file=path,
        )
    return path


def load_config(root: Path, extra=None):
    """The course's nbgrader configuration, its root pinned to ``root``, merged with ``extra``."""
    from traitlets.config.loader import PyFileConfigLoader

    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as exc:  # a trainer's typo in the config file: say where, not a traceback
        raise KitError(
            _("cannot be read ({fault})").format(fault=exc), file=root / CONFIG_FILE
        ) from None
    config.CourseDirectory.root = str(root)
    if extra is not None:
        config.merge(extra)
    return config


def open_api(root: Path, extra=None):
    """An ``NbGraderAPI`` on the course directory ``root`` (apps run in this process)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    alembic_on_path()
    config = load_config(root, extra)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def generate(root: Path, assignment: str) -> str:
    """Run nbgrader's generate_assignment for one set, its placeholder in the set's language."""
    from kit.course.stubs import stub_config

    api = open_api(root, stub_config(assignment))
    return check(api.generate_assignment(assignment), f"generate_assignment {assignment}")


def check(result: dict, what: str) -> str:
    """Return the log of a successful API call; raise KitError with nbgrader's last error line."""
    log = result.get("log", "") or ""
    if result.get("success"):
        return log
    lines = [line for line in (log + "\n" + (result.get("error") or "")).splitlines() if line]
    errors = [line for line in lines if "[ERROR]" in line or "Error" in line]
    # nbgrader's own line is quoted as nbgrader wrote it (English).
    last = (errors or lines or ["no message"])[-1].strip()
    raise KitError(_("nbgrader {what} failed: {message}").format(what=what, message=last))


def source_assignments(root: Path) -> list[str]:
    """Every assignment written by hand under ``source/`` (discovered, never a fixed list)."""
    source = root / "source"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def require_assignment(root: Path, assignment: str) -> None:
    """Raise KitError unless ``source/<assignment>`` exists."""
    if assignment not in source_assignments(root):
        known = ", ".join(source_assignments(root)) or _("none")
        raise KitError(
            _("no such assignment (known: {known})").format(known=known),
            file=root / "source" / assignment,
        )


def submitted_students(root: Path, assignment: str) -> list[str]:
    """Students with a folder ``submitted/<student>/<assignment>``."""
    submitted = root / "submitted"
    if not submitted.is_dir():
        return []
    return sorted(p.name for p in submitted.iterdir() if p.is_dir() and (p / assignment).is_dir())


def gradebook_url(root: Path) -> str:
    """The gradebook's database URL as nbgrader's configuration gives it."""
    config = load_config(root)
    url = config.CourseDirectory.get("db_url")
    return str(url) if url else f"sqlite:///{root / 'gradebook.db'}"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for a server database (PostgreSQL).

    SQLAlchemy's own parser reads the URL, so ``sqlite:////abs``, ``sqlite:///rel`` and query
    options mean what they mean to nbgrader's gradebook.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise KitError(
            _("'{url}': not a database URL (CourseDirectory.db_url)").format(url=url)
        ) from None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def existing_gradebook(root: Path) -> str:
    """The gradebook URL; raise KitError when it is a SQLite file that does not exist yet."""
    url = gradebook_url(root)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise KitError(_("no gradebook yet; build and autograde first"), file=path)
    return url
