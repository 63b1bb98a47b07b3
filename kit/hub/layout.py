"""The hub's data folder: exchange, per-role Jupyter config, course folders, officials' homes.

Permissions carry the isolation: course folders (solutions, gradebook) belong to the course's
grader account with mode 0700; each home is 0700; the exchange is nbgrader's shared folder.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
from pathlib import Path

from kit import paths
from kit.hub.private import write_private
from kit.hub.settings import Course, HubSettings
from kit.web import voila

#: Lab extensions an official's page does not need (the trainer's live in the course service).
NBGRADER_TRAINER_LAB_PLUGINS = [
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
]


def _chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, d) for d in dirs)]:
            os.chown(name, entry.pw_uid, entry.pw_gid)
        for name in files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)


def common_nbgrader_config(settings: HubSettings) -> str:
    """Exchange settings every server shares, officials' and the courses' services alike."""
    return (
        '"""nbgrader on the kit hub: one exchange, course id in paths, groups from the hub."""\n'
        "from kit.hub.nbgrader_auth import KitHubAuthPlugin\n\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        "c.Authenticator.plugin_class = KitHubAuthPlugin\n"
    )


def course_nbgrader_config(settings: HubSettings, course: Course) -> str:
    """The course folder's config: the kit's course settings, this folder and gradebook.

    The kit's own settings (stubs, timeouts, hidden-test delimiters) are copied in, not loaded
    from the installed package by path: the grader account reads only its own folder.
    """
    kit_config = paths.nbgrader_config_file().read_text(encoding="utf-8")
    lines = [
        f'"""nbgrader config of course {course.id} on the kit hub (written by kit hub)."""',
        "",
        "# --- The kit's course settings, as the course authors set them:",
        kit_config.rstrip(),
        "",
        "# --- This course on this hub:",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.root = {str(settings.course_dir(course))!r}",
        f"c.CourseDirectory.course_id = {course.id!r}",
        # The hub's exchange here too, so `kit course` commands run in the course folder
        # (release-grades, feedback --release) find it without the service's environment.
        f"c.Exchange.root = {str(settings.exchange)!r}",
        "c.Exchange.path_includes_course = True",
    ]
    if settings.db_url:
        lines.append(f"c.CourseDirectory.db_url = {settings.db_url!r}")
    return "\n".join(lines) + "\n"


def prepare(settings: HubSettings) -> None:
    """Create or refresh the data folder for ``settings`` (as root; idempotent)."""
    data = settings.data_dir
    data.mkdir(parents=True, exist_ok=True)
    data.chmod(0o755)
    settings.save()
    token = data / "proxy_auth_token"
    if not token.exists():
        write_private(token, secrets.token_hex(32))
    common = settings.etc / "common"
    _write(common / "nbgrader_config.py", common_nbgrader_config(settings))
    official = settings.etc / "official"
    # The formgrader would serve an official's own home as a course: switch it off there.
    _write(
        official / "jupyter_server_config.d" / "kit-hub.json",
        json.dumps(
            {"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": False}}}
        ),
    )
    _write(
        official / "labconfig" / "page_config.json",
        json.dumps({"disabledExtensions": {name: True for name in NBGRADER_TRAINER_LAB_PLUGINS}}),
    )
    # The same Voila settings as every page the kit serves (template, extension policy).
    _write(official / "voila.json", json.dumps(voila.settings(), indent=1))
    settings.exchange.mkdir(exist_ok=True)
    # nbgrader insists on 0777 for the exchange root (and would chmod it); each course folder
    # inside is made here, owned by the course's grader, so no official can take its name.
    settings.exchange.chmod(0o777)
    settings.courses_dir.mkdir(exist_ok=True)
    settings.courses_dir.chmod(0o755)
    for course in settings.courses:
        prepare_course(settings, course)
    if settings.assessment_roster:
        prepare_assessment(settings)


def prepare_assessment(settings: HubSettings) -> Path:
    """The country data folder, owned by the service account: officials read it, only the
    assessment service writes it. The roster is copied where that account can read it."""
    roster = settings.assessment_roster_copy
    _write(roster, Path(settings.assessment_roster).read_text(encoding="utf-8"))
    folder = settings.assessment_data
    folder.mkdir(parents=True, exist_ok=True)
    _chown_tree(folder, settings.assessment_account)
    for root, dirs, _files in os.walk(folder):
        for name in [root, *(os.path.join(root, d) for d in dirs)]:
            os.chmod(name, 0o755)  # no group or other write bit anywhere inside
    return folder


def prepare_course(settings: HubSettings, course: Course) -> Path:
    """The course folder (owned by the grader, 0700) with every assignment of assessment/source."""
    folder = settings.course_dir(course)
    source = folder / "source"
    source.mkdir(parents=True, exist_ok=True)
    for assignment in sorted(paths.assessment_source_dir().iterdir()):
        # Never overwrite: a trainer may have edited an assignment in the course folder.
        if assignment.is_dir() and not (source / assignment.name).exists():
            shutil.copytree(assignment, source / assignment.name)
    folder.chmod(0o700)
    entry = pwd.getpwnam(course.grader)
    # It may hold the gradebook's database password: the grader's alone from the start.
    write_private(
        folder / "nbgrader_config.py",
        course_nbgrader_config(settings, course),
        owner=(entry.pw_uid, entry.pw_gid),
    )
    _chown_tree(folder, course.grader)
    # nbgrader creates inbound/outbound/feedback below this with the permissions it wants.
    exchange = settings.exchange / course.id
    exchange.mkdir(exist_ok=True)
    os.chown(exchange, entry.pw_uid, entry.pw_gid)
    exchange.chmod(0o755)
    return folder


def lessons_source() -> list[Path]:
    """Lesson notebooks of every module (never the instructor guides)."""
    return sorted(paths.curriculum_dir().glob("[0-9][0-9]-*/[0-9][0-9]-*.ipynb"))


def prepare_home(settings: HubSettings, user: str) -> Path:
    """Fresh lessons and (once) a self-assessment folder in ``user``'s home, owned by them."""
    home = Path(pwd.getpwnam(user).pw_dir)
    lessons = home / "lessons"
    # Lessons are refreshed at every start, so a corrected lesson reaches everyone.
    if lessons.exists():
        shutil.rmtree(lessons)
    for notebook in lessons_source():
        target = lessons / notebook.parent.name / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, target)
    lessons.mkdir(exist_ok=True)
    _chown_tree(lessons, user)
    assessment = home / "self-assessment"
    if not assessment.exists():
        # The official's answers live here: copied once, never overwritten.
        sample = paths.sample_data_dir()
        shutil.copytree(sample, assessment / "data", ignore=shutil.ignore_patterns("*.py"))
        dashboard = paths.package_dir() / "dashboard" / "dashboard.ipynb"
        shutil.copy2(dashboard, assessment / "dashboard.ipynb")
        _chown_tree(assessment, user)
    return home
