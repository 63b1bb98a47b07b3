"""Write fictional coordination matrices and indicators: Utopia's (lessons), Marenia's (graded)."""

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

# The graded exercise uses a second fictional state, Marenia, so that its questions are a new
# case rather than a repeat of the lesson: two other conflicts (protection, integration), another
# unowned objective (migrant_rights), and three incomplete indicators, each missing a different
# element (source; target year; baseline).
EXERCISE_POSITIONS = {
    "Interior": [0, -1, 1, 0, 0],
    "Labour": [1, 0, 1, 0, 0],
    "Foreign Affairs": [1, 1, 0, 0, 0],
    "Finance": [1, 0, 0, -1, 0],
    "Health": [0, 0, 0, 1, 0],
    "Education": [0, 0, 0, 1, 0],
    "Justice": [0, 1, 0, 0, 0],
}
EXERCISE_INDICATORS = [
    ("E1", "development", "Remittances received through formal channels", "USD million", 850,
     1000, 2027, "Central bank balance of payments, yearly"),
    ("E2", "protection", "Asylum decisions taken within six months of the application",
     "percent", 35, 70, 2027, ""),
    ("E3", "regular_migration", "Median days to issue a seasonal work permit", "days", 75, 30,
     "", "Labour ministry permit register, monthly"),
    ("E4", "integration", "Migrant children enrolled in secondary school", "percent", 61, 75,
     2028, "School census, yearly"),
    ("E5", "migrant_rights", "Complaints by migrant workers resolved within 90 days", "percent",
     "", 80, 2027, "Labour inspectorate reports, yearly"),
    ("E6", "integration", "Migrants aged 25-54 in employment", "percent", 58, 65, 2028,
     "Labour force survey, quarterly"),
]  # fmt: skip
HEADER = ["indicator_id", "objective", "indicator", "unit", "baseline", "target", "target_year"]
HEADER += ["source_and_frequency"]


def _matrix(positions: dict[str, list[int]]) -> list[dict]:
    header = ["ministry", *OBJECTIVES]
    return [dict(zip(header, [m, *s], strict=True)) for m, s in positions.items()]


def _indicators(rows: list[tuple]) -> list[dict]:
    return [dict(zip(HEADER, r, strict=True)) for r in rows]


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write Utopia's and Marenia's tables (and the graded exercise's copies of Marenia's)."""
    write_csv(out_dir / "positions.csv", _matrix(POSITIONS))
    write_csv(out_dir / "indicators.csv", _indicators(INDICATORS))
    for folder in [out_dir, assignment_dir]:
        if folder is not None:
            write_csv(folder / "exercise_positions.csv", _matrix(EXERCISE_POSITIONS))
            write_csv(folder / "exercise_indicators.csv", _indicators(EXERCISE_INDICATORS))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
