"""The audit log: append-only, hash-chained, and `kit audit` catching any tampering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.cli import main
from kit.errors import KitError
from kit.io import audit


def three_entries(data: Path) -> Path:
    for action in ("save", "import", "review-comment"):
        audit.record(data, "utopia", action, who="Ana", round_="2025", detail={"file": "x.csv"})
    return audit.log_path(data, "utopia")


def test_intact_log_prints_history(data: Path, capsys) -> None:
    """Does `kit audit` print every entry of an untouched log, in order, and exit 0?"""
    three_entries(data)
    assert main(["audit", str(data), "--country", "utopia"]) == 0
    out = capsys.readouterr().out
    assert out.index("save") < out.index("import") < out.index("review-comment")
    assert "3 entries, hash chain intact" in out


def test_edited_line_is_named(data: Path, capsys) -> None:
    """Does changing one field of a middle line make `kit audit` exit 2 naming that line?"""
    path = three_entries(data)
    lines = path.read_text().splitlines()
    entry = json.loads(lines[1])
    entry["who"] = "Mallory"
    lines[1] = json.dumps(entry, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    err = capsys.readouterr().err
    assert "audit.jsonl: row 2: changed after it was written" in err
    assert len(err.strip().splitlines()) == 1


def test_deleted_line_is_named(data: Path, capsys) -> None:
    """Does removing a middle line make `kit audit` exit 2 naming the line that followed it?"""
    path = three_entries(data)
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    assert "row 2: does not follow the line before it" in capsys.readouterr().err


def test_swapped_lines_are_named(data: Path, capsys) -> None:
    """Does swapping two lines make `kit audit` exit 2 naming the first line out of place?"""
    path = three_entries(data)
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[1], lines[0], lines[2]]) + "\n")
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    assert "audit.jsonl: row 1: does not follow" in capsys.readouterr().err


def test_rehashed_edit_still_breaks_the_next_line(data: Path) -> None:
    """Does an edit whose own hash was recomputed still break the chain at the next line?"""
    path = three_entries(data)
    lines = path.read_text().splitlines()
    entry = json.loads(lines[0])
    entry["who"] = "Mallory"
    entry["hash"] = audit.entry_hash(entry)
    lines[0] = json.dumps(entry)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(KitError) as caught:
        audit.verify(path)
    assert caught.value.row == 2


def test_broken_log_is_not_extended(data: Path) -> None:
    """Is appending to a tampered log refused, leaving the file exactly as it was?"""
    path = three_entries(data)
    path.write_text(path.read_text().replace("Ana", "Bob", 1))
    before = path.read_bytes()
    with pytest.raises(KitError, match="not appending to a broken audit log"):
        audit.record(data, "utopia", "save", who="Ana")
    assert path.read_bytes() == before


def test_garbage_line_and_binary_file(data: Path, capsys) -> None:
    """Are a non-JSON line and a non-UTF-8 log each one line naming the file, exit 2?"""
    path = three_entries(data)
    path.write_text(path.read_text() + "oops\n")
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    assert "row 4: not a JSON line" in capsys.readouterr().err
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_cut_tail_caught_by_validation_anchor(data: Path, capsys) -> None:
    """When the log's last lines are removed after a validation, does `kit audit` exit 2 naming
    the validation record whose audit line is gone?"""
    three_entries(data)
    argv = ["--country", "utopia", "--round", "2025", "--by", "Ana"]
    assert main(["validate", str(data), *argv]) == 0
    path = audit.log_path(data, "utopia")
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")  # the chain of what is left is intact
    assert main(["audit", str(data), "--country", "utopia"]) == 2
    err = capsys.readouterr().err
    assert "2025/validation.json: line 4 of the audit log" in err and "cut short" in err
