"""The command line's own behaviour: every command listed, sub-tools reachable with their help."""

from __future__ import annotations

import subprocess
import sys

import pytest


def kit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], capture_output=True, text=True, check=False
    )


def test_help_lists_every_command():
    """Does `kit --help` list the commands the README names?"""
    out = kit("--help").stdout
    for command in (
        "assess",
        "checklist",
        "template",
        "start",
        "dashboard",
        "lessons",
        "course",
        "hub",
        "report",
    ):
        assert f"    {command}" in out, command


@pytest.mark.parametrize(("command", "expected"), [("course", "autograde"), ("hub", "--roster")])
def test_passthrough_commands_show_their_own_help(command, expected):
    """Does `kit course --help` (and `kit hub --help`) reach that tool's own parser?"""
    result = kit(command, "--help")
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
