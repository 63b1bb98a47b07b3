"""Parallel autograding: one nbgrader per worker process, one gradebook per worker, merged after.

Why this design: nbgrader's SQLite gradebook is not meant for concurrent writers (upstream issue
#174), so each worker grades into its own copy of the gradebook with nbgrader's own Autograde app
(in-process, so the scores and rows are nbgrader's), and the parent copies each finished
submission into the course gradebook in one transaction. A server database (PostgreSQL) needs no
copy: workers write to it directly.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from kit import i18n
from kit.course.api import (
    gradebook_url,
    open_api,
    require_assignment,
    sqlite_path,
    submitted_students,
)
from kit.course.grading.forking import (
    KernelTemplate,
    adopt,
    close_shared_template,
    notebook_imports,
    shared_template,
)
from kit.course.grading.lock import course_lock
from kit.course.grading.merge import merge_submission
from kit.course.grading.sandbox import (
    Limits,
    effective_limits,
    prepare_course_permissions,
    start_preflight,
)
from kit.errors import KitError

_ = i18n.translator("kit")


def _lock_held_by_the_run(**_) -> None:
    """nbgrader's convert hooks in kit's workers: nothing to take, the run holds the lock."""


@dataclass
class Outcome:
    """How one student's submission went: graded or not, score, time and the reasons."""

    student: str
    graded: bool
    seconds: float
    reasons: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    worker_db: str = ""
    log: str = ""


#: Fork each notebook's kernel from a pre-loaded template (Linux); else start it from nothing.
FORK_KERNELS = sys.platform.startswith("linux")

# One per worker process, set by _start_worker.
_WORKER: dict = {}


def _start_worker(
    root: str,
    base_db: str | None,
    url: str,
    folder: str,
    limits: Limits,
    preload: list[str],
    template: KernelTemplate | None,
    taken,
) -> None:
    from sqlalchemy.exc import SAWarning
    from traitlets.config import Config

    from kit.course.grading.kernels import sandbox_config

    # A forked worker starts with its parent's warning filters (a test run's turn warnings into
    # errors): start from Python's own defaults, as a new interpreter would.
    warnings.resetwarnings()
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", category)
    # SQLAlchemy 2.1 warns inside nbgrader's autograde; harmless (see the platform notes).
    warnings.filterwarnings("ignore", category=SAWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    extra = sandbox_config(limits, fork=FORK_KERNELS, preload=preload)
    # The run that started this worker holds the course's grading lock; the course config's
    # hooks (there for the formgrader, kit/course/grading/lock.py) would wait for it forever in
    # a worker that does not share the parent's memory of holding it (a spawned one).
    extra.Autograde.pre_convert_hook = _lock_held_by_the_run
    extra.Autograde.post_convert_hook = _lock_held_by_the_run
    if template is not None:
        # Each worker takes one channel of the run's template and closes the others' copies.
        with taken.get_lock():
            mine = taken.value
            taken.value += 1
        for n, channel in enumerate(template.channels):
            if n != mine:
                channel.sock.close()
        if mine < len(template.channels):
            adopt(template.channels[mine])
        # A worker started later than the template's channels (none left) starts its own.
        shared_template(preload)
        # Closed when the worker ends (multiprocessing runs its finalizers, not atexit).
        multiprocessing.util.Finalize(None, close_shared_template, exitpriority=10)
    if base_db is not None:
        own = Path(folder) / f"worker-{os.getpid()}.db"
        shutil.copyfile(base_db, own)
        url = f"sqlite:///{own}"
        _WORKER["db"] = str(own)
        _no_sync_to_disk(own)
    else:
        _WORKER["db"] = ""
    _one_engine_per_database()
    config = Config()
    config.CourseDirectory.db_url = url
    config.merge(extra)
    _WORKER.update(api=open_api(Path(root), config), url=url, root=root, limits=limits)


def _one_engine_per_database() -> None:
    """Let nbgrader's gradebooks in this worker share one SQLAlchemy engine per database.

    nbgrader makes a new engine for every ``Gradebook`` it opens (several per notebook), and an
    engine compiles each query anew: in a worker that grades many notebooks that was a large
    share of its time. Same database, same statements, same transactions: only the compiled
    forms are kept (``Gradebook.close`` still returns the connections)."""
    import nbgrader.api
    from sqlalchemy import create_engine

    engines: dict = {}

    def shared_engine(url, **options):
        key = (str(url), tuple(sorted(options.items())))
        if key not in engines:
            engines[key] = create_engine(url, **options)
        return engines[key]

    nbgrader.api.create_engine = shared_engine


def _no_sync_to_disk(scratch_db: Path) -> None:
    """Let SQLite skip waiting for the disk on this worker's own copy of the gradebook.

    nbgrader commits once or twice per graded cell; each commit waits for the disk. The copy is
    scratch (a crash loses the run, which is graded again): what lasts is the course gradebook,
    written by the parent in one ordinary transaction per submission."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def connected(dbapi_connection, _record) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        files = [row[2] for row in dbapi_connection.execute("PRAGMA database_list")]
        if str(scratch_db) in files:
            dbapi_connection.execute("PRAGMA synchronous = OFF")

    event.listen(Engine, "connect", connected)


def _grade_one(assignment: str, student: str) -> Outcome:
    from kit.course.grading import diagnosis

    api = _WORKER["api"]
    limits: Limits = _WORKER["limits"]
    started = time.perf_counter()
    result = api.autograde(assignment, student, force=True, create=True)
    log = (result.get("log") or "") + "\n" + (result.get("error") or "")
    folder = Path(_WORKER["root"]) / "autograded" / student / assignment
    root = Path(_WORKER["root"])
    if diagnosis.locked_cells_changed(
        root / "release" / assignment, root / "submitted" / student / assignment
    ):
        log += "\nMissing grade cell (kit: locked cells deleted or edited)"
    if result.get("success"):
        reasons = diagnosis.log_reasons(log) + diagnosis.notebook_reasons(folder, root)
        graded = True
    else:
        reasons = diagnosis.failure_reasons(log)
        graded = False
        _score_zero(_WORKER["url"], assignment, student)
    score, max_score = _scores(_WORKER["url"], assignment, student)
    return Outcome(
        student=student,
        graded=graded,
        seconds=time.perf_counter() - started,
        reasons=[diagnosis.reason_text(code, limits) for code in dict.fromkeys(reasons)],
        score=score,
        max_score=max_score,
        worker_db=_WORKER["db"],
        log=log[-4000:],
    )


def _score_zero(url: str, assignment: str, student: str) -> None:
    """Give every cell of a submission nbgrader could not grade zero, as nbgrader itself does
    for a missing notebook (``Autograde.init_assignment``)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(url) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def _scores(url: str, assignment: str, student: str) -> tuple[float | None, float | None]:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(url) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return None, None
        return submission.score, submission.max_score


def autograde(
    root: Path,
    assignment: str,
    students: list[str] | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    progress: bool = True,
    isolation: bool = True,
) -> list[Outcome]:
    """Autograde every submission of ``assignment`` in ``workers`` processes; return outcomes.

    Every submission is graded or scored zero with a reason; the batch never stops on one.
    ``isolation=False`` lets student code run with the grader's rights (needed without root;
    see ``sandbox.effective_limits``).
    """
    require_assignment(root, assignment)
    everyone = submitted_students(root, assignment)
    if students:
        unknown = sorted(set(students) - set(everyone))
        if unknown:
            raise KitError(
                _("no submission of {name} by {student}").format(
                    name=assignment, student=unknown[0]
                ),
                file=root / "submitted",
            )
        everyone = [s for s in everyone if s in set(students)]
    if not everyone:
        raise KitError(
            _("nobody has submitted {name} yet").format(name=assignment), file=root / "submitted"
        )
    workers = max(1, min(workers or os.cpu_count() or 1, len(everyone)))
    limits = effective_limits(limits or Limits(), isolation)
    with ExitStack() as cleanup:  # undone in reverse order, however grading ends
        # One grading at a time per course: the service, the formgrader, another kit run.
        cleanup.enter_context(course_lock(root))
        folder = tempfile.mkdtemp(prefix="kit-autograde-")  # 0700: student code cannot reach it
        cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        limits = replace(limits, hide=(*limits.hide, str(root), folder))
        # Started before this process imports nbgrader: the check that the grading user can
        # run this Python and the kernel template's imports run meanwhile, on the other core.
        check = start_preflight(limits)
        if check is not None:
            cleanup.callback(check.close)
        template = None
        if FORK_KERNELS:
            preload = notebook_imports(root / "release" / assignment)
            template = KernelTemplate(preload, clients=workers)
            cleanup.callback(template.close)
        return _autograde(
            root, assignment, everyone, workers, limits, progress, folder, check, template
        )


def _autograde(root, assignment, everyone, workers, limits, progress, folder, check, template):
    url = gradebook_url(root)
    _require_generated(url, assignment, root)

    main_db = sqlite_path(url)
    base_db = None
    if main_db is not None:
        # One consistent snapshot for all workers, taken before any merge writes.
        base_db = str(Path(folder) / "base.db")
        shutil.copyfile(main_db, base_db)
    if check is not None:
        check.wait()
    if limits.user:
        prepare_course_permissions(root)
    outcomes = _run_pool(
        root,
        assignment,
        everyone,
        workers,
        limits,
        url,
        base_db,
        folder,
        main_db,
        progress,
        template,
    )
    return sorted(outcomes, key=lambda o: o.student)


def _run_pool(
    root, assignment, students, workers, limits, url, base_db, folder, main_db, progress, template
) -> list[Outcome]:
    from tqdm import tqdm

    # Workers are forked from this process, which has imported nbgrader already: no new
    # interpreter per worker. Student code never runs in a worker (kernels are other processes).
    context = multiprocessing.get_context("fork" if template is not None else "spawn")
    preload = template.preload if template is not None else []
    taken = context.Value("i", 0) if template is not None else None
    outcomes = []
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(str(root), base_db, url, folder, limits, preload, template, taken),
    ) as pool:
        futures = {pool.submit(_grade_one, assignment, s): s for s in students}
        if template is not None:
            # The workers (all forked by the first submit) hold their channels now.
            template.release_channels()
        bar = tqdm(
            total=len(students),
            desc=f"autograde {assignment}",
            unit="notebook",
            file=sys.stderr,
            disable=not progress,
        )
        with bar:
            for future in as_completed(futures):
                student = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker lost: record it, keep the batch going
                    outcome = Outcome(student, False, 0.0, [f"the grading worker failed: {exc}"])
                if main_db is not None and outcome.worker_db:
                    merge_submission(main_db, Path(outcome.worker_db), assignment, student)
                outcomes.append(outcome)
                bar.update(1)
    return outcomes


def _require_generated(url: str, assignment: str, root: Path) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise KitError(
            _("no gradebook yet; run `kit course build {name}` first").format(name=assignment),
            file=path,
        )
    with Gradebook(url) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise KitError(
                _("{name} is not in the gradebook; run `kit course build {name}` first").format(
                    name=assignment
                ),
                file=root,
            ) from None
