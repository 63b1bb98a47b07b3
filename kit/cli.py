"""The ``kit`` command line: assess, checklist, template, start, dashboard, lessons, report."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kit.errors import KitError, run_command
from kit.framework import DEFAULT_FRAMEWORK, Framework, load_framework

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO_ROOT / "datasets" / "self-assessment"
WORK_DIR = REPO_ROOT / "build"


def _framework_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--framework",
        default=DEFAULT_FRAMEWORK,
        help=f"built-in framework id or a framework YAML file (default {DEFAULT_FRAMEWORK})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, every option with its help."""
    parser = argparse.ArgumentParser(
        prog="kit", description="Capacity-building kit for migration governance."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    assess = sub.add_parser("assess", help="score response files and write a report")
    assess.add_argument("files", nargs="+", type=Path, help="response files of one round")
    assess.add_argument(
        "--previous", nargs="+", type=Path, default=[], help="response files of the earlier round"
    )
    assess.add_argument(
        "--out", required=True, type=Path, help="report file: .html (offline), .json or .xlsx"
    )
    assess.add_argument("--target", type=float, help="target level for the gap plan (0-4)")
    assess.add_argument("--lead", help="lead ministry whose level stands (default: median)")
    _framework_option(assess)

    checklist = sub.add_parser("checklist", help="export the checklist or check a framework file")
    checklist.add_argument("--format", choices=("json", "md", "xlsx"), default="md")
    checklist.add_argument("--out", type=Path, help="output file (default: standard output)")
    _framework_option(checklist)

    template = sub.add_parser("template", help="write an empty response template")
    template.add_argument("--format", choices=("xlsx", "csv"), required=True)
    template.add_argument("--out", type=Path, required=True, help="template file to write")
    template.add_argument("--country", default="", help="country to fill in")
    template.add_argument("--ministry", default="", help="ministry to fill in")
    template.add_argument("--round", default="", help="round to fill in, e.g. 2025")
    _framework_option(template)

    start = sub.add_parser(
        "start", help="the sample country's report and dashboard, and the lessons"
    )
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.add_argument(
        "--report-only", action="store_true", help="write the sample report and stop"
    )

    dashboard = sub.add_parser("dashboard", help="the self-assessment dashboard (Voila)")
    dashboard.add_argument("--data", type=Path, default=SAMPLE_DATA, help="response data folder")
    dashboard.add_argument("--port", type=int, help="port on localhost (default: a free one)")
    dashboard.add_argument("--no-browser", action="store_true", help="do not open a browser")

    lessons = sub.add_parser("lessons", help="serve the curriculum's lessons through Voila")
    lessons.add_argument("--port", type=int, help="port on localhost (default: a free one)")
    lessons.add_argument("--no-browser", action="store_true", help="do not open a browser")

    course = sub.add_parser(
        "course",
        help="the trainer's course commands (init, build, release, collect, autograde, ...)",
        add_help=False,
    )
    course.add_argument("course_args", nargs=argparse.REMAINDER, help="see `kit course --help`")

    hub = sub.add_parser("hub", help="a JupyterHub for a workshop on this machine", add_help=False)
    hub.add_argument("hub_args", nargs=argparse.REMAINDER, help="see `kit hub --help`")

    report = sub.add_parser("report", help="reports for many countries at once")
    report.add_argument(
        "--batch", type=Path, required=True, help="folder of <country>/<round>/<ministry> files"
    )
    report.add_argument("--out", type=Path, required=True, help="folder for the reports")
    report.add_argument("--workers", type=int, help="parallel workers (default: one per core)")

    verify = sub.add_parser("verify", help="check an Open Badges credential offline")
    verify.add_argument("file", type=Path, help="credential file (.jwt, or a scanned QR's text)")
    verify.add_argument(
        "--jwks", type=Path, help="the issuer's key set (default: issuer-jwks.json beside FILE)"
    )
    verify.add_argument(
        "--revocations",
        type=Path,
        help="the issuer's revocation list (default: revocations.json beside FILE)",
    )
    return parser


def _load_all(paths: Sequence[Path], framework: Framework) -> list:
    from kit.io.formats import load_responses

    loaded = [load_responses(path, framework) for path in paths]
    for notice in (n for rs in loaded for n in rs.notices):
        print(f"kit: note: {notice}", file=sys.stderr)
    return loaded


def cmd_assess(args: argparse.Namespace) -> int:
    from kit.assessment import assess
    from kit.report.write import FORMATS, write_report

    if args.out.suffix.lower() not in FORMATS:
        raise KitError(f"{args.out}: unknown report format (use {', '.join(FORMATS)})")
    if args.target is not None and not 0 <= args.target <= 4:
        raise KitError(f"--target {args.target:g} is outside 0-4")
    framework = load_framework(args.framework)
    current = _load_all(args.files, framework)
    previous = _load_all(args.previous, framework)
    result = assess(framework, current, previous or None, target=args.target, lead=args.lead)
    write_report(result, args.out)
    print(
        f"{args.out}: {result.country} {result.round}, overall {result.consolidated.percent:.1f}%"
    )
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from kit.atomic import write_bytes_atomic, write_text_atomic
    from kit.report.checklist import checklist_json, checklist_markdown, checklist_xlsx

    framework = load_framework(args.framework)
    if args.format == "xlsx":
        if args.out is None:
            raise KitError("--format xlsx needs --out FILE")
        write_bytes_atomic(args.out, checklist_xlsx(framework))
        return 0
    text = checklist_json(framework) if args.format == "json" else checklist_markdown(framework)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(args.out, text)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from kit.atomic import write_bytes_atomic, write_text_atomic
    from kit.io.csvtext import responses_to_csv
    from kit.io.xlsx import template_xlsx
    from kit.responses import ResponseSet

    framework = load_framework(args.framework)
    if args.format == "xlsx":
        write_bytes_atomic(
            args.out, template_xlsx(framework, args.country, args.ministry, args.round)
        )
    else:
        empty = ResponseSet(framework.id, args.country, args.ministry, args.round)
        write_text_atomic(args.out, responses_to_csv(empty, framework))
    print(f"{args.out}: template for {framework.id} ({len(framework.items)} items)")
    return 0


def sample_working_copy() -> Path:
    """A writable copy of the sample data under build/, so the committed sample stays clean."""
    target = WORK_DIR / "self-assessment"
    if not target.exists():
        shutil.copytree(SAMPLE_DATA, target)
    return target


def cmd_start(args: argparse.Namespace) -> int:
    from kit.report.batch import build_assessment
    from kit.report.write import write_report

    data = sample_working_copy()
    report = WORK_DIR / "utopia-report.html"
    write_report(build_assessment(data, "utopia"), report)
    print(f"Sample report for Utopia: {report}")
    if args.report_only:
        return 0
    from kit.curriculum.serve import landing_url
    from kit.curriculum.serve import start as start_lessons

    lessons, port = start_lessons()
    print(f"Lessons for officials: {landing_url(port)}", flush=True)
    try:
        return cmd_dashboard(argparse.Namespace(data=data, port=None, no_browser=args.no_browser))
    finally:
        lessons.stop()


def cmd_dashboard(args: argparse.Namespace) -> int:
    from kit.dashboard.server import serve

    if not args.data.is_dir():
        raise KitError(f"{args.data}: data folder not found")
    return serve(args.data, args.port, not args.no_browser)


def cmd_lessons(args: argparse.Namespace) -> int:
    from kit.curriculum.serve import serve

    return serve(args.port, not args.no_browser)


def cmd_report(args: argparse.Namespace) -> int:
    from kit.report.batch import run_batch

    if not args.batch.is_dir():
        raise KitError(f"{args.batch}: batch folder not found")
    result = run_batch(args.batch, args.out, workers=args.workers)
    return 0 if not result.failed else 1


def cmd_verify(args: argparse.Namespace) -> int:
    from kit.course.lms.verify import verify_command

    return verify_command(args.file, args.jwks, args.revocations)


def cmd_course(args: argparse.Namespace) -> int:
    from kit.course.cli import run

    return run(args.course_args)


def cmd_hub(args: argparse.Namespace) -> int:
    from kit.hub import main as hub_main

    return hub_main(args.hub_args)


COMMANDS = {
    "course": cmd_course,
    "hub": cmd_hub,
    "assess": cmd_assess,
    "checklist": cmd_checklist,
    "template": cmd_template,
    "start": cmd_start,
    "dashboard": cmd_dashboard,
    "lessons": cmd_lessons,
    "report": cmd_report,
    "verify": cmd_verify,
}


PASSTHROUGH = ("course", "hub")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input prints one line and returns 2, never a traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PASSTHROUGH:
        # These hand every argument, --help included, to their own parser.
        args = argparse.Namespace(command=argv[0], **{f"{argv[0]}_args": argv[1:]})
    else:
        args = build_parser().parse_args(argv)
    # A terminal closed or a service manager stopping us sends SIGTERM: treat it like Ctrl-C,
    # so the servers we started are stopped cleanly rather than left running.
    signal.signal(signal.SIGTERM, _interrupt)
    return run_command(lambda: COMMANDS[args.command](args))
