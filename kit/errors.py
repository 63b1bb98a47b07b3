"""The one exception the command line turns into a one-line message and exit code 2."""

from __future__ import annotations


class KitError(Exception):
    """Bad input a person can fix: the message names the file, row or item and the fault."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def where(source: str, detail: str | None = None) -> str:
    """Format a location for a message: ``file`` or ``file: row 4``."""
    return f"{source}: {detail}" if detail else source
