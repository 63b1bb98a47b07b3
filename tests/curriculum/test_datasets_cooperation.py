"""Are module 05's datasets reproducible, copied unchanged, and do they hold the taught patterns?"""

from __future__ import annotations

import pandas as pd
import pytest
from curriculum_harness import DATASETS, SOURCE, generator

# dataset folder -> the files its generator writes (all copied into the graded exercise)
GENERATED = {
    "recruitment-costs": ["recruitment_costs.csv"],
    "rcp-meetings": ["rcp_meetings.csv"],
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generator_reproduces_the_committed_files(name, tmp_path):
    """Does running the generator again give byte-identical files, and is there a data card?"""
    generator(name).main(tmp_path, None)
    for file in GENERATED[name]:
        assert (tmp_path / file).read_bytes() == (DATASETS / name / file).read_bytes(), file
    card = (DATASETS / name / "README.md").read_text(encoding="utf-8")
    assert "fictional" in card.lower(), f"{name}: the data card must say the data are fictional"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_assignment_copies_are_identical(name):
    """Is the copy the graded exercise reads the same as the dataset?"""
    for file in GENERATED[name]:
        copy = SOURCE / "05-cooperation" / file
        assert copy.read_bytes() == (DATASETS / name / file).read_bytes(), file


def test_recruitment_costs_show_the_enforcement_gap():
    """Is months_of_wages fee / wage, and does C07 pay over a month despite its clause?"""
    costs = pd.read_csv(DATASETS / "recruitment-costs" / "recruitment_costs.csv")
    ratio = (costs["median_fee_paid"] / costs["monthly_wage"]).round(2)
    assert (ratio - costs["months_of_wages"]).abs().max() < 0.006
    c07 = costs.set_index("corridor_id").loc["C07"]
    assert c07["employer_pays_clause"] == "yes" and c07["months_of_wages"] > 1
    assert int((costs["months_of_wages"] > 1).sum()) == 6, "graded question 2 expects 6"


def test_rcp_record_matches_the_data_card():
    """Do the delegate totals match the figures the data card and graded question 4 state?"""
    meetings = pd.read_csv(DATASETS / "rcp-meetings" / "rcp_meetings.csv")
    immigration = meetings.loc[meetings["group"] == "immigration and interior", "delegates"].sum()
    total = meetings["delegates"].sum()
    assert (immigration, total) == (160, 266)
    assert round(100 * immigration / total, 1) == 60.2
    card = (DATASETS / "rcp-meetings" / "README.md").read_text(encoding="utf-8")
    assert "160 of 266" in card and "60.2" in card
