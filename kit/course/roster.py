"""The trainer's roster: a CSV with ``student`` and optionally ``name`` and ``cadre`` columns."""

from __future__ import annotations

import csv
from pathlib import Path

from kit.errors import KitError


def load_roster(path: Path | None, need_cadre: bool = False) -> dict[str, dict[str, str]]:
    """Rows by student id; KitError names the file and row of anything missing."""
    if path is None:
        return {}
    if not path.is_file():
        raise KitError(f"{path}: roster file not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KitError(f"{path}: not UTF-8 text; save the roster as UTF-8 CSV") from None
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    if "student" not in columns or (need_cadre and "cadre" not in columns):
        wanted = "student, cadre" if need_cadre else "student"
        raise KitError(f"{path}: needs the columns {wanted} (has: {', '.join(columns) or 'none'})")
    reader.fieldnames = columns
    roster: dict[str, dict[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        student = (row.get("student") or "").strip()
        if not student:
            raise KitError(f"{path}: row {line}: missing student id")
        if need_cadre and not (row.get("cadre") or "").strip():
            raise KitError(f"{path}: row {line}: missing cadre for {student}")
        roster[student] = {k: (v or "").strip() for k, v in row.items() if k}
    return roster
