"""The course commands a trainer runs over nbgrader's Python API; each returns an exit code."""

from __future__ import annotations

import csv
import shutil
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kit import i18n, paths
from kit.atomic import write_text_atomic
from kit.course.api import (
    CONFIG_FILE,
    check,
    existing_gradebook,
    generate,
    gradebook_url,
    load_config,
    open_api,
    require_assignment,
    source_assignments,
    sqlite_path,
    submitted_students,
)
from kit.course.grading.sandbox import Limits
from kit.errors import KitError

if TYPE_CHECKING:
    from kit.course.grading.parallel import Outcome

_ = i18n.translator("kit")


def say(text: str = "") -> None:
    """A status line: stderr, so that stdout carries only data (``kit course status``)."""
    print(text, file=sys.stderr, flush=True)


def init(target: Path, course_id: str, modules: list[str], exchange: Path | None) -> int:
    """Create a course directory from the kit's graded exercises (all modules, or some)."""
    # The kit's own course (the curriculum's graded exercises), shipped in the package.
    kit_course = paths.assessment_dir()
    available = source_assignments(kit_course)
    chosen = modules or available
    unknown = [m for m in chosen if m not in available]
    if unknown:
        raise KitError(
            _("{module}: no such module (known: {modules})").format(
                module=unknown[0], modules=", ".join(available)
            )
        )
    if target.exists() and any(target.iterdir()):
        raise KitError(
            _("{folder}: folder exists and is not empty; choose a new folder").format(folder=target)
        )
    target.mkdir(parents=True, exist_ok=True)
    config = (kit_course / CONFIG_FILE).read_text(encoding="utf-8")
    config += f"\n# Written by `kit course init`.\nc.CourseDirectory.course_id = {course_id!r}\n"
    if exchange is not None:
        exchange = exchange.resolve()
        exchange.mkdir(parents=True, exist_ok=True)
        # Officials drop submissions into the exchange: everyone may write, nobody may delete
        # another's files (sticky bit), as nbgrader's docs ask of the exchange folder.
        exchange.chmod(0o1777)
        config += f"c.Exchange.root = {str(exchange)!r}\n"
        # One exchange may serve several courses (a hub): officials' copies go to
        # <course>/<assignment>, as nbgrader's multi-course setup asks.
        config += "c.Exchange.path_includes_course = True\n"
    write_text_atomic(target / CONFIG_FILE, config)
    for module in chosen:
        shutil.copytree(kit_course / "source" / module, target / "source" / module)
    say(
        _("course {course} in {folder}: {count} assignments ({names})").format(
            course=course_id, folder=target, count=len(chosen), names=", ".join(chosen)
        )
    )
    say(_("next: cd {folder} && kit course build").format(folder=target))
    return 0


def _assignments(root: Path, names: list[str]) -> list[str]:
    for name in names:
        require_assignment(root, name)
    return names or source_assignments(root)


def build(root: Path, names: list[str]) -> int:
    """Generate the student version (release/) of each assignment, recording it in the gradebook."""
    for name in _assignments(root, names):
        # One API per set: a translated set gets its language's answer placeholder.
        generate(root, name)
        notebooks = sorted(p.name for p in (root / "release" / name).glob("*.ipynb"))
        say(
            _("built {name}: release/{name} ({notebooks})").format(
                name=name, notebooks=", ".join(notebooks)
            )
        )
    return 0


def _exchange_root(root: Path) -> Path | None:
    config = load_config(root)
    value = config.Exchange.get("root") if "Exchange" in config else None
    return Path(str(value)) if value else None


def release(root: Path, name: str) -> int:
    """Hand an assignment out: through the exchange if the course has one, else as a zip file."""
    require_assignment(root, name)
    if not (root / "release" / name).is_dir():
        raise KitError(
            _("{folder}: not built yet; run `kit course build {name}`").format(
                folder=root / "release" / name, name=name
            )
        )
    exchange = _exchange_root(root)
    if exchange is not None:
        check(open_api(root).release_assignment(name), f"release_assignment {name}")
        say(_("released {name} to the exchange {exchange}").format(name=name, exchange=exchange))
        return 0
    outbox = root / "outbox"
    outbox.mkdir(exist_ok=True)
    archive = outbox / f"{name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((root / "release" / name).rglob("*")):
            if path.is_file():
                zf.write(path, Path(name) / path.relative_to(root / "release" / name))
    say(
        _(
            "released {name} as {archive} (copy it to the officials' machines or a shared drive)"
        ).format(name=name, archive=archive)
    )
    return 0


def collect(root: Path, name: str, source: Path | None) -> int:
    """Bring submissions into submitted/: from the exchange, or from a folder (USB stick, drive)."""
    require_assignment(root, name)
    if source is None:
        if _exchange_root(root) is None:
            raise KitError(
                _(
                    "{folder}: the course has no exchange; collect from a folder with --from FOLDER"
                ).format(folder=root)
            )
        check(open_api(root).collect(name), f"collect {name}")
    else:
        _collect_folder(root, name, source)
    say(
        _("collected {name}: {count} submissions in submitted/").format(
            name=name, count=len(submitted_students(root, name))
        )
    )
    return 0


def _collect_folder(root: Path, name: str, source: Path) -> None:
    """Each official is a subfolder ``<official>/`` (their assignment folder's contents, or the
    folder itself) or a notebook ``<official>.ipynb``; the file time stands as submission time."""
    if not source.is_dir():
        raise KitError(_("{folder}: folder of submissions not found").format(folder=source))
    found = 0
    for entry in sorted(source.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            student = entry.name
            folder = entry / name if (entry / name).is_dir() else entry
        elif entry.suffix == ".ipynb":
            student, folder = entry.stem, None
        else:
            continue
        dest = root / "submitted" / student / name
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        if folder is None:
            shutil.copy2(entry, dest / f"{name}.ipynb")
            newest = entry.stat().st_mtime
        else:
            shutil.copytree(folder, dest, dirs_exist_ok=True)
            newest = max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0)
        if not (dest / "timestamp.txt").exists():
            stamp = datetime.fromtimestamp(newest or time.time(), UTC)
            (dest / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC\n"))
        found += 1
    if not found:
        raise KitError(
            _("{folder}: no <official>/ folders or <official>.ipynb files in it").format(
                folder=source
            )
        )


def collect_files(
    root: Path,
    name: str,
    folder: Path,
    roster: Path | None,
    workers: int | None,
    limits: Limits,
    progress: bool = True,
    isolation: bool = True,
) -> int:
    """Hand-in files (the pack's "Download submission"): match, file and grade them.

    Every file is accepted or refused with a one-line reason naming it; accepted ones are
    graded in the sandbox. Exit code 2 when any file was refused, 0 otherwise.
    """
    from kit.course.handin import examine_folder, file_submission

    require_assignment(root, name)
    roster = roster or root / "roster.csv"
    items = examine_folder(root, name, folder, roster)
    accepted = [item for item in items if item.accepted]
    refused = [item for item in items if not item.accepted]
    for item in accepted:
        file_submission(root, name, item)
        say(
            _("accepted {file}: {official} ({student})").format(
                file=item.path.name, official=item.official, student=item.student
            )
        )
    for item in refused:
        say(_("kit: refused {file}: {reason}").format(file=item.path, reason=item.reason))
    if accepted:
        autograde_command(
            root, name, [i.student for i in accepted], workers, limits, progress, isolation
        )
    say(
        _("collected {count} of {total} files of {folder}; refused {refused}").format(
            count=len(accepted), total=len(items), folder=folder, refused=len(refused)
        )
    )
    return 2 if refused else 0


REPORT_COLUMNS = ("student", "graded", "score", "max_score", "seconds", "reasons")


def autograde_command(
    root: Path,
    name: str,
    students: list[str],
    workers: int | None,
    limits: Limits,
    progress: bool = True,
    isolation: bool = True,
) -> int:
    """Grade every submission in parallel; write reports/autograde-<assignment>.csv.

    Without root, ``isolation=False`` (``--no-isolation``) is needed: see ``effective_limits``.
    """
    # Imported here: it starts the kernel template before it imports nbgrader.
    from kit.course.grading.parallel import autograde

    started = time.perf_counter()
    outcomes = autograde(
        root,
        name,
        students,
        workers=workers,
        limits=limits,
        progress=progress,
        isolation=isolation,
    )
    elapsed = time.perf_counter() - started
    path = write_grading_report(root, name, outcomes)
    problems = [o for o in outcomes if o.reasons or not o.graded]
    say(
        _("autograded {count} submissions of {name} in {seconds} s; report: {file}").format(
            count=len(outcomes), name=name, seconds=f"{elapsed:.1f}", file=path
        )
    )
    for o in problems:
        state = _("graded") if o.graded else _("NOT GRADED (zero)")
        say(f"  {o.student}: {state}: {'; '.join(o.reasons)}")
    return 0


def write_grading_report(root: Path, name: str, outcomes: list[Outcome]) -> Path:
    """The trainer's record of a grading run: one row per official, with the reasons."""
    rows = [
        {
            "student": o.student,
            "graded": "yes" if o.graded else "no",
            "score": "" if o.score is None else f"{o.score:g}",
            "max_score": "" if o.max_score is None else f"{o.max_score:g}",
            "seconds": f"{o.seconds:.2f}",
            "reasons": "; ".join(o.reasons),
        }
        for o in outcomes
    ]
    from io import StringIO

    buffer = StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "reports").mkdir(exist_ok=True)
    return write_text_atomic(root / "reports" / f"autograde-{name}.csv", buffer.getvalue())


def feedback(root: Path, name: str, students: list[str], release_to_exchange: bool) -> int:
    """Write feedback HTML without hidden tests for every autograded submission."""
    require_assignment(root, name)
    graded = sorted(p.parent.name for p in (root / "autograded").glob(f"*/{name}") if p.is_dir())
    chosen = [s for s in graded if not students or s in students]
    if not chosen:
        raise KitError(
            _("{folder}: nothing autograded for {name}; autograde first").format(
                folder=root / "autograded", name=name
            )
        )
    if release_to_exchange and _exchange_root(root) is None:
        raise KitError(
            _("{folder}: the course has no exchange to release feedback to").format(folder=root)
        )
    from kit.course.feedback import feedback_config

    api = open_api(root, feedback_config())
    for student in chosen:
        check(api.generate_feedback(name, student), f"generate_feedback {name} {student}")
    say(
        _("feedback for {count} officials in feedback/*/{name}/ (hidden tests removed)").format(
            count=len(chosen), name=name
        )
    )
    if release_to_exchange:
        _release_feedback(root, name, chosen)
    return 0


def _release_feedback(root: Path, name: str, students: list[str]) -> None:
    """Release feedback through the exchange to the officials who submitted through it.

    nbgrader files feedback under a hash of the secret its submit wrote; a submission collected
    from a folder (USB stick) has none, and nbgrader's release stops at the first one.
    """
    online = [
        s for s in students if (root / "feedback" / s / name / "submission_secret.txt").is_file()
    ]
    offline = [s for s in students if s not in online]
    from kit.course.feedback import feedback_config

    api = open_api(root, feedback_config())
    for student in online:
        check(api.release_feedback(name, student), f"release_feedback {name} {student}")
    say(_("feedback released through the exchange to {count} officials").format(count=len(online)))
    if offline:
        say(
            _(
                "not through the exchange (handed in on a stick or drive): {officials}; "
                "give them feedback/<official>/{name}/ by hand"
            ).format(officials=", ".join(offline), name=name)
        )


def export(root: Path, out: Path) -> int:
    """Export every grade to CSV with nbgrader's exporter."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    url = existing_gradebook(root)
    out = out if out.is_absolute() else root / out
    out.parent.mkdir(parents=True, exist_ok=True)
    with Gradebook(url) as gb:
        CsvExportPlugin(to=str(out)).export(gb)
    say(_("grades exported to {file}").format(file=out))
    return 0


def status(root: Path) -> int:
    """One line per assignment: built, submitted, autograded, feedback, mean score.

    The headers are in the chosen language, so each column is as wide as its widest text.
    """
    from nbgrader.api import Gradebook, MissingEntry

    url = gradebook_url(root)
    path = sqlite_path(url)
    have_db = path is None or path.exists()
    course_id = load_config(root).CourseDirectory.get("course_id", "")
    print(_("course {course} in {folder}").format(course=course_id, folder=root))
    header = [_("assignment"), _("built"), _("submitted"), _("graded"), _("feedback"), _("mean")]
    rows = []
    for name in source_assignments(root):
        built = _("yes") if (root / "release" / name).is_dir() else _("no")
        submitted = len(submitted_students(root, name))
        graded = len(list((root / "autograded").glob(f"*/{name}")))
        fed = len(list((root / "feedback").glob(f"*/{name}")))
        mean = ""
        if have_db:
            with Gradebook(url) as gb:
                try:
                    scores = [s.score for s in gb.find_assignment(name).submissions]
                    if scores:
                        maximum = gb.find_assignment(name).max_score or 1
                        share = sum(scores) / len(scores) / maximum
                        mean = i18n.format_percent(share, digits=0)
                except MissingEntry:
                    pass
        rows.append([name, built, str(submitted), str(graded), str(fed), mean])
    from kit.textcolumns import aligned

    for line in aligned([header, *rows]):
        print(line)
    return 0
