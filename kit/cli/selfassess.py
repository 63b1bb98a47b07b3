"""The self-assessment commands: assess, checklist, template, batch, dashboard."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kit import i18n
from kit.cli.options import (
    add_browser_options,
    add_dir_option,
    add_framework_option,
    level,
    out_format,
    positive_int,
    status,
)
from kit.errors import KitError

_ = i18n.translator("kit")

CHECKLIST_FORMATS = {".md": "md", ".json": "json", ".xlsx": "xlsx"}
TEMPLATE_FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


def _report_formats() -> dict[str, str]:
    from kit.report.write import FORMATS

    return {suffix: suffix.lstrip(".") for suffix in FORMATS}


def _crosswalk_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--crosswalk",
        action="append",
        default=[],
        metavar="ID|FILE",
        help=_(
            "also show the results regrouped by another framework's domains (built in for "
            "gcim-2005: sdg-10-7-2, gcm-objectives; or a crosswalk YAML); repeatable"
        ),
    )


def register(sub: argparse._SubParsersAction) -> None:
    """Add the self-assessment commands to ``kit``'s command list."""
    p = sub.add_parser("assess", help=_("score response files of one round and write a report"))
    p.add_argument("files", nargs="+", type=Path, help=_("response files of one round"))
    p.add_argument(
        "--previous",
        nargs="+",
        type=Path,
        default=[],
        help=_("response files of the earlier round"),
    )
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        help=_(
            "report FILE; its suffix gives the format: .html (offline), .json, .xlsx or .pdf "
            "(the A4 country profile)"
        ),
    )
    p.add_argument(
        "--format",
        choices=("html", "json", "xlsx", "pdf"),
        help=_("report format; when given it must match --out's suffix"),
    )
    _crosswalk_option(p)
    p.add_argument("--target", type=level, help=_("target level for the gap plan, 0-4 (default 3)"))
    p.add_argument("--lead", help=_("lead ministry whose level stands (default: the median)"))
    add_framework_option(p)
    p.set_defaults(_func=assess)

    p = sub.add_parser(
        "checklist", help=_("print or save the checklist, or check a framework file")
    )
    p.add_argument(
        "--out",
        type=Path,
        help=_(
            "FILE to write, its suffix gives the format: .md, .json or .xlsx "
            "(default: Markdown or JSON on standard output)"
        ),
    )
    p.add_argument(
        "--format",
        choices=("md", "json", "xlsx"),
        help=_("md (default), json or xlsx (xlsx needs --out); must match --out's suffix"),
    )
    add_framework_option(p)
    p.set_defaults(_func=checklist)

    p = sub.add_parser("template", help=_("write an empty response template for one ministry"))
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        help=_("template FILE to write; its suffix gives the format: .xlsx or .csv"),
    )
    p.add_argument(
        "--format", choices=("xlsx", "csv"), help=_("xlsx or csv; when given it must match --out")
    )
    p.add_argument("--country", default="", help=_("country to fill in (default: left blank)"))
    p.add_argument("--ministry", default="", help=_("ministry to fill in (default: left blank)"))
    p.add_argument(
        "--round", dest="round_", default="", help=_("round to fill in, e.g. 2025 (default: blank)")
    )
    add_dir_option(
        p,
        _(
            "data folder <country>/<round>/: an Excel template then carries the round's review "
            "comments"
        ),
        old="--data",
    )
    add_framework_option(p)
    p.set_defaults(_func=template)

    for name in ("batch", "report"):
        # `kit report` was this command's name until `kit course analytics` made it ambiguous.
        old = name == "report"
        p = sub.add_parser(
            name, **({} if old else {"help": _("write reports for many countries at once")})
        )
        if old:
            p.add_argument(
                "--batch", dest="folder", type=Path, required=True, help=_("data folder (old name)")
            )
        else:
            p.add_argument(
                "folder",
                type=Path,
                metavar="DIR",
                help=_("data folder: <country>/<round>/<ministry>"),
            )
        p.add_argument(
            "--out", type=Path, required=True, help=_("FOLDER for the reports (one per country)")
        )
        p.add_argument(
            "--workers",
            type=positive_int,
            metavar="N",
            help=_("parallel worker processes (default: one per core)"),
        )
        _crosswalk_option(p)
        p.set_defaults(_func=batch)
        if old:
            p.set_defaults(_renamed=("kit report --batch DIR", "kit batch DIR"))

    p = sub.add_parser(
        "dashboard", help=_("the self-assessment dashboard, where ministries answer the checklist")
    )
    add_dir_option(
        p,
        _(
            "data folder <country>/<round>/<ministry> to open and save into "
            "(default: your own copy of the sample country's answers, see `kit start`)"
        ),
        old="--data",
    )
    add_browser_options(p)
    p.set_defaults(_func=dashboard)


def _load_all(paths: Sequence[Path], framework) -> list:
    from kit.io.formats import load_responses

    loaded = [load_responses(path, framework) for path in paths]
    for note in (n for rs in loaded for n in rs.notices):
        status(_("kit: note: {message}").format(message=note))
    return loaded


def assess(
    files: list[Path],
    previous: list[Path],
    out: Path,
    format: str | None,
    target: float | None,
    lead: str | None,
    framework: str,
    crosswalk: list[str],
) -> int:
    """Score one round (and the previous one) and write the report named by ``out``."""
    from kit.assessment import assess as assess_round
    from kit.crosswalk import load_crosswalk
    from kit.framework import load_framework
    from kit.io.datafolder import RECORD_FILES
    from kit.io.validation import check_unchanged
    from kit.report.write import write_report
    from kit.responses import upgrade_notice
    from kit.web.theme import pct as theme_pct

    out_format(out, format, _report_formats(), "html")
    # A shell's *.csv also matches the round's review.csv or actions.csv: they are not answers.
    files = [p for p in files if p.name not in RECORD_FILES]
    previous = [p for p in previous if p.name not in RECORD_FILES]
    # A validated round is reported only as it was validated.
    for folder in sorted({path.parent for path in [*files, *previous]}):
        check_unchanged(folder)
    fw = load_framework(framework)
    crosswalks = [load_crosswalk(name, fw) for name in crosswalk]  # checked before any reading
    current = _load_all(files, fw)
    earlier = _load_all(previous, fw)
    for responses in current:
        if responses.upgrade is not None:
            note = upgrade_notice(responses.upgrade, fw, responses.source)
            status(_("kit: note: {message}").format(message=note))
    result = assess_round(fw, current, earlier or None, target=target, lead=lead)
    write_report(
        result, out, _review_of(files, fw), _actions_of(previous, fw), crosswalks=crosswalks
    )
    overall = theme_pct(result.consolidated.percent)
    status(
        _("{out}: {country} {round}, overall {percent}").format(
            out=out, country=result.country, round=result.round, percent=overall
        )
    )
    return 0


def _review_of(files: Sequence[Path], framework) -> list:
    """The review comments beside the response files (when they share one round folder)."""
    from kit.io.review import REVIEW_NAME, load_review

    folders = {path.parent for path in files}
    return load_review(folders.pop() / REVIEW_NAME, framework) if len(folders) == 1 else []


def _actions_of(files: Sequence[Path], framework) -> list:
    """The action plan of the previous round (beside its response files), for the follow-up."""
    from kit.io.actions import ACTIONS_NAME, load_actions

    folders = {path.parent for path in files}
    return load_actions(folders.pop() / ACTIONS_NAME, framework) if len(folders) == 1 else []


def checklist(out: Path | None, format: str | None, framework: str) -> int:
    """The checklist as Markdown, JSON or a workbook: to ``out``, or to stdout."""
    from kit.atomic import write_bytes_atomic, write_text_atomic
    from kit.framework import load_framework
    from kit.report.checklist import checklist_json, checklist_markdown, checklist_xlsx

    chosen = out_format(out, format, CHECKLIST_FORMATS, "md")
    # The checklist's own texts in the chosen language (its translation file, when there is one).
    fw = load_framework(framework, lang=i18n.current())
    if chosen == "xlsx":
        if out is None:
            raise KitError(_("--format xlsx needs --out FILE.xlsx"))
        write_bytes_atomic(out, checklist_xlsx(fw))
        return 0
    text = checklist_json(fw) if chosen == "json" else checklist_markdown(fw)
    if out is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(out, text)
    return 0


def template(
    out: Path,
    format: str | None,
    country: str,
    ministry: str,
    round_: str,
    folder: Path | None,
    framework: str,
) -> int:
    """An empty response file for one ministry, as the workbook or CSV ``out`` names; with a
    data folder, the workbook carries the round's review comments."""
    from kit.atomic import write_bytes_atomic, write_text_atomic
    from kit.framework import load_framework
    from kit.io.csvtext import responses_to_csv
    from kit.io.xlsx import template_xlsx
    from kit.responses import ResponseSet

    chosen = out_format(out, format, TEMPLATE_FORMATS, "xlsx")
    # Titles, descriptors and instructions in the chosen language; the answers stay ids/levels.
    fw = load_framework(framework, lang=i18n.current())
    if chosen == "xlsx":
        workbook = template_xlsx(fw, country, ministry, round_)
        if folder is not None:
            from kit.io.datafolder import slugify
            from kit.io.review import load_review, review_path
            from kit.io.review_xlsx import add_review_sheet

            where = review_path(folder, slugify(country), slugify(round_))
            workbook = add_review_sheet(workbook, load_review(where, fw))
        write_bytes_atomic(out, workbook)
    else:
        empty = ResponseSet(fw.id, country, ministry, round_)
        write_text_atomic(out, responses_to_csv(empty, fw))
    status(
        _("{out}: template for {framework} ({count} items)").format(
            out=out, framework=fw.id, count=len(fw.items)
        )
    )
    return 0


def batch(folder: Path, out: Path, workers: int | None, crosswalk: list[str]) -> int:
    """Every country's report from a data folder; exit 1 when a country failed."""
    from kit.report.batch import run_batch

    if not folder.is_dir():
        raise KitError(_("{folder}: data folder not found").format(folder=folder))
    result = run_batch(folder, out, workers=workers, crosswalks=crosswalk)
    return 0 if not result.failed else 1


def dashboard(folder: Path | None, port: int | None, open_browser: bool) -> int:
    """Serve the self-assessment dashboard on ``folder`` (default: the user's working copy)."""
    from kit.dashboard.server import serve
    from kit.paths import working_sample

    if folder is None:
        folder = working_sample()
        status(
            _("kit dashboard: answers are saved in {folder}, your own copy of the sample").format(
                folder=folder
            )
        )
    if not folder.is_dir():
        raise KitError(_("{folder}: data folder not found").format(folder=folder))
    if i18n.current() != i18n.SOURCE_LANGUAGE:  # --lang: the page's default language
        os.environ["KIT_LANG"] = i18n.current()
    return serve(folder, port, open_browser)
