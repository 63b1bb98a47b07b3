"""A small fictional data folder for the dashboard tests: Utopia, two rounds, three ministries."""

from __future__ import annotations

from pathlib import Path

from kit.framework import Framework
from kit.io.datafolder import slugify
from kit.io.formats import save_responses
from kit.responses import Answer, ResponseSet

COUNTRY = "Utopia"
MINISTRIES = ("Ministry of Interior", "Ministry of Labour", "Ministry of Foreign Affairs")
ROUNDS = ("2023", "2025")


def level_for(item_index: int, ministry_index: int, round_index: int) -> int:
    """A fixed, varied level: ministries disagree on some items, the later round is higher."""
    return min(4, (item_index * 7 + ministry_index * 3) % 4 + round_index)


def write_sample(data_dir: Path, framework: Framework) -> Path:
    """Write ``DIR/utopia/<round>/<ministry>.csv`` for every ministry and round; return DIR."""
    for r, round_ in enumerate(ROUNDS):
        folder = data_dir / slugify(COUNTRY) / round_
        folder.mkdir(parents=True, exist_ok=True)
        for m, ministry in enumerate(MINISTRIES):
            answers = {}
            for i, item_id in enumerate(framework.items):
                answers[item_id] = Answer(
                    item_id, "level", float(level_for(i, m, r)), evidence=f"doc {i}" * (i % 2)
                )
            rs = ResponseSet(framework.id, COUNTRY, ministry, round_, answers)
            save_responses(rs, folder / f"{slugify(ministry)}.csv", framework)
    return data_dir
