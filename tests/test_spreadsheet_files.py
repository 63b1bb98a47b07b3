"""Response files as ministries' spreadsheets save them: every line ending, delimiter and
encoding Excel and LibreOffice write, the template as OpenDocument, and formats we cannot read."""

from __future__ import annotations

import codecs
import csv
import io

import pandas as pd
import pytest
from factories import UTOPIA

from kit.cli import main
from kit.errors import KitError
from kit.framework import load_framework
from kit.io.formats import load_responses, read_responses
from kit.io.xlsx import read_workbook, template_xlsx

GCIM = load_framework("gcim-2005")
SAMPLE = UTOPIA / "2025" / "interior.csv"


def sample_rows() -> list[list[str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def csv_text(delimiter: str = ",", newline: str = "\n", rows=None) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows or sample_rows())
    return buffer.getvalue()


def read(data: bytes, name: str = "interior.csv"):
    return read_responses(data, name, GCIM)


EXPECTED = load_responses(SAMPLE, GCIM)


@pytest.mark.parametrize(
    "label, data",
    [
        ("CR line endings (Excel for Mac)", csv_text(newline="\r").encode()),
        ("CRLF line endings (Windows)", csv_text(newline="\r\n").encode()),
        ("semicolons (French or Spanish Excel)", csv_text(";", "\r\n").encode()),
        ("semicolons with Excel's sep= line", ("sep=;\r\n" + csv_text(";", "\r\n")).encode()),
        ("tabs", csv_text("\t").encode()),
        ("UTF-8 with byte-order mark", codecs.BOM_UTF8 + csv_text().encode()),
        ("UTF-16 'Unicode text'", csv_text("\t", "\r\n").encode("utf-16")),
        ("UTF-16 big-endian", codecs.BOM_UTF16_BE + csv_text(";").encode("utf-16-be")),
    ],
)
def test_csv_as_spreadsheets_save_it_reads_the_same_answers(label, data):
    """Does each way a spreadsheet saves the sample CSV give exactly the sample's answers?"""
    got = read(data)
    assert got.answers == EXPECTED.answers, label
    assert (got.country, got.ministry, got.round) == ("Utopia", "Ministry of the Interior", "2025")
    assert got.notices == ()


def test_a_stray_carriage_return_inside_a_field_is_part_of_the_field():
    """Is a lone carriage return inside a field (quoted or not) kept in the field instead of
    breaking the row or giving a Python error?"""
    rows = sample_rows()
    rows[1][rows[0].index("comment")] = "seen by\rthe director"
    text = csv_text(rows=rows)
    unquoted = text.replace('"seen by\rthe director"', "seen by\rthe director")
    assert "seen by\rthe director" in unquoted
    for data in (text.encode(), unquoted.encode()):
        got = read(data)
        first = rows[1][rows[0].index("item_id")]
        assert got.answer(first).comment == "seen by\nthe director"
        assert got.answer(first).level == EXPECTED.answer(first).level
        assert len(got.answers) == len(EXPECTED.answers)


def test_windows_1252_is_read_with_a_notice(tmp_path, capsys):
    """Is a CSV saved as Windows-1252 read with its accents right, and does the command line
    say in one line on stderr that the encoding was guessed?"""
    rows = sample_rows()
    for row in rows[1:]:
        row[2] = "Ministère de l’Intérieur"
    path = tmp_path / "interieur.csv"
    path.write_bytes(csv_text(";", "\r\n", rows).encode("cp1252"))
    got = load_responses(path, GCIM)
    assert got.ministry == "Ministère de l’Intérieur"
    assert got.answers == EXPECTED.answers
    assert len(got.notices) == 1 and "Windows-1252" in got.notices[0]

    code = main(["assess", str(path), "--out", str(tmp_path / "r.json")])
    *notes, done = capsys.readouterr().err.splitlines()
    assert code == 0
    # One line for the guessed encoding, then the report's status line.
    [encoding_note] = [line for line in notes if "Windows-1252" in line]
    assert encoding_note.startswith("kit: note:")
    assert all(line.startswith("kit: note:") for line in notes)
    assert done.startswith(f"{tmp_path / 'r.json'}: ")


@pytest.mark.parametrize(
    "label, data, expected",
    [
        (
            "binary bytes",
            b"framework,country\n\x01\x02\x81\x8d",
            "x.csv: not UTF-8 text (byte 0x81 at offset 20); save it as UTF-8",
        ),
        (
            "an .xlsx renamed .csv",
            template_xlsx(GCIM),
            "x.csv: a zipped workbook (.xlsx or .ods), not CSV text",
        ),
        (
            "an .xls renamed .csv",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "x.csv: an Excel 97-2003 workbook, not CSV text",
        ),
        ("broken UTF-16", codecs.BOM_UTF16_LE + b"a\x00b", "x.csv: broken UTF-16 text"),
        (
            "UTF-16 without its byte-order mark",
            csv_text().encode("utf-16-le"),
            "x.csv: not text (NUL bytes; UTF-16 without a byte-order mark?)",
        ),
        (
            "semicolons without the columns",
            b"pays;ministere\nUtopia;Interieur\n",
            "x.csv: missing column 'framework'",
        ),
    ],
)
def test_unreadable_text_gets_one_line(label, data, expected):
    """Does text the reader cannot use give one line naming the file and the fault?"""
    with pytest.raises(KitError) as caught:
        read(data, "x.csv")
    assert str(caught.value).startswith(expected), label
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "suffix, kind",
    [(".xls", "Excel 97-2003"), (".numbers", "Numbers"), (".xlsb", "Excel binary")],
)
def test_spreadsheet_formats_we_cannot_read_are_named_with_what_to_save_as(
    suffix, kind, tmp_path, capsys
):
    """Is a spreadsheet format the kit cannot read named, with the formats to save it as, in
    one line and exit code 2 (not 'not UTF-8 text')?"""
    path = tmp_path / f"interior{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(200))
    code = main(["assess", str(path), "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"kit: error: {path}: ") and kind in err
    assert ".xlsx" in err and ".ods" in err and "not UTF-8" not in err
    assert err.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


def test_template_saved_as_ods_reads_like_the_xlsx(tmp_path):
    """Does the filled template saved as OpenDocument (.ods) give the same answers as the .xlsx?

    The .ods is written with pandas and odfpy here; tests/test_libreoffice.py does the same
    through real LibreOffice.
    """
    sheets = read_workbook(template_xlsx(GCIM, "Utopia", "Ministry of the Interior", "2025"), "t")
    responses = sheets["Responses"]
    level = responses[0].index("level")
    filled = [responses[0]] + [
        (*row[:level], EXPECTED.answer(row[0]).label or None, *row[level + 1 :])
        for row in responses[1:]
    ]
    ods = tmp_path / "interior.ods"
    with pd.ExcelWriter(ods, engine="odf") as writer:
        for name, rows in (("About", sheets["About"]), ("Responses", filled)):
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    got = load_responses(ods, GCIM)
    # Unanswered items are written blank into the template.
    assert {i: a.level for i, a in got.answers.items() if a.level is not None} == {
        i: a.level for i, a in EXPECTED.answers.items() if a.level is not None
    }


def test_a_damaged_ods_gets_one_line(tmp_path):
    """Is a damaged .ods refused in one line naming the file?"""
    path = tmp_path / "interior.ods"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(KitError, match=r"interior\.ods: not a readable OpenDocument \.ods file"):
        load_responses(path, GCIM)
