"""Does a response file written for an earlier checklist version still load, nothing dropped?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kit.cli import main
from kit.errors import KitError
from kit.framework import load_framework
from kit.io.formats import load_responses
from kit.report.batch import build_assessment
from kit.report.data import report_data

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "datasets" / "self-assessment"
V1 = SAMPLE / "gcim-2005-1.0.0.yaml"
GCIM = load_framework("gcim-2005")

HEADER = "framework,country,ministry,round,item_id,level,na_reason,evidence,comment\n"


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(f"gcim-2005,Utopia,Interior,2025,{r}\n" for r in rows))
    return path


def test_the_version_changed_and_every_old_item_is_accounted_for():
    """Is every item id of version 1.0.0 either still an item or mapped in replaced_items?"""
    old = load_framework(V1)
    assert old.version == "1.0.0" and GCIM.version != old.version
    lost = [i for i in old.items if i not in GCIM.items and i not in GCIM.replaced]
    assert lost == []
    for old_id, rule in GCIM.replaced.items():
        assert old_id in old.items, f"{old_id} was never an item"
        assert rule.carried_to or rule.needs_answer


def test_every_new_item_comes_from_an_old_one_or_is_listed_as_new():
    """Is no item of the new version an orphan that old files would leave blank unannounced?"""
    old = load_framework(V1)
    mapped = {i for r in GCIM.replaced.values() for i in (*r.carried_to, *r.needs_answer)}
    orphans = [i for i in GCIM.items if i not in old.items and i not in mapped]
    assert orphans == []


def test_a_split_items_old_answer_maps_as_defined(tmp_path):
    """Does an answer to objectives.protection become the answer to each item it was split into,
    flagged for a check, while regional.rcp_scope's unrelated parts are reported as unanswered?"""
    path = write_csv(
        tmp_path / "old.csv",
        [
            "objectives.protection,3,,Asylum Act 2019,",
            "regional.rcp_scope,2,,,broad delegation",
            "objectives.public_communication,don't know,,,",
            "objectives.development,2,,,",
        ],
    )
    responses = load_responses(path, GCIM)
    up = responses.upgrade
    assert up is not None
    assert set(up.old_ids) == {
        "objectives.protection",
        "regional.rcp_scope",
        "objectives.public_communication",
    }
    for new_id in ("objectives.family_reunion", "objectives.asylum", "objectives.resettlement"):
        answer = responses.answer(new_id)
        assert (answer.status, answer.level, answer.evidence) == ("level", 3.0, "Asylum Act 2019")
        assert "carried over from objectives.protection" in answer.comment
        assert up.carried[new_id] == "objectives.protection"
    assert responses.answer("regional.rcp_agenda").level == 2.0
    assert responses.answer("regional.rcp_agenda").comment.startswith("broad delegation [")
    assert responses.answer("objectives.transparency").status == "dont_know"
    assert responses.unanswered_after_upgrade() == [
        "objectives.political_leadership",
        "regional.rcp_stakeholders",
        "regional.rcp_links",
        "regional.rcp_evaluation",
    ]
    assert "objectives.protection" not in responses.answers


def test_a_new_answer_in_the_same_file_wins_over_a_carried_one(tmp_path):
    """When a file answers both the old item and one of its parts, is the part's own answer kept?"""
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            "objectives.protection,3,,,",
            "objectives.resettlement,1,,,",
            "regional.rcp_stakeholders,2,,,",
        ],
    )
    responses = load_responses(path, GCIM)
    assert responses.answer("objectives.resettlement").level == 1.0
    assert responses.answer("objectives.asylum").level == 3.0
    assert "objectives.resettlement" not in responses.upgrade.carried


def test_a_file_of_the_current_version_is_not_flagged(tmp_path):
    """Is a file that uses only current ids read as before, with no upgrade notice?"""
    path = write_csv(tmp_path / "new.csv", ["objectives.asylum,2,,,"])
    assert load_responses(path, GCIM).upgrade is None


def test_the_committed_sample_still_loads_and_scores():
    """Does Utopia's 2023 round (answered against 1.0.0) load, score and list what needs an
    answer, while its 2025 round (current version) needs none?"""
    latest = build_assessment(SAMPLE, "Utopia")
    assert latest.round == "2025" and latest.trend is not None
    assert report_data(latest)["upgrades"] == []
    assessment = build_assessment(SAMPLE, "Utopia", "2023")
    assert 0 < assessment.consolidated.percent < 100
    data = report_data(assessment)
    assert {u["ministry"] for u in data["upgrades"]} == set(assessment.ministries)
    interior = next(u for u in data["upgrades"] if u["ministry"] == "Ministry of the Interior")
    assert "regional.rcp_stakeholders" in interior["needs_answer"]
    assert interior["carried"]["objectives.asylum"] == "objectives.protection"
    assert "objectives.regular_pathways" in interior["revised"]
    # The labour ministry's N/A for objectives.protection carries to its three parts.
    labour = next(rs for rs in assessment.response_sets if rs.ministry == "Ministry of Labour")
    assert labour.answer("objectives.asylum").status == "na"


def test_the_report_and_the_command_line_name_the_items_that_need_an_answer(tmp_path, capsys):
    """Do `kit assess`'s message and its HTML report tell the user which items to answer?"""
    files = sorted((SAMPLE / "utopia" / "2023").glob("*.csv"))
    out = tmp_path / "report.html"
    assert main(["assess", *map(str, files), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "earlier version of gcim-2005" in err
    assert "needs an answer: objectives.political_leadership" in err
    html = out.read_text(encoding="utf-8")
    assert 'id="upgrades"' in html and "regional.rcp_evaluation" in html
    assert main(["assess", *map(str, files), "--out", str(tmp_path / "r.json")]) == 0
    data = json.loads((tmp_path / "r.json").read_text())
    assert all(u["needs_answer"] for u in data["upgrades"])


def test_the_sample_generator_and_its_data_are_in_step(tmp_path):
    """Does make_utopia.py, run again, write exactly the committed files?"""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_utopia", SAMPLE / "make_utopia.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for path in sorted((SAMPLE / "utopia").rglob("*.csv")):
        again = tmp_path / path.relative_to(SAMPLE / "utopia")
        assert again.read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize(
    "change, message",
    [
        ({"objectives.development": {"until": "1.0.0", "carried_to": ["x"]}}, "still an item"),
        ({"old.one": {"until": "1.0.0", "carried_to": ["no.such"]}}, "not an item of this"),
        ({"old.one": {"until": "1.0.0"}}, "names no new item"),
        ({"old.one": {"carried_to": ["objectives.asylum"]}}, "missing 'until'"),
        (
            {
                "old.one": {
                    "until": "1",
                    "carried_to": ["objectives.asylum"],
                    "needs_answer": ["objectives.asylum"],
                }
            },
            "named twice",
        ),
    ],
)
def test_a_broken_replacement_map_is_refused(tmp_path, change, message):
    """Is a replaced_items entry that points nowhere, or at a live id, refused with its name?"""
    data = yaml.safe_load((REPO / "kit" / "frameworks" / "gcim-2005.yaml").read_text())
    data["replaced_items"] = change
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KitError, match=message) as error:
        load_framework(path)
    assert "replaced_items" in str(error.value) and str(path) in str(error.value)


def test_a_revised_item_must_exist(tmp_path):
    """Is a revised_items entry naming no current item refused?"""
    data = yaml.safe_load((REPO / "kit" / "frameworks" / "gcim-2005.yaml").read_text())
    data["revised_items"] = {"objectives.protection": "split"}
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KitError, match="revised_items 'objectives.protection'"):
        load_framework(path)


def test_an_item_the_earlier_round_was_never_asked_is_not_counted_as_improved():
    """Across the sample's version change (2023 on 1.0.0, 2025 on 2.0.0), is an item that 1.0.0
    did not have left without a previous level, instead of 'improved' from an unanswered 0?"""
    trend = build_assessment(SAMPLE, "Utopia").trend
    changes = {c.id: c for c in trend.items}
    for new_item in ("objectives.political_leadership", "regional.rcp_evaluation"):
        assert changes[new_item].previous is None and changes[new_item].change is None
    improved = {c.id for c in trend.improved}
    assert "objectives.political_leadership" not in improved
    assert "capacity.trained_cadre" in improved  # a real rise is still reported
