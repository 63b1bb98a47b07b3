"""The response template through real LibreOffice: saved as .ods and as .xlsx, it scores the same.

LibreOffice (Debian's libreoffice-calc-nogui) is installed by scripts/install-system.sh.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import UTOPIA
from openpyxl import load_workbook

from kit.cli import main
from kit.framework import DEFAULT_FRAMEWORK, load_framework
from kit.io.formats import load_responses

CURRENT = sorted((UTOPIA / "2025").glob("*.csv"))
PREVIOUS = sorted((UTOPIA / "2023").glob("*.csv"))


def soffice() -> str:
    found = shutil.which("soffice")
    assert found, "LibreOffice is missing: run scripts/install-system.sh"
    return found


def convert(source: Path, suffix: str, out_dir: Path, profile: Path) -> Path:
    """Save ``source`` in another format with LibreOffice headless, as a user's 'Save as' does."""
    out_dir.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",  # its own profile: no clash, no prompt
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out_dir / f"{source.stem}.{suffix}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


def report(tmp_path: Path, capsys, name: str, first: Path) -> dict:
    """The JSON report of the sample round with ``first`` in place of the Interior ministry."""
    files = [str(first), *(str(p) for p in CURRENT if p.stem != "interior")]
    out = tmp_path / f"{name}.json"
    code = main(["assess", *files, "--previous", *map(str, PREVIOUS), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory) -> Path:
    """The Excel template with the sample Interior ministry's 2025 answers typed into it."""
    tmp = tmp_path_factory.mktemp("template")
    path = tmp / "interior.xlsx"
    args = ["--country", "Utopia", "--ministry", "Ministry of the Interior", "--round", "2025"]
    assert main(["template", "--format", "xlsx", "--out", str(path), *args]) == 0
    answers = load_responses(UTOPIA / "2025" / "interior.csv", load_framework(DEFAULT_FRAMEWORK))
    wb = load_workbook(path)
    sheet = wb["Responses"]
    titles = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        answer = answers.answer(cells[0].value)
        typed = {
            # Levels typed as numbers, as a person types them into a cell.
            "level": int(answer.label) if answer.label.isdigit() else answer.label or None,
            "na_reason": answer.na_reason or None,
            "evidence": answer.evidence or None,
            "comment": answer.comment or None,
        }
        for column, value in typed.items():
            cells[titles.index(column)].value = value
    wb.save(path)
    return path


def scores(report: dict) -> dict:
    """What the template must not change: every score, level and flag, consolidated and per
    ministry."""
    return {"consolidated": report["consolidated"], "by_ministry": report["by_ministry"]}


@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_template_saved_by_libreoffice_scores_the_same(suffix, filled_template, tmp_path, capsys):
    """Does the filled template, saved by real LibreOffice as .ods or .xlsx, give exactly the
    report the template gives, and the scores the same answers give as CSV?"""
    from_csv = report(tmp_path, capsys, "csv", UTOPIA / "2025" / "interior.csv")
    from_template = report(tmp_path, capsys, "template", filled_template)
    assert scores(from_template) == scores(from_csv)
    converted = convert(filled_template, suffix, tmp_path / "out", tmp_path / "profile")
    assert converted.read_bytes()[:2] == b"PK"
    assert report(tmp_path, capsys, f"libreoffice-{suffix}", converted) == from_template
