"""``kit course ...``: the trainer's commands over nbgrader, one function per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit import i18n
from kit.cli.options import (
    add_browser_options,
    add_dir_option,
    from_here,
    percent,
    positive_int,
)
from kit.i18n import N_

_ = i18n.translator("kit")

#: Help of ``--dir`` for every command that works in an existing course.
COURSE_DIR = N_("course folder (default: the current folder, as for nbgrader's own commands)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kit course`` and its commands to ``kit``'s command list."""
    course = sub.add_parser(
        "course",
        help=_("the trainer's course: init, build, release, collect, autograde, feedback, ..."),
        description=_("The trainer's course commands over nbgrader."),
    )
    commands = course.add_subparsers(dest="course_command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "init", help=_("create a course folder from the kit's graded exercises")
    )
    p.add_argument("target", type=Path, metavar="FOLDER", help=_("new course folder to create"))
    p.add_argument("--course-id", default="migration-governance", help=_("nbgrader course id"))
    p.add_argument(
        "--modules", nargs="+", default=[], help=_("module ids to include (default: all)")
    )
    p.add_argument(
        "--exchange", type=Path, help=_("exchange folder shared with officials (hub or network)")
    )
    p.set_defaults(_func=init)

    p = _course_parser(
        commands, "build", _("generate the officials' version of assignments"), build
    )
    p.add_argument("assignments", nargs="*", help=_("assignment ids (default: all in source/)"))

    p = _course_parser(
        commands, "release", _("hand an assignment out (exchange, or a zip in outbox/)"), release
    )
    p.add_argument("assignment", help=_("assignment id"))

    p = _course_parser(commands, "collect", _("bring submissions into submitted/"), collect)
    p.add_argument("assignment", help=_("assignment id"))
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        help=_("folder with <official>/ folders or <official>.ipynb files (default: the exchange)"),
    )
    p.add_argument(
        "--files",
        type=Path,
        metavar="FOLDER",
        help=_(
            "folder of files saved by the course pack's Download submission: match them to "
            "the roster, refuse others with the reason, grade the rest in the sandbox"
        ),
    )
    p.add_argument(
        "--roster", type=Path, help=_("with --files: CSV with student,name (default: roster.csv)")
    )
    _grading_options(p)

    p = _course_parser(commands, "autograde", _("grade submissions in parallel, safely"), autograde)
    p.add_argument("assignment", help=_("assignment id"))
    p.add_argument(
        "--student",
        dest="students",
        action="append",
        default=[],
        metavar="OFFICIAL",
        help=_("grade only this official (repeatable)"),
    )
    _grading_options(p)

    p = _course_parser(
        commands,
        "grade-on-submit",
        _("watch the exchange: grade each hand-in at once and release its feedback (hub service)"),
        grade_on_submit,
    )
    p.add_argument(
        "--owner", default="", help=_("as root: account that owns the course folder (its grader)")
    )
    p.add_argument(
        "--interval", type=float, default=1.0, metavar="SECONDS", help=_("look every SECONDS")
    )
    p.add_argument("--once", action="store_true", help=_("grade what is there now, then stop"))
    p.add_argument(
        "--release-every",
        dest="batch",
        type=positive_int,
        metavar="N",
        help=_("grade at most N hand-ins before releasing their feedback (default: all waiting)"),
    )
    _grading_options(p)

    p = _course_parser(
        commands, "exam", _("hold an assignment's scores until release-grades (an exam)"), exam
    )
    p.add_argument("assignment", help=_("assignment id"))

    p = _course_parser(
        commands,
        "release-grades",
        _("release an assignment's feedback and scores to every graded official"),
        release_grades,
    )
    p.add_argument("assignment", help=_("assignment id"))

    p = _course_parser(
        commands, "feedback", _("feedback pages for officials, without hidden tests"), feedback
    )
    p.add_argument("assignment", help=_("assignment id"))
    p.add_argument(
        "--student",
        dest="students",
        action="append",
        default=[],
        metavar="OFFICIAL",
        help=_("only this official (repeatable)"),
    )
    p.add_argument("--release", action="store_true", help=_("also release it through the exchange"))

    p = _course_parser(
        commands, "export", _("grades to CSV: nbgrader's layout or a platform's import"), export
    )
    p.add_argument(
        "assignment", nargs="?", help=_("only this assignment (default: all, one column each)")
    )
    p.add_argument(
        "--format",
        choices=("nbgrader-csv", "moodle-csv", "canvas-csv", "csv"),
        default="nbgrader-csv",
        help=_(
            "nbgrader-csv: nbgrader's one row per grade (default without ASSIGNMENT); "
            "moodle-csv / canvas-csv: the layout of the platform's grade import; csv: one row per "
            "official (default with ASSIGNMENT)"
        ),
    )
    p.add_argument(
        "--out",
        type=from_here,
        default=Path("grades.csv"),
        help=_("CSV FILE to write (default grades.csv; relative: inside the course folder)"),
    )
    p.add_argument(
        "--roster", type=Path, help=_("CSV with student[,name,lms_id,email] (default: roster.csv)")
    )
    p.add_argument(
        "--identifier",
        choices=("lms_id", "email"),
        help=_("roster column matching officials on the platform (default: lms_id if present)"),
    )

    p = _course_parser(
        commands,
        "export-questions",
        _("an assignment's questions as a question bank"),
        export_questions,
    )
    p.add_argument("assignment", help=_("assignment id"))
    p.add_argument("--format", choices=("moodle-xml",), default="moodle-xml", help=_("bank format"))
    p.add_argument("--out", type=from_here, required=True, help=_("FILE to write (.xml)"))

    p = _course_parser(
        commands,
        "push-grades",
        _("send an assignment's points to the platform (LTI AGS)"),
        push_grades,
    )
    p.add_argument("assignment", help=_("assignment id"))
    p.add_argument("--lti", type=Path, required=True, help=_("LTI configuration FILE (.yaml)"))
    p.add_argument("--roster", type=Path, help=_("CSV with student,lms_id (default: roster.csv)"))

    _course_parser(commands, "status", _("what is built, submitted, graded and returned"), status)

    for name in ("analytics", "report"):
        # `kit course report` was this command's name; `kit batch` writes the other reports.
        old = name == "report"
        p = _course_parser(
            commands,
            name,
            None
            if old
            else _("cohort analytics: item difficulty and discrimination, HTML and Excel"),
            analytics,
        )
        p.add_argument(
            "--out",
            type=from_here,
            default=Path("reports"),
            help=_(
                "FOLDER for cohort.html and cohort.xlsx (default reports/ in the course folder)"
            ),
        )
        if old:
            p.set_defaults(_renamed=("kit course report", "kit course analytics"))

    p = _course_parser(
        commands, "certificates", _("printable certificates for officials who passed"), certificates
    )
    p.add_argument(
        "--pass-mark", type=percent, required=True, help=_("percentage of all marks needed to pass")
    )
    p.add_argument(
        "--out",
        type=from_here,
        default=Path("certificates"),
        help=_("FOLDER for certificates.html (default certificates/ in the course folder)"),
    )
    p.add_argument("--title", default="", help=_("course title on the certificate"))
    p.add_argument("--place", default="", help=_("where the workshop took place"))
    p.add_argument("--date", default="", help=_("date printed on the certificate"))
    p.add_argument("--trainer", default="", help=_("name of the signing trainer"))
    p.add_argument(
        "--roster", type=Path, help=_("CSV with student,name[,cadre] to print full names")
    )
    p.add_argument(
        "--no-badges", action="store_true", help=_("printable certificates only, no credentials")
    )
    p.add_argument("--issuer-name", default="", help=_("organisation named as the issuer"))
    p.add_argument("--issuer-url", default="", help=_("the issuer's web address (its id)"))
    p.add_argument(
        "--valid-years", type=positive_int, help=_("credentials expire after this many years")
    )
    p.add_argument("--level", default="", help=_("level when module.yaml gives none"))
    p.add_argument(
        "--curriculum", type=Path, help=_("folder of module.yaml files (default: the kit's)")
    )

    p = _course_parser(
        commands, "revoke", _("revoke an official's credentials, or one credential"), revoke
    )
    p.add_argument("target", metavar="OFFICIAL|CREDENTIAL_ID", help=_("student id or urn:uuid:..."))
    p.add_argument("--reason", default="", help=_("reason kept in the revocation list"))

    p = _course_parser(
        commands, "evidence", _("cohort results as evidence for the self-assessment"), evidence
    )
    p.add_argument(
        "--roster", type=Path, required=True, help=_("CSV with student,cadre (and optionally name)")
    )
    p.add_argument(
        "--headcount",
        action="append",
        default=[],
        metavar="CADRE=N",
        help=_("officials of this cadre in the country (for the share trained), repeatable"),
    )
    p.add_argument("--pass-mark", type=percent, required=True, help=_("percentage needed to pass"))
    p.add_argument("--country", required=True, help=_("country of the self-assessment"))
    p.add_argument("--ministry", required=True, help=_("ministry the response file belongs to"))
    p.add_argument(
        "--round", dest="round_", required=True, help=_("self-assessment round, e.g. 2025")
    )
    p.add_argument(
        "--out",
        type=from_here,
        required=True,
        help=_("response FILE to write or update; its suffix gives the format: .yaml or .csv"),
    )

    for name in ("cohort-dashboard", "dashboard"):
        # `kit course dashboard` was this command's name; `kit dashboard` is the self-assessment.
        old = name == "dashboard"
        p = _course_parser(
            commands,
            name,
            None if old else _("the cohort's results in the browser (Voila, offline)"),
            cohort_dashboard,
        )
        add_browser_options(p)
        p.add_argument("--roster", type=Path, help=_("CSV with student,name (default: roster.csv)"))
        if old:
            p.set_defaults(_renamed=("kit course dashboard", "kit course cohort-dashboard"))


def _grading_options(p: argparse.ArgumentParser) -> None:
    """Options of every command that grades: workers, limits, isolation, progress."""
    p.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help=_("parallel grading processes (default: one per core)"),
    )
    p.add_argument(
        "--timeout",
        type=positive_int,
        metavar="SECONDS",
        help=_("seconds per cell (default: the course's Execute.timeout)"),
    )
    p.add_argument(
        "--memory",
        type=positive_int,
        default=2048,
        metavar="MB",
        help=_("memory per notebook (default %(default)s)"),
    )
    p.add_argument(
        "--max-output",
        type=positive_int,
        default=10,
        metavar="MB",
        help=_("output per notebook (default %(default)s)"),
    )
    p.add_argument(
        "--isolation",
        choices=("user", "limits"),
        default="user",
        help=_(
            "user: run officials' code as an unprivileged account (needs root); "
            "limits: time, memory and output limits only"
        ),
    )
    p.add_argument(
        "--no-isolation",
        action="store_true",
        help=_("without root: run officials' code with your own rights (trusted submissions only)"),
    )
    p.add_argument(
        "--no-progress", dest="progress", action="store_false", help=_("no progress bar on stderr")
    )


def _course_parser(commands, name: str, help: str | None, func) -> argparse.ArgumentParser:
    """A command that works in an existing course folder: ``--dir`` and the function to run.

    ``help=None`` keeps an old spelling out of the command list.
    """
    p = commands.add_parser(name, **({"help": help} if help else {}))
    add_dir_option(p, _(COURSE_DIR), old="--course")
    p.set_defaults(_func=func)
    return p


def _root(folder: Path | None) -> Path:
    from kit.course.api import find_course

    return find_course(folder)


def init(target: Path, course_id: str, modules: list[str], exchange: Path | None) -> int:
    from kit.course import commands

    return commands.init(target, course_id, modules, exchange)


def build(folder: Path | None, assignments: list[str]) -> int:
    from kit.course import commands

    return commands.build(_root(folder), assignments)


def release(folder: Path | None, assignment: str) -> int:
    from kit.course import commands

    return commands.release(_root(folder), assignment)


def collect(
    folder: Path | None,
    assignment: str,
    source: Path | None,
    files: Path | None,
    roster: Path | None,
    workers: int | None,
    timeout: int | None,
    memory: int,
    max_output: int,
    isolation: str,
    no_isolation: bool,
    progress: bool,
) -> int:
    from kit.course import commands

    root = _root(folder)
    if files is None:
        return commands.collect(root, assignment, source)
    if source is not None:
        from kit.errors import KitError

        raise KitError(_("--from and --files: give one folder of hand-ins, not both"))
    limits, isolated = _limits(root, timeout, memory, max_output, isolation, no_isolation)
    return commands.collect_files(
        root, assignment, files, roster, workers, limits, progress, isolated
    )


def _limits(root, timeout, memory, max_output, isolation, no_isolation):
    """The sandbox's limits from the grading options, and whether to switch users."""
    from kit.course.api import load_config
    from kit.course.grading.sandbox import SANDBOX_USER, Limits

    timeout = timeout or int(load_config(root).Execute.get("timeout", 30) or 30)
    limits = Limits(cell_timeout=timeout, memory_mb=memory, output_mb=max_output, user=SANDBOX_USER)
    return limits, isolation == "user" and not no_isolation


def autograde(
    folder: Path | None,
    assignment: str,
    students: list[str],
    workers: int | None,
    timeout: int | None,
    memory: int,
    max_output: int,
    isolation: str,
    no_isolation: bool,
    progress: bool,
) -> int:
    # Grading never checks an IRI's syntax, but jsonschema (imported by nbformat) builds a
    # grammar for it at import when the optional rfc3987-syntax package is installed: over a
    # second of CPU, more than the rest of nbgrader's imports. Say the package is absent,
    # before anything imports jsonschema (the other format checks are unchanged).
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
    from kit.course import commands

    root = _root(folder)
    limits, isolated = _limits(root, timeout, memory, max_output, isolation, no_isolation)
    return commands.autograde_command(
        root, assignment, students, workers, limits, progress, isolated
    )


def grade_on_submit(
    folder: Path | None,
    owner: str,
    interval: float,
    once: bool,
    batch: int | None,
    workers: int | None,
    timeout: int | None,
    memory: int,
    max_output: int,
    isolation: str,
    no_isolation: bool,
    progress: bool,
) -> int:
    from kit.course.ongrade import grade_on_submit as watch

    root = _root(folder)
    limits, isolated = _limits(root, timeout, memory, max_output, isolation, no_isolation)
    return watch(root, limits, isolated, workers, owner, interval, once, batch)


def exam(folder: Path | None, assignment: str) -> int:
    from kit.course.ongrade import hold_grades

    return hold_grades(_root(folder), assignment)


def release_grades(folder: Path | None, assignment: str) -> int:
    from kit.course.ongrade import release_grades as release

    return release(_root(folder), assignment)


def feedback(folder: Path | None, assignment: str, students: list[str], release: bool) -> int:
    from kit.course import commands

    return commands.feedback(_root(folder), assignment, students, release)


def export(
    folder: Path | None,
    assignment: str | None,
    format: str,
    out: Path,
    roster: Path | None,
    identifier: str | None,
) -> int:
    from kit.course import commands
    from kit.course.lms.commands import check_out, export_gradebook

    root = _root(folder)
    if format == "nbgrader-csv" and not assignment:
        check_out(out, format, ".csv")
        return commands.export(root, out)
    fmt = "csv" if format == "nbgrader-csv" else format
    return export_gradebook(root, assignment, fmt, out, roster, identifier)


def export_questions(folder: Path | None, assignment: str, format: str, out: Path) -> int:
    from kit.course.lms.commands import export_questions as write_bank

    return write_bank(_root(folder), assignment, format, out)


def push_grades(folder: Path | None, assignment: str, lti: Path, roster: Path | None) -> int:
    from kit.course.lms.commands import push_grades as push

    return push(_root(folder), assignment, lti, roster)


def revoke(folder: Path | None, target: str, reason: str) -> int:
    from kit.cli.options import status
    from kit.course.lms.revocations import REVOCATIONS
    from kit.course.lms.revocations import revoke as revoke_credentials

    root = _root(folder)
    new = revoke_credentials(root, target, reason)
    status(
        _("revoked {count} credential(s) of {target}; publish {file}").format(
            count=len(new), target=target, file=root / REVOCATIONS
        )
    )
    return 0


def status(folder: Path | None) -> int:
    from kit.course import commands

    return commands.status(_root(folder))


def analytics(folder: Path | None, out: Path) -> int:
    from kit.course.cohort.report import report_command

    return report_command(_root(folder), out)


def certificates(
    folder: Path | None,
    pass_mark: float,
    out: Path,
    title: str,
    place: str,
    date: str,
    trainer: str,
    roster: Path | None,
    no_badges: bool,
    issuer_name: str,
    issuer_url: str,
    valid_years: int | None,
    level: str,
    curriculum: Path | None,
) -> int:
    from kit.course.certificates import certificates_command

    badges = None
    if not no_badges:
        # The credential step reads its options by name (kit/course/lms/issue.py).
        badges = argparse.Namespace(
            issuer_name=issuer_name,
            issuer_url=issuer_url,
            valid_years=valid_years,
            level=level,
            curriculum=curriculum,
            pass_mark=pass_mark,
        )
    return certificates_command(
        _root(folder),
        pass_mark,
        out,
        roster,
        title=title,
        place=place,
        date=date,
        trainer=trainer,
        badges=badges,
    )


def evidence(
    folder: Path | None,
    roster: Path,
    headcount: list[str],
    pass_mark: float,
    country: str,
    ministry: str,
    round_: str,
    out: Path,
) -> int:
    from kit.course.evidence import evidence_command

    return evidence_command(
        _root(folder), roster, headcount, pass_mark, country, ministry, round_, out
    )


def cohort_dashboard(
    folder: Path | None, port: int | None, open_browser: bool, roster: Path | None
) -> int:
    from kit.course.analytics import load_cohort
    from kit.course.cohort.server import dashboard_command

    root = _root(folder)
    load_cohort(root)  # no gradebook yet: say so here, not in an empty page
    return dashboard_command(root, port, open_browser, roster)
