"""Plain-text tables for the terminal, their columns as wide as their widest text.

Headers change length with the language (``submitted`` is ``remis`` in French, ``entregado`` in
Spanish), so widths come from the texts, never from fixed numbers.
"""

from __future__ import annotations

import unicodedata


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def aligned(rows: list[list[str]]) -> list[str]:
    """Rows as lines of columns as wide as their widest text: the first column to the left,
    the others (counts) to the right, one space between."""
    widths = [max(text_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (width - text_width(cell))
            if i == 0
            else " " * (width - text_width(cell)) + cell
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(" ".join(cells).rstrip())
    return lines
