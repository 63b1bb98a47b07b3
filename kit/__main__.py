"""Run the kit command line as ``python -m kit``."""

from kit.cli import main

raise SystemExit(main())
