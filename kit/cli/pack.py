"""``kit pack``: the curriculum as a static site that runs in the browser (docs/course-pack.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit import i18n
from kit.cli.options import status

_ = i18n.translator("kit")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``pack`` to ``kit``'s command list."""
    from kit.pack.sources import default_cache_dir

    p = sub.add_parser(
        "pack", help=_("the curriculum as a static site: lessons and graded sets, no server")
    )
    p.add_argument(
        "--modules", nargs="+", metavar="MODULE", help=_("module ids to include (default: all)")
    )
    p.add_argument("--out", type=Path, required=True, help=_("FOLDER for the site"))
    p.add_argument(
        "--cache",
        type=Path,
        help=_("folder of the downloaded runtime and wheels (default: {folder})").format(
            folder=default_cache_dir()
        ),
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help=_("use only the cache; say what is missing instead of fetching it"),
    )
    p.set_defaults(_func=pack)


def pack(modules: list[str] | None, out: Path, cache: Path | None, offline: bool) -> int:
    """Build the pack; a missing source or module is one line and exit 2 (a KitError)."""
    from kit.pack.build import build_pack

    build_pack(out, modules=modules, cache=cache, offline=offline, say=status)
    status(
        _("Serve it with: python -m http.server --directory {folder}  (then open the URL)").format(
            folder=out
        )
    )
    return 0
