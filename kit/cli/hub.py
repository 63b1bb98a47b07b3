"""``kit hub``: the workshop JupyterHub on this machine."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit import i18n
from kit.cli.options import add_dir_option, port, positive_int

_ = i18n.translator("kit")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kit hub`` to ``kit``'s command list."""
    p = sub.add_parser(
        "hub",
        help=_("a JupyterHub for a whole workshop on this machine (run as root)"),
        description=_(
            "Run the workshop hub until interrupted. The first start needs --roster or "
            "--officials; later starts reuse the hub folder's settings and add new roster rows."
        ),
    )
    p.add_argument("--port", type=port, help=_("port of the hub (default 8000, or as last time)"))
    add_dir_option(
        p,
        _("hub folder: settings, gradebooks, exchange, credentials (default /var/lib/kit-hub)"),
        "--data",
    )
    p.add_argument(
        "--roster",
        type=Path,
        metavar="FILE",
        help=_("CSV with username, role (trainer|official), course[, password]"),
    )
    p.add_argument(
        "--officials",
        type=positive_int,
        metavar="N",
        help=_("no roster yet: a demo course with this many officials"),
    )
    p.add_argument(
        "--db-url",
        default="",
        help=_("gradebook database URL, e.g. postgresql+psycopg://user@host/db (default SQLite)"),
    )
    p.add_argument("--ip", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    p.add_argument(
        "--lti",
        type=Path,
        metavar="FILE",
        help=_(
            "LTI 1.3 configuration (.yaml): sign in from the learning platform (Moodle, Canvas)"
        ),
    )
    p.add_argument(
        "--pack",
        type=Path,
        metavar="DIR",
        help=_(
            "course pack to serve as the lessons (kit pack --out DIR); default: build one in "
            "the hub folder from the pack cache, offline, or reuse it"
        ),
    )
    p.add_argument(
        "--assessment-roster",
        type=Path,
        metavar="FILE",
        help=_(
            "CSV user,country,round,role,ministry: the hub's assessment service then alone "
            "writes the country data folder and refuses requests outside a person's role"
        ),
    )
    p.add_argument(
        "--assessment-dir",
        type=Path,
        metavar="DIR",
        help=_("the country data folder the service owns (default: assessment/ in the hub folder)"),
    )
    p.set_defaults(_func=hub)


def hub(
    port: int | None,
    folder: Path | None,
    roster: Path | None,
    officials: int | None,
    db_url: str,
    ip: str,
    lti: Path | None,
    assessment_roster: Path | None,
    assessment_dir: Path | None,
    pack: Path | None,
) -> int:
    """Start the hub and wait; JupyterHub's exit code (0 after Ctrl-C)."""
    from kit.hub.launcher import serve

    return serve(
        port,
        folder,
        roster,
        officials or 0,
        db_url,
        ip,
        lti,
        assessment_roster,
        assessment_dir,
        pack,
    )
