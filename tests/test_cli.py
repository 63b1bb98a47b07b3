"""The command line's own rules: one tree, every option explained, one meaning per flag."""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys

import pytest
from repo import SAMPLE

from kit.cli import build_parser, main
from kit.cli import options as shared
from kit.curriculum.manifest import CurriculumError
from kit.errors import KitError, run_command


def _commands(parser: argparse.ArgumentParser, prefix: str = "kit"):
    """Every command of the tree as (its words, its parser), old spellings included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words = f"{prefix} {name}"
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, words)
                else:
                    yield words, sub


COMMANDS = dict(_commands(build_parser()))
OLD = {"kit report", "kit course report", "kit course dashboard"}


def test_help_lists_every_command_and_no_old_spelling(capsys):
    """Does `kit --help` list the commands by their new names, and never an old spelling?"""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"start", "lessons", "assess", "checklist", "template", "batch", "dashboard"} <= listed
    assert {"course", "hub"} <= listed
    assert "report" not in listed
    assert main(["course", "--help"]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"analytics", "cohort-dashboard", "autograde"} <= listed
    assert not {"report", "dashboard"} & listed


@pytest.mark.parametrize("words", sorted(set(COMMANDS) - OLD))
def test_every_option_is_explained(words):
    """Does every option and argument of this command carry a help line?"""
    for action in COMMANDS[words]._actions:
        if action.help == argparse.SUPPRESS:
            continue  # an old spelling, kept for one release
        assert action.help and len(action.help) > 10, (words, action.dest)


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_is_a_function_of_its_options(words):
    """Is each command a function whose parameters are exactly its options (no Namespace)?
    (``--lang``, dest ``_lang``, is the one option kit.cli applies around every command.)"""
    parser = COMMANDS[words]
    func = parser.get_default("_func")
    dests = {a.dest for a in parser._actions if a.dest != "help" and not a.dest.startswith("_")}
    assert set(inspect.signature(func).parameters) == dests, words


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_takes_lang(words):
    """Does every command accept --lang (issue #14), naming the languages in its help?"""
    (action,) = [a for a in COMMANDS[words]._actions if "--lang" in a.option_strings]
    assert action.dest in ("_lang", "lang") and "fr" in action.help and "KIT_LANG" in action.help


def test_one_flag_one_meaning():
    """Do --dir, --port, --workers and --out mean the same thing in every command?"""
    for words, parser in COMMANDS.items():
        for action in parser._actions:
            flags = set(action.option_strings)
            if "--dir" in flags:
                assert action.dest == "folder" and action.metavar == "DIR", words
            if "--port" in flags:
                assert action.type is shared.port, words
            if flags & {"--workers", "--timeout", "--memory", "--officials"}:
                assert action.type is shared.positive_int, (words, flags)
            if "--pass-mark" in flags:
                assert action.type is shared.percent, words
            if "--out" in flags:
                # A FILE whose suffix gives the format, or a FOLDER for several files: say which.
                assert ("FILE" in action.help) != ("FOLDER" in action.help), (words, action.help)
            hidden = action.help == argparse.SUPPRESS
            assert not (flags & {"--data", "--course", "--batch"}) or hidden or words in OLD


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["template", "--format", "xlsx", "--out", "{tmp}/x.csv"], "disagrees with --out"),
        (["checklist", "--format", "json", "--out", "{tmp}/x.md"], "disagrees with --out"),
        (["assess", "{tmp}/a.csv", "--out", "{tmp}/r.txt"], "unknown file type '.txt'"),
        (["batch", "{tmp}", "--out", "{tmp}/o", "--workers", "0"], "0 must be at least 1"),
        (["dashboard", "--port", "70000"], "not a port"),
        (["assess", "{tmp}/a.csv", "--out", "{tmp}/r.html", "--target", "5"], "outside the levels"),
        (["course", "certificates", "--pass-mark", "120"], "not a percentage 0-100"),
        (["hub", "--officials", "zero"], "'zero' is not a whole number"),
        (["course", "bogus"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_nothing_written(argv, message, tmp_path, capsys):
    """Is bad input refused with one `kit: error:` line, exit code 2 and no file written?"""
    before = sorted(tmp_path.iterdir())
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit: error:") and message in err and err.count("\n") == 1, err
    assert sorted(tmp_path.iterdir()) == before


def test_out_suffix_gives_the_format(tmp_path, capsys):
    """Does --out's suffix choose the format when --format is not given, and agree when it is?"""
    assert main(["template", "--out", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("framework,")
    assert main(["template", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"
    assert main(["checklist", "--out", str(tmp_path / "c.json")]) == 0
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["id"] == "gcim-2005"
    capsys.readouterr()


def test_data_to_stdout_status_to_stderr(tmp_path, capsys):
    """Does stdout carry only data (the checklist), and a report's status line go to stderr?"""
    assert main(["checklist", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["id"] == "gcim-2005" and err == ""
    files = [str(p) for p in sorted((SAMPLE / "utopia" / "2025").glob("*.csv"))]
    assert main(["assess", *files, "--out", str(tmp_path / "r.json")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "overall" in err


@pytest.mark.parametrize(
    ("argv", "new"),
    [
        (["report", "--batch", "{tmp}/none", "--out", "{tmp}/o"], "`kit batch DIR`"),
        (["course", "report", "--dir", "{tmp}"], "`kit course analytics`"),
        (["course", "dashboard", "--dir", "{tmp}"], "`kit course cohort-dashboard`"),
        (["course", "status", "--course", "{tmp}"], "--course is now --dir"),
        (["dashboard", "--data", "{tmp}/none"], "--data is now --dir"),
    ],
)
def test_old_spellings_work_with_a_notice(argv, new, tmp_path, capsys):
    """Does an old spelling still reach its command, after a one-line notice naming the new one?"""
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2  # the command ran: no such folder
    notice, error = capsys.readouterr().err.splitlines()
    assert notice.startswith("kit: notice:") and new in notice and "next release" in notice
    assert error.startswith("kit: error:") and str(tmp_path) in error


def test_curriculum_errors_are_one_line(capsys):
    """Does a broken module manifest reach the user as one line, not a traceback?"""

    def broken() -> int:
        raise CurriculumError("curriculum/09-x/module.yaml: missing field(s): title")

    assert run_command(broken) == 2
    assert capsys.readouterr().err == (
        "kit: error: curriculum/09-x/module.yaml: missing field(s): title\n"
    )
    assert issubclass(CurriculumError, KitError)


def test_python_m_kit_is_the_same_command():
    """Does `python -m kit` run the same tree (course and hub help included)?"""
    for argv, expected in ((["course", "--help"], "autograde"), (["hub", "--help"], "--roster")):
        result = subprocess.run(
            [sys.executable, "-m", "kit", *argv], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and expected in result.stdout, result.stderr
