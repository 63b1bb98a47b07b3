"""Write the fictional attendance record of a regional consultative process on migration."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.datagen import write_csv

HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "05-cooperation"

GROUPS = [
    "immigration and interior",
    "labour",
    "foreign affairs",
    "development and planning",
    "civil society",
    "private sector",
]
# Delegates at each yearly meeting of the fictional "Southern Shores Migration Dialogue", by the
# body they came from. Invented to show the pattern the Commission describes (GCIM 2005, para 29):
# immigration ministries dominate, civil society and the private sector are nearly absent,
# improving slowly.
# (meeting, year, host, delegates per group in the order of GROUPS)
MEETINGS = [
    (1, 2019, "Arvania", [28, 4, 6, 0, 0, 0]),
    (2, 2020, "Belmora", [30, 5, 6, 1, 0, 0]),
    (3, 2021, "Cordovia", [26, 6, 5, 1, 2, 0]),
    (4, 2022, "Arvania", [27, 8, 6, 2, 3, 1]),
    (5, 2023, "Belmora", [25, 9, 6, 3, 4, 1]),
    (6, 2024, "Cordovia", [24, 10, 7, 3, 5, 2]),
]


def rows() -> list[dict]:
    """One row per meeting and participant group (long format)."""
    return [
        {"meeting": meeting, "year": year, "host": host, "group": group, "delegates": count}
        for meeting, year, host, counts in MEETINGS
        for group, count in zip(GROUPS, counts, strict=True)
    ]


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write rcp_meetings.csv (and the graded exercise's copy)."""
    for folder in [out_dir, assignment_dir]:
        if folder is not None:
            write_csv(folder / "rcp_meetings.csv", rows())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
