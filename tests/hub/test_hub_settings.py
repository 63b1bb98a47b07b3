"""Rosters and hub settings: bad input named by file and row, settings that survive a restart."""

from __future__ import annotations

import os
import stat

import pytest

from kit.cli import main
from kit.errors import KitError
from kit.hub.accounts import read_roster
from kit.hub.settings import Course, HubSettings


def write(tmp_path, text: str):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_roster_makes_courses_and_keeps_given_passwords(tmp_path):
    """Does a roster give each course its trainers and officials, and keep given passwords?"""
    roster = write(
        tmp_path,
        "username,role,course,password\n"
        "amina,trainer,migration-governance,\n"
        "tomas,official,migration-governance,s3cret-pass\n"
        "lena,official,border-2026,\n",
    )
    courses, passwords = read_roster(roster)
    by_id = {c.id: c for c in courses}
    assert by_id["migration-governance"].trainers == ["amina"]
    assert by_id["migration-governance"].officials == ["tomas"]
    assert by_id["border-2026"].grader == "grader-border-2026"
    assert passwords == {"tomas": "s3cret-pass"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("username,role,course\namina,teacher,mg\n", "row 2: role 'teacher'"),
        ("username,role,course\namina,trainer,\n", "row 2: missing course"),
        ("username,role\namina,trainer\n", "row 2: missing course"),
        ("username,role,course\nAmina Diallo,trainer,mg\n", "row 2: account 'Amina Diallo'"),
        ("username,role,course\namina,trainer,MG 2026\n", "row 2: course id 'MG 2026'"),
        ("username,role,course\n", "has no accounts"),
    ],
)
def test_a_bad_roster_is_refused_naming_file_and_row(tmp_path, text, message):
    """Is each kind of bad roster refused with the file, the row and the fault?"""
    roster = write(tmp_path, text)
    with pytest.raises(KitError) as caught:
        read_roster(roster)
    assert str(roster) in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_roster_is_named(tmp_path):
    """Does a roster that does not exist get a one-line message?"""
    with pytest.raises(KitError, match="roster file not found"):
        read_roster(tmp_path / "nope.csv")


def test_settings_survive_a_round_trip(tmp_path):
    """Do the settings written for kit/hub/jupyterhub_config.py load back the same?"""
    settings = HubSettings(
        data_dir=tmp_path,
        port=8123,
        courses=[Course("mg", trainers=["amina"], officials=["tomas"])],
        db_url="postgresql+psycopg://kit@127.0.0.1/gradebook",
    )
    loaded = HubSettings.load(settings.save())
    assert loaded == settings
    assert loaded.users() == {"amina": "trainer", "tomas": "official"}


def test_damaged_settings_are_named(tmp_path):
    """Is a damaged settings file refused with its name and the JSON fault?"""
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KitError, match="settings.json: not valid JSON"):
        HubSettings.load(path)


def test_kit_hub_without_roster_says_what_to_give(tmp_path, capsys):
    """Does `kit hub` on an empty data folder exit 2 with a one-line hint, no traceback?"""
    code = main(["hub", "--dir", str(tmp_path / "hub")])
    err = capsys.readouterr().err
    assert code == 2
    assert "--roster" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def _modes_at_rename(monkeypatch) -> list[int]:
    """Record the mode of every temporary file at the moment it takes the settings' name."""
    from kit.hub import private

    seen: list[int] = []
    real_replace = private.os.replace

    def replace(src, dst):
        seen.append(os.stat(src).st_mode & 0o777)
        real_replace(src, dst)

    monkeypatch.setattr(private.os, "replace", replace)
    return seen


def test_settings_with_a_password_are_never_readable_by_others(tmp_path, monkeypatch):
    """Is the settings file (its database URL may hold a password) 0600 from its first byte,
    temporary file included, even under a umask that would let everyone read it?"""
    seen = _modes_at_rename(monkeypatch)
    created: list[int] = []
    real_open = os.open

    def spy_open(path, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT:
            created.append(mode)
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr("kit.hub.private.os.open", spy_open)
    old_umask = os.umask(0)
    try:
        settings = HubSettings(data_dir=tmp_path, db_url="postgresql+psycopg://kit:pw@db/gb")
        path = settings.save()
        settings.save()  # a second save replaces the file the same way
    finally:
        os.umask(old_umask)
    assert created == [0o600, 0o600]
    assert seen == [0o600, 0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary left


def test_the_credentials_file_is_private_from_the_start(tmp_path, monkeypatch):
    """Are generated passwords appended to a file created 0600, and is an existing file that
    someone made readable closed again?"""
    from kit.hub.private import append_private

    old_umask = os.umask(0)
    try:
        path = append_private(tmp_path / "credentials.csv", "username,password\n")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.chmod(0o644)
        append_private(path, "amina,x\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "username,password\namina,x\n"
