"""The first steps of a new user: ``kit start`` (the sample country) and ``kit lessons``."""

from __future__ import annotations

import argparse

from kit import i18n
from kit.cli.options import add_browser_options, status
from kit.cli.selfassess import dashboard

_ = i18n.translator("kit")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``start`` and ``lessons`` to ``kit``'s command list."""
    p = sub.add_parser(
        "start",
        help=_("first steps: the sample country's report, its dashboard and the lessons"),
    )
    p.add_argument(
        "--no-browser",
        dest="open_browser",
        action="store_false",
        help=_("only print the addresses; do not open a web browser"),
    )
    p.add_argument(
        "--report-only",
        action="store_true",
        help=_("write the sample country's report, name it and stop (serve nothing)"),
    )
    p.set_defaults(_func=start)

    p = sub.add_parser("lessons", help=_("serve the curriculum's lessons as web pages (Voila)"))
    add_browser_options(p)
    p.set_defaults(_func=lessons)


def start(open_browser: bool, report_only: bool) -> int:
    """Write Utopia's report from the user's copy of the sample, then serve dashboard and lessons.

    Everything is written under the user's kit folder (``kit.paths.user_data_dir``), never into
    the package or a checkout.
    """
    from kit.paths import user_data_dir, working_sample
    from kit.report.batch import build_assessment
    from kit.report.write import write_report

    data = working_sample()
    report = user_data_dir() / "utopia-report.html"
    write_report(build_assessment(data, "utopia"), report)
    status(_("Sample report for Utopia: {file}").format(file=report))
    if report_only:
        return 0
    from kit.curriculum.serve import landing_url
    from kit.curriculum.serve import start as start_lessons

    server, port = start_lessons()
    status(_("Lessons for officials: {url}").format(url=landing_url(port)))
    try:
        return dashboard(data, None, open_browser)
    finally:
        server.stop()


def lessons(port: int | None, open_browser: bool) -> int:
    """Serve the lessons until interrupted."""
    from kit.curriculum.serve import serve

    return serve(port, open_browser)
