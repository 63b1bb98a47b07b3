"""Generate a fictional monthly asylum caseload for Utopia, 2023-2024, by country of origin."""

from __future__ import annotations

import random
from pathlib import Path

from kit.datagen import write_csv

SEED = 1951  # fixed: every run writes the same figures
HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "04-status-determination"

# Fictional countries of origin: pending cases on 1 January 2023, monthly applications, and the
# share of decisions that are refugee status, complementary protection, rejection, otherwise closed.
ORIGINS = {
    "Estavia": {"pending": 5200, "applications": 1400, "shares": (0.62, 0.18, 0.15, 0.05)},
    "Meridia": {"pending": 3900, "applications": 1000, "shares": (0.25, 0.30, 0.38, 0.07)},
    "Nordavia": {"pending": 2900, "applications": 600, "shares": (0.08, 0.05, 0.80, 0.07)},
}
# Decisions the authority can take in a month, all origins together: it hired in January 2024.
CAPACITY = {2023: 2600, 2024: 3400}
OUTCOMES = ("recognised", "complementary", "rejected", "otherwise_closed")


def build() -> tuple[list[dict], list[dict]]:
    """Return (monthly rows, opening-stock rows), deterministic for SEED."""
    rng = random.Random(SEED)
    pending = {origin: spec["pending"] for origin, spec in ORIGINS.items()}
    rows = []
    for year in (2023, 2024):
        for month in range(1, 13):
            # Cases are decided roughly in proportion to how many of each origin are waiting.
            capacity = round(CAPACITY[year] * rng.uniform(0.92, 1.08))
            waiting = sum(pending.values())
            for origin, spec in ORIGINS.items():
                applications = round(spec["applications"] * rng.uniform(0.85, 1.15))
                decided = min(pending[origin], round(capacity * pending[origin] / waiting))
                counts = _split(rng, decided, spec["shares"])
                pending[origin] += applications - decided
                row = {"month": f"{year}-{month:02d}", "origin": origin}
                row["applications"] = applications
                row.update(dict(zip(OUTCOMES, counts, strict=True)))
                rows.append(row)
    opening = [{"origin": o, "pending_2023_01_01": s["pending"]} for o, s in ORIGINS.items()]
    return rows, opening


def _split(rng: random.Random, total: int, shares: tuple[float, ...]) -> list[int]:
    """Split total decisions into outcomes near the given shares; the parts add up to total."""
    counts = []
    for share in shares[:-1]:
        counts.append(min(total - sum(counts), round(total * share * rng.uniform(0.9, 1.1))))
    counts.append(total - sum(counts))
    return counts


def main() -> None:
    rows, opening = build()
    write_csv(HERE / "caseload.csv", rows)
    write_csv(HERE / "opening-stock.csv", opening)
    if ASSIGNMENT.is_dir():
        write_csv(ASSIGNMENT / "caseload.csv", rows)
        write_csv(ASSIGNMENT / "opening-stock.csv", opening)


if __name__ == "__main__":
    main()
