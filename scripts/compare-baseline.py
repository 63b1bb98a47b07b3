"""Compare the kit's outputs on the sample data with a baseline folder written before a change.

    python scripts/compare-baseline.py /work/baseline

Text outputs must match byte for byte; Excel files carry timestamps, so their cell values are
compared sheet by sheet. Prints one line per output and exits 1 on any difference.

Issue #11 added sections to the country report: the evidence annex, the petal chart beside the
bars (with the bars' font size as an attribute, so the PDF lays them out as the browser does),
its style block and the crosswalk sections (HTML); the ``evidence`` and ``crosswalks`` keys
(JSON); the Evidence and crosswalk sheets (Excel). Those are removed from the new output
before comparing, and named on the line: everything else must still match byte for byte.
"""

from __future__ import annotations

import json
import re
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


#: The parts of the HTML report that issue #11 added, and what stands for them in the old one.
ADDED_HTML = (
    (re.compile(r'\n<style id="report-annex-style">.*?</style>', re.S), ""),
    (re.compile(r'<svg [^>]*class="radar".*?</svg>', re.S), ""),
    (re.compile(r'<section class="added".*?</section>\n\n?', re.S), ""),
    (re.compile(r'(class="bars") font-size="13"'), r"\1"),
)
ADDED_JSON = ("evidence", "crosswalks")
ADDED_SHEETS = ("Evidence", "By ")


def without_added(path: Path) -> bytes:
    """The output with the sections issue #11 added taken out again."""
    data = path.read_bytes()
    if path.suffix == ".html" and b'id="evidence-section"' in data:
        text = data.decode("utf-8")
        for pattern, replacement in ADDED_HTML:
            text = pattern.sub(replacement, text)
        return text.encode("utf-8")
    if path.suffix == ".json" and b'"schema": "kit-report/' in data:
        report = json.loads(data)
        for key in ADDED_JSON:
            report.pop(key, None)
        return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return data


def old_sheets(path: Path) -> dict[str, list[tuple]]:
    return {k: v for k, v in cells(path).items() if not k.startswith(ADDED_SHEETS)}


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
                same = got.is_file() and old_sheets(got) == cells(expected)
                added = got.is_file() and cells(got).keys() != cells(expected).keys()
            else:
                same = got.is_file() and without_added(got) == expected.read_bytes()
                added = got.is_file() and got.read_bytes() != expected.read_bytes()
            failed += not same
            note = "  (apart from the sections #11 added)" if same and added else ""
            print(f"{'same' if same else 'DIFFERENT'}  {name}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
