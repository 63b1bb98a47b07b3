"""Printable certificates of completion (one offline HTML file) for officials at the pass mark."""

from __future__ import annotations

import html
import sys
from pathlib import Path

import jinja2

from kit import i18n
from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, load_cohort
from kit.course.roster import load_roster
from kit.course.titles import module_title

TEMPLATES = Path(__file__).with_name("templates")
_ = i18n.translator("courses")


def passed(cohort: Cohort, pass_mark: float) -> list[dict]:
    """Officials whose total over all assignments reaches ``pass_mark`` percent."""
    officials = cohort.officials()
    done = cohort.scores.groupby("student")["assignment"].unique()
    rows = []
    for _index, row in officials[officials["percent"] >= pass_mark].iterrows():
        rows.append(
            {
                "student": row["student"],
                "percent": f"{row['percent']:g}",
                "modules": sorted(done.get(row["student"], [])),
            }
        )
    return rows


def render_certificates(rows: list[dict], **context) -> str:
    """The certificates page in the current language (``kit.i18n.current()``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.filters["module_title"] = module_title
    # Numbers as the language writes them (85,5 in French); the rows keep 85.5 for credentials.
    env.filters["number"] = lambda value: i18n.format_number(float(value))
    return env.get_template("certificate.html.j2").render(
        certificates=rows,
        _=_,
        lang=i18n.current(),
        direction=i18n.direction(),
        **context,
    )


def default_title() -> str:
    """The course title printed when the trainer gives none, in the current language."""
    return _("Migration governance: capacity-building course")


def certificate_page(
    cohort: Cohort,
    pass_mark: float,
    roster: dict[str, dict[str, str]],
    title: str = "",
    place: str = "",
    date: str = "",
    trainer: str = "",
    issue=None,
    lang: str | None = None,
) -> tuple[list[dict], str]:
    """The officials at the pass mark (full names from the roster) and their certificates page,
    in ``lang`` (else the current language: ``--lang``, $KIT_LANG, English).

    ``issue(rows)``, when given, adds each row's verifiable credentials (``row["badges"]``) before
    the page is drawn, so each printed certificate carries its credentials as QR codes.
    """
    with i18n.use(lang or i18n.current()):
        return _certificate_page(cohort, pass_mark, roster, title, place, date, trainer, issue)


def _certificate_page(cohort, pass_mark, roster, title, place, date, trainer, issue):
    rows = passed(cohort, pass_mark)
    for row in rows:
        row["name"] = roster.get(row["student"], {}).get("name") or row["student"]
    if issue is not None:
        issue(rows)
    page = render_certificates(
        rows,
        title=title or default_title(),
        pass_mark=f"{pass_mark:g}",
        place=place,
        date=date,
        trainer=trainer,
    )
    return rows, page


def certificates_command(
    root: Path,
    pass_mark: float,
    out: Path,
    roster: Path | None = None,
    *,
    title: str = "",
    place: str = "",
    date: str = "",
    trainer: str = "",
    badges=None,
    lang: str | None = None,
) -> int:
    """Write certificates.html (all passing officials, one page each) into the folder ``out``
    (a relative ``out`` is inside the course), and when ``badges`` (the credential options:
    issuer_name, issuer_url, valid_years, level, curriculum, pass_mark) is given an Open Badges
    3.0 credential per official and module beside it."""
    cohort = load_cohort(root)
    out = out if out.is_absolute() else root / out
    issue = None
    if badges is not None:
        from kit.course.lms.issue import badge_issuer

        issue = badge_issuer(root, out, badges)
    rows, page = certificate_page(
        cohort,
        pass_mark,
        load_roster(roster),
        title=title,
        place=place,
        date=date,
        trainer=trainer,
        issue=issue,
        lang=lang,
    )
    out.mkdir(parents=True, exist_ok=True)
    path = write_text_atomic(out / "certificates.html", page)
    names = ", ".join(html.unescape(r["name"]) for r in rows) or _("nobody")
    print(
        _("{count} of {total} officials passed: {names}; print {file}").format(
            count=len(rows), total=len(cohort.students), names=names, file=path
        ),
        file=sys.stderr,
    )
    return 0
