"""The data folder: rounds in order, one round assessed under the strict and tolerant policies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import UTOPIA

from kit.errors import KitError
from kit.framework import load_framework
from kit.io import datafolder
from kit.io.formats import load_responses
from kit.responses import Answer

GCIM = load_framework("gcim-2005")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A writable copy of the sample data folder (Utopia, rounds 2023 and 2025)."""
    shutil.copytree(UTOPIA, tmp_path / "utopia")
    return tmp_path


def test_rounds_are_ordered_as_people_number_them(tmp_path):
    """Are round folders ordered by their numbers (2023 < 2025 < 2025-q2, round-9 < round-10),
    with hidden folders and files left out?"""
    for name in ["2025", "round-10", "2023", "round-9", "2025-q2", ".git", "2019", "Round-2"]:
        (tmp_path / "x" / name).mkdir(parents=True)
    (tmp_path / "x" / "2024.csv").write_text("not a folder")
    assert datafolder.rounds(tmp_path, "x") == [
        "2019",
        "2023",
        "2025",
        "2025-q2",
        "Round-2",
        "round-9",
        "round-10",
    ]
    assert datafolder.previous_round(tmp_path, "x", "round-10") == "round-9"
    assert datafolder.previous_round(tmp_path, "x", "2025") == "2023"
    assert datafolder.previous_round(tmp_path, "x", "2019") is None


def test_strict_and_tolerant_agree_on_a_clean_folder(data_dir):
    """On a folder where every file reads, do both policies give the same assessment and no
    problem, against the round before?"""
    strict = datafolder.assess_round(data_dir, "Utopia", strict=True)
    tolerant = datafolder.assess_round(data_dir, "Utopia", strict=False)
    assert strict.assessment == tolerant.assessment
    assert tolerant.problems == ()
    assert strict.assessment.round == "2025" and strict.assessment.trend.previous_round == "2023"


def test_a_bad_file_stops_strict_and_is_named_by_tolerant(data_dir):
    """Does a file that cannot be read stop the strict policy with its KitError, while the
    tolerant one assesses the others and names it?"""
    bad = data_dir / "utopia" / "2025" / "justice.csv"
    bad.write_text(bad.read_text().replace(",2,", ",7,", 1))
    with pytest.raises(KitError, match=r"justice\.csv: row \d+ \(.*\): level 7 is outside 0-4"):
        datafolder.assess_round(data_dir, "Utopia", strict=True)
    result = datafolder.assess_round(data_dir, "Utopia", strict=False)
    assert "Ministry of Justice" not in result.assessment.ministries
    assert len(result.assessment.ministries) == 3
    assert len(result.problems) == 1 and "justice.csv" in result.problems[0]


def test_tolerant_policy_leaves_out_another_rounds_file(data_dir):
    """Is a file of another round put in this round's folder left out and named (tolerant),
    and refused (strict)?"""
    stray = data_dir / "utopia" / "2025" / "zz-old.csv"
    shutil.copy(data_dir / "utopia" / "2023" / "interior.csv", stray)
    with pytest.raises(KitError):
        datafolder.assess_round(data_dir, "Utopia", strict=True)
    result = datafolder.assess_round(data_dir, "Utopia", strict=False)
    assert [p for p in result.problems if "zz-old.csv: left out" in p]
    assert len(result.assessment.ministries) == 4


def test_answers_being_edited_replace_their_file(data_dir):
    """Do the answers on the page stand for their ministry instead of its file on disk?"""
    path = data_dir / "utopia" / "2025" / "labour.csv"
    editing = load_responses(path, GCIM)
    first = next(iter(GCIM.items))
    editing = editing.with_answer(Answer(first, "level", 0.0))
    result = datafolder.assess_round(
        data_dir,
        "Utopia",
        "2025",
        strict=False,
        framework=GCIM,
        editing=editing,
        editing_path=path,
    )
    card = result.assessment.ministries[editing.ministry]
    assert card.items[first].level == 0.0
    assert result.problems == ()


@pytest.mark.parametrize(
    "country, round_, message",
    [
        ("Atlantis", None, "atlantis: no round folders for Atlantis"),
        ("Utopia", "2030", "utopia: no round '2030' (have: 2023, 2025)"),
    ],
)
def test_missing_country_or_round_is_one_line(data_dir, country, round_, message):
    """Is a country or round that is not in the folder named in one line?"""
    with pytest.raises(KitError) as caught:
        datafolder.assess_round(data_dir, country, round_, strict=True)
    assert str(caught.value).endswith(message)
