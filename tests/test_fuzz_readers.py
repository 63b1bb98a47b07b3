"""Fuzzing every response reader: any bytes give answers or a one-line KitError, nothing else.

Each reader of the format registry gets random bytes, truncations of a real file and real files
with bytes flipped, inserted or deleted (Hypothesis shrinks any failure to a small case).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from factories import UTOPIA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kit.errors import KitError
from kit.framework import load_framework
from kit.io.formats import FORMATS, load_responses, read_responses
from kit.io.structured import responses_to_json, responses_to_yaml
from kit.io.xlsx import read_workbook, template_xlsx
from kit.responses import ResponseSet

GCIM = load_framework("gcim-2005")
SAMPLE = UTOPIA / "2025" / "interior.csv"


def _filled(template: bytes, answers: ResponseSet) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    sheet = wb["Responses"]
    level = [c.value for c in sheet[1]].index("level")
    for cells in sheet.iter_rows(min_row=2):
        label = answers.answer(cells[0].value).label
        cells[level].value = int(label) if label.isdigit() else label or None
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _ods(xlsx: bytes) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        for name, rows in read_workbook(xlsx, "template").items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    return buffer.getvalue()


def real_files() -> dict[str, bytes]:
    """A real, valid file of every readable suffix, all holding the sample ministry's answers."""
    answers = load_responses(SAMPLE, GCIM)
    csv_bytes = SAMPLE.read_bytes()
    empty = template_xlsx(GCIM, "Utopia", "Ministry of the Interior", "2025")
    template = _filled(empty, answers)
    files = {
        ".csv": csv_bytes,
        ".tsv": csv_bytes.replace(b",", b"\t"),
        ".txt": csv_bytes.decode().replace(",", "\t").encode("utf-16"),
        ".yaml": responses_to_yaml(answers, GCIM).encode(),
        ".yml": responses_to_yaml(answers, GCIM).encode(),
        ".json": responses_to_json(answers, GCIM).encode(),
        ".xlsx": template,
        ".xlsm": template,
        ".ods": _ods(template),
    }
    assert set(files) == set(FORMATS), "a new format needs a real file here"
    return files


REAL = real_files()
SUFFIXES = sorted(REAL)
# Workbooks are slower to open; they get fewer examples so the whole file runs in seconds.
EXAMPLES = {".xlsx": 60, ".xlsm": 20, ".ods": 40}


def check(data: bytes, suffix: str) -> None:
    """The property: a ResponseSet, or a KitError whose message is one line naming the file."""
    try:
        result = read_responses(data, f"fuzzed{suffix}", GCIM)
    except KitError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzzed")
    else:
        assert isinstance(result, ResponseSet)


def test_every_real_file_reads():
    """Does each seed file read as the sample's answers (so the mutations start from valid)?"""
    expected = load_responses(SAMPLE, GCIM)
    for suffix, data in REAL.items():
        got = read_responses(data, f"seed{suffix}", GCIM)
        # Items the checklist's upgrade left unanswered may be written out blank: same answers.
        assert answered(got) == answered(expected), suffix


def answered(responses: ResponseSet) -> dict:
    return {i: a.level for i, a in responses.answers.items() if a.level is not None}


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """A real file with a few bytes replaced, inserted or deleted, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


def _settings(suffix: str):
    return settings(
        max_examples=EXAMPLES.get(suffix, 150),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_random_bytes_give_answers_or_a_kit_error(suffix):
    """Do random bytes under each suffix give a result or a KitError, never another error?"""

    @_settings(suffix)
    @given(st.binary(max_size=2000))
    def run(data: bytes) -> None:
        check(data, suffix)

    run()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_truncated_real_files_give_answers_or_a_kit_error(suffix):
    """Does every prefix of a real file give a result or a KitError, never another error?"""
    seed = REAL[suffix]

    @_settings(suffix)
    @given(st.integers(0, len(seed)))
    def run(length: int) -> None:
        check(seed[:length], suffix)

    run()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_mutated_real_files_give_answers_or_a_kit_error(suffix):
    """Does a real file with bytes flipped, inserted or deleted give a result or a KitError?"""

    @_settings(suffix)
    @given(mutated(REAL[suffix]))
    def run(data: bytes) -> None:
        check(data, suffix)

    run()
