"""`kit validate` and `kit reopen`: closing a round on the record, and refusing changed files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kit.cli import main
from kit.io import audit
from kit.io.review import new_comment, review_path, save_changes
from kit.io.validation import validation_path

ARGS = ["--country", "utopia", "--round", "2025"]


def validate(data: Path) -> int:
    return main(["validate", str(data), *ARGS, "--by", "Coordinator Ana"])


def assess(data: Path, tmp_path: Path) -> int:
    files = sorted(str(p) for p in (data / "utopia" / "2025").glob("*.csv"))
    return main(["assess", *files, "--out", str(tmp_path / "r.json")])


def test_open_comment_blocks_validation(data: Path, capsys) -> None:
    """Is validation refused while a comment is open, listing it, with nothing written?"""
    [c] = save_changes(
        review_path(data, "utopia", "2025"),
        [new_comment("objectives.development", "Expert", "Why?")],
    )
    assert validate(data) == 2
    err = capsys.readouterr().err
    assert f"1 review comment(s) still open: {c.id} on objectives.development by Expert" in err
    assert not validation_path(data, "utopia", "2025").exists()
    save_changes(review_path(data, "utopia", "2025"), [replace(c, status="accepted")])
    assert validate(data) == 0


def test_record_holds_who_when_and_hashes(data: Path) -> None:
    """Does the record name the validator, the time and a SHA-256 per response file?"""
    assert validate(data) == 0
    record = json.loads(validation_path(data, "utopia", "2025").read_text())
    assert record["status"] == "validated" and record["by"] == "Coordinator Ana"
    assert record["at"].endswith("Z")
    assert sorted(record["files"]) == [
        "foreign-affairs.csv",
        "interior.csv",
        "justice.csv",
        "labour.csv",
    ]
    assert all(len(h) == 64 for h in record["files"].values())
    assert audit.verify(audit.log_path(data, "utopia"))[-1]["action"] == "validate"


def test_changed_file_refuses_assess(data: Path, tmp_path: Path, capsys) -> None:
    """After validation, does `kit assess` exit 2 naming a changed file and the validation?"""
    assert validate(data) == 0
    assert assess(data, tmp_path) == 0
    capsys.readouterr()  # the status lines of the runs that worked
    labour = data / "utopia" / "2025" / "labour.csv"
    labour.write_bytes(labour.read_bytes().replace(b",3,", b",4,", 1))
    capsys.readouterr()
    assert assess(data, tmp_path / "x") == 2
    # Reading notes (the sample predates checklist 2.0) may precede it; the error is one line.
    [err] = [
        line for line in capsys.readouterr().err.splitlines() if not line.startswith("kit: note:")
    ]
    assert "labour.csv: changed since the round was validated by Coordinator Ana" in err
    assert "validation.json" in err


def test_reopen_is_on_record(data: Path, tmp_path: Path) -> None:
    """Does reopening keep the validation in the history, log who and why, and allow assess?"""
    assert validate(data) == 0
    labour = data / "utopia" / "2025" / "labour.csv"
    labour.write_bytes(labour.read_bytes() + b"\n")
    argv = ["reopen", str(data), *ARGS, "--by", "Ana", "--reason", "Labour corrected item 2.3"]
    assert main(argv) == 0
    record = json.loads(validation_path(data, "utopia", "2025").read_text())
    assert record["status"] == "reopened"
    assert [e["event"] for e in record["history"]] == ["validated", "reopened"]
    assert record["history"][1]["reason"] == "Labour corrected item 2.3"
    log = audit.verify(audit.log_path(data, "utopia"))
    assert [e["action"] for e in log] == ["validate", "reopen"]
    assert assess(data, tmp_path) == 0
    assert validate(data) == 0  # and it can be validated again


def test_reopen_needs_a_validated_round(data: Path, capsys) -> None:
    """Is reopening a round that was never validated refused with one line?"""
    assert main(["reopen", str(data), *ARGS, "--by", "Ana", "--reason", "x"]) == 2
    assert "not validated" in capsys.readouterr().err


def test_damaged_record_is_one_line(data: Path, tmp_path: Path, capsys) -> None:
    """Is a hand-damaged validation.json named in one line, exit 2, by assess and validate?"""
    validation_path(data, "utopia", "2025").write_text("{not json")
    assert assess(data, tmp_path) == 2
    assert "validation.json: not a validation record" in capsys.readouterr().err
    assert validate(data) == 2


def test_record_files_are_not_responses(data: Path, tmp_path: Path) -> None:
    """Do review.csv and validation.json beside the answers stay out of the round's ministries?"""
    from kit.io.datafolder import assess_round, response_files

    save_changes(
        review_path(data, "utopia", "2025"), [new_comment("objectives.development", "X", "Why?")]
    )
    save_changes(review_path(data, "utopia", "2025"), [])
    validation_path(data, "utopia", "2025").write_text("{}")
    assert sorted(response_files(data / "utopia" / "2025")) == [
        "foreign-affairs",
        "interior",
        "justice",
        "labour",
    ]
    assert len(assess_round(data, "utopia", "2025", strict=True).assessment.ministries) == 4


def test_batch_refuses_changed_validated_round(data: Path, tmp_path: Path, capsys) -> None:
    """Does `kit batch` also refuse a validated round whose file changed, naming it?"""
    assert validate(data) == 0
    interior = data / "utopia" / "2025" / "interior.csv"
    interior.write_bytes(interior.read_bytes() + b"\n")
    assert main(["batch", str(data), "--out", str(tmp_path / "out")]) == 1
    assert "interior.csv: changed since the round was validated" in capsys.readouterr().err
