"""The one exception the command line turns into a one-line message and exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable


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


def run_command(call: Callable[[], int]) -> int:
    """Run a command: bad input prints ``kit: error: ...`` and gives 2, never a traceback.

    Ctrl-C gives 130, as a shell reports it.
    """
    try:
        return call()
    except KitError as exc:
        print(f"kit: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        name = exc.filename or ""
        print(f"kit: error: {name}{': ' if name else ''}{exc.strerror or exc}", file=sys.stderr)
        return KitError.exit_code
    except KeyboardInterrupt:
        return 130
