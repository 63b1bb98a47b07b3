"""Benchmark: 193 generated countries x 3 rounds x 5 ministries, scored and reported.

Run with ``make benchmark`` (or ``python benchmarks/scoring.py``). Prints a Markdown table of
medians over several repeats; the figures go into BENCHMARKS.md. Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from kit.assessment import assess
from kit.framework import load_framework
from kit.io.formats import load_responses, save_responses
from kit.report.data import report_data
from kit.report.html import render_html
from kit.responses import Answer, ResponseSet

ROUNDS = ("2021", "2023", "2025")
MINISTRIES = ("Interior", "Foreign Affairs", "Labour", "Justice", "Health")


def generate(framework, countries: int, seed: int = 7) -> dict[str, dict[str, list[ResponseSet]]]:
    """Response sets by country and round, with levels, N/A, don't know and evidence mixed in."""
    rng = random.Random(seed)
    data: dict[str, dict[str, list[ResponseSet]]] = {}
    for c in range(countries):
        country = f"Country {c:03d}"
        data[country] = {}
        for round_ in ROUNDS:
            sets = []
            for ministry in MINISTRIES:
                answers = {}
                for item_id in framework.items:
                    draw = rng.random()
                    if draw < 0.04:
                        answers[item_id] = Answer(item_id, "na", na_reason="outside remit")
                    elif draw < 0.08:
                        answers[item_id] = Answer(item_id, "dont_know")
                    else:
                        evidence = "report" if draw < 0.6 else ""
                        answers[item_id] = Answer(
                            item_id, "level", float(rng.randint(0, 4)), evidence=evidence
                        )
                sets.append(ResponseSet(framework.id, country, ministry, round_, answers))
            data[country][round_] = sets
    return data


def score_all(framework, data) -> int:
    """Assess every country in every round against its previous round; returns the count."""
    count = 0
    for rounds in data.values():
        previous = None
        for round_ in ROUNDS:
            assess(framework, rounds[round_], previous)
            previous = rounds[round_]
            count += 1
    return count


def timed(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--countries", type=int, default=193)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    framework = load_framework("gcim-2005")
    data = generate(framework, args.countries)
    responses = args.countries * len(ROUNDS) * len(MINISTRIES) * len(framework.items)
    rows = []

    for share in (0.25, 0.5, 1.0):
        n = max(1, round(args.countries * share))
        subset = dict(list(data.items())[:n])
        t = statistics.median(timed(lambda s=subset: score_all(framework, s), args.repeats))
        rows.append((f"score {n} countries x 3 rounds x 5 ministries", t, t / n * 1000))

    latest = [assess(framework, rounds["2025"], rounds["2023"]) for rounds in data.values()]
    t_html = statistics.median(timed(lambda: [render_html(a) for a in latest], args.repeats))
    rows.append((f"HTML report, {len(latest)} countries", t_html, t_html / len(latest) * 1000))
    t_json = statistics.median(timed(lambda: [report_data(a) for a in latest], args.repeats))
    rows.append((f"JSON data, {len(latest)} countries", t_json, t_json / len(latest) * 1000))

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for country, rounds in list(data.items())[:20]:
            for rs in rounds["2025"]:
                path = Path(tmp) / f"{country}-{rs.ministry}.csv"
                save_responses(rs, path, framework)
                paths.append(path)
        t_load = statistics.median(
            timed(lambda: [load_responses(p, framework) for p in paths], args.repeats)
        )
        rows.append((f"load {len(paths)} CSV response files", t_load, t_load / len(paths) * 1000))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()}; median of {args.repeats} runs"
    )
    print(f"Responses in the full batch: {responses:,}\n")
    print("| what | median total (s) | per country or file (ms) |")
    print("| --- | ---: | ---: |")
    for what, total, per in rows:
        print(f"| {what} | {total:.3f} | {per:.2f} |")
    print(f"\nPeak memory of the whole run (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
