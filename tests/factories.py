"""Small factories for response sets, so tests state answers in one line each."""

from __future__ import annotations

from pathlib import Path

from repo import ROOT as REPO

from kit.responses import Answer, ResponseSet

FIXTURES = Path(__file__).parent / "fixtures"
UTOPIA = REPO / "datasets" / "self-assessment" / "utopia"


def answer(item_id: str, value: object, evidence: str = "") -> Answer:
    """An answer from a short value: a level, "na", "dk" or None (unanswered)."""
    if value == "na":
        return Answer(item_id, "na", na_reason="not our remit", evidence=evidence)
    if value == "dk":
        return Answer(item_id, "dont_know", evidence=evidence)
    if value is None:
        return Answer(item_id)
    return Answer(item_id, "level", float(value), evidence=evidence)


def ministry(name: str, levels: dict[str, object], round_: str = "2025", country: str = "Mini"):
    """A ResponseSet of the mini framework from {item id: short value}."""
    answers = {item_id: answer(item_id, value) for item_id, value in levels.items()}
    return ResponseSet("mini", country, name, round_, answers, source=f"{name}.csv")
