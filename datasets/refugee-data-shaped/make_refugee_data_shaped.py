"""Generate fictional refugee data shaped like UNHCR's Refugee Data Finder, and populations."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kit.datagen import write_csv

SEED = 1951  # fixed: the year of the Refugee Convention
HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "02-data-collection"

# The Refugee Data Finder's columns (CC BY 4.0 source; the numbers below are invented).
COLUMNS = [
    "year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso", "refugees",
    "asylum_seekers", "returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip",
    "hst",
]  # fmt: skip
# (name, UNHCR's own code, ISO 3166-1 alpha-3). The one difference the lesson relies on is
# documented: UNHCR codes Egypt "ARE", while ISO's ARE is the United Arab Emirates (EGY is Egypt).
# For every other country here the UNHCR code is set equal to ISO for simplicity: the real code
# list may differ elsewhere too, which is why joins use the *_iso columns.
ORIGINS = [
    ("Sudan", "SDN", "SDN"),
    ("Eritrea", "ERI", "ERI"),
    ("Syrian Arab Rep.", "SYR", "SYR"),
    ("Somalia", "SOM", "SOM"),
    ("Ethiopia", "ETH", "ETH"),
]
ASYLUM = [
    ("Egypt", "ARE", "EGY"),
    ("Kenya", "KEN", "KEN"),
    ("Uganda", "UGA", "UGA"),
    ("Jordan", "JOR", "JOR"),
]
# ISO-coded population table, as a statistics office publishes it (round, invented numbers).
POPULATION = [
    ("ARE", "United Arab Emirates", 10_000_000),
    ("EGY", "Egypt", 110_000_000),
    ("KEN", "Kenya", 54_000_000),
    ("UGA", "Uganda", 47_000_000),
    ("JOR", "Jordan", 11_000_000),
]


def make_extract(rng: random.Random) -> list[dict]:
    rows = []
    for coa_name, coa, coa_iso in ASYLUM:
        for coo_name, coo, coo_iso in ORIGINS:
            if rng.random() < 0.25:
                continue  # not every origin is present in every country of asylum
            rows.append(
                {
                    "year": 2023,
                    "coo_name": coo_name,
                    "coo": coo,
                    "coo_iso": coo_iso,
                    "coa_name": coa_name,
                    "coa": coa,
                    "coa_iso": coa_iso,
                    "refugees": rng.randrange(500, 400_000, 10),
                    "asylum_seekers": rng.randrange(0, 60_000, 10),
                    "returned_refugees": 0,
                    "idps": 0,
                    "returned_idps": 0,
                    "stateless": 0,
                    "ooc": rng.randrange(0, 5_000, 10),
                    "oip": 0,
                    "hst": 0,
                }
            )
    return rows


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write refugee_extract.csv and population_iso.csv (and the assignment's copies)."""
    extract = make_extract(random.Random(SEED))
    population = [{"iso3": i, "country": n, "population": p} for i, n, p in POPULATION]
    for folder in [out_dir, assignment_dir]:
        if folder is not None:
            write_csv(folder / "refugee_extract.csv", extract)
            write_csv(folder / "population_iso.csv", population)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
