"""``python -m kit.course ...``: the course commands before ``kit course`` is wired in."""

import sys

from kit.course.cli import main

if __name__ == "__main__":
    sys.exit(main())
