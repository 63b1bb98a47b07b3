"""``kit verify``: check an Open Badges credential offline (anyone holding one can run it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit import i18n

_ = i18n.translator("kit")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``verify`` to ``kit``'s command list."""
    p = sub.add_parser("verify", help=_("check an Open Badges credential offline"))
    p.add_argument("file", type=Path, help=_("credential FILE (.jwt, or a scanned QR's text)"))
    p.add_argument(
        "--jwks", type=Path, help=_("the issuer's key set (default: issuer-jwks.json beside FILE)")
    )
    p.add_argument(
        "--revocations",
        type=Path,
        help=_("the issuer's revocation list (default: revocations.json beside FILE)"),
    )
    p.set_defaults(_func=verify)


def verify(file: Path, jwks: Path | None, revocations: Path | None) -> int:
    """0 and the credential's claims on stdout when it is valid; one-line reason otherwise."""
    from kit.course.lms.verify import verify_command

    return verify_command(file, jwks, revocations)
