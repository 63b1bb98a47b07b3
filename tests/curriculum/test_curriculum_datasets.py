"""Are the datasets of modules 01-02 reproducible from their scripts, and the copies identical?"""

from __future__ import annotations

import pandas as pd
import pytest
from curriculum_harness import DATASETS, SOURCE, generator

GENERATED = {
    "border-crossings": (["crossings.csv", "stays.csv"], "02-data-collection", ["stays.csv"]),
    "census-microdata": (["census.csv"], "02-data-collection", ["census.csv"]),
    "refugee-data-shaped": (
        ["refugee_extract.csv", "population_iso.csv"],
        "02-data-collection",
        ["refugee_extract.csv", "population_iso.csv"],
    ),
    "coordination-matrix": (
        ["positions.csv", "indicators.csv", "exercise_positions.csv", "exercise_indicators.csv"],
        "01-policy-formulation",
        ["exercise_positions.csv", "exercise_indicators.csv"],
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generator_reproduces_the_committed_files(name, tmp_path):
    """Does running the generator again give byte-identical files?"""
    files, _, _ = GENERATED[name]
    generator(name).main(tmp_path, None)
    for file in files:
        assert (tmp_path / file).read_bytes() == (DATASETS / name / file).read_bytes(), file
    assert (DATASETS / name / "README.md").is_file(), "every dataset has a data card"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_assignment_copies_are_identical(name):
    """Is the copy the graded exercise reads the same as the dataset?"""
    _, assignment, copies = GENERATED[name]
    for file in copies:
        assert (SOURCE / assignment / file).read_bytes() == (DATASETS / name / file).read_bytes()


def test_census_faults_match_the_data_card():
    """Are the deliberate faults there in the numbers the data card states, borderline case kept?"""
    census = pd.read_csv(DATASETS / "census-microdata" / "census.csv")
    card = (DATASETS / "census-microdata" / "README.md").read_text()
    duplicates = int(census.duplicated().sum())
    unstated = int((census["age"] == 999).sum())
    clean = census.drop_duplicates()
    stated = clean["age"] != 999
    # Born in 2024 - age, or a year earlier if the birthday had not come by census day.
    impossible = clean[stated & (clean["year_of_arrival"] < 2024 - clean["age"] - 1)]
    naive = clean[stated & (clean["year_of_arrival"] < 2024 - clean["age"])]
    assert (duplicates, unstated, len(impossible), len(naive)) == (15, 24, 8, 9)
    assert "P00222" in set(naive["person_id"]) - set(impossible["person_id"])
    for number in ("15 exact duplicate", "24 records", "8 people", "P00222", "wrongly flags 9"):
        assert number in card
    foreign_duplicates = census[census.duplicated()]["country_of_birth_iso"].ne("UTO").sum()
    assert foreign_duplicates > 0, "duplicates must change the migrant stock, or the check is idle"


def test_unhcr_trap_is_in_the_extract_on_fictional_countries_only():
    """Does Marovia carry the agency code QNR (ISO-style QMV), QNR being Norvania, all fictional?"""
    extract = pd.read_csv(DATASETS / "refugee-data-shaped" / "refugee_extract.csv")
    population = pd.read_csv(DATASETS / "refugee-data-shaped" / "population_iso.csv")
    marovia = extract[extract["coa_name"] == "Marovia"]
    assert set(marovia["coa"]) == {"QNR"} and set(marovia["coa_iso"]) == {"QMV"}
    assert population.set_index("iso3").loc["QNR", "country"] == "Norvania"
    codes = set(extract[["coo", "coo_iso", "coa", "coa_iso"]].stack()) | set(population["iso3"])
    # ISO 3166-1 keeps QMA-QZZ for user assignment: no real country can ever have these codes.
    assert all("QMA" <= code <= "QZZ" for code in codes), sorted(codes)


def test_every_stay_class_occurs():
    """Do the stays include long-term, short-term, excluded-purpose and still-open stays?"""
    stays = pd.read_csv(
        DATASETS / "border-crossings" / "stays.csv", parse_dates=["entry_date", "exit_date"]
    )
    days = (stays["exit_date"].fillna(pd.Timestamp("2024-12-31")) - stays["entry_date"]).dt.days
    excluded = stays["purpose"].isin(
        ["holiday", "visiting_friends_relatives", "business", "medical_treatment", "pilgrimage"]
    )
    assert (days >= 365).any() and ((days >= 90) & (days < 365) & ~excluded).any()
    assert ((days >= 90) & (days < 365) & excluded).any() and stays["exit_date"].isna().any()
