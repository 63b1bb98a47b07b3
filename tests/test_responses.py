"""Response files: every format reads back what was saved, and saving is atomic."""

from __future__ import annotations

import pytest
from factories import ministry

from kit.errors import KitError
from kit.io.formats import load_responses, save_responses


@pytest.mark.parametrize("suffix", [".csv", ".yaml", ".json"])
def test_saved_answers_load_back_unchanged(mini, tmp_path, suffix):
    """Does each format keep levels, N/A reasons, don't know, evidence and comments?"""
    rs = ministry("Interior", {"a.one": 3, "a.two": "na", "a.three": "dk", "b.one": 0})
    rs = rs.with_answer(
        rs.answers["a.one"].__class__("a.one", "level", 3.0, evidence="Act 5, 2024", comment="ok")
    )
    path = save_responses(rs, tmp_path / f"interior{suffix}", mini)
    back = load_responses(path, mini)
    assert (back.country, back.ministry, back.round) == ("Mini", "Interior", "2025")
    for item_id in mini.items:
        assert back.answer(item_id) == rs.answer(item_id), item_id


def test_levels_are_read_in_the_forms_people_type(mini, tmp_path):
    """Are "n/a", "DK", "2.0" and a blank read as N/A, don't know, level 2 and unanswered?"""
    path = tmp_path / "typed.csv"
    path.write_text(
        "framework,country,ministry,round,item_id,level,na_reason\n"
        "mini,Mini,Interior,2025,a.one,n/a,outside our remit\n"
        "mini,Mini,Interior,2025,a.two,DK,\n"
        "mini,Mini,Interior,2025,a.three,2.0,\n"
        "mini,Mini,Interior,2025,b.one,,\n",
        encoding="utf-8-sig",  # Excel's "CSV UTF-8" starts with a byte-order mark
    )
    rs = load_responses(path, mini)
    assert [rs.answer(i).status for i in ("a.one", "a.two", "a.three", "b.one")] == [
        "na",
        "dont_know",
        "level",
        "unanswered",
    ]
    assert rs.answer("a.three").level == 2


def test_failed_save_keeps_the_earlier_file(mini, tmp_path, monkeypatch):
    """If writing fails half-way, is the earlier response file intact and no temp file left?"""
    path = save_responses(ministry("Interior", {"a.one": 1}), tmp_path / "interior.csv", mini)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        save_responses(ministry("Interior", {"a.one": 4}), path, mini)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["interior.csv"]


def test_saving_to_a_missing_folder_is_a_clear_error(mini, tmp_path):
    """Is a save into a folder that does not exist refused with the folder named?"""
    with pytest.raises(KitError, match="does not exist"):
        save_responses(ministry("Interior", {"a.one": 1}), tmp_path / "no" / "x.csv", mini)


def test_saved_file_keeps_its_permissions(mini, tmp_path):
    """Does an atomic save keep the file's mode (a temp file would otherwise make it 0600)?"""
    path = save_responses(ministry("Interior", {"a.one": 1}), tmp_path / "interior.csv", mini)
    assert path.stat().st_mode & 0o077, "a new file should be readable by others, as open() makes"
    path.chmod(0o640)
    save_responses(ministry("Interior", {"a.one": 2}), path, mini)
    assert path.stat().st_mode & 0o777 == 0o640
