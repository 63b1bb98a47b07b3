"""Generate fictional census-like microdata for Utopia, with deliberate data-quality faults."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kit.datagen import write_csv

SEED = 2021  # fixed: the year of the revised UN framework on migration statistics
PEOPLE = 3000
CENSUS_YEAR = 2024
HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "02-data-collection"

HOME = "UTO"  # Utopia, the fictional state of ICAO's specimen passport
REGIONS = {"Capital": 0.45, "Coast": 0.30, "Highlands": 0.25}
# Country of birth of the foreign-born, weighted; ISO 3166-1 alpha-3 codes.
ORIGINS = {"KEN": 0.22, "IND": 0.18, "PHL": 0.14, "EGY": 0.12, "DEU": 0.10, "BRA": 0.08}
ORIGINS |= {"NGA": 0.08, "COL": 0.08}
FOREIGN_BORN_SHARE = {"Capital": 0.16, "Coast": 0.10, "Highlands": 0.04}
# Deliberate faults, each counted in the data card so a check can be verified.
UNKNOWN_AGE = 999  # the census code for "age not stated"
# "arrival_before_2024_minus_age" plants records whose year of arrival is 1 to 5 years before
# 2024 - age. Only those 2 or more years before are impossible: someone aged 89 at the 2024
# census was born in 1935 or, birthday not yet reached, in 1934. With this seed one planted record
# (P00222: age 89, arrived 1934) is such a possible borderline case, kept to test the rule, and 8
# are impossible. The data card states both numbers; a test checks them.
FAULTS = {"age_not_stated": 24, "arrival_before_2024_minus_age": 9, "duplicate_records": 15}


def person(rng: random.Random, number: int) -> dict:
    region = rng.choices(list(REGIONS), list(REGIONS.values()))[0]
    age = min(int(rng.expovariate(1 / 33)), 99)
    foreign_born = rng.random() < FOREIGN_BORN_SHARE[region]
    if foreign_born:
        birth = rng.choices(list(ORIGINS), list(ORIGINS.values()))[0]
        # Most foreign-born keep their citizenship; some naturalise after years in Utopia.
        years_here = rng.randint(0, age)
        arrival = CENSUS_YEAR - years_here
        citizenship = HOME if years_here >= 10 and rng.random() < 0.45 else birth
    else:
        birth, arrival = HOME, ""
        # A few Utopia-born children of migrants hold their parents' citizenship.
        citizenship = rng.choice(list(ORIGINS)) if rng.random() < 0.02 else HOME
    return {
        "person_id": f"P{number:05d}",
        "region": region,
        "sex": rng.choice("FM"),
        "age": age,
        "country_of_birth_iso": birth,
        "citizenship_iso": citizenship,
        "year_of_arrival": arrival,
    }


def make_people(rng: random.Random) -> list[dict]:
    people = [person(rng, n) for n in range(1, PEOPLE + 1)]
    for row in rng.sample(people, FAULTS["age_not_stated"]):
        row["age"] = UNKNOWN_AGE
    migrants = [p for p in people if p["year_of_arrival"] != "" and p["age"] != UNKNOWN_AGE]
    for row in rng.sample(migrants, FAULTS["arrival_before_2024_minus_age"]):
        row["year_of_arrival"] = CENSUS_YEAR - row["age"] - rng.randint(1, 5)
    # A third of the duplicates are people born abroad, so that they inflate the migrant stock.
    born_abroad = [p for p in people if p["country_of_birth_iso"] != HOME]
    n_abroad = FAULTS["duplicate_records"] // 3
    picked = rng.sample(born_abroad, n_abroad)
    picked += rng.sample(people, FAULTS["duplicate_records"] - n_abroad)
    duplicates = [dict(row) for row in picked]
    people.extend(duplicates)  # the same person counted twice, as happens in real field work
    people.sort(key=lambda p: p["person_id"])
    return people


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write census.csv (and the assignment's copy)."""
    people = make_people(random.Random(SEED))
    write_csv(out_dir / "census.csv", people)
    if assignment_dir is not None:
        write_csv(assignment_dir / "census.csv", people)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
