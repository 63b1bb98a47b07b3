"""``python -m kit.pack``: the same as ``kit pack``."""

import argparse
import sys

from kit.errors import run_command
from kit.pack.cli import add_arguments, run

if __name__ == "__main__":
    parser = add_arguments(argparse.ArgumentParser(prog="kit pack", description=__doc__))
    arguments = parser.parse_args()
    sys.exit(run_command(lambda: run(arguments)))
