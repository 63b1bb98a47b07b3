"""Write the fictional coordination matrix of Utopia's ministries and its draft indicators."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.datagen import write_csv

HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "01-policy-formulation"

# The five issues that national objectives must at minimum address (GCIM 2005, para 15).
OBJECTIVES = ["development", "protection", "regular_migration", "integration", "migrant_rights"]
# Each ministry's stated stance in its current strategy: +1 pursues the objective actively,
# 0 silent on it, -1 pursues a goal that works against it. Invented, and designed so that the
# matrix shows two conflicts (development, regular_migration) and one objective nobody leads.
POSITIONS = {
    "Interior": [-1, 1, -1, 0, 1],
    "Labour": [1, 0, 1, 0, 1],
    "Foreign Affairs": [1, 1, 1, 0, 0],
    "Finance and Planning": [1, 0, 0, 0, 0],
    "Health": [0, 0, 0, 0, 1],
    "Education": [0, 0, 0, 0, 0],
    "Justice": [0, 1, 0, 0, 1],
}
# Draft indicators for the national migration policy, some SMART and some not (invented).
INDICATORS = [
    ("I1", "development", "Remittance transfer cost for a 200 USD transfer", "percent", 7.5, 5.0,
     2027, "Central bank survey, yearly"),
    ("I2", "protection", "Median days from asylum application to first-instance decision",
     "days", 410, 180, 2026, "Asylum case register, quarterly"),
    ("I3", "regular_migration", "Work permits issued within 30 days of application", "percent",
     52, 80, 2026, "Labour ministry permit register, monthly"),
    ("I4", "integration", "Better integration of migrants", "", "", "", "", ""),
    ("I5", "migrant_rights", "Labour inspections that interview migrant workers", "count", 120,
     400, 2027, "Labour inspectorate reports, yearly"),
    ("I6", "development", "Improve the image of the country abroad", "", "", "", 2030, ""),
]  # fmt: skip


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write positions.csv and indicators.csv (and the assignment's copies)."""
    positions = [[ministry, *stances] for ministry, stances in POSITIONS.items()]
    header = ["indicator_id", "objective", "indicator", "unit", "baseline", "target"]
    header += ["target_year", "source_and_frequency"]
    for folder in [out_dir, assignment_dir]:
        if folder is not None:
            write_csv(
                folder / "positions.csv",
                [dict(zip(["ministry", *OBJECTIVES], r, strict=True)) for r in positions],
            )
            write_csv(
                folder / "indicators.csv", [dict(zip(header, r, strict=True)) for r in INDICATORS]
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
