"""Does the kit find its packaged files, and keep the user's files out of the package?"""

from __future__ import annotations

import pytest
from repo import SAMPLE

from kit import paths


def test_packaged_folders_hold_what_the_commands_need():
    """Do the packaged folders hold the lessons, graded sources, datasets and frameworks?"""
    assert (paths.curriculum_dir() / "index.ipynb").is_file()
    assert sorted(paths.curriculum_dir().glob("*/module.yaml"))
    assert sorted(paths.assessment_source_dir().glob("*/*.ipynb"))
    assert paths.nbgrader_config_file().is_file()
    assert (paths.datasets_dir() / "border-crossings" / "stays.csv").is_file()
    assert (paths.sample_data_dir() / "utopia" / "2025" / "interior.csv").is_file()
    assert (paths.frameworks_dir() / "gcim-2005.yaml").is_file()


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"KIT_HOME": "{tmp}/mine", "XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/mine"),
        ({"XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/xdg/kit"),
        ({"HOME": "{tmp}/home"}, "{tmp}/home/.local/share/kit"),
    ],
)
def test_user_folder_follows_the_environment(variables, expected, tmp_path, monkeypatch):
    """Is the user's kit folder $KIT_HOME, else $XDG_DATA_HOME/kit, else ~/.local/share/kit?"""
    for name in ("KIT_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    folder = paths.user_data_dir()
    assert str(folder) == expected.format(tmp=tmp_path) and folder.is_dir()


def test_working_sample_is_a_copy_that_keeps_the_users_answers(tmp_path, monkeypatch):
    """Is the dashboard's default folder a copy of the sample outside the package, made once,
    so that the user's answers survive and the packaged sample never changes?"""
    monkeypatch.setenv("KIT_HOME", str(tmp_path))
    copy = paths.working_sample()
    assert copy == tmp_path / "self-assessment"
    assert not copy.resolve().is_relative_to(paths.package_dir().resolve().parent / "datasets")
    answers = copy / "utopia" / "2025" / "interior.csv"
    original = (SAMPLE / "utopia" / "2025" / "interior.csv").read_bytes()
    assert answers.read_bytes() == original
    assert not list(copy.glob("*.py"))  # the generator script is not the user's data
    answers.write_text("edited", encoding="utf-8")
    assert paths.working_sample() == copy and answers.read_text(encoding="utf-8") == "edited"
    assert (SAMPLE / "utopia" / "2025" / "interior.csv").read_bytes() == original
