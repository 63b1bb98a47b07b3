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
from kit.cli import argparse_text
from kit.errors import KitError
from kit.i18n import N_

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


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with its ``usage:`` in the current language."""

    def _format_usage(self, usage, actions, groups, prefix):
        if prefix is None:
            prefix = argparse_text.usage_prefix()
        return super()._format_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """argparse that speaks the current language and reports bad input as one ``KitError`` line
    instead of usage and exit.

    Build it inside the command's ``i18n.use`` block: its headings and help texts are looked up
    when it is built, its error messages when they happen (``kit.cli.argparse_text``).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = argparse_text.positionals_title()
        self._optionals.title = argparse_text.options_title()
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = argparse_text.help_option_help()

    def error(self, message: str):
        raise KitError(f"{self.prog}: {argparse_text.error(message)}")


def add_lang_options(parser: argparse.ArgumentParser, top: bool = True) -> None:
    """Give ``kit`` and every command of the tree ``--lang LANG``: the language of what it
    writes for people (help, reports, checklists, pages, messages and errors). The default is
    $KIT_LANG, else English; ``kit.cli`` reads it from the command line before parsing
    (``lang_of``) and runs the command inside ``kit.i18n.use(LANG)``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                add_lang_options(child, top=False)
    wanted = top or parser.get_default("_func") is not None
    if wanted and "--lang" not in parser._option_string_actions:
        parser.add_argument(
            "--lang",
            dest="_lang",
            metavar="LANG",
            # SUPPRESS: a command's --lang must not reset the one given before the command.
            default=argparse.SUPPRESS,
            help=_(
                "language of the text it writes: {choices} (default: $KIT_LANG, else en)"
            ).format(choices=", ".join(i18n.LANGUAGES)),
        )


def lang_of(argv: list[str]) -> str | None:
    """The language ``--lang X`` or ``--lang=X`` names on the command line (the last one), else
    None. Read before parsing, since the help and the parse errors must already speak it."""
    found = None
    for position, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and position + 1 < len(argv):
            found = argv[position + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    return found


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
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number").format(value=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{value} must be at least 1").format(value=value))
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
        raise argparse.ArgumentTypeError(_("{value} is not a port (1-65535)").format(value=value))
    return value


def percent(text: str) -> float:
    """A percentage, 0-100."""
    return _number_within(text, 0, 100, N_("{value} is not a percentage 0-100"))


def level(text: str) -> float:
    """A checklist level, 0-4 (halves allowed, as consolidated levels are)."""
    return _number_within(text, 0, 4, N_("{value} is outside the levels 0-4"))


def _number_within(text: str, low: float, high: float, outside: str) -> float:
    """A number from ``low`` to ``high``; ``outside`` is the message for one beyond (a msgid
    with ``{value}``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number").format(value=text)
        ) from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(_(outside).format(value=f"{value:g}"))
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
        help=_("built-in framework id or a framework YAML file (default {framework})").format(
            framework=DEFAULT_FRAMEWORK
        ),
    )


def add_browser_options(parser: argparse.ArgumentParser) -> None:
    """``--port`` and ``--no-browser`` of every command that serves pages."""
    parser.add_argument(
        "--port", type=port, help=_("port on 127.0.0.1 to serve on (default: a free one)")
    )
    parser.add_argument(
        "--no-browser",
        dest="open_browser",
        action="store_false",
        help=_("only print the address; do not open a web browser"),
    )
