"""What every ``kit`` command shares: the parser, number types, options and their meaning.

The rules, kept in one place so that a flag means the same thing everywhere:

- the working folder is ``--dir DIR`` (``kit dashboard``, ``kit course ...``, ``kit hub``), or
  the command's positional argument when the folder is its input (``kit batch DIR``);
- ``--out`` is a FILE whose suffix gives the format (checked against ``--format`` when both are
  given), or a FOLDER where the command writes several files; each help line says which;
- numbers are read by ``positive_int``, ``percent``, ``port`` and ``level`` only;
- progress and status go to stderr (``status``), data to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

__all__ = [
    "Parser",
    "RenamedOption",
    "add_browser_options",
    "add_lang_options",
    "add_dir_option",
    "add_framework_option",
    "level",
    "notice",
    "out_format",
    "percent",
    "port",
    "positive_int",
    "status",
]


class Parser(argparse.ArgumentParser):
    """argparse that reports bad input as one ``KitError`` line instead of usage and exit."""

    def error(self, message: str):
        raise KitError(f"{self.prog}: {message}")


def add_lang_options(parser: argparse.ArgumentParser) -> None:
    """Give every command of the tree ``--lang LANG``: the language of what it writes for people
    (reports, checklists, pages, messages and errors). The default is $KIT_LANG, else English;
    ``kit.cli`` runs the command inside ``kit.i18n.use(LANG)``."""
    from kit import i18n

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                add_lang_options(child)
    if parser.get_default("_func") is not None and "--lang" not in parser._option_string_actions:
        parser.add_argument(
            "--lang",
            dest="_lang",
            metavar="LANG",
            help=f"language of the text it writes: {', '.join(i18n.LANGUAGES)} "
            "(default: $KIT_LANG, else en)",
        )


def status(text: str) -> None:
    """A progress or status line: stderr, so that stdout carries only data."""
    print(text, file=sys.stderr, flush=True)


def renamed(old: str, new: str) -> str:
    """The notice that an old spelling still works: ``old is now new; ...``."""
    return _("{old} is now {new}; the old spelling goes in the next release").format(
        old=old, new=new
    )


def notice(text: str) -> None:
    """A one-line notice on stderr (old spellings that still work for one release)."""
    status(_("kit: notice: {message}").format(message=text))


def positive_int(text: str) -> int:
    """A whole number of at least 1 (workers, seconds, megabytes, officials)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def from_here(text: str) -> Path:
    """A path typed on the command line, read from the folder the command was typed in.

    Course commands work inside the course folder (``--dir``); an output file named relative
    to where the trainer stands must still land there, not inside the course.
    """
    return Path(text).absolute()


def port(text: str) -> int:
    """A TCP port, 1-65535."""
    value = positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port (1-65535)")
    return value


def percent(text: str) -> float:
    """A percentage, 0-100."""
    return _number_within(text, 0, 100, "is not a percentage 0-100")


def level(text: str) -> float:
    """A checklist level, 0-4 (halves allowed, as consolidated levels are)."""
    return _number_within(text, 0, 4, "is outside the levels 0-4")


def _number_within(text: str, low: float, high: float, outside: str) -> float:
    """A number from ``low`` to ``high``; ``outside`` completes the message for one beyond."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{value:g} {outside}")
    return value


def out_format(out: Path | None, given: str | None, formats: dict[str, str], default: str) -> str:
    """The format to write: ``--out``'s suffix, checked against ``--format`` when both are given.

    ``formats`` maps a suffix (``.xlsx``) to its format name (``xlsx``). Without ``--out`` the
    format is ``--format`` or ``default``.
    """
    if out is None:
        return given or default
    suffix = out.suffix.lower()
    if suffix not in formats:
        known = ", ".join(formats)
        raise KitError(
            _("{out}: unknown file type '{suffix}' (use {choices})").format(
                out=out, suffix=suffix or "(none)", choices=known
            )
        )
    found = formats[suffix]
    if given is not None and given != found:
        raise KitError(
            _(
                "--format {given} disagrees with --out {out} (a {found} file): "
                "give only one of them, or make them agree"
            ).format(given=given, out=out, found=found)
        )
    return found


class RenamedOption(argparse.Action):
    """An old option spelling that still works for one release, with a one-line notice."""

    def __init__(self, option_strings, dest, new: str = "", **kwargs):
        self.new = new
        kwargs.setdefault("help", argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        notice(renamed(option_string, self.new))
        setattr(namespace, self.dest, values)


def add_dir_option(parser: argparse.ArgumentParser, what: str, old: str | None = None) -> None:
    """``--dir DIR``, the working folder; ``old`` is a former name of the same option."""
    parser.add_argument("--dir", dest="folder", type=Path, metavar="DIR", help=what)
    if old:
        parser.add_argument(old, dest="folder", type=Path, action=RenamedOption, new="--dir")


def add_framework_option(parser: argparse.ArgumentParser) -> None:
    from kit.framework import DEFAULT_FRAMEWORK

    parser.add_argument(
        "--framework",
        default=DEFAULT_FRAMEWORK,
        help=f"built-in framework id or a framework YAML file (default {DEFAULT_FRAMEWORK})",
    )


def add_browser_options(parser: argparse.ArgumentParser) -> None:
    """``--port`` and ``--no-browser`` of every command that serves pages."""
    parser.add_argument(
        "--port", type=port, help="port on 127.0.0.1 to serve on (default: a free one)"
    )
    parser.add_argument(
        "--no-browser",
        dest="open_browser",
        action="store_false",
        help="only print the address; do not open a web browser",
    )
