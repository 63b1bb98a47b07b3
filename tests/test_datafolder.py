"""The data folder: rounds in order, one round assessed under the strict and tolerant policies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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


# -- names in any script (issue #14) ---------------------------------------------------------

SAFE = r"[a-z0-9]+(-[a-z0-9]+)*"


def test_arabic_ministries_get_different_safe_names():
    """Do "وزارة الداخلية" and "وزارة الخارجية" (Interior, Foreign Affairs) give two different,
    non-empty, safe file names?"""
    interior = datafolder.slugify("وزارة الداخلية")
    foreign = datafolder.slugify("وزارة الخارجية")
    assert interior and foreign and interior != foreign
    assert re.fullmatch(SAFE, interior) and re.fullmatch(SAFE, foreign)


def test_names_in_other_scripts_are_stable_across_runs():
    """Is a non-Latin name's file name the same in another Python process (no per-run hash
    seed) and the value this version promised (so existing folders are found again)?"""
    names = ["وزارة الداخلية", "Министерство внутренних дел", "公安部"]
    code = f"from kit.io.datafolder import slugify; print([slugify(n) for n in {names!r}])"
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    here = [datafolder.slugify(n) for n in names]
    assert other.stdout.strip() == repr(here)
    assert here == [
        "wzara-aldakhlya-11f2d0c8",
        "ministerstvo-vnutrennikh-del-5ef81326",
        "name-a59b5105",
    ]


@pytest.mark.parametrize(
    "names",
    [
        ["Министерство внутренних дел", "Министерство иностранных дел"],
        ["公安部", "外交部", "内政部"],
        ["وزارة الداخلية", "وزاره الداخليه"],  # two spellings (ta marbuta, ha) stay two files
    ],
)
def test_names_in_cyrillic_and_chinese_are_distinct_and_safe(names):
    """Does every name in Cyrillic or Chinese script give its own safe file name?"""
    slugs = [datafolder.slugify(n) for n in names]
    assert len(set(slugs)) == len(names)
    assert all(re.fullmatch(SAFE, s) for s in slugs)


def test_a_name_typed_twice_differently_spaced_or_cased_is_one_file():
    """Do extra spaces or letter case (Cyrillic) leave the file name unchanged, as in Latin?"""
    assert datafolder.slugify(" وزارة  الداخلية ") == datafolder.slugify("وزارة الداخلية")
    assert datafolder.slugify("МИД России") == datafolder.slugify("мид россии")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ministry of Interior", "ministry-of-interior"),
        ("Ministère de l'Intérieur", "ministere-de-l-interieur"),
        ("Ministerio del Interior y Migración", "ministerio-del-interior-y-migracion"),
        ("Utopia", "utopia"),
        ("2025", "2025"),
        ("Straße", "strae"),  # Latin, so unchanged from before (no hash)
        ("٢٠٢٥", "2025"),  # Arabic-Indic digits are digits
    ],
)
def test_latin_names_keep_their_old_slugs(name, slug):
    """Do Latin-script names keep exactly the file names they had (existing data found)?"""
    assert datafolder.slugify(name) == slug


def test_every_sample_folder_is_found_by_its_display_name():
    """Does each sample ministry's display name still lead to its existing file?"""
    for round_dir in sorted(p for p in UTOPIA.iterdir() if p.is_dir()):
        for name in datafolder.names(round_dir).values():
            assert datafolder.find_ministry_file(round_dir, name) is not None, (round_dir, name)


def test_two_arabic_ministries_are_saved_apart_with_their_names_as_typed(tmp_path):
    """Do two ministries named in Arabic, answering in the dashboard, get two files in one
    round folder, each found again by its name, with the name inside kept exactly as typed?"""
    from kit.dashboard.session import Session

    typed = ["وزارة الداخلية", "وزارة الخارجية"]
    item = next(iter(GCIM.items))
    for name in typed:
        session = Session(tmp_path, GCIM)
        session.open("المملكة المغربية", "٢٠٢٥", name)
        session.set_answer(Answer(item, "level", 2.0))
    (country,) = [p.name for p in tmp_path.iterdir()]
    assert re.fullmatch(SAFE, country)
    round_dir = tmp_path / country / "2025"
    assert sorted(datafolder.names(round_dir).values()) == sorted(typed)
    found = [datafolder.find_ministry_file(round_dir, name) for name in typed]
    assert None not in found and found[0] != found[1]
    assert load_responses(found[0], GCIM).ministry == typed[0]
