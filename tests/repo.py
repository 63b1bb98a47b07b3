"""Where the repository's files are, for tests: the one place that knows the checkout's layout.

Tests that check committed files (the sample data, the lessons, the graded sources) read them
here; code under test finds its own files through ``kit.paths``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = ROOT / "curriculum"
ASSESSMENT = ROOT / "assessment"
DATASETS = ROOT / "datasets"
SAMPLE = DATASETS / "self-assessment"
TESTS = ROOT / "tests"
