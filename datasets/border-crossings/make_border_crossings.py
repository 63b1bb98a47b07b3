"""Generate fictional border-crossing records of non-resident travellers and the stays they form."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from kit.datagen import write_csv

SEED = 1998  # fixed: the year of the UN Recommendations the stays are classified against
TRAVELLERS = 400
FIRST_ENTRY = date(2023, 1, 1)
LAST_ENTRY = date(2023, 12, 31)
OBSERVED_UNTIL = date(2024, 12, 31)  # exits after this date are not yet in the records
HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "02-data-collection"

# Purposes as a border form records them. Holiday, visiting friends or relatives, business,
# medical treatment and pilgrimage are the purposes the 1998 Recommendations exclude from
# short-term migration (recreation is folded into holiday here).
PURPOSES = {
    "work": 0.22,
    "study": 0.12,
    "family": 0.10,
    "holiday": 0.24,
    "visiting_friends_relatives": 0.12,
    "business": 0.12,
    "medical_treatment": 0.04,
    "pilgrimage": 0.04,
}
# Typical length of stay in days by purpose: (shortest, longest).
STAY_DAYS = {
    "work": (30, 900),
    "study": (60, 800),
    "family": (20, 900),
    "holiday": (2, 120),
    "visiting_friends_relatives": (3, 150),
    "business": (1, 200),
    "medical_treatment": (5, 130),
    "pilgrimage": (5, 100),
}
NATIONALITIES = ["KEN", "IND", "PHL", "BRA", "DEU", "EGY", "ARE", "NGA", "VNM", "COL"]
POSTS = ["Airport North", "Harbour East", "Road Crossing West"]


def make_stays(rng: random.Random) -> list[dict]:
    """One stay per traveller: entry date, exit date (empty if still present) and purpose."""
    stays = []
    purposes, weights = zip(*PURPOSES.items(), strict=True)
    span = (LAST_ENTRY - FIRST_ENTRY).days
    for number in range(1, TRAVELLERS + 1):
        purpose = rng.choices(purposes, weights)[0]
        entry = FIRST_ENTRY + timedelta(days=rng.randint(0, span))
        low, high = STAY_DAYS[purpose]
        exit_ = entry + timedelta(days=rng.randint(low, high))
        stays.append(
            {
                "traveller_id": f"T{number:04d}",
                "nationality_iso": rng.choice(NATIONALITIES),
                "purpose": purpose,
                "entry_date": entry.isoformat(),
                "exit_date": exit_.isoformat() if exit_ <= OBSERVED_UNTIL else "",
            }
        )
    return stays


def make_crossings(stays: list[dict], rng: random.Random) -> list[dict]:
    """The raw records a border system holds: one row per crossing, in date order."""
    rows = []
    for stay in stays:
        post = rng.choice(POSTS)
        rows.append((stay["entry_date"], stay["traveller_id"], "IN", post, stay))
        if stay["exit_date"]:
            rows.append((stay["exit_date"], stay["traveller_id"], "OUT", rng.choice(POSTS), stay))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [
        {
            "crossing_id": f"C{index:05d}",
            "traveller_id": traveller,
            "nationality_iso": stay["nationality_iso"],
            "direction": direction,
            "crossing_date": day,
            "border_post": post,
            "declared_purpose": stay["purpose"],
        }
        for index, (day, traveller, direction, post, stay) in enumerate(rows, start=1)
    ]


def main(out_dir: Path = HERE, assignment_dir: Path | None = ASSIGNMENT) -> None:
    """Write crossings.csv and stays.csv (and the assignment's copy of stays.csv)."""
    rng = random.Random(SEED)
    stays = make_stays(rng)
    crossings = make_crossings(stays, rng)
    write_csv(out_dir / "crossings.csv", crossings)
    write_csv(out_dir / "stays.csv", stays)
    if assignment_dir is not None:
        write_csv(assignment_dir / "stays.csv", stays)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the generated files")
    args = parser.parse_args()
    main(args.out, ASSIGNMENT if args.out == HERE else None)
