"""The one registry of response file formats: a file suffix gives its reader and its writer.

Every reader takes the file's bytes, so the same code reads a file on disk, an upload in the
dashboard and the fuzz tests' random bytes; it returns a ResponseSet or raises a KitError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import KitError
from kit.framework import Framework
from kit.io import csvtext, structured, xlsx
from kit.responses import ResponseSet

_ = i18n.translator("kit")

Reader = Callable[[bytes, Framework, str], ResponseSet]
Writer = Callable[[ResponseSet, "Framework | None"], str]


def _read_text_mapping(suffix: str) -> Reader:
    def read(data: bytes, framework: Framework, source: str) -> ResponseSet:
        decoded = csvtext.decode(data, source)
        responses = structured.parse_mapping(decoded.text, suffix, framework, source)
        return responses.noted(decoded.notice) if decoded.notice else responses

    return read


def _read_ods(data: bytes, framework: Framework, source: str) -> ResponseSet:
    # Imported here, not at the top, only because pandas takes a second to import and only
    # .ods files need it; kit.io.ods imports nothing from this module.
    from kit.io.ods import parse_ods

    return parse_ods(data, framework, source)


@dataclass(frozen=True)
class Format:
    """A response file format: how to read it and (text formats) how to write it."""

    read: Reader
    write: Writer | None = None


#: Readable suffixes, in the order preferred when one ministry has several files in a folder
#: (the CSV the dashboard saves beside an imported workbook comes first).
FORMATS: dict[str, Format] = {
    ".csv": Format(csvtext.parse_csv, csvtext.responses_to_csv),
    ".yaml": Format(_read_text_mapping(".yaml"), structured.responses_to_yaml),
    ".yml": Format(_read_text_mapping(".yml"), structured.responses_to_yaml),
    ".json": Format(_read_text_mapping(".json"), structured.responses_to_json),
    ".xlsx": Format(xlsx.parse_xlsx),
    ".xlsm": Format(xlsx.parse_xlsx),
    ".ods": Format(_read_ods),
    ".tsv": Format(csvtext.parse_csv),
    ".txt": Format(csvtext.parse_csv),  # Excel's "Unicode Text": tab-separated UTF-16
}
READ_SUFFIXES = tuple(FORMATS)
SAVE_SUFFIXES = tuple(s for s, f in FORMATS.items() if f.write is not None)

#: Spreadsheet formats this kit cannot read, and what to save them as instead.
UNREADABLE = {
    ".xls": i18n.N_("an Excel 97-2003 workbook"),
    ".xlsb": i18n.N_("an Excel binary workbook"),
    ".xlt": i18n.N_("an Excel 97-2003 template"),
    ".numbers": i18n.N_("a Numbers spreadsheet"),
    ".fods": i18n.N_("a flat OpenDocument spreadsheet"),
    ".sxc": i18n.N_("an OpenOffice 1 spreadsheet"),
    ".wk1": i18n.N_("a Lotus 1-2-3 spreadsheet"),
    ".wks": i18n.N_("a Works spreadsheet"),
    ".dif": i18n.N_("a DIF spreadsheet"),
    ".slk": i18n.N_("a SYLK spreadsheet"),
    ".gsheet": i18n.N_("a link to a Google Sheet"),
}
SAVE_AS = i18n.N_("save it as Excel Workbook (.xlsx), OpenDocument (.ods) or CSV UTF-8 (.csv)")


def format_for(path: str | Path) -> Format:
    """The format of a file by its suffix; a KitError says what to do with any other file."""
    suffix = Path(path).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if suffix in UNREADABLE:
        raise KitError(
            _("{kind} cannot be read; {advice}").format(
                kind=_(UNREADABLE[suffix]), advice=_(SAVE_AS)
            ),
            file=path,
        )
    raise KitError(
        _("unknown response file type '{suffix}' (use {choices})").format(
            suffix=suffix, choices=", ".join(READ_SUFFIXES)
        ),
        file=path,
    )


def read_responses(data: bytes, path: str | Path, framework: Framework) -> ResponseSet:
    """Read a response file's bytes in the format its name gives and check the answers."""
    fmt = format_for(path)
    if not data.strip():
        raise KitError(_("empty file"), file=path)
    return fmt.read(data, framework, str(path))


def load_responses(path: str | Path, framework: Framework) -> ResponseSet:
    """Read one response file (CSV, Excel, OpenDocument, YAML or JSON) and check it.

    Raises KitError with a one-line message naming the file, the row or item and the fault;
    ``ResponseSet.notices`` holds any line the user should see about how the file was read.
    """
    path = Path(path)
    if not path.is_file():
        raise KitError(_("response file not found"), file=path)
    return read_responses(path.read_bytes(), path, framework)


def save_responses(
    responses: ResponseSet, path: str | Path, framework: Framework | None = None
) -> Path:
    """Write a response file atomically (write a temporary file, then rename over the old one).

    The format follows the suffix: ``.csv``, ``.yaml``/``.yml`` or ``.json``.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None or fmt.write is None:
        raise KitError(
            _("cannot save responses as '{suffix}' (use {choices})").format(
                suffix=path.suffix.lower(), choices=", ".join(SAVE_SUFFIXES)
            ),
            file=path,
        )
    return write_text_atomic(path, fmt.write(responses, framework))
