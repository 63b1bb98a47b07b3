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


def render_certificates(rows: list[dict], **context) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("certificate.html.j2").render(certificates=rows, **context)


def certificates_command(root: Path, args) -> int:
    """Write certificates.html (all passing officials, one page each) into ``args.out``."""
    cohort = load_cohort(root)
    roster = load_roster(args.roster)
    rows = passed(cohort, args.pass_mark)
    for row in rows:
        row["name"] = roster.get(row["student"], {}).get("name") or row["student"]
    out = args.out if args.out.is_absolute() else root / args.out
    out.mkdir(parents=True, exist_ok=True)
    page = render_certificates(
        rows,
        title=args.title or "Migration governance: capacity-building course",
        pass_mark=f"{args.pass_mark:g}",
        place=args.place,
        date=args.date,
        trainer=args.trainer,
    )
    path = write_text_atomic(out / "certificates.html", page)
    names = ", ".join(html.unescape(r["name"]) for r in rows) or "nobody"
    print(f"{len(rows)} of {len(cohort.students)} officials passed: {names}; print {path}")
    return 0
