"""Are the datasets of modules 03 and 04 reproducible, consistent and described truthfully?"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from curriculum_harness import DATASETS, SOURCE

MRZ = DATASETS / "passport-mrz"
CASELOAD = DATASETS / "asylum-caseload"
VIGNETTES = DATASETS / "case-vignettes"
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


def load_generator(path: Path):
    """Import a dataset generator script as a module (they live beside their data, not in kit)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def as_text(rows: list[dict]) -> list[dict]:
    """Rows as csv.DictReader would give them back (every value text)."""
    return [{k: str(v) for k, v in row.items()} for row in rows]


@pytest.fixture(scope="module")
def mrz():
    return load_generator(MRZ / "make_passport_mrz.py")


@pytest.fixture(scope="module")
def caseload():
    return load_generator(CASELOAD / "make_asylum_caseload.py")


@pytest.fixture(scope="module")
def vignettes():
    return load_generator(VIGNETTES / "make_case_vignettes.py")


# --- the check digit -------------------------------------------------------------------------


def test_specimen_check_digits_are_6_2_9_1_0(mrz):
    """Does our check digit give ICAO's Utopia specimen its digits 6, 2, 9, 1 and 0?"""
    line2 = SPECIMEN[1]
    assert mrz.check_digit(line2[0:9]) == 6
    assert mrz.check_digit(line2[13:19]) == 2
    assert mrz.check_digit(line2[21:27]) == 9
    assert mrz.check_digit(line2[28:42]) == 1
    assert mrz.composite_check_digit(line2[:43]) == 0
    assert mrz.failing_checks(line2) == []


def test_swap_three_places_apart_goes_unnoticed_but_a_neighbour_swap_does_not(mrz):
    """Does 740812 -> 840712 keep check digit 2, while 740812 -> 470812 changes it?"""
    assert mrz.check_digit("840712") == mrz.check_digit("740812") == 2
    assert mrz.check_digit("470812") != 2


def test_filler_as_optional_data_check_digit_passes_only_when_the_field_is_empty(mrz):
    """Does `<` in position 43 pass when positions 29-42 are all fillers, and fail otherwise?"""
    body = "L898902C36UTO7408122F1204159" + "<" * 14
    for digit in "<0":  # Doc 9303 Part 4: either, at the issuing state's option
        line2 = body + digit + str(mrz.composite_check_digit(body + digit))
        assert mrz.failing_checks(line2) == [], digit
    filled = SPECIMEN[1][:42] + "<" + SPECIMEN[1][43]  # optional data present: `<` is wrong
    assert "optional_data" in mrz.failing_checks(filled)


def test_batches_hold_genuine_passports_with_empty_optional_data(mrz):
    """Do both batches include clean records with `<` in position 43, none of them flagged?"""
    for batch_file, truth_file, expected in [
        ("mrz-batch.csv", "ground-truth.csv", 21),
        ("practice-batch.csv", "practice-ground-truth.csv", 5),
    ]:
        truth = {t["record_id"]: t for t in read_rows(MRZ / truth_file)}
        empty = [r for r in read_rows(MRZ / batch_file) if r["line2"][28:43] == "<" * 15]
        assert len(empty) == expected, batch_file
        for row in empty:
            assert truth[row["record_id"]]["corrupted"] == "False", row["record_id"]
            assert mrz.failing_checks(row["line2"]) == [], row["record_id"]


def test_check_digit_rejects_characters_outside_the_mrz_set(mrz):
    """Is a lower-case letter refused rather than given a made-up value?"""
    with pytest.raises(ValueError, match="not an MRZ character"):
        mrz.check_digit("l898902c3")


# --- passport-mrz ----------------------------------------------------------------------------


def test_mrz_generator_is_deterministic_and_matches_the_committed_files(mrz):
    """Do two runs build the same batch, equal to the committed CSV files?"""
    first, truth = mrz.build()
    second, _ = mrz.build()
    assert first == second
    assert read_rows(MRZ / "mrz-batch.csv") == as_text(first)
    assert read_rows(MRZ / "ground-truth.csv") == as_text(truth)
    practice, practice_truth = mrz.build(**mrz.PRACTICE)
    assert read_rows(MRZ / "practice-batch.csv") == as_text(practice)
    assert read_rows(MRZ / "practice-ground-truth.csv") == as_text(practice_truth)


def test_mrz_assignment_copy_is_identical_and_has_no_ground_truth():
    """Is the exercise's batch byte-identical to the dataset, with the ground truth left out?"""
    folder = SOURCE / "03-border-management"
    assert (folder / "mrz-batch.csv").read_bytes() == (MRZ / "mrz-batch.csv").read_bytes()
    assert not (folder / "ground-truth.csv").exists()
    assert "corrupt" not in (folder / "mrz-batch.csv").read_text(encoding="utf-8").lower()


def test_every_record_is_two_lines_of_44_mrz_characters():
    """Is every record in TD3 shape: two lines of 44 characters from A-Z, 0-9 and <?"""
    for row in read_rows(MRZ / "mrz-batch.csv"):
        for line in (row["line1"], row["line2"]):
            assert re.fullmatch(r"[A-Z0-9<]{44}", line), row["record_id"]
        assert row["line1"].startswith("P<UTO"), row["record_id"]


@pytest.mark.parametrize(
    "batch_file, truth_file, counts",
    [
        ("mrz-batch.csv", "ground-truth.csv", (11, 3)),
        ("practice-batch.csv", "practice-ground-truth.csv", (4, 2)),
    ],
)
def test_failing_records_are_exactly_the_detectable_corruptions(
    mrz, batch_file, truth_file, counts
):
    """Do the records failing a check digit match the ground truth's detectable corruptions?"""
    batch = {r["record_id"]: r for r in read_rows(MRZ / batch_file)}
    truth = read_rows(MRZ / truth_file)
    failing = {rid for rid, r in batch.items() if mrz.failing_checks(r["line2"])}
    detectable = {t["record_id"] for t in truth if t["detectable_by_check_digits"] == "True"}
    hidden = {t["record_id"] for t in truth if t["detectable_by_check_digits"] == "False"}
    assert failing == detectable
    assert (len(detectable), len(hidden)) == counts
    for t in truth:
        if t["corrupted"] == "True":
            text = batch[t["record_id"]]["line1"] + batch[t["record_id"]]["line2"]
            assert t["corrupted_value"] in text, t["record_id"]


def test_data_card_lists_the_corrupted_records_of_the_ground_truth():
    """Does the data card's table name the same corrupted records, fields and detectability?"""
    card = (MRZ / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (R\d{3}) \| ([^|]+) \|[^|]+\|[^|]+\| ([^|]+) \|$", card, re.MULTILINE)
    assert len(rows) == 14, "the card's corruption table should list 14 records"
    in_card = {rid: ("yes" in caught, field.strip()) for rid, field, caught in rows}
    truth = {
        t["record_id"]: t["detectable_by_check_digits"] == "True"
        for t in read_rows(MRZ / "ground-truth.csv")
        if t["corrupted"] == "True"
    }
    assert {rid: caught for rid, (caught, _) in in_card.items()} == truth


# --- asylum-caseload -------------------------------------------------------------------------


def test_caseload_generator_is_deterministic_and_matches_the_committed_files(caseload):
    """Do two runs give the same caseload, equal to the committed CSV files?"""
    rows, opening = caseload.build()
    assert (rows, opening) == caseload.build()
    assert read_rows(CASELOAD / "caseload.csv") == as_text(rows)
    assert read_rows(CASELOAD / "opening-stock.csv") == as_text(opening)


def test_caseload_assignment_copies_are_identical():
    """Are the exercise's caseload files byte-identical to the dataset's?"""
    folder = SOURCE / "04-status-determination"
    for name in ("caseload.csv", "opening-stock.csv"):
        assert (folder / name).read_bytes() == (CASELOAD / name).read_bytes(), name


def test_pending_stock_never_goes_negative_and_backlog_turns_in_2024():
    """Does the stock stay non-negative per origin, growing in 2023 and falling in 2024?"""
    pending = {
        r["origin"]: int(r["pending_2023_01_01"]) for r in read_rows(CASELOAD / "opening-stock.csv")
    }
    assert sum(pending.values()) == 12000
    totals = {}
    for row in read_rows(CASELOAD / "caseload.csv"):
        closed = sum(
            int(row[k]) for k in ("recognised", "complementary", "rejected", "otherwise_closed")
        )
        pending[row["origin"]] += int(row["applications"]) - closed
        assert pending[row["origin"]] >= 0, row
        totals[row["month"]] = sum(pending.values())
    assert totals["2023-12"] > 12000, "the backlog should grow through 2023"
    assert totals["2024-12"] < totals["2023-12"], "the backlog should fall through 2024"


# --- case-vignettes --------------------------------------------------------------------------


def test_vignettes_match_their_generator_and_keep_the_key_apart(vignettes):
    """Are the vignette files current, fictional in name, and free of answer-key columns?"""
    public = read_rows(VIGNETTES / "vignettes.csv")
    key = read_rows(VIGNETTES / "answer-key.csv")
    assert (
        [r["id"] for r in public]
        == [r["id"] for r in key]
        == [v["id"] for v in vignettes.VIGNETTES]
    )
    assert set(public[0]) == {"id", "applicant", "origin", "narrative"}
    assert {r["origin"] for r in public} <= {"Estavia", "Meridia", "Nordavia"}
    for row in public:
        assert re.fullmatch(r"[A-Z]+, [A-Z][a-z]+( [A-Z][a-z]+)*", row["applicant"]), row["id"]


def test_graded_questions_quote_the_batch_as_it_is(mrz):
    """Do the lines quoted in the module 03 exercise match the batch, and fail as the text says?"""
    text = (SOURCE / "03-border-management" / "03-border-management.ipynb").read_text("utf-8")
    batch = {r["record_id"]: r["line2"] for r in read_rows(MRZ / "mrz-batch.csv")}
    for record in ("R002", "R005"):
        assert batch[record] in text, f"{record}'s line 2 is not quoted as in the batch"
    assert batch["R005"][28:43] == "<" * 15 and mrz.failing_checks(batch["R005"]) == []
    assert mrz.failing_checks(batch["R181"]) == ["composite"]
