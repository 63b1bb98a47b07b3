"""Helpers for the committed dataset generators in datasets/: byte-stable CSV files."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def write_csv(
    path: Path, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> None:
    """Write ``rows`` as UTF-8 CSV with ``\\n`` line ends, making the folder if needed.

    ``columns`` picks and orders the columns (others are left out); by default the first
    row's keys. Same input, same bytes: the tests compare regenerated files with committed ones.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=list(columns or rows[0]),
            lineterminator="\n",
            extrasaction="ignore",
        )
        writer.writeheader()
        writer.writerows(rows)
