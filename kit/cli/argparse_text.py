"""argparse's own words (``usage:``, ``options``, its parse errors) in the command's language.

argparse writes its fixed texts through the module-global ``gettext``, already filled in with
the values (``the following arguments are required: --out``) by the time ``Parser.error``
sees them. Rather than patch the global gettext machinery for the whole process, the kit's
parser and help formatter (``kit.cli.options``) ask this module: each argparse message below is
recognised by its English pattern (copied from Python 3.11's argparse, which
``tests/test_cli_languages.py`` checks still contains every one) and said again through the
``kit`` catalogue, with the values (option names, what was typed) left as they were.
"""

from __future__ import annotations

import re

from kit import i18n
from kit.i18n import N_

_ = i18n.translator("kit")

#: argparse's parse errors as argparse writes them -> the kit's msgid, same values by name.
#: ``%s``/``%r`` without a name become the one field each msgid names.
ERRORS: dict[str, str] = {
    "argument %(argument_name)s: %(message)s": N_("argument {argument_name}: {message}"),
    "the following arguments are required: %s": N_(
        "the following arguments are required: {arguments}"
    ),
    "one of the arguments %s is required": N_("one of the arguments {arguments} is required"),
    "unrecognized arguments: %s": N_("unrecognized arguments: {arguments}"),
    "not allowed with argument %s": N_("not allowed with argument {argument}"),
    "ignored explicit argument %r": N_("ignored explicit argument {argument}"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "invalid choice: {value} (choose from {choices})"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "unknown command {parser_name} (choices: {choices})"
    ),
    "invalid %(type)s value: %(value)r": N_("invalid {type} value: {value}"),
    "expected one argument": N_("expected one argument"),
    "expected at most one argument": N_("expected at most one argument"),
    "expected at least one argument": N_("expected at least one argument"),
    "expected %s argument": N_("expected {count} argument(s)"),
    "expected %s arguments": N_("expected {count} argument(s)"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "ambiguous option: {option} could match {matches}"
    ),
    "unexpected option string: %s": N_("unexpected option string: {option}"),
}

_UNNAMED = re.compile(r"%[sr]")
_NAMED = re.compile(r"%\((\w+)\)[sr]")
_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(template: str, ours: str) -> re.Pattern[str]:
    """A regular expression matching ``template`` filled in, one group per value: a named
    ``%(value)r`` keeps its name, an unnamed ``%s`` takes the one field ``ours`` names."""
    unnamed = _FIELD.findall(ours)
    parts = re.split(r"(%\(\w+\)[sr]|%[sr])", template)
    regex = ""
    for part in parts:
        named = _NAMED.fullmatch(part)
        if named:
            regex += f"(?P<{named.group(1)}>.+?)"
        elif _UNNAMED.fullmatch(part):
            regex += f"(?P<{unnamed[0]}>.+?)"
        else:
            regex += re.escape(part)
    return re.compile(f"^{regex}$", re.S)


_PATTERNS = [(_pattern(english, ours), ours) for english, ours in ERRORS.items()]


def error(message: str) -> str:
    """argparse's error ``message`` in the current language (as it came when not recognised).

    ``argument --format: invalid choice: ...`` is translated at both levels; the values
    (option names, what was typed, the choices) are kept as argparse wrote them.
    """
    for pattern, ours in _PATTERNS:
        found = pattern.match(message)
        if found:
            values = found.groupdict()
            if "message" in values:  # the fault inside "argument X: ..." is argparse's too
                values["message"] = error(values["message"])
            return _(ours).format(**values)
    return message


def usage_prefix() -> str:
    """``usage: `` before the usage line."""
    return _("usage: ")


def positionals_title() -> str:
    return _("positional arguments")


def options_title() -> str:
    return _("options")


def help_option_help() -> str:
    return _("show this help message and exit")
