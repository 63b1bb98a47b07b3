"""The trainer's roster: a CSV with ``student`` and optionally ``name`` and ``cadre`` columns."""

from __future__ import annotations

import csv
from pathlib import Path

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")


def load_roster(path: Path | None, need_cadre: bool = False) -> dict[str, dict[str, str]]:
    """Rows by student id; KitError names the file and row of anything missing."""
    if path is None:
        return {}
    if not path.is_file():
        raise KitError(_("roster file not found"), file=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KitError(_("not UTF-8 text; save the roster as UTF-8 CSV"), file=path) from None
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    if "student" not in columns or (need_cadre and "cadre" not in columns):
        wanted = "student, cadre" if need_cadre else "student"
        raise KitError(
            _("needs the columns {wanted} (has: {columns})").format(
                wanted=wanted, columns=", ".join(columns) or _("none")
            ),
            file=path,
        )
    reader.fieldnames = columns
    roster: dict[str, dict[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        student = (row.get("student") or "").strip()
        if not student:
            raise KitError(_("missing student id"), file=path, row=line)
        if need_cadre and not (row.get("cadre") or "").strip():
            raise KitError(
                _("missing cadre for {student}").format(student=student), file=path, row=line
            )
        roster[student] = {k: (v or "").strip() for k, v in row.items() if k}
    return roster
