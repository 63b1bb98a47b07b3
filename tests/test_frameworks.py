"""The shipped frameworks: the checklist covers the chapter; SDG 10.7.2 keeps its shape."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from factories import FIXTURES

from kit.cli import main
from kit.framework import builtin_frameworks, load_framework
from kit.report.checklist import checklist_markdown

FRAMEWORK_FILE = Path(__file__).resolve().parents[1] / "kit" / "frameworks" / "gcim-2005.yaml"

# Paragraphs with a recommendation a state can act on (issue: paras 15-40 and 45).
ACTIONABLE = [15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, *range(27, 41), 45]


def test_both_frameworks_ship_with_the_package():
    """Are the Commission's checklist and the SDG-shaped framework built in?"""
    assert {"gcim-2005", "sdg-10-7-2"} <= set(builtin_frameworks())


def test_gcim_checklist_covers_every_actionable_paragraph():
    """Is every actionable paragraph of the chapter traced by at least one item?"""
    gcim = load_framework("gcim-2005")
    traced = {p for item in gcim.items.values() for p in item.paragraphs}
    assert [p for p in ACTIONABLE if p not in traced] == []


def test_gcim_has_the_five_objectives_and_six_capacity_goals():
    """Does the checklist hold one item per minimum objective (para 15) and capacity goal (23)?"""
    gcim = load_framework("gcim-2005")
    para15 = [i for i in gcim.area("objectives").items if 15 in i.paragraphs]
    assert len(para15) >= 5
    assert len([i for i in gcim.area("capacity").items if 23 in i.paragraphs]) == 6
    assert [i.id for i in gcim.area("preconditions").items] == [
        "preconditions.human_rights",
        "preconditions.rule_of_law",
        "preconditions.integrity",
    ]
    assert gcim.area("preconditions").rule == "weakest_link"


def test_every_gcim_item_names_who_and_what_builds_it():
    """Does every item carry evidence prompts and cadres, and curriculum modules unless the file
    says plainly that no module of the kit teaches it?"""
    gcim = load_framework("gcim-2005")
    text = FRAMEWORK_FILE.read_text()
    for item in gcim.items.values():
        assert item.evidence and item.cadres, item.id
        if not item.modules:
            assert f"({item.id})" in text.split("schema:")[0], f"{item.id}: say why no module"


def test_the_gcim_file_states_what_it_does_not_cover():
    """Does the checklist say why paras 41-72 are traced only through para 45?"""
    header = FRAMEWORK_FILE.read_text().split("schema:")[0]
    assert "41-72" in header and "para 45" in header


def test_no_descriptor_assumes_one_policy_model():
    """Can a state without quotas, without resettlement or relying on UNHCR for RSD reach 3?"""
    gcim = load_framework("gcim-2005")
    assert (
        "quotas or caps are in operation" not in gcim.items["objectives.regular_pathways"].levels[3]
    )
    assert "UNHCR" in gcim.items["objectives.asylum"].levels[3]
    assert "referring" in gcim.items["objectives.resettlement"].levels[3]
    assert "objectives.protection" not in gcim.items


def test_sdg_framework_has_six_domains_of_five():
    """Does the SDG 10.7.2-shaped framework load with six domains of five sub-categories?"""
    sdg = load_framework("sdg-10-7-2")
    assert [len(a.items) for a in sdg.areas] == [5] * 6
    assert [b.label for b in sdg.bands] == [
        "Requires further progress",
        "Partially meets",
        "Meets",
        "Fully meets",
    ]


def test_checklist_exports_carry_paragraph_references(tmp_path, capsys):
    """Do the JSON, Markdown and Excel exports list every item with its paragraphs?"""
    gcim = load_framework("gcim-2005")
    assert main(["checklist", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = [i for a in data["areas"] for i in a["items"]]
    assert [i["id"] for i in items] == list(gcim.items)
    assert all("paragraphs" in i for i in items)
    text = checklist_markdown(gcim)
    assert "`capacity.trained_cadre`" in text and "paras 22, 23" in text
    out = tmp_path / "checklist.xlsx"
    assert main(["checklist", "--format", "xlsx", "--out", str(out)]) == 0
    from openpyxl import load_workbook

    assert load_workbook(out)["Checklist"].max_row == len(gcim.items) + 1


def test_xlsx_checklist_needs_an_output_file(capsys):
    """Is an Excel export to standard output refused with a clear line?"""
    assert main(["checklist", "--format", "xlsx"]) == 2
    assert capsys.readouterr().err == "kit: error: --format xlsx needs --out FILE.xlsx\n"


def test_replace_gives_an_independent_framework():
    """Does dataclasses.replace give a framework whose items follow its own areas, leaving the
    original untouched?"""
    gcim = load_framework("gcim-2005")
    first = gcim.areas[0]
    smaller = dataclasses.replace(gcim, areas=gcim.areas[1:])
    assert set(smaller.items) == {i.id for a in gcim.areas[1:] for i in a.items}
    assert all(item.id in gcim.items for item in first.items)
    assert smaller.items is not gcim.items
    assert len(gcim.items) == sum(len(a.items) for a in gcim.areas)


def test_builtin_framework_is_loaded_once():
    """Is a built-in framework read once per process, while a framework file is read each time?"""
    assert load_framework("gcim-2005") is load_framework("gcim-2005")
    mini = FIXTURES / "frameworks" / "mini.yaml"
    assert load_framework(mini) is not load_framework(mini)
    assert load_framework(mini) == load_framework(mini)


def test_weights_are_those_the_format_document_justifies():
    """Do exactly the three items docs/framework-format.md names weigh 2, every area 1?"""
    gcim = load_framework("gcim-2005")
    heavy = sorted(i.id for i in gcim.items.values() if i.weight != 1)
    assert heavy == [
        "capacity.trained_cadre",
        "coordination.whole_of_government",
        "evidence.data_collection",
    ]
    assert {a.weight for a in gcim.areas} == {1.0}
    doc = (FRAMEWORK_FILE.parents[2] / "docs" / "framework-format.md").read_text()
    assert all(f"`{item_id}`" in doc for item_id in heavy)


def test_sdg_cut_offs_are_declared_as_the_kits_own():
    """Does the SDG 10.7.2 file say plainly that its cut-offs are not the official ones?"""
    text = (FRAMEWORK_FILE.parent / "sdg-10-7-2.yaml").read_text()
    assert "KIT'S OWN" in text.split("bands:")[0]
