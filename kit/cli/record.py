"""The round's record: ``kit validate`` closes a round, ``kit reopen`` reopens it, ``kit audit``
prints a country's history and checks its hash chain."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit import i18n
from kit.cli.options import status
from kit.errors import KitError

_ = i18n.translator("kit")


def _round_options(parser: argparse.ArgumentParser, by: bool = True) -> None:
    parser.add_argument(
        "folder",
        type=Path,
        metavar="DIR",
        help=_("data folder: <country>/<round>/<ministry> files"),
    )
    parser.add_argument(
        "--country", required=True, help=_("country folder (its slug, e.g. utopia)")
    )
    if by:
        parser.add_argument(
            "--round", dest="round_", required=True, help=_("round folder, e.g. 2025")
        )
        parser.add_argument("--by", required=True, help=_("name of the person, for the record"))


def register(sub: argparse._SubParsersAction) -> None:
    """Add validate, reopen and audit to ``kit``'s command list."""
    p = sub.add_parser("validate", help=_("close a round: no open review comment, on record"))
    _round_options(p)
    p.set_defaults(_func=validate)

    p = sub.add_parser("reopen", help=_("reopen a validated round, with a reason on record"))
    _round_options(p)
    p.add_argument("--reason", required=True, help=_("why the round is reopened (on record)"))
    p.set_defaults(_func=reopen)

    p = sub.add_parser("audit", help=_("print a country's history and verify its hash chain"))
    _round_options(p, by=False)
    p.set_defaults(_func=audit)


def validate(folder: Path, country: str, round_: str, by: str) -> int:
    from kit.io.assessment_client import send, service_url
    from kit.io.assessment_roster import authorize
    from kit.io.validation import validate as close_round

    if service_url():  # on a hub with an assessment service, the service validates
        status(send("validate", {"country": country, "round": round_}))
        return 0
    authorize(folder, country, round_, by, "validate")
    record = close_round(folder, country, round_, by)
    status(
        _("{country} {round}: {validated}, {count} file(s)").format(
            country=country, round=round_, validated=record.describe(), count=len(record.files)
        )
    )
    return 0


def reopen(folder: Path, country: str, round_: str, by: str, reason: str) -> int:
    from kit.io.assessment_client import send, service_url
    from kit.io.assessment_roster import authorize
    from kit.io.validation import reopen as reopen_round

    if service_url():  # as the signed-in coordinator, whatever --by says
        status(send("reopen", {"country": country, "round": round_, "reason": reason}))
        return 0
    authorize(folder, country, round_, by, "reopen")
    reopen_round(folder, country, round_, by, reason)
    status(
        _("{country} {round}: reopened by {who} ({reason})").format(
            country=country, round=round_, who=by, reason=reason
        )
    )
    return 0


def audit(folder: Path, country: str) -> int:
    """The history is this command's data: every entry, then the verdict, on stdout."""
    from kit.io import audit as log
    from kit.io.validation import check_audit_anchors

    path = log.log_path(folder, country)
    if not path.parent.is_dir():
        raise KitError(_("country folder not found"), file=path.parent)
    entries = log.verify(path)
    check_audit_anchors(folder, country, entries)
    for entry in entries:
        print(log.describe(entry))
    print(_("{file}: {count} entries, hash chain intact").format(file=path, count=len(entries)))
    return 0
