"""``kit pack``: its options, and the command that builds the pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.pack.sources import default_cache_dir

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``kit pack`` on ``parser``."""
    parser.add_argument(
        "--modules", nargs="+", metavar="MODULE", help="module ids to include (default: all)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site into")
    parser.add_argument(
        "--cache",
        type=Path,
        help=f"folder of the downloaded runtime and wheels (default: {default_cache_dir()})",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="use only the cache; say what is missing instead of fetching it",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the pack; errors a person can fix are KitErrors (one line, exit 2)."""
    from kit.pack.build import build_pack

    build_pack(args.out, modules=args.modules, cache=args.cache, offline=args.offline)
    print(f"Serve it with: python -m http.server --directory {args.out}  (then open the URL)")
    return 0
