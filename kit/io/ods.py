"""The response template saved as OpenDocument (``.ods``), as many administrations must use.

LibreOffice keeps the sheets, their names and the cell values when it saves the Excel template
as ``.ods``, so the answers are checked exactly as the ``.xlsx`` template's are.
"""

from __future__ import annotations

import io
import math

import pandas as pd

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.io.xlsx import ABOUT, MAX_COLUMNS, RESPONSES, Rows, template_answers
from kit.responses import ResponseSet

_ = i18n.translator("kit")


def _cell(value: object) -> object:
    # pandas fills empty cells with NaN; the template reader expects None, as openpyxl gives.
    return None if isinstance(value, float) and math.isnan(value) else value


def read_ods(data: bytes, source: str) -> dict[str, Rows]:
    """The About and Responses sheets of an OpenDocument spreadsheet as lists of cell values."""
    try:
        frames = pd.read_excel(
            io.BytesIO(data), sheet_name=None, header=None, engine="odf", dtype=object
        )
    except Exception:  # a damaged file upsets odfpy in many ways
        raise KitError(
            _("not a readable OpenDocument .ods file (damaged, or another kind of file)"),
            file=source,
        ) from None
    return {
        name: [tuple(_cell(v) for v in row[:MAX_COLUMNS]) for row in frame.itertuples(index=False)]
        for name, frame in frames.items()
        if name in (ABOUT, RESPONSES)
    }


def parse_ods(data: bytes, framework: Framework, source: str) -> ResponseSet:
    """Read a filled template saved as ``.ods`` from its bytes."""
    return template_answers(read_ods(data, source), framework, source)
