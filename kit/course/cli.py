"""``kit course ...``: parse the trainer's commands and options; bad input is one line, exit 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.errors import KitError, run_command

COMMANDS = (
    "init",
    "build",
    "release",
    "collect",
    "autograde",
    "feedback",
    "export",
    "export-questions",
    "push-grades",
    "status",
    "report",
    "certificates",
    "revoke",
    "evidence",
    "dashboard",
)


class _Parser(argparse.ArgumentParser):
    """argparse that raises KitError instead of printing usage and exiting."""

    def error(self, message: str):
        raise KitError(f"course: {message}")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value:g} is not a percentage 0-100")
    return value


def _course_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--course",
        type=Path,
        default=None,
        help="course directory (default: the current folder, as for nbgrader's own commands)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``kit course``, every option with its help."""
    parser = _Parser(prog="kit course", description="The trainer's course commands over nbgrader.")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    p = sub.add_parser("init", help="create a course directory from the kit's graded exercises")
    p.add_argument("folder", type=Path, help="new course directory")
    p.add_argument("--course-id", default="migration-governance", help="nbgrader course id")
    p.add_argument("--modules", nargs="+", default=[], help="module ids to include (default: all)")
    p.add_argument(
        "--exchange", type=Path, help="exchange folder shared with officials (hub or network)"
    )

    p = sub.add_parser("build", help="generate the officials' version of assignments")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all in source/)")
    _course_option(p)

    p = sub.add_parser("release", help="hand an assignment out (exchange, or a zip in outbox/)")
    p.add_argument("assignment", help="assignment id")
    _course_option(p)

    p = sub.add_parser("collect", help="bring submissions into submitted/")
    p.add_argument("assignment", help="assignment id")
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        help="folder with <official>/ folders or <official>.ipynb files (default: the exchange)",
    )
    _course_option(p)

    p = sub.add_parser("autograde", help="grade submissions in parallel, safely")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--student", action="append", default=[], help="grade only this official")
    p.add_argument(
        "--workers", type=_positive, help="parallel grading processes (default: one per core)"
    )
    p.add_argument(
        "--timeout", type=_positive, help="seconds per cell (default: the course's Execute.timeout)"
    )
    p.add_argument("--memory", type=_positive, default=2048, help="memory per notebook, MB")
    p.add_argument("--max-output", type=_positive, default=10, help="output per notebook, MB")
    p.add_argument(
        "--isolation",
        choices=("user", "limits"),
        default="user",
        help="user: run student code as an unprivileged user (needs root); limits: only limits",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _course_option(p)

    p = sub.add_parser("feedback", help="feedback HTML for officials, without hidden tests")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--student", action="append", default=[], help="only this official")
    p.add_argument("--release", action="store_true", help="also release it through the exchange")
    _course_option(p)

    p = sub.add_parser("export", help="grades to CSV: nbgrader's layout or a platform's import")
    p.add_argument(
        "assignment", nargs="?", help="only this assignment (default: all, one column each)"
    )
    p.add_argument(
        "--format",
        choices=("nbgrader-csv", "moodle-csv", "canvas-csv", "csv"),
        default="nbgrader-csv",
        help="nbgrader-csv: nbgrader's one row per grade (default without ASSIGNMENT); "
        "moodle-csv / canvas-csv: the layout of the platform's grade import; csv: one row per "
        "official (default with ASSIGNMENT)",
    )
    p.add_argument("--out", type=Path, default=Path("grades.csv"), help="CSV file to write")
    p.add_argument(
        "--roster", type=Path, help="CSV with student[,name,lms_id,email] (default: roster.csv)"
    )
    p.add_argument(
        "--identifier",
        choices=("lms_id", "email"),
        help="roster column matching officials on the platform (default: lms_id if present)",
    )
    _course_option(p)

    p = sub.add_parser("export-questions", help="an assignment's questions as a question bank")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--format", choices=("moodle-xml",), default="moodle-xml", help="bank format")
    p.add_argument("--out", type=Path, required=True, help="file to write (.xml)")
    _course_option(p)

    p = sub.add_parser("push-grades", help="send an assignment's points to the platform (LTI AGS)")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--lti", type=Path, required=True, help="LTI configuration (.yaml)")
    p.add_argument("--roster", type=Path, help="CSV with student,lms_id (default: roster.csv)")
    _course_option(p)

    p = sub.add_parser("status", help="what is built, submitted, graded and returned")
    _course_option(p)

    p = sub.add_parser("report", help="cohort analytics: HTML with charts and an Excel workbook")
    p.add_argument("--out", type=Path, default=Path("reports"), help="folder for the reports")
    _course_option(p)

    p = sub.add_parser("certificates", help="printable certificates for officials who passed")
    p.add_argument(
        "--pass-mark", type=_percent, required=True, help="percentage of all marks needed to pass"
    )
    p.add_argument("--out", type=Path, default=Path("certificates"), help="folder to write to")
    p.add_argument("--title", default="", help="course title on the certificate")
    p.add_argument("--place", default="", help="where the workshop took place")
    p.add_argument("--date", default="", help="date printed on the certificate")
    p.add_argument("--trainer", default="", help="name of the signing trainer")
    p.add_argument("--roster", type=Path, help="CSV with student,name[,cadre] to print full names")
    p.add_argument(
        "--no-badges", action="store_true", help="printable certificates only, no credentials"
    )
    p.add_argument("--issuer-name", default="", help="organisation named as the issuer")
    p.add_argument("--issuer-url", default="", help="the issuer's web address (its id)")
    p.add_argument("--valid-years", type=_positive, help="credentials expire after this many years")
    p.add_argument("--level", default="", help="level when module.yaml gives none")
    p.add_argument(
        "--curriculum", type=Path, help="folder of module.yaml files (default: the kit's)"
    )
    _course_option(p)

    p = sub.add_parser("revoke", help="revoke an official's credentials, or one credential")
    p.add_argument("target", metavar="OFFICIAL|CREDENTIAL_ID", help="student id or urn:uuid:...")
    p.add_argument("--reason", default="", help="reason kept in the revocation list")
    _course_option(p)

    p = sub.add_parser("evidence", help="cohort results as evidence for the self-assessment")
    p.add_argument(
        "--roster", type=Path, required=True, help="CSV with student,cadre (and optionally name)"
    )
    p.add_argument(
        "--headcount",
        action="append",
        default=[],
        metavar="CADRE=N",
        help="officials of this cadre in the country (for the share trained), repeatable",
    )
    p.add_argument("--pass-mark", type=_percent, required=True, help="percentage needed to pass")
    p.add_argument("--country", required=True, help="country of the self-assessment")
    p.add_argument("--ministry", required=True, help="ministry the response file belongs to")
    p.add_argument("--round", required=True, help="self-assessment round, e.g. 2025")
    p.add_argument(
        "--out", type=Path, required=True, help="response file to write or update (.yaml/.csv)"
    )
    _course_option(p)

    p = sub.add_parser("dashboard", help="the cohort dashboard in the browser (Voila, offline)")
    p.add_argument("--port", type=_positive, help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--roster", type=Path, help="CSV with student,name (default: roster.csv)")
    _course_option(p)
    return parser


def _course(args) -> Path:
    from kit.course.api import find_course

    return find_course(args.course)


def dispatch(args: argparse.Namespace) -> int:
    from kit.course import commands

    if args.command == "init":
        return commands.init(args.folder, args.course_id, args.modules, args.exchange)
    root = _course(args)
    if args.command == "build":
        return commands.build(root, args.assignments)
    if args.command == "release":
        return commands.release(root, args.assignment)
    if args.command == "collect":
        return commands.collect(root, args.assignment, args.source)
    if args.command == "autograde":
        from kit.course.api import load_config
        from kit.course.sandbox import SANDBOX_USER, Limits

        timeout = args.timeout or int(load_config(root).Execute.get("timeout", 30) or 30)
        limits = Limits(
            cell_timeout=timeout,
            memory_mb=args.memory,
            output_mb=args.max_output,
            user=SANDBOX_USER if args.isolation == "user" else "",
        )
        return commands.autograde_command(
            root, args.assignment, args.student, args.workers, limits, not args.no_progress
        )
    if args.command == "feedback":
        return commands.feedback(root, args.assignment, args.student, args.release)
    if args.command == "export":
        if args.format == "nbgrader-csv" and not args.assignment:
            from kit.course.lms.commands import check_out

            check_out(args.out, args.format, ".csv")
            return commands.export(root, args.out)
        from kit.course.lms.commands import export_gradebook

        fmt = "csv" if args.format == "nbgrader-csv" else args.format
        return export_gradebook(root, args.assignment, fmt, args.out, args.roster, args.identifier)
    if args.command == "export-questions":
        from kit.course.lms.commands import export_questions

        return export_questions(root, args.assignment, args.format, args.out)
    if args.command == "push-grades":
        from kit.course.lms.commands import push_grades

        return push_grades(root, args.assignment, args.lti, args.roster)
    if args.command == "status":
        return commands.status(root)
    if args.command == "report":
        from kit.course.cohort.report import report_command

        return report_command(root, args.out)
    if args.command == "certificates":
        from kit.course.certificates import certificates_command

        return certificates_command(root, args)
    if args.command == "revoke":
        from kit.course.lms.revocations import REVOCATIONS, revoke

        new = revoke(root, args.target, args.reason)
        print(
            f"revoked {len(new)} credential(s) of {args.target}; publish {root / REVOCATIONS}",
            file=sys.stderr,
        )
        return 0
    if args.command == "evidence":
        from kit.course.evidence import evidence_command

        return evidence_command(root, args)
    if args.command == "dashboard":
        from kit.course.analytics import load_cohort
        from kit.course.cohort.server import dashboard_command

        load_cohort(root)  # no gradebook yet: say so here, not in an empty page
        return dashboard_command(root, args.port, not args.no_browser, args.roster)
    raise KitError(f"course: unknown command {args.command}")  # argparse prevents this


def run(argv: list[str]) -> int:
    """Run ``kit course`` with ``argv`` (the arguments after ``course``); return the exit code.

    Bad input raises KitError, which the caller (``kit``) prints as one line with exit code 2.
    """
    args = build_parser().parse_args(argv)
    return dispatch(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m kit.course``: one-line errors, exit code 2, no traceback."""
    return run_command(lambda: run(list(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
