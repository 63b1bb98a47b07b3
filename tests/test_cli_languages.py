"""`kit`'s own command-line text in the officials' languages (issue #14): the help of every
command, argparse's headings and its parse errors, chosen by --lang (anywhere on the line) or
$KIT_LANG, as a person sees them."""

from __future__ import annotations

import argparse
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from kit import i18n
from kit.cli import argparse_text, build_parser, main

TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]


def kit_says(lang: str, msgid: str) -> str:
    """``msgid`` as the ``kit`` catalogue has it in ``lang``, cut at its first value."""
    return i18n.gettext("kit", msgid, lang).split("{")[0].strip()


def _texts(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, str]]:
    """Every text a person reads in ``parser``'s tree: (where, text), in a fixed order."""
    for name in ("description", "epilog"):
        if getattr(parser, name):
            yield f"{path} {name}", getattr(parser, name)
    for group in parser._action_groups:
        yield f"{path} heading", group.title
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield f"{path} {choice.dest} (in the command list)", choice.help
            for name, child in action.choices.items():
                yield from _texts(child, f"{path} {name}")


def _tree(lang: str) -> list[tuple[str, str]]:
    with i18n.use(lang):
        return list(_texts(build_parser(), "kit"))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_help_text_of_every_command_is_translated(lang):
    """Is every help text, description and heading of every `kit` command, in French, Spanish
    and Arabic, the translation its `.po` catalogue holds for the English text (or, for a text
    with values filled in, at least not the English text)?"""
    english, translated = _tree("en"), _tree(lang)
    assert [where for where, _t in english] == [where for where, _t in translated]
    catalogue = _translations(lang)
    untranslated = []
    for (where, source), (_w, text) in zip(english, translated, strict=True):
        if source in catalogue:
            wrong = not catalogue[source] or text != catalogue[source]
        else:  # "... (default gcim-2005)": made from a msgid with a value filled in
            wrong = text == source
        if wrong:
            untranslated.append(f"{where}: {source!r}")
    assert not untranslated, "\n".join(untranslated)
    assert len(english) > 150  # the whole tree was walked, not just the top


def _translations(lang: str) -> dict[str, str]:
    """The ``kit`` catalogue of ``lang``: msgid -> translation ("" when missing or fuzzy)."""
    from babel.messages.pofile import read_po
    from repo import ROOT

    with (ROOT / "kit" / "locale" / lang / "LC_MESSAGES" / "kit.po").open("rb") as handle:
        return {
            m.id: ("" if m.fuzzy else m.string) for m in read_po(handle) if isinstance(m.id, str)
        }


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_commands_help_prints_in_every_language(lang, capsys):
    """Does `kit COMMAND --help` print for every command in every language (a stray % in a
    translation would break argparse's formatting), starting with the translated usage line?"""
    with i18n.use(lang):
        parser = build_parser()
    commands = [[]]
    for action in parser._subparsers._group_actions:
        for name, child in action.choices.items():
            commands.append([name])
            for sub in child._actions:
                if isinstance(sub, argparse._SubParsersAction):
                    commands.extend([name, inner] for inner in sub.choices)
    for command in commands:
        assert main([*command, "--help", "--lang", lang]) == 0, command
        out = capsys.readouterr().out
        assert out.startswith(kit_says(lang, "usage: ")), command


def test_checklist_help_in_french_has_french_headings_and_help(capsys):
    """Does `kit --lang fr checklist --help` show argparse's headings and our help texts in
    French (usage line, the help option, the --format help)?"""
    assert main(["--lang", "fr", "checklist", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : kit checklist")
    assert "afficher cette aide et quitter" in out
    assert "show this help message" not in out
    wanted = i18n.gettext(
        "kit", "md (default), json or xlsx (xlsx needs --out); must match --out's suffix", "fr"
    )
    assert " ".join(wanted.split()) in " ".join(out.split())


def test_top_help_in_arabic_lists_the_commands_in_arabic(capsys):
    """Does `kit --help` with $KIT_LANG=ar describe the commands in Arabic?"""
    os.environ["KIT_LANG"] = "ar"
    try:
        assert main(["--help"]) == 0
    finally:
        del os.environ["KIT_LANG"]
    out = capsys.readouterr().out
    assert kit_says("ar", "positional arguments") in out
    assert kit_says("ar", "score response files of one round and write a report") in out


def _kit(*argv: str, **env: str) -> subprocess.CompletedProcess:
    """Run the installed `kit` as a person types it."""
    environment = {k: v for k, v in os.environ.items() if k != "KIT_LANG"} | env
    command = [sys.executable, "-m", "kit", *argv]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)


def test_a_missing_argument_in_arabic_is_one_line(tmp_path):
    """Does `KIT_LANG=ar kit assess` (no files, no --out) print one Arabic line on stderr,
    exit 2, with no traceback and nothing on stdout?"""
    done = _kit("assess", KIT_LANG="ar")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(kit_says("ar", "kit: error: {message}"))
    assert kit_says("ar", "the following arguments are required: {arguments}") in lines[0]
    assert "files, --out" in lines[0]  # the names stay as typed
    assert "Traceback" not in done.stderr


def test_an_invalid_choice_in_spanish(capsys):
    """Does `kit --lang es checklist --format xx` refuse in Spanish, naming the option, what was
    typed and the choices, exit 2?"""
    assert main(["--lang", "es", "checklist", "--format", "xx"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    wanted = i18n.gettext("kit", "invalid choice: {value} (choose from {choices})", "es").format(
        value="'xx'", choices="'md', 'json', 'xlsx'"
    )
    assert err.endswith(f"argumento --format: {wanted}"), err


@pytest.mark.parametrize(
    "argv, msgid",
    [
        (["checklist", "--nonsense", "--lang", "fr"], "unrecognized arguments: {arguments}"),
        (["--lang=fr", "assess", "a.csv", "--out"], "expected one argument"),
        (
            ["course", "autograde", "x", "--workers", "0", "--lang", "fr"],
            "{value} must be at least 1",
        ),
        (["frobnicate", "--lang", "fr"], "invalid choice: {value} (choose from {choices})"),
        (
            ["assess", "a.csv", "--out", "r.html", "--target", "9", "--lang", "fr"],
            "{value} is outside the levels 0-4",
        ),
    ],
)
def test_parse_errors_in_french_wherever_lang_stands(argv, msgid, capsys):
    """Are argparse's errors and our number checks in French, whether --lang comes before or
    after the command or as --lang=fr, one line and exit 2?"""
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith("kit : erreur :")
    assert kit_says("fr", msgid) in err, err


def test_lang_before_the_command_is_the_commands_language(capsys):
    """Does `kit --lang fr checklist` print the checklist in French (a command's own --lang
    default must not reset the one given before it)?"""
    from kit.framework import load_framework

    assert main(["--lang", "fr", "checklist", "--format", "md"]) == 0
    french = load_framework("gcim-2005", lang="fr")
    assert french.areas[0].title in capsys.readouterr().out


def test_argparse_still_writes_every_message_we_translate():
    """Does this Python's argparse still contain every message the kit recognises (a renamed
    message would silently stay English)?"""
    source = inspect.getsource(argparse)
    missing = [english for english in argparse_text.ERRORS if english not in source]
    assert not missing
    for fixed in ("usage: ", "positional arguments", "'options'", "show this help message"):
        assert fixed in source


def test_an_unrecognised_message_is_kept_as_argparse_wrote_it():
    """Is a message the kit does not know passed through unchanged rather than lost?"""
    with i18n.use("fr"):
        assert argparse_text.error("something new from argparse") == "something new from argparse"
        assert argparse_text.error("argument --x: something new") == "argument --x : something new"
