"""Grading on submission: each hand-in through nbgrader's exchange graded at once, its feedback
(score, no hidden tests) released to that official; held back for an exam until released.

A worker (``kit course grade-on-submit``; on the hub one per course, see kit/hub/ongrade.py)
watches the exchange's inbound folder. A submission is complete when nbgrader's submit has
opened its folder to 0777, its last step. New ones are collected with nbgrader's ``collect``,
graded with the kit's sandboxed parallel autograde, and their feedback generated and released
with nbgrader's ``generate_feedback`` / ``release_feedback``: the official presses "Fetch
feedback" in their Assignments list. nbgrader files released feedback under a hash of the
secret only that official's submission holds, so no other official can find it.
"""

from __future__ import annotations

import json
import os
import pwd
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.course.api import check, load_config, open_api, require_assignment, source_assignments
from kit.course.feedback import feedback_config
from kit.course.grading.lock import course_lock
from kit.course.grading.parallel import autograde
from kit.course.grading.sandbox import Limits
from kit.errors import KitError

_ = i18n.translator("kit")

#: The course's assignments whose scores wait for the trainer (exams), in the course folder.
HOLD_FILE = "held-grades.json"
#: What the worker has graded: ``<student>+<assignment>`` -> the submission's timestamp.
STATE_FILE = ".kit-graded-on-submit.json"


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- Exams: scores held until the trainer releases them.


def held(root: Path) -> set[str]:
    """Assignments whose scores are held back (exams)."""
    path = root / HOLD_FILE
    if not path.is_file():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8")).get("held", []))
    except (ValueError, AttributeError):
        raise KitError(
            _("not the kit's list of held grades; delete it and hold again"), file=path
        ) from None


def _save_held(root: Path, names: set[str]) -> None:
    write_text_atomic(root / HOLD_FILE, json.dumps({"held": sorted(names)}, indent=1) + "\n")


def hold_grades(root: Path, name: str) -> int:
    """``kit course exam ASSIGNMENT``: grade on submission, but show no score until released."""
    require_assignment(root, name)
    _save_held(root, held(root) | {name})
    say(
        _(
            "{name}: an exam; officials see no score until `kit course release-grades {name}`"
        ).format(name=name)
    )
    return 0


def release_grades(root: Path, name: str) -> int:
    """``kit course release-grades ASSIGNMENT``: end the hold and release every graded official's
    feedback (again, with the trainer's marks for written answers once given)."""
    require_assignment(root, name)
    _save_held(root, held(root) - {name})
    graded = sorted(p.parent.name for p in (root / "autograded").glob(f"*/{name}") if p.is_dir())
    # As the course folder's owner (the formgrader's account), as nbgrader's exchange expects.
    with as_user(pwd.getpwuid(root.stat().st_uid).pw_name):
        released = release_feedback(root, name, graded)
    say(
        _("{name}: scores released to {count} officials; later hand-ins show at once").format(
            name=name, count=len(released)
        )
    )
    return 0


# --- The exchange's configuration, as nbgrader's own apps read it.


def exchange_config(root: Path):
    """Exchange settings from the nbgrader_config.py files on Jupyter's config path (the hub's
    common one) and the course's own, as nbgrader's apps merge them."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in reversed(jupyter_config_path()):
        if (Path(folder) / "nbgrader_config.py").is_file():
            loaded = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
            if "Exchange" in loaded:
                config.Exchange.merge(loaded.Exchange)
    course = load_config(root)
    if "Exchange" in course:
        config.Exchange.merge(course.Exchange)
    if not config.Exchange.get("root"):
        raise KitError(_("the course has no exchange (c.Exchange.root)"), file=root)
    return config


def inbound_folder(root: Path) -> Path:
    config = exchange_config(root)
    course_id = load_config(root).CourseDirectory.get("course_id", "")
    exchange = Path(str(config.Exchange.root))
    # path_includes_course only changes the officials' side; inbound is always per course.
    return exchange / course_id / "inbound"


def release_feedback(root: Path, name: str, students: list[str]) -> list[str]:
    """Feedback without hidden tests for ``students``, released to those who submitted through
    the exchange (a hand-in file has no secret to file it under); who got it."""
    if not students:
        return []
    extra = exchange_config(root)
    extra.merge(feedback_config())
    api = open_api(root, extra)
    released = []
    for student in students:
        check(api.generate_feedback(name, student), f"generate_feedback {name} {student}")
        if (root / "feedback" / student / name / "submission_secret.txt").is_file():
            check(api.release_feedback(name, student), f"release_feedback {name} {student}")
            released.append(student)
    return released


# --- Finding new submissions.


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    timestamp: str

    @property
    def key(self) -> str:
        return f"{self.student}+{self.assignment}"


def complete_submissions(inbound: Path) -> list[Submission]:
    """The newest complete submission of each official and assignment in ``inbound``."""
    newest: dict[str, Submission] = {}
    try:
        entries = list(os.scandir(inbound))
    except FileNotFoundError:
        return []
    for entry in entries:
        parts = entry.name.rsplit("+", 3)
        if len(parts) < 3 or not entry.is_dir(follow_symlinks=False):
            continue
        # nbgrader's submit opens the folder to 0777 as its very last step.
        if entry.stat(follow_symlinks=False).st_mode & 0o777 != 0o777:
            continue
        found = Submission(parts[0], parts[1], parts[2])
        if found.key not in newest or found.timestamp > newest[found.key].timestamp:
            newest[found.key] = found
    return sorted(newest.values(), key=lambda s: (s.assignment, s.timestamp))


@contextmanager
def as_user(name: str):
    """Run the block as the account ``name`` (real and effective ids), then as root again.

    The worker runs as root only because the sandbox needs it to start kernels as the
    unprivileged grading user; nbgrader's exchange steps (collect, release_feedback) run as the
    course's owner, as the formgrader does, and nbgrader checks they own the exchange folders.
    """
    if not name or os.geteuid() != 0:
        yield
        return
    entry = pwd.getpwnam(name)
    # Jupyter looks for configuration in $HOME: the account's own, not root's closed one.
    home = os.environ.get("HOME")
    os.environ["HOME"] = entry.pw_dir
    os.setgroups([])
    os.setresgid(entry.pw_gid, entry.pw_gid, 0)
    os.setresuid(entry.pw_uid, entry.pw_uid, 0)
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)
        os.setgroups([0])
        if home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = home


@contextmanager
def owners_group(name: str):
    """As root, create files in ``name``'s group and group-writable: until ``give_back`` hands
    them over, the course's formgrader (that account) can still replace what grading wrote."""
    if not name or os.geteuid() != 0:
        yield
        return
    mask = os.umask(0o002)
    os.setegid(pwd.getpwnam(name).pw_gid)
    try:
        yield
    finally:
        os.setegid(0)
        os.umask(mask)


@dataclass
class Worker:
    """Grades each new submission of one course; ``owner`` gets the files it writes (as root)."""

    root: Path
    limits: Limits
    isolation: bool = True
    workers: int | None = None
    owner: str = ""
    #: Most submissions graded in one go (then their feedback is released); 0: all waiting.
    batch: int = 0
    graded: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        path = self.root / STATE_FILE
        if path.is_file():
            self.graded = json.loads(path.read_text(encoding="utf-8"))

    def new(self) -> list[Submission]:
        known = set(source_assignments(self.root))
        return [
            s
            for s in complete_submissions(inbound_folder(self.root))
            if s.assignment in known and self.graded.get(s.key, "") < s.timestamp
        ]

    def step(self) -> list[Submission]:
        """Grade what arrived since the last step, one batch per assignment; what was graded."""
        todo = self.new()
        if todo:
            self.open_feedback_folder()
        by_assignment: dict[str, list[Submission]] = {}
        # The earliest first. By default a batch is whatever waits: it grows with the load, and
        # each batch costs a fixed start-up (BENCHMARKS.md); ``batch`` caps it, so the first
        # officials' feedback is not held back by the last ones' grading.
        todo = sorted(todo, key=lambda s: s.timestamp)
        if self.batch:
            todo = todo[: self.batch]
        for submission in todo:
            by_assignment.setdefault(submission.assignment, []).append(submission)
        for name, batch in by_assignment.items():
            # The course's grading lock, until the files are the owner's again: the formgrader's
            # Autograde (as the owner) waits meanwhile instead of failing on root's files.
            with course_lock(self.root):
                try:
                    self.grade(name, [s.student for s in batch])
                except Exception as exc:  # one bad batch must not stop grading for the day
                    say(_("kit grade-on-submit: {name}: {fault}").format(name=name, fault=exc))
                    traceback.print_exc(file=sys.stderr)
                # Marked done either way: a failed batch is tried again when its officials hand
                # in again (the reason is in the service log; the trainer can grade by hand).
                self.graded.update({s.key: s.timestamp for s in batch})
                write_text_atomic(self.root / STATE_FILE, json.dumps(self.graded, indent=1))
                self.give_back()
        return todo

    def grade(self, name: str, students: list[str]) -> None:
        started = time.perf_counter()
        with as_user(self.owner):
            api = open_api(self.root, exchange_config(self.root))
            check(api.collect(name), f"collect {name}")
        with owners_group(self.owner):
            outcomes = autograde(
                self.root,
                name,
                students,
                workers=self.workers,
                limits=self.limits,
                progress=False,
                isolation=self.isolation,
            )
        graded = [o.student for o in outcomes]
        self.give_back()
        if name in held(self.root):
            shown = _("held (exam)")
        else:
            with as_user(self.owner):
                count = len(release_feedback(self.root, name, graded))
                shown = _("released to {count}").format(count=count)
        took = time.perf_counter() - started
        say(
            _("kit grade-on-submit: {name}: graded {officials} in {seconds} s; {shown}").format(
                name=name, officials=", ".join(graded), seconds=f"{took:.1f}", shown=shown
            )
        )

    def open_feedback_folder(self) -> None:
        """The exchange's feedback folder, as nbgrader's release_feedback makes it (0711: files
        found only by their hash): before any release, "Fetch feedback" would report an error."""
        feedback = inbound_folder(self.root).parent / "feedback"
        if not feedback.is_dir():
            with as_user(self.owner):
                feedback.mkdir()
                feedback.chmod(0o711)

    def give_back(self) -> None:
        """Files the sandboxed autograde wrote as root go to the course's owner."""
        if not self.owner or os.geteuid() != 0:
            return
        entry = pwd.getpwnam(self.owner)
        for folder, dirs, files in os.walk(self.root):
            os.chown(folder, entry.pw_uid, entry.pw_gid)
            for item in dirs + files:
                os.lchown(os.path.join(folder, item), entry.pw_uid, entry.pw_gid)

    def run(self, interval: float = 1.0) -> None:
        say(_("kit grade-on-submit: watching {folder}").format(folder=inbound_folder(self.root)))
        while True:
            if not self.step():  # more may be waiting after a full batch: no pause then
                time.sleep(interval)


def grade_on_submit(
    root: Path,
    limits: Limits,
    isolation: bool,
    workers: int | None,
    owner: str,
    interval: float,
    once: bool,
    batch: int | None = None,
) -> int:
    """``kit course grade-on-submit``: the worker; runs until stopped (or one step: ``once``)."""
    worker = Worker(root, limits, isolation, workers, owner, batch or 0)
    if once:
        worker.step()
        return 0
    try:
        worker.run(interval)
    except KeyboardInterrupt:
        pass
    return 0
