"""The ``kit`` command line: one argparse tree for ``kit``, ``kit course`` and ``kit hub``.

Each command is a plain function whose parameters are its options; the parser finds it through
``set_defaults(_func=...)`` and calls it with exactly those options. The shared rules (working
folder, ``--out``, numbers, stderr for status) are in :mod:`kit.cli.options`.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from kit import i18n
from kit.cli import course, hub, pack, record, selfassess, tour, verify
from kit.cli.options import Parser, add_lang_options, lang_of, notice, renamed
from kit.errors import run_command

_ = i18n.translator("kit")

__all__ = ["build_parser", "main"]


def build_parser() -> Parser:
    """The whole command tree, every option with its help, in the current language."""
    parser = Parser(
        prog="kit",
        description=_("Capacity-building kit for migration governance."),
        epilog=_(
            "`kit COMMAND --help` explains a command. Renamed, and still accepted until the "
            "next release: `kit report --batch DIR` (now `kit batch DIR`), `kit course report` "
            "(`kit course analytics`), `kit course dashboard` (`kit course cohort-dashboard`), "
            "--data and --course (--dir)."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    tour.register(sub)
    selfassess.register(sub)
    record.register(sub)
    course.register(sub)
    hub.register(sub)
    pack.register(sub)
    verify.register(sub)
    add_lang_options(parser)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _run(argv: list[str]) -> int:
    # The help and the parse errors are made before argparse has read --lang: take it from the
    # command line first (else $KIT_LANG, else English), so that all of it speaks one language.
    # An unknown language is refused here, by main's run_command, in English or $KIT_LANG's.
    with i18n.use(lang_of(argv)):
        return run_command(lambda: _parse_and_call(argv))


def _parse_and_call(argv: list[str]) -> int:
    try:
        args = vars(build_parser().parse_args(argv))
    except SystemExit as done:  # --help printed its text
        return int(done.code or 0)
    # argparse's own reading of --lang wins (it also knows an abbreviated --la).
    with i18n.use(args.get("_lang") or lang_of(argv)):
        # The error line is made here, in the command's language (the place words too).
        return run_command(lambda: _call(args))


def _call(args: dict) -> int:
    if "_renamed" in args:
        old, new = args["_renamed"]
        notice(renamed(f"`{old}`", f"`{new}`"))
    func = args["_func"]
    # The parser's own bookkeeping (the command names, the function) is not an option.
    options = {k: v for k, v in args.items() if not k.startswith("_") and "command" not in k}
    return func(**options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input prints one line and returns 2, never a traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # A terminal closed or a service manager stopping us sends SIGTERM: treat it like Ctrl-C,
    # so the servers we started are stopped cleanly rather than left running.
    signal.signal(signal.SIGTERM, _interrupt)
    return run_command(lambda: _run(argv))
