"""Compare the kit's outputs on the sample data with a baseline folder written before a change.

    python scripts/compare-baseline.py /work/baseline

Text outputs must match byte for byte; Excel files carry timestamps, so their cell values are
compared sheet by sheet. Prints one line per output and exits 1 on any difference.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "self-assessment"


def kit(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kit", *args], check=True, capture_output=True)


def cells(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, data_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def main(baseline: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        current = sorted(str(p) for p in (SAMPLE / "utopia" / "2025").glob("*.csv"))
        previous = sorted(str(p) for p in (SAMPLE / "utopia" / "2023").glob("*.csv"))
        for suffix in ("html", "json", "xlsx"):
            kit("assess", *current, "--previous", *previous, "--out", str(out / f"utopia.{suffix}"))
        for fmt in ("md", "json", "xlsx"):
            kit("checklist", "--format", fmt, "--out", str(out / f"checklist.{fmt}"))
        for fmt in ("csv", "xlsx"):
            kit("template", "--format", fmt, "--out", str(out / f"template.{fmt}"))
        kit("batch", str(SAMPLE), "--out", str(out / "batch"))
        failed = 0
        for expected in sorted(baseline.rglob("*")):
            if not expected.is_file():
                continue
            name = expected.relative_to(baseline)
            got = out / name
            if expected.suffix == ".xlsx":
                same = got.is_file() and cells(got) == cells(expected)
            else:
                same = got.is_file() and got.read_bytes() == expected.read_bytes()
            failed += not same
            print(f"{'same' if same else 'DIFFERENT'}  {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
