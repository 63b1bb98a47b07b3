"""The review file: tolerant reading, one-line faults, and merging saves from two tabs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.framework import load_framework
from kit.io.review import (
    load_review,
    new_comment,
    parse_review,
    review_csv,
    review_path,
    save_changes,
)

GCIM = load_framework("gcim-2005")


def test_round_trip(data: Path) -> None:
    """Does a saved comment come back the same, with its response and status?"""
    path = review_path(data, "utopia", "2025")
    first = new_comment(
        "objectives.development", "Ministry of Justice", 'Evidence? "=SUM(A1)"', "Interior"
    )
    save_changes(path, [first])
    [back] = load_review(path, GCIM)
    assert (back.id, back.item_id, back.comment, back.ministry) == (
        first.id,
        "objectives.development",
        'Evidence? "=SUM(A1)"',
        "Interior",
    )
    assert back.status == "open" and back.version == 1


def test_semicolon_utf16_file_reads(tmp_path: Path) -> None:
    """Is a review file saved by a French Excel (semicolons) as UTF-16 read like any CSV?"""
    text = (
        "id;item_id;reviewer;comment;status\r\n"
        "c1;objectives.development;Expert;Où est la loi ?;open\r\n"
    )
    [c] = parse_review(text.encode("utf-16"), "review.csv", GCIM)
    assert (c.id, c.comment, c.status) == ("c1", "Où est la loi ?", "open")


@pytest.mark.parametrize(
    ("row", "fault"),
    [
        ("c1,objectives.development,Expert,Why?,pending", "row 3: status 'pending' is not one of"),
        ("c1,objectives.nope,Expert,Why?,open", "row 3: unknown item 'objectives.nope'"),
        (",objectives.development,Expert,Why?,open", "row 3: no comment id"),
        ("c0,objectives.development,Expert,Why?,open", "row 3: comment id 'c0' appears twice"),
        ("c1,objectives.development,Expert,,open", "row 3: empty comment"),
    ],
)
def test_bad_rows_name_file_and_row(row: str, fault: str) -> None:
    """Is each bad row one KitError naming the file and its row number?"""
    text = (
        f"id,item_id,reviewer,comment,status\nc0,objectives.development,Expert,Fine,open\n{row}\n"
    )
    with pytest.raises(KitError) as caught:
        parse_review(text.encode(), "DIR/utopia/2025/review.csv", GCIM)
    assert str(caught.value).startswith("DIR/utopia/2025/review.csv: ")
    assert fault in str(caught.value)


def test_missing_column() -> None:
    """Is a review file without a status column refused, naming the column?"""
    with pytest.raises(KitError, match="missing column 'status'"):
        parse_review(b"id,item_id,reviewer,comment\n", "review.csv")


def test_two_tabs_keep_both_comments(data: Path) -> None:
    """When two tabs each add a comment from the same stale read, are both kept?"""
    path = review_path(data, "utopia", "2025")
    tab_a = new_comment("objectives.development", "Justice", "first")
    tab_b = new_comment("objectives.integration", "Expert", "second")
    save_changes(path, [tab_a])
    save_changes(path, [tab_b])  # tab B never saw tab A's comment
    assert {c.comment for c in load_review(path)} == {"first", "second"}


def test_stale_edit_is_refused_not_lost(data: Path) -> None:
    """Is an answer to a comment another tab already changed refused, keeping the other's text?"""
    path = review_path(data, "utopia", "2025")
    [saved] = save_changes(
        path, [new_comment("objectives.development", "Justice", "Where is the decree?")]
    )
    ministry = replace(saved, response="Annex 3", status="answered")
    reviewer = replace(saved, comment="Where is the decree of 2024?")
    save_changes(path, [ministry])
    before = path.read_bytes()
    with pytest.raises(KitError, match="changed elsewhere"):
        save_changes(path, [reviewer])
    assert path.read_bytes() == before
    [now] = load_review(path)
    assert (now.response, now.status, now.version) == ("Annex 3", "answered", 2)


def test_csv_writes_formula_text_as_is() -> None:
    """Does the CSV keep a comment starting with '=' as the text typed (no quoting tricks)?"""
    c = new_comment("objectives.development", "Expert", "=1+1")
    assert ",=1+1," in review_csv([c])


def test_bad_change_writes_nothing(data: Path) -> None:
    """Is a comment on an unknown item refused before the file is touched?"""
    path = review_path(data, "utopia", "2025")
    save_changes(path, [new_comment("objectives.development", "Expert", "ok")], GCIM)
    before = path.read_bytes()
    with pytest.raises(KitError, match="unknown item 'nope'"):
        save_changes(path, [new_comment("nope", "Expert", "bad")], GCIM)
    assert path.read_bytes() == before
