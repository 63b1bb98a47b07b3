"""Generate refugee data for fictional countries, shaped like UNHCR's Refugee Data Finder."""

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
# Every country here is fictional, so that no invented figure can be quoted as a real one.
# Codes come from ISO 3166-1's user-assigned range QMA-QZZ, which no real country will ever get.
# (name, the agency's own code, the ISO-style code). The trap copies a real one in UNHCR's data
# (UNHCR's own code for Egypt is ARE, while ISO's ARE is the United Arab Emirates): here
# Marovia's own code is QNR, while the ISO-style QNR is Norvania, a much smaller country.
ORIGINS = [
    ("Delvaria", "QVR", "QVR"),
    ("Ostrana", "QOS", "QOS"),
    ("Pelmora", "QPM", "QPM"),
    ("Quessia", "QQS", "QQS"),
    ("Rovena", "QRV", "QRV"),
]
ASYLUM = [
    ("Marovia", "QNR", "QMV"),
    ("Lorendia", "QRD", "QRD"),
    ("Sendaria", "QSD", "QSD"),
    ("Tavaria", "QTV", "QTV"),
]
# ISO-style population table, as a statistics office publishes it (round, invented numbers).
POPULATION = [
    ("QNR", "Norvania", 3_600_000),
    ("QMV", "Marovia", 40_000_000),
    ("QRD", "Lorendia", 12_000_000),
    ("QSD", "Sendaria", 25_000_000),
    ("QTV", "Tavaria", 6_000_000),
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
