"""Delimited text as spreadsheets save it: the encoding, the line endings and the delimiter.

Ministries save "CSV" from Excel and LibreOffice in many ways: UTF-8 with or without a byte-order
mark, UTF-16 ("Unicode text"), Windows-1252 (Excel's plain "CSV" on Windows), carriage-return line
endings (Excel for Mac's "CSV (Macintosh)"), semicolons (a French or Spanish locale) or tabs. This
module turns any of these into rows, or gives one line saying what is wrong and what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from kit import i18n
from kit.errors import KitError, shown
from kit.framework import Framework
from kit.responses import (
    HEADER_FIELDS,
    Answer,
    ResponseSet,
    build_response_set,
    clean,
    ordered_answers,
)

_ = i18n.translator("kit")

CSV_COLUMNS = (
    "framework",
    "country",
    "ministry",
    "round",
    "item_id",
    "level",
    "na_reason",
    "evidence",
    "comment",
)
REQUIRED_CSV_COLUMNS = ("framework", "country", "ministry", "round", "item_id", "level")
DELIMITERS = (",", ";", "\t")
#: Magic numbers of files that are not text, with what the user most likely has.
NOT_TEXT = {
    b"PK\x03\x04": "a zipped workbook (.xlsx or .ods), not CSV text; give it its real suffix",
    b"\xd0\xcf\x11\xe0": (
        "an Excel 97-2003 workbook, not CSV text; save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
}
# Stands in for a stray carriage return while the csv module splits rows (a private-use
# character, never typed in an answer); the field gets a line break back afterwards.
_STRAY_CR = "\ue000"


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file, and a one-line notice when the encoding was a guess."""

    text: str
    notice: str = ""


def decode(data: bytes, source: str) -> Decoded:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Windows-1252 is tried only when the bytes are not valid UTF-8, and kept only when the result
    looks like text (no control characters, mostly plain letters); the notice then says so.
    """
    for magic, what in NOT_TEXT.items():
        if data.startswith(magic):
            raise KitError(what, file=source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise KitError(
                _("broken UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)"), file=source
            ) from None
    if b"\x00" in data[:4096]:
        # Text never holds NUL bytes; UTF-16 saved without its byte-order mark does.
        raise KitError(
            _(
                "not text (NUL bytes; UTF-16 without a byte-order mark?); "
                "save it as UTF-8 (in Excel: CSV UTF-8)"
            ),
            file=source,
        )
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        fault = _("not UTF-8 text (byte {byte} at offset {offset})").format(
            byte=f"0x{data[exc.start]:02x}", offset=exc.start
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible(text):
        return Decoded(
            text,
            f"{source}: not UTF-8, read as Windows-1252; check accented letters "
            "(save it as CSV UTF-8 to be sure)",
        )
    raise KitError(
        _("{fault}; save it as UTF-8 (in Excel: CSV UTF-8)").format(fault=fault), file=source
    )


def _plausible(text: str) -> bool:
    # Real files are mostly ASCII with a few accented letters or typographic quotes; binary
    # data read as Windows-1252 is full of control characters and symbols.
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return False
    unusual = sum(1 for c in text if ord(c) > 127 and not c.isalpha() and c not in "’‘“”–—…€")
    return unusual * 50 <= len(text)


def split_lines(text: str) -> str:
    """Line endings made ``\\n``: ``\\r\\n`` and a file of lone ``\\r`` (old Mac) become ``\\n``;
    in a file that has ``\\n`` endings, a lone ``\\r`` is a stray one inside a field."""
    if "\n" not in text:
        return text.replace("\r", "\n")
    return text.replace("\r\n", "\n").replace("\r", _STRAY_CR)


def _delimiter(first_line: str) -> str:
    # The delimiter that splits the header into the most known column names; a comma on a tie.
    def known(delimiter: str) -> int:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(c.strip().lower() in CSV_COLUMNS for c in cells)

    return max(DELIMITERS, key=lambda d: (known(d), first_line.count(d), d == ","))


def read_rows(data: bytes, source: str) -> tuple[list[str], Iterator[tuple[int, dict]], str]:
    """The column names, the (row number, row) pairs and the encoding notice of delimited text.

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    decoded = decode(data, source)
    if _STRAY_CR in decoded.text:
        raise KitError(_("holds a character this reader reserves (U+E000)"), file=source)
    text = split_lines(decoded.text)
    lines = text.split("\n", 1)
    delimiter = None
    first = lines[0].strip()
    if first.lower().startswith("sep=") and first[4:] in DELIMITERS:
        # Excel writes "sep=;" as a first line when asked to name the delimiter.
        delimiter, text = first[4], lines[1] if len(lines) > 1 else ""
    delimiter = delimiter or _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        titles = [c.replace(_STRAY_CR, "").strip().lower() for c in next(reader, [])]
    except csv.Error as exc:
        raise KitError(str(exc), file=source, row=1) from None

    def rows() -> Iterator[tuple[int, dict]]:
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise KitError(str(exc), file=source, row=number) from None
            values = [c.replace(_STRAY_CR, "\n") for c in cells]
            yield number, dict(zip(titles, values, strict=False))

    return titles, rows(), decoded.notice


def parse_csv(data: bytes, framework: Framework, source: str) -> ResponseSet:
    """Read a response CSV (one row per item) from its bytes and check it against the framework."""
    titles, rows, notice = read_rows(data, source)
    missing = [c for c in REQUIRED_CSV_COLUMNS if c not in titles]
    if missing:
        raise KitError(_("missing column '{column}'").format(column=missing[0]), file=source)
    found = []
    header: dict[str, str] = {}
    for number, row in rows:
        if not any(clean(v) for v in row.values()):
            continue
        for key in HEADER_FIELDS:
            value = clean(row.get(key))
            if key not in header:
                header[key] = value
            elif value != header[key]:
                raise KitError(
                    _(
                        "{field} '{value}' differs from '{before}' in the rows above "
                        "(one file per country, ministry and round)"
                    ).format(field=key, value=shown(value), before=shown(header[key])),
                    file=source,
                    row=number,
                )
        found.append((number, row))
    if not found:
        raise KitError(_("no answers in the file"), file=source)
    responses = build_response_set(header, found, framework, source)
    return responses.noted(notice) if notice else responses


def peek_csv(data: bytes, source: str) -> dict[str, str]:
    """The first data row of delimited text by column name (empty when it cannot be read)."""
    try:
        _titles, rows, _notice = read_rows(data, source)
        return next((row for _number, row in rows), {})
    except KitError:
        return {}


def _answer_row(responses: ResponseSet, answer: Answer) -> dict[str, str]:
    """One answer as a flat row of the response CSV columns."""
    return {
        "framework": responses.framework_id,
        "country": responses.country,
        "ministry": responses.ministry,
        "round": responses.round,
        "item_id": answer.item_id,
        "level": answer.label,
        "na_reason": answer.na_reason,
        "evidence": answer.evidence,
        "comment": answer.comment,
    }


def responses_to_csv(responses: ResponseSet, framework: Framework | None = None) -> str:
    """The CSV text of a response set; with a framework, one row per item in checklist order."""
    # With a framework, a title column helps whoever fills the file in; reading ignores it.
    columns = list(CSV_COLUMNS)
    if framework is not None:
        columns.insert(columns.index("item_id") + 1, "title")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for answer in ordered_answers(responses, framework):
        row = _answer_row(responses, answer)
        if framework is not None:
            row["title"] = framework.items[answer.item_id].title
        writer.writerow(row)
    return buffer.getvalue()


def records_csv(records: Iterable[object], columns: Sequence[str]) -> str:
    """The CSV text of dataclass records (review comments, actions): one column per field named."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({name: getattr(record, name) for name in columns})
    return buffer.getvalue()
