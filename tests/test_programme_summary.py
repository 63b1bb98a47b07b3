"""Does the batch's programme summary give, for the countries that opted in only, each area's
distribution and each country's distance from its region's median, checked by hand?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.cli import main
from kit.framework import load_framework
from kit.io.csvtext import responses_to_csv
from kit.responses import Answer, ResponseSet

GCIM = load_framework("gcim-2005")
#: Every item of a country at one level, so every area's score is level x 25 (by hand).
LEVELS = {"Arcadia": 4, "Brobdingnag": 2, "Cockaigne": 1, "Dystopia": 0}
COUNTRIES_CSV = """country,region,share
Arcadia,Imaginary Sea,yes
Brobdingnag,Imaginary Sea,yes
Cockaigne,Imaginary Sea,yes
Dystopia,Imaginary Sea,no
"""


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    for country, level in LEVELS.items():
        answers = {i: Answer(i, "level", float(level), evidence="x") for i in GCIM.items}
        rs = ResponseSet("gcim-2005", country, "Ministry of the Interior", "2025", answers)
        target = folder / country.lower() / "2025" / "interior.csv"
        target.parent.mkdir(parents=True)
        target.write_text(responses_to_csv(rs, GCIM), encoding="utf-8")
    (folder / "countries.csv").write_text(COUNTRIES_CSV, encoding="utf-8")
    return folder


def test_distribution_and_region_medians_by_hand(batch, tmp_path):
    """Arcadia 100%, Brobdingnag 50%, Cockaigne 25% in every area, Dystopia (0%) not sharing:
    is each area's min 25, Q1 37.5 (25 + 0.5 x 25), median 50, Q3 75 (50 + 0.5 x 50), max 100,
    and is each country +50, 0 and -25 points from the region's median of 50?"""
    out = tmp_path / "out"
    assert main(["batch", str(batch), "--out", str(out)]) == 0
    summary = json.loads((out / "programme-summary.json").read_text(encoding="utf-8"))
    assert summary["countries_shared"] == ["Arcadia", "Brobdingnag", "Cockaigne"]
    assert [a["id"] for a in summary["areas"]] == [*(a.id for a in GCIM.areas), "overall"]
    for area in summary["areas"]:
        assert area["countries"] == 3
        assert area["distribution"] == {
            "min": 25.0,
            "q1": 37.5,
            "median": 50.0,
            "q3": 75.0,
            "max": 100.0,
        }
    (region,) = summary["regions"]
    assert region["region"] == "Imaginary Sea"
    deltas = {c["country"]: c["areas"]["objectives"]["from_median"] for c in region["countries"]}
    assert deltas == {"Arcadia": 50.0, "Brobdingnag": 0.0, "Cockaigne": -25.0}
    assert region["region_median"]["overall"] == 50.0
    page = (out / "programme-summary.html").read_text(encoding="utf-8")
    assert '<tr data-area="objectives"><td>Coherent national objectives and criteria</td>' in page
    assert "37.5%" in page and "(+50.0)" in page and "(-25.0)" in page


def test_country_that_did_not_opt_in_appears_only_in_its_own_report(batch, tmp_path):
    """Is Dystopia (share: no) absent from the summary, yet its own report written?"""
    out = tmp_path / "out"
    assert main(["batch", str(batch), "--out", str(out)]) == 0
    for name in ("programme-summary.json", "programme-summary.html"):
        assert "Dystopia" not in (out / name).read_text(encoding="utf-8")
    assert "Dystopia" in (out / "dystopia-2025.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Erewhon,Imaginary Sea,yes", "row 6: country 'Erewhon' has no folder in the batch"),
        ("Arcadia,Imaginary Sea,yes", "row 6: country 'Arcadia' is listed twice"),
        ("Dystopia,,yes", "row 5: country 'Dystopia' has no region"),
        ("Dystopia,Imaginary Sea,maybe", "row 5: share 'maybe' is not yes or no"),
    ],
)
def test_bad_countries_row_is_one_line_and_writes_nothing(batch, tmp_path, capsys, row, expected):
    """Is a bad countries.csv row one line naming file and row, exit 2, no report written?"""
    text = COUNTRIES_CSV
    if row.startswith("Dystopia"):
        text = text.replace("Dystopia,Imaginary Sea,no", row)
    else:
        text += row + "\n"
    (batch / "countries.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(batch), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"kit: error: {batch / 'countries.csv'}: {expected}"
    assert not out.exists() or not any(out.iterdir())
