"""Which platform identifier each official has: the roster's optional ``lms_id`` or ``email``."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Roster columns that may carry the platform's identifier, in the order they are preferred.
ID_COLUMNS = ("lms_id", "email")


@dataclass
class Matched:
    """Officials with a platform identifier (student -> identifier) and those without one."""

    column: str
    ids: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def id_column(roster: dict[str, dict[str, str]], wanted: str | None = None) -> str:
    """The roster column to match on: ``wanted``, else the first of ID_COLUMNS the roster has."""
    if wanted:
        return wanted
    columns = {key for row in roster.values() for key in row}
    return next((c for c in ID_COLUMNS if c in columns), ID_COLUMNS[0])


def match(students: list[str], roster: dict[str, dict[str, str]], column: str) -> Matched:
    """Each official's identifier from ``column``; officials without one are kept in ``missing``."""
    found = Matched(column)
    for student in students:
        value = (roster.get(student, {}).get(column) or "").strip()
        if value:
            found.ids[student] = value
        else:
            found.missing.append(student)
    return found
