"""Write a fictional survey of recruitment costs paid by migrant workers, corridor by corridor."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.datagen import write_csv

HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "05-cooperation"

COLUMNS = [
    "corridor_id",
    "origin",
    "destination",
    "sector",
    "workers_surveyed",
    "share_who_paid_percent",
    "median_fee_paid",
    "monthly_wage",
    "months_of_wages",
    "employer_pays_clause",
]
# Invented values, written here rather than drawn at random so that every answer key is exact.
# Countries, corridors and surveys are fictional. Amounts are in US dollars. The corridors are
# designed to show: high costs where no agreement puts recruitment costs on the employer; low
# costs where one does; and one corridor (C07) with the clause on paper but costs still paid,
# the enforcement gap the lesson discusses.
# (id, origin, destination, sector, surveyed, % who paid, median fee, monthly wage, clause)
CORRIDORS = [
    ("C01", "Arvania", "Deltaria", "construction", 412, 91, 1800, 600, "no"),
    ("C02", "Arvania", "Estavia", "domestic work", 268, 84, 900, 450, "no"),
    ("C03", "Belmora", "Deltaria", "seasonal agriculture", 350, 22, 300, 750, "yes"),
    ("C04", "Belmora", "Estavia", "care work", 190, 12, 150, 900, "yes"),
    ("C05", "Cordovia", "Deltaria", "construction", 505, 95, 2400, 640, "no"),
    ("C06", "Cordovia", "Estavia", "manufacturing", 330, 88, 1350, 500, "no"),
    ("C07", "Arvania", "Florania", "hospitality", 224, 63, 1100, 800, "yes"),
    ("C08", "Belmora", "Florania", "fishing", 146, 97, 2000, 400, "no"),
]  # fmt: skip


def rows() -> list[dict]:
    """One row per corridor; months_of_wages = median fee / monthly wage, to 2 decimals."""
    table = []
    for values in CORRIDORS:
        row = dict(zip([c for c in COLUMNS if c != "months_of_wages"], values, strict=True))
        row["months_of_wages"] = f"{row['median_fee_paid'] / row['monthly_wage']:.2f}"
        table.append(row)
    return table


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write recruitment_costs.csv (and the graded exercise's copy)."""
    for folder in [out_dir, assignment_dir]:
        if folder is not None:
            write_csv(folder / "recruitment_costs.csv", rows(), COLUMNS)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
