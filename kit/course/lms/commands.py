"""The ``kit course`` commands of the platform links: each takes explicit parameters."""

from __future__ import annotations

import sys
from pathlib import Path

from kit import i18n
from kit.atomic import write_bytes_atomic
from kit.errors import KitError

_ = i18n.translator("kit")


def say(text: str) -> None:
    """Status and warnings go to stderr; data goes to files."""
    print(text, file=sys.stderr)


def check_out(out: Path, fmt: str, suffix: str) -> None:
    """``--out``'s suffix must be the one ``--format`` writes (the CLI convention)."""
    if out.suffix.lower() != suffix:
        raise KitError(
            _("--format {format} writes a {suffix} file, but --out ends in '{found}'").format(
                format=fmt, suffix=suffix, found=out.suffix or _("(no suffix)")
            ),
            file=out,
        )


def resolve(root: Path, path: Path) -> Path:
    return path if path.is_absolute() else root / path


def default_roster(root: Path, roster: Path | None) -> Path | None:
    """The roster given, else the course's roster.csv when there is one."""
    if roster is not None:
        return resolve(root, roster)
    return root / "roster.csv" if (root / "roster.csv").is_file() else None


def export_gradebook(
    root: Path,
    assignment: str | None,
    fmt: str,
    out: Path,
    roster_path: Path | None,
    identifier: str | None,
) -> int:
    """Write the gradebook in a platform's import layout; name every official left out."""
    from kit.course.analytics import load_cohort
    from kit.course.api import require_assignment
    from kit.course.lms import gradebook_csv
    from kit.course.lms.identifiers import id_column, match
    from kit.course.roster import load_roster
    from kit.course.titles import module_title

    check_out(out, fmt, ".csv")
    cohort = load_cohort(root)
    if assignment:
        require_assignment(root, assignment)
        assignments = [assignment]
    else:
        assignments = list(cohort.assignments)
    roster = load_roster(default_roster(root, roster_path))
    students = sorted(set(cohort.students) | set(roster))
    column = id_column(roster, identifier)
    matched = match(students, roster, column)
    table = gradebook_csv.points_table(cohort.scores, students, assignments)
    names = {s: roster.get(s, {}).get("name") or s for s in students}
    titles = {a: module_title(a) for a in assignments}
    data = gradebook_csv.render(fmt, table, assignments, matched, names, titles)
    target = resolve(root, out)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data)
    to_mark = sorted(
        set(cohort.scores[cohort.scores["assignment"].isin(assignments) & cohort.scores["to_mark"]]
            ["student"])
    )  # fmt: skip
    if matched.missing:
        fate = _("kept with an empty id") if fmt == "csv" else _("NOT in the file")
        say(
            _("no {column} in the roster for: {officials} ({fate})").format(
                column=column, officials=", ".join(matched.missing), fate=fate
            )
        )
    if to_mark:
        say(
            _("answers still to mark (points so far only): {officials}").format(
                officials=", ".join(to_mark)
            )
        )
    sent = len(students) if fmt == "csv" else len(matched.ids)
    say(
        _(
            "{count} of {total} officials written to {file} ({format}); {missing} without {column}"
        ).format(
            count=sent,
            total=len(students),
            file=target,
            format=fmt,
            missing=len(matched.missing),
            column=column,
        )
    )
    return 0


def export_questions(root: Path, assignment: str, fmt: str, out: Path) -> int:
    """Write the assignment's questions as a Moodle XML question bank."""
    from kit.course.api import require_assignment
    from kit.course.lms.moodle_xml import question_bank
    from kit.course.lms.questions import assignment_questions

    check_out(out, fmt, ".xml")
    require_assignment(root, assignment)
    questions = assignment_questions(root / "source" / assignment)
    target = resolve(root, out)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, question_bank(assignment, questions))
    counts = {k: sum(q.kind == k for q in questions) for k in ("choice", "numeric", "written")}
    say(
        _(
            "{count} questions written to {file}: {choice} choice, {numeric} numeric, "
            "{written} written (essay)"
        ).format(
            count=len(questions),
            file=target,
            choice=counts["choice"],
            numeric=counts["numeric"],
            written=counts["written"],
        )
    )
    if not counts["choice"] + counts["numeric"]:
        say(_("no choice or numeric question is declared: see docs/question-metadata.md"))
    return 0


def push_grades(root: Path, assignment: str, lti: Path, roster_path: Path | None) -> int:
    """Push one assignment's points to the platform; exit 2 naming every official not sent."""
    from kit.course.analytics import load_cohort
    from kit.course.api import require_assignment
    from kit.course.lms import ags
    from kit.course.lms.gradebook_csv import points_table
    from kit.course.lms.identifiers import match
    from kit.course.roster import load_roster
    from kit.course.titles import module_title

    require_assignment(root, assignment)
    config = ags.load_config(resolve(root, lti))
    cohort = load_cohort(root)
    roster = load_roster(default_roster(root, roster_path))
    table = points_table(cohort.scores, list(cohort.students), [assignment])
    submitted = [s for s, row in table["points"].items() if row[assignment] is not None]
    matched = match(submitted, roster, "lms_id")
    part = cohort.scores[cohort.scores["assignment"] == assignment]
    pending = set(part[part["to_mark"]]["student"])
    scores = {
        s: (matched.ids[s], table["points"][s][assignment], s in pending) for s in matched.ids
    }
    outcome = ags.push(
        config, assignment, module_title(assignment), table["maxima"][assignment], scores
    )
    failed = {**{s: _("no lms_id in the roster") for s in matched.missing}, **outcome.failed}
    say(
        _("{count} of {total} scores sent to the platform for {name}").format(
            count=len(outcome.sent), total=len(submitted), name=assignment
        )
    )
    if failed:
        reasons = "; ".join(f"{s} ({why})" for s, why in failed.items())
        raise KitError(
            _("not sent (the gradebook is unchanged): {reasons}").format(reasons=reasons)
        )
    return 0
