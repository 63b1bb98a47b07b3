"""Do batch reports cover every country, name the ones that fail, and match the engine?"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from repo import SAMPLE as SAMPLE_DATA

from kit.cli import main
from kit.report.batch import build_assessment, run_batch, write_country_report
from kit.report.data import report_data

SAMPLE = SAMPLE_DATA / "utopia"


def _country(batch: Path, name: str) -> Path:
    """A copy of Utopia's answers under another country name."""
    target = batch / name.lower()
    shutil.copytree(SAMPLE, target)
    for path in target.glob("*/*.csv"):
        path.write_text(path.read_text(encoding="utf-8").replace(",Utopia,", f",{name},"))
    return target


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Three countries; Ruritania's 2025 interior file has a level 9 on its second row."""
    folder = tmp_path / "batch"
    for name in ("Utopia", "Erewhon", "Ruritania"):
        _country(folder, name)
    bad = folder / "ruritania" / "2025" / "interior.csv"
    lines = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[6] = "9"  # the level column (after framework, country, ministry, round, item, title)
    lines[1] = ",".join(cells)
    bad.write_text("".join(lines), encoding="utf-8")
    return folder


def test_failing_country_named_while_others_go_on(batch, tmp_path, capsys):
    """Does a broken country fail with its reason while the other countries' reports are written?"""
    result = run_batch(batch, tmp_path / "out", workers=2, formats=(".html", ".json"))
    assert [r.country for r in result.done] == ["erewhon", "utopia"]
    assert [r.country for r in result.failed] == ["ruritania"]
    reason = result.failed[0].error
    assert "interior.csv" in reason and "row 2" in reason and "outside 0-4" in reason
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "erewhon-2025.html",
        "erewhon-2025.json",
        "utopia-2025.html",
        "utopia-2025.json",
    ]
    err = capsys.readouterr().err
    assert "FAILED ruritania" in err and "2 of 3 countries reported" in err


def test_batch_numbers_are_the_engines(batch, tmp_path):
    """Is each batch report exactly the engine's report of that country, trend included?"""
    run_batch(batch, tmp_path / "out", workers=1, formats=(".json",), progress=False)
    written = json.loads((tmp_path / "out" / "utopia-2025.json").read_text())
    expected = report_data(build_assessment(batch, "utopia"))
    assert written == json.loads(json.dumps(expected))
    assert written["trend"]["previous_round"] == "2023"


def test_cli_exit_code_when_a_country_fails(batch, tmp_path):
    """Does ``kit batch`` exit non-zero when any country failed?"""
    assert main(["batch", str(batch), "--out", str(tmp_path / "out")]) == 1
    shutil.rmtree(batch / "ruritania")
    assert main(["batch", str(batch), "--out", str(tmp_path / "out2")]) == 0


def test_papermill_notebook_writes_the_same_report(batch, tmp_path):
    """Does the papermill report notebook write the same report as the direct renderer?"""
    import papermill

    from kit.notebooks import report_notebook

    shutil.rmtree(batch / "ruritania")
    direct = write_country_report(batch, "erewhon", tmp_path / "direct", (".json",))[0]
    via_notebook = tmp_path / "notebook.json"
    papermill.execute_notebook(
        str(report_notebook()),
        str(tmp_path / "executed.ipynb"),
        parameters={
            "responses": str(batch),
            "country": "erewhon",
            "round": "",
            "output": str(via_notebook),
        },
        kernel_name="python3",
        execution_timeout=120,
        progress_bar=False,
    )
    assert json.loads(via_notebook.read_text()) == json.loads(direct.read_text())


def test_batch_reports_carry_the_review_matrix_and_actions_followup(batch, tmp_path):
    """Does a country's batch report carry its round's review matrix and the previous round's
    action follow-up, the same as ``kit assess`` on the same files, under translated headings
    with ``--lang fr``, while a country without those files gets neither?"""
    from kit.framework import load_framework
    from kit.io.actions import Action, actions_csv
    from kit.io.review import Comment, review_csv

    framework = load_framework()
    item = next(iter(framework.items))
    utopia = batch / "utopia"
    comment = Comment("c1", item, "Dr Expert", "Which decree?", "Ministry of Labour",
                      "Decree 12", "answered")  # fmt: skip
    (utopia / "2025" / "review.csv").write_text(review_csv([comment]), encoding="utf-8")
    action = Action("a1", item, 3, "Adopt the decree", "Legal unit", "2024-06-30", "done")
    (utopia / "2023" / "actions.csv").write_text(actions_csv([action]), encoding="utf-8")

    run_batch(batch, tmp_path / "out", workers=1, formats=(".json", ".html"), progress=False)
    batch_data = json.loads((tmp_path / "out" / "utopia-2025.json").read_text())
    single = tmp_path / "single.json"
    files = sorted(str(p) for p in (utopia / "2025").glob("*.csv") if p.name != "review.csv")
    previous = sorted(str(p) for p in (utopia / "2023").glob("*.csv") if p.name != "actions.csv")
    assert main(["assess", *files, "--previous", *previous, "--out", str(single)]) == 0
    single_data = json.loads(single.read_text())
    assert batch_data["review"] == single_data["review"]
    assert batch_data["review"][0]["response"] == "Decree 12"
    assert batch_data["actions_followup"] == single_data["actions_followup"]
    assert batch_data["actions_followup"][0]["status"] == "done"
    html = (tmp_path / "out" / "utopia-2025.html").read_text()
    assert "Which decree?" in html and "Adopt the decree" in html
    erewhon = json.loads((tmp_path / "out" / "erewhon-2025.json").read_text())
    assert "review" not in erewhon and "actions_followup" not in erewhon
    # In French, from the worker processes: the two headings are translated, the rows kept.
    french = tmp_path / "fr"
    main(["batch", str(batch), "--out", str(french), "--workers", "2", "--lang", "fr"])  # 1 bad
    page = (french / "utopia-2025.html").read_text(encoding="utf-8")
    assert "Revue : commentaires et réponses" in page and "Which decree?" in page
    assert "Actions du cycle 2023 : état d’avancement" in page and "Adopt the decree" in page


def test_batch_names_a_bad_review_file(batch, tmp_path):
    """Is a country whose review.csv has a bad row failed with the file and row named, while
    the others are reported?"""
    (batch / "utopia" / "2025" / "review.csv").write_text(
        "id,item_id,reviewer,comment,status\nc1,no.such.item,Dr X,Why?,open\n", encoding="utf-8"
    )
    result = run_batch(batch, tmp_path / "out", workers=1, progress=False)
    failed = {r.country: r.error for r in result.failed}
    assert "review.csv" in failed["utopia"] and "row 2" in failed["utopia"]
    assert "erewhon" in [r.country for r in result.done]
