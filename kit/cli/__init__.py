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
from kit.cli.options import Parser, add_lang_options, notice, renamed
from kit.errors import run_command

__all__ = ["build_parser", "main"]


def build_parser() -> Parser:
    """The whole command tree, every option with its help."""
    parser = Parser(
        prog="kit",
        description="Capacity-building kit for migration governance.",
        epilog="`kit COMMAND --help` explains a command. Renamed, and still accepted until the "
        "next release: `kit report --batch DIR` (now `kit batch DIR`), `kit course report` "
        "(`kit course analytics`), `kit course dashboard` (`kit course cohort-dashboard`), "
        "--data and --course (--dir).",
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
    # Parse errors speak $KIT_LANG's language; the command speaks its --lang.
    with i18n.use(None):
        try:
            args = vars(build_parser().parse_args(argv))
        except SystemExit as done:  # --help printed its text
            return int(done.code or 0)
    with i18n.use(args.get("_lang")):
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
