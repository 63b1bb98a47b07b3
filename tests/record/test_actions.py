"""From gaps to actions: proposals one level up, the framework's suggestions, the action plan
file, and the next round's report showing each action's status beside the level change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from factories import FIXTURES, ministry

from kit.actions import Proposal, next_level, propose
from kit.assessment import assess
from kit.cli import main
from kit.errors import KitError
from kit.framework import load_framework
from kit.io.actions import (
    Action,
    actions_path,
    load_actions,
    parse_actions,
    plan,
    save_actions,
)

GCIM = load_framework("gcim-2005")


def framework_with_actions(tmp_path: Path, actions: str) -> Path:
    text = (FIXTURES / "frameworks" / "mini.yaml").read_text()
    text = text.replace(
        "        modules: [m1]\n      - id: a.two",
        f"        modules: [m1]\n{actions}      - id: a.two",
        1,
    )
    path = tmp_path / "mini-actions.yaml"
    path.write_text(text)
    return path


def test_one_level_up_with_suggestions(tmp_path: Path) -> None:
    """Does a gap at level 1.5 get the framework's actions for level 2, and an item without
    suggestions the next level's descriptor, never a jump to the target?"""
    fw = load_framework(
        framework_with_actions(tmp_path, "        actions: {2: [Adopt a plan, Name a lead]}\n")
    )
    result = assess(
        fw, [ministry("M", {"a.one": 1.5, "a.two": 0, "a.three": 3, "b.one": 4, "b.two": "dk"})]
    )
    by_item = {}
    for p in propose(result):
        by_item.setdefault(p.item_id, []).append(p)
    assert [(p.to_level, p.text) for p in by_item["a.one"]] == [
        (2, "Adopt a plan"),
        (2, "Name a lead"),
    ]
    assert [(p.to_level, p.text) for p in by_item["a.two"]] == [(1, "Reach level 1: l1")]
    assert [p.to_level for p in by_item["b.two"]] == [1]  # don't know counts as 0
    assert "a.three" not in by_item and "b.one" not in by_item  # at or above target
    assert next_level(4) == 4 and next_level(None) == 1


@pytest.mark.parametrize(
    ("actions", "fault"),
    [
        ("        actions: {5: [x]}\n", "'actions' has level 5"),
        ("        actions: {0: [x]}\n", "'actions' has level 0"),
        ("        actions: {2: [1, 2]}\n", "'actions' must be a list of text entries"),
        ("        actions: [x]\n", "actions: expected a mapping"),
    ],
)
def test_bad_actions_field_named(tmp_path: Path, actions: str, fault: str) -> None:
    """Is a wrong `actions:` field one KitError naming the framework file and the item?"""
    with pytest.raises(KitError) as caught:
        load_framework(framework_with_actions(tmp_path, actions))
    assert "mini-actions.yaml" in str(caught.value) and "item 'a.one'" in str(caught.value)
    assert fault in str(caught.value)


@pytest.mark.parametrize(
    ("row", "fault"),
    [
        ("x2,objectives.integration,2,Do,Ana,2026-13-01,planned", "due date '2026-13-01'"),
        ("x2,objectives.integration,2,Do,Ana,,finished", "status 'finished'"),
        ("x2,objectives.integration,7,Do,Ana,,planned", "to_level 7 is outside 1-4"),
        ("x2,objectives.nope,2,Do,Ana,,planned", "unknown item 'objectives.nope'"),
        ("x1,objectives.integration,2,Do,Ana,,planned", "action id 'x1' is empty or appears twice"),
    ],
)
def test_bad_action_rows(row: str, fault: str) -> None:
    """Is each bad row of actions.csv one error naming the file and the row?"""
    head = "id,item_id,to_level,action,owner,due,status\n"
    text = f"{head}x1,objectives.integration,2,Do,,,proposed\n{row}\n"
    with pytest.raises(KitError) as caught:
        parse_actions(text.encode(), "actions.csv", GCIM)
    assert str(caught.value).startswith("actions.csv: row 3: ") and fault in str(caught.value)


def test_save_merges_by_id(data: Path) -> None:
    """Do two saves of different actions keep both, and a bad one write nothing?"""
    path = actions_path(data, "utopia", "2025")
    save_actions(
        path,
        [
            Action(
                "a",
                "objectives.integration",
                2,
                "Draft the decree",
                "Interior",
                "2026-06-30",
                "planned",
            )
        ],
    )
    save_actions(path, [Action("b", "objectives.development", 3, "Train planners")])
    before = path.read_bytes()
    with pytest.raises(KitError, match="due date"):
        save_actions(path, [Action("c", "objectives.development", 3, "x", due="soon")])
    assert path.read_bytes() == before
    assert [a.id for a in load_actions(path, GCIM)] == ["a", "b"]
    saved = load_actions(path, GCIM)
    merged = plan([Proposal("b", "objectives.development", 2.0, 3, "Train")], saved)
    assert [a.id for a in merged] == ["b", "a"] and merged[0].action == "Train planners"


def test_next_round_report_shows_status_beside_level_change(tmp_path: Path, capsys) -> None:
    """Does the 2025 report list the 2023 round's actions with their status, the item's level
    in 2023 and in 2025, as in the files?"""
    from factories import UTOPIA

    data = tmp_path / "data" / "utopia"
    shutil.copytree(UTOPIA, data)
    save_actions(
        actions_path(tmp_path / "data", "utopia", "2023"),
        [
            Action(
                "p1",
                "objectives.integration",
                2,
                "Draft the <asylum> decree",
                "Interior",
                "2024-12-31",
                "done",
            )
        ],
    )
    out = tmp_path / "r.json"
    now = sorted(str(p) for p in (data / "2025").glob("*.csv"))
    then = sorted(str(p) for p in (data / "2023").glob("*.csv"))
    assert main(["assess", *now, "--previous", *then, "--out", str(out)]) == 0
    [row] = json.loads(out.read_text())["actions_followup"]
    trend = json.loads(out.read_text())["trend"]["items"]["objectives.integration"]
    assert trend["previous"] is not None and trend["current"] is not None
    assert (row["id"], row["status"], row["previous"], row["current"]) == (
        "p1",
        "done",
        trend["previous"],
        trend["current"],
    )
    assert main(["assess", *now, "--previous", *then, "--out", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text()
    table = html[html.index('<table id="actions-followup">') :]
    assert "Draft the &lt;asylum&gt; decree" in table and "<td>done</td>" in table
