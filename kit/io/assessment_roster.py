"""Who may do what when ministries share one server: the assessment roster.

A CSV file, one row per user, country and round: ``user,country,round,role,ministry``, where
role is ``focal-point`` (edits only its ministry's answers and responds to comments on them),
``reviewer`` (comments, accepts or rejects comments, edits nothing else) or ``coordinator``
(comments, decides, plans actions, validates and reopens). ``round`` may be ``*`` for every round.

The roster is named by the environment variable ``KIT_ASSESSMENT_ROSTER``. On a hub started with
``kit hub --assessment-roster`` it is set for the assessment service, the only writer of the
country data folder, which checks every request with ``authorize`` (kit/io/round_writes.py);
the dashboard's own check is then only a courtesy. Without it the kit runs for one person on a
laptop and everything is allowed. A request outside a role is refused with a KitError and
written to the country's audit log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kit import i18n
from kit.errors import KitError
from kit.io import audit
from kit.io.csvtext import read_rows
from kit.io.datafolder import slugify

_ = i18n.translator("kit")

ROSTER_ENV = "KIT_ASSESSMENT_ROSTER"
ROLES = ("focal-point", "reviewer", "coordinator")
#: Which roles may make each request (a focal point only for its own ministry).
ALLOWED = {
    "save": ("focal-point",),
    "import": ("focal-point",),
    "respond": ("focal-point",),
    "comment": ("reviewer", "coordinator"),
    "decide": ("reviewer", "coordinator"),
    "action": ("focal-point", "coordinator"),
    "validate": ("coordinator",),
    "reopen": ("coordinator",),
}


@dataclass(frozen=True)
class Grant:
    """One row of the roster: a user's role in one country's round (or every round)."""

    user: str
    country: str
    round: str
    role: str
    ministry: str = ""

    def covers(self, country: str, round_: str) -> bool:
        return self.country == slugify(country) and self.round in ("*", slugify(round_))


class Refused(KitError):
    """A request outside the user's role."""


def parse_roster(data: bytes, source: str) -> tuple[Grant, ...]:
    """The grants of roster CSV bytes; a bad row is a KitError naming the file and row."""
    titles, rows, _notice = read_rows(data, source)
    for column in ("user", "country", "round", "role"):
        if column not in titles:
            raise KitError(_("missing column '{column}'").format(column=column), file=source)
    grants = []
    for number, row in rows:
        cells = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        role = cells.get("role", "").lower()
        if role not in ROLES:
            raise KitError(
                _("role '{role}' is not one of {choices}").format(
                    role=cells.get("role"), choices=", ".join(ROLES)
                ),
                file=source,
                row=number,
            )
        for column in ("user", "country", "round"):
            if not cells.get(column):
                raise KitError(_("no {column}").format(column=column), file=source, row=number)
        if role == "focal-point" and not cells.get("ministry"):
            raise KitError(
                _("a focal point needs the ministry it answers for"), file=source, row=number
            )
        round_ = cells["round"] if cells["round"] == "*" else slugify(cells["round"])
        grants.append(
            Grant(cells["user"], slugify(cells["country"]), round_, role, cells.get("ministry", ""))
        )
    return tuple(grants)


def load_roster(path: Path | str | None = None) -> tuple[Grant, ...] | None:
    """The roster named (default: by ``KIT_ASSESSMENT_ROSTER``); None when there is none."""
    path = path or os.environ.get(ROSTER_ENV)
    if not path:
        return None
    try:
        return parse_roster(Path(path).read_bytes(), str(path))
    except FileNotFoundError:
        raise KitError(_("assessment roster not found"), file=path) from None


def permits(
    grants: tuple[Grant, ...],
    user: str,
    request: str,
    country: str,
    round_: str,
    ministry: str = "",
) -> bool:
    """Whether the roster lets ``user`` make ``request`` on this country's round (and ministry)."""
    for grant in grants:
        if grant.user != user or not grant.covers(country, round_):
            continue
        if grant.role not in ALLOWED[request]:
            continue
        if (
            grant.role == "focal-point"
            and ministry
            and slugify(grant.ministry) != slugify(ministry)
        ):
            continue
        return True
    return False


def authorize(
    data_dir: Path,
    country: str,
    round_: str,
    user: str,
    request: str,
    ministry: str = "",
    roster: tuple[Grant, ...] | None = None,
) -> None:
    """Refuse a request outside the user's role, and put the refusal on the audit log.

    ``country`` and ``round_`` are the folder names. Without a roster everything is allowed.
    """
    grants = roster if roster is not None else load_roster()
    if grants is None or permits(grants, user, request, country, round_, ministry):
        return
    audit.record(
        data_dir,
        slugify(country),
        "refused",
        who=user,
        round_=slugify(round_),
        detail={"request": request, "ministry": ministry},
    )
    if ministry:
        message = _(
            "{user} may not {request} for {ministry} in {country} {round}: not in their role "
            "(assessment roster); the refusal is on the audit log"
        )
    else:
        message = _(
            "{user} may not {request} in {country} {round}: not in their role "
            "(assessment roster); the refusal is on the audit log"
        )
    raise Refused(
        message.format(user=user, request=request, ministry=ministry, country=country, round=round_)
    )
