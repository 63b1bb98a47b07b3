"""Printable certificates of completion (one offline HTML file) for officials at the pass mark."""

from __future__ import annotations

import html
from pathlib import Path

import jinja2

from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, load_cohort
from kit.course.roster import load_roster

TEMPLATES = Path(__file__).with_name("templates")


def passed(cohort: Cohort, pass_mark: float) -> list[dict]:
    """Officials whose total over all assignments reaches ``pass_mark`` percent."""
    officials = cohort.officials()
    done = cohort.scores.groupby("student")["assignment"].unique()
    rows = []
    for _, row in officials[officials["percent"] >= pass_mark].iterrows():
        rows.append(
            {
                "student": row["student"],
                "percent": f"{row['percent']:g}",
                "modules": sorted(done.get(row["student"], [])),
            }
        )
    return rows


def module_title(assignment: str) -> str:
    """An assignment id as a reader would write it: ``03-border-management`` becomes
    ``Module 03: Border management``."""
    number, _, rest = assignment.partition("-")
    if number.isdigit() and rest:
        return f"Module {number}: {rest.replace('-', ' ').capitalize()}"
    return assignment.replace("-", " ").capitalize()


def render_certificates(rows: list[dict], **context) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.filters["module_title"] = module_title
    return env.get_template("certificate.html.j2").render(certificates=rows, **context)


DEFAULT_TITLE = "Migration governance: capacity-building course"


def certificate_page(
    cohort: Cohort,
    pass_mark: float,
    roster: dict[str, dict[str, str]],
    title: str = "",
    place: str = "",
    date: str = "",
    trainer: str = "",
    issue=None,
) -> tuple[list[dict], str]:
    """The officials at the pass mark (full names from the roster) and their certificates page.

    ``issue(rows)``, when given, adds each row's verifiable credentials (``row["badges"]``) before
    the page is drawn, so each printed certificate carries its credentials as QR codes.
    """
    rows = passed(cohort, pass_mark)
    for row in rows:
        row["name"] = roster.get(row["student"], {}).get("name") or row["student"]
    if issue is not None:
        issue(rows)
    page = render_certificates(
        rows,
        title=title or DEFAULT_TITLE,
        pass_mark=f"{pass_mark:g}",
        place=place,
        date=date,
        trainer=trainer,
    )
    return rows, page


def certificates_command(root: Path, args) -> int:
    """Write certificates.html (all passing officials, one page each) into ``args.out``, and
    unless ``--no-badges`` an Open Badges 3.0 credential per official and module beside it."""
    cohort = load_cohort(root)
    out = args.out if args.out.is_absolute() else root / args.out
    issue = None
    if not getattr(args, "no_badges", True):
        from kit.course.lms.issue import badge_issuer

        issue = badge_issuer(root, out, args)
    rows, page = certificate_page(
        cohort,
        args.pass_mark,
        load_roster(args.roster),
        title=args.title,
        place=args.place,
        date=args.date,
        trainer=args.trainer,
        issue=issue,
    )
    out.mkdir(parents=True, exist_ok=True)
    path = write_text_atomic(out / "certificates.html", page)
    names = ", ".join(html.unescape(r["name"]) for r in rows) or "nobody"
    print(f"{len(rows)} of {len(cohort.students)} officials passed: {names}; print {path}")
    return 0
