"""Reports on Utopia's sample: offline HTML, JSON with every number, Excel, and their agreement."""

from __future__ import annotations

import json
import re

import pytest
from factories import UTOPIA
from openpyxl import load_workbook

from kit.assessment import assess
from kit.cli import main
from kit.framework import load_framework
from kit.io.formats import load_responses
from kit.report.data import report_data
from kit.report.html import render_html

GCIM = load_framework("gcim-2005")


@pytest.fixture(scope="module")
def utopia():
    current = [load_responses(p, GCIM) for p in sorted((UTOPIA / "2025").iterdir())]
    previous = [load_responses(p, GCIM) for p in sorted((UTOPIA / "2023").iterdir())]
    return assess(GCIM, current, previous)


def test_html_report_makes_no_request(utopia):
    """Does the HTML load nothing from anywhere: no script, no external src, href or url()?"""
    page = render_html(utopia).decode("utf-8")
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "<svg" in page


def test_html_shows_the_json_numbers(utopia):
    """Do the overall score, coherence and every area score in the HTML match the JSON?"""
    page = render_html(utopia).decode("utf-8")
    data = report_data(utopia)
    overall = re.search(r'id="overall-percent">([\d.]+)%', page).group(1)
    assert float(overall) == round(data["consolidated"]["percent"], 1)
    coherence = re.search(r'id="overall-coherence">([\d.]+)%', page).group(1)
    assert float(coherence) == round(data["coherence"]["overall"], 1)
    for area_id, area in data["consolidated"]["areas"].items():
        row = re.search(rf'<tr data-area="{re.escape(area_id)}">(.*?)</tr>', page, re.S).group(1)
        assert f"{area['percent']:.1f}%" in row
    for gap in data["gaps"][:5]:
        assert gap["title"] in page


def test_json_carries_what_the_report_needs(utopia):
    """Does the JSON hold item, area and overall percentages, categories, coherence and gaps?"""
    data = report_data(utopia)
    assert set(data["consolidated"]["items"]) == set(GCIM.items)
    assert set(data["consolidated"]["areas"]) == {a.id for a in GCIM.areas}
    assert data["consolidated"]["band"] in {b.label for b in GCIM.bands}
    assert data["coherence"]["flagged_items"] == [
        "objectives.explicit_criteria",
        "coordination.information_sharing",
    ]
    assert data["trend"]["improved_items"] == [
        "coordination.whole_of_government",
        "evidence.data_collection",
        "capacity.trained_cadre",
    ]
    assert data["gaps"]
    for gap in data["gaps"]:  # a gap names its modules; none only where no module teaches it
        assert gap["modules"] == list(GCIM.items[gap["item_id"]].modules)
    json.dumps(data)  # plain data only


def test_cli_json_and_excel_agree(tmp_path):
    """Do `kit assess --out x.json` and `--out x.xlsx` report the same overall and area scores?"""
    files = [str(p) for p in sorted((UTOPIA / "2025").iterdir())]
    assert main(["assess", *files, "--out", str(tmp_path / "r.json")]) == 0
    assert main(["assess", *files, "--out", str(tmp_path / "r.xlsx")]) == 0
    data = json.loads((tmp_path / "r.json").read_text())
    wb = load_workbook(tmp_path / "r.xlsx")
    summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Overall %"] == data["consolidated"]["percent"]
    areas = {r[0]: r[3] for r in wb["Areas"].iter_rows(min_row=2, values_only=True)}
    assert areas == {k: v["percent"] for k, v in data["consolidated"]["areas"].items()}
    assert data["trend"] is None


def test_excel_template_round_trip(tmp_path, capsys):
    """Does a template filled in Excel load back with the answers typed into it?"""
    path = tmp_path / "template.xlsx"
    assert (
        main(
            [
                "template",
                "--format",
                "xlsx",
                "--out",
                str(path),
                "--country",
                "Utopia",
                "--ministry",
                "Ministry of Health",
                "--round",
                "2025",
            ]
        )
        == 0
    )
    wb = load_workbook(path)
    sheet = wb["Responses"]
    assert sheet.max_row == len(GCIM.items) + 1
    sheet["D2"], sheet["F2"] = 3, "Decree 12/2024"
    sheet["D3"], sheet["E3"] = "N/A", "no asylum system in this ministry"
    sheet["D4"] = "don't know"
    wb.save(path)
    rs = load_responses(path, GCIM)
    first, second, third = list(GCIM.items)[:3]
    assert (rs.country, rs.ministry, rs.round) == ("Utopia", "Ministry of Health", "2025")
    assert rs.answers[first].level == 3 and rs.answers[first].evidence == "Decree 12/2024"
    assert rs.answers[second].status == "na"
    assert rs.answers[third].status == "dont_know"
    assert rs.answer(list(GCIM.items)[5]).status == "unanswered"
    capsys.readouterr()


def test_csv_template_round_trip(tmp_path, capsys):
    """Does the CSV template list every item and load back once its header fields are filled?"""
    path = tmp_path / "template.csv"
    assert (
        main(
            [
                "template",
                "--format",
                "csv",
                "--out",
                str(path),
                "--country",
                "Utopia",
                "--ministry",
                "Labour",
                "--round",
                "2025",
            ]
        )
        == 0
    )
    lines = path.read_text().splitlines()
    assert len(lines) == len(GCIM.items) + 1
    rs = load_responses(path, GCIM)
    assert all(a.status == "unanswered" for a in rs.answers.values())
    capsys.readouterr()


def test_start_writes_and_names_the_sample_report(tmp_path, monkeypatch, capsys):
    """Does `kit start --report-only` write Utopia's report from a copy of the sample data?"""
    monkeypatch.setenv("KIT_HOME", str(tmp_path))
    assert main(["start", "--report-only"]) == 0
    report = tmp_path / "utopia-report.html"
    assert f"Sample report for Utopia: {report}" in capsys.readouterr().err
    assert "Utopia: capacity to govern migration" in report.read_text()
    assert (tmp_path / "self-assessment" / "utopia" / "2025" / "interior.csv").exists()


def test_sample_data_is_what_its_generator_makes(tmp_path):
    """Is the committed Utopia sample exactly what make_utopia.py writes (fixed seed)?"""
    import importlib.util

    script = UTOPIA.parent / "make_utopia.py"
    spec = importlib.util.spec_from_file_location("make_utopia", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.csv"))
    committed = sorted(p.relative_to(UTOPIA) for p in UTOPIA.rglob("*.csv"))
    assert made == committed
    for rel in made:
        assert (tmp_path / rel).read_text() == (UTOPIA / rel).read_text(), rel
