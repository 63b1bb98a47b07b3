"""The one exception the command line turns into a one-line message and exit code 2."""

# i18n-domain: kit  (the place words and the "kit: error:" prefix, translated when shown)

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


class KitError(Exception):
    """Bad input a person can fix: a one-line message naming the file, row or item and the fault.

    The place is kept in fields so a caller (the dashboard, a batch summary) can use it without
    parsing text; ``str()`` gives the line a person reads, the same text as before the fields:
    ``file: row 4 (item): fault``, ``file: row 4: fault``, ``file: item X: fault``,
    ``item X: fault`` or the bare fault. The place words ("row", "item") are in the current
    language when the line is made; file names and ids stay as they are.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        row: int | None = None,
        item: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.item = item
        super().__init__(str(self))

    @property
    def place(self) -> str:
        """Where the fault is, as the message names it (empty when no field is set)."""
        parts = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.row is not None and self.item:
            parts.append(_("row {row} ({item})").format(row=self.row, item=self.item))
        elif self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        elif self.item:
            parts.append(_("item {item}").format(item=self.item))
        return ": ".join(parts)

    def __str__(self) -> str:
        place = self.place
        return f"{place}: {self.message}" if place else self.message

    def __reduce__(self):  # keep the fields when a worker process sends the error back
        return (_rebuild, (type(self), self.message, self.file, self.row, self.item))


class Conflict(KitError):
    """A write refused because the data moved on: a validated (read-only) round, or a review
    comment someone else changed meanwhile. A service answers it with 409; callers tell it by
    its type, never by the words of its message (which are in the reader's language)."""


def _rebuild(cls: type[KitError], message: str, file, row, item) -> KitError:
    return cls(message, file=file, row=row, item=item)


#: Looks a ``kit``-domain message up in the current language; ``kit.i18n`` installs it when it
#: is imported (this module must not import it: ``kit.i18n`` imports this module).
_lookup: Callable[[str], str] = str


def translate_with(lookup: Callable[[str], str]) -> None:
    """Make ``lookup`` the way messages of this module (and ``translated``) are translated."""
    global _lookup
    _lookup = lookup


def translated(msg: str) -> str:
    """``msg`` in the current language (domain ``kit``), else as written.

    For the few modules ``kit.i18n`` itself needs (``kit.paths``, ``kit.atomic``), which cannot
    import it. A bad ``$KIT_LANG`` is itself reported as a ``KitError``, so the words then fall
    back to English rather than fail again.
    """
    try:
        return _lookup(msg)
    except KitError:
        return msg


_ = translated


def shown(value: object, limit: int = 60) -> str:
    """A value from a user's file as a one-line message may quote it: line breaks and other
    control characters written as escapes (a stray CR in a cell must not split the message),
    long values cut."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_command(call: Callable[[], int]) -> int:
    """Run a command: bad input prints ``kit: error: ...`` and gives 2, never a traceback.

    Ctrl-C gives 130, as a shell reports it. The line is in the current language: call this
    inside the command's ``i18n.use`` block.
    """
    try:
        return call()
    except KitError as exc:
        print(_("kit: error: {message}").format(message=exc), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        name = exc.filename or ""
        message = f"{name}{': ' if name else ''}{exc.strerror or exc}"
        print(_("kit: error: {message}").format(message=message), file=sys.stderr)
        return KitError.exit_code
    except KeyboardInterrupt:
        return 130
