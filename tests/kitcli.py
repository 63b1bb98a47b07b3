"""Run ``kit`` in-process as a user types it: the same parser, exit codes and one-line errors."""

from __future__ import annotations

from kit.cli import main


def course(argv: list[str]) -> int:
    """``kit course ARGV...``: 0 when it worked, 2 on bad input (printed as one line)."""
    return main(["course", *map(str, argv)])
