"""Grading on submission under a workshop's load: officials hand in within a minute; how long
until each one's feedback (score included) can be fetched?

    sudo python benchmarks/grade_on_submit.py [--officials 30] [--spread 60] [--assignment ID]

A course with an exchange (``kit course init --exchange``), built and released; each official
fetches it with nbgrader's exchange, fills in answers (correct, partial, blank in turn) and
submits at an even pace over ``--spread`` seconds. The worker is ``kit course grade-on-submit``
exactly as the hub's grading service runs it (sandboxed: kernels as the grading user, which
needs root; without root it says so and runs ``--no-isolation``). Latency is from the end of an
official's submit to the moment their feedback file is where nbgrader's "Fetch feedback" finds
it (the hash of their submission's secret in the exchange's feedback folder), checked every
0.2 s. Writes benchmarks/results/grade_on_submit.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

REPO = Path(__file__).resolve().parents[1]
# What an official does on their side of the exchange: the same nbgrader calls as the tests.
sys.path.insert(0, str(REPO / "tests" / "course"))
from officials import fetch, official_config, submit  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "grade_on_submit.md"
LOAD_BEFORE = os.getloadavg()[0]
COURSE_ID = "bench-on-submit"
SHARES = (1.0, 0.5, 0.0)


def env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def kit(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kit", *args], env=env(), check=True)


def answers(root: Path, name: str, share: float):
    """The release with the first ``share`` of its answer cells holding the model answers."""
    release = nbformat.read(root / "release" / name / f"{name}.ipynb", as_version=4)
    source = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c.source
        for c in nbformat.read(root / "source" / name / f"{name}.ipynb", as_version=4).cells
    }
    cells = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for cell in cells[: round(share * len(cells))]:
        cell.source = source[cell.metadata["nbgrader"]["grade_id"]]
    return release


def feedback_file(exchange: Path, home: Path, name: str) -> Path | None:
    """Where nbgrader's fetch_feedback looks for this official's feedback, once submitted."""
    from nbgrader.utils import notebook_hash

    cache = home / ".nbgrader-cache" / COURSE_ID
    found = sorted(cache.glob(f"*+{name}+*/submission_secret.txt"))
    if not found:
        return None
    digest = notebook_hash(secret=found[-1].read_text(), notebook_id=name)
    return exchange / COURSE_ID / "feedback" / f"{digest}.html"


def cpu_seconds(process: psutil.Process) -> float:
    total = 0.0
    for proc in [process, *process.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        except psutil.NoSuchProcess:
            pass
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=30)
    parser.add_argument("--spread", type=float, default=60.0, help="seconds over which to submit")
    parser.add_argument("--assignment", default="03-border-management")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--keep", action="store_true", help="keep the course and worker log")
    args = parser.parse_args()

    isolated = hasattr(os, "geteuid") and os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="kit-bench-on-submit-"))
    base.chmod(0o755)
    root, exchange, name = base / "course", base / "exchange", args.assignment
    kit("course", "init", str(root), "--modules", name, "--exchange", str(exchange),
        "--course-id", COURSE_ID)  # fmt: skip
    kit("course", "build", "--dir", str(root))
    kit("course", "release", name, "--dir", str(root))
    homes, configs = {}, {}
    for n in range(args.officials):
        student = f"official{n + 1:02d}"
        homes[student] = base / "home" / student
        configs[student] = official_config(exchange, COURSE_ID, student, homes[student])
        folder = fetch(configs[student], name)
        nbformat.write(answers(root, name, SHARES[n % 3]), folder / f"{name}.ipynb")

    command = [sys.executable, "-m", "kit", "course", "grade-on-submit", "--dir", str(root),
               "--interval", "0.5", "--no-progress"]  # fmt: skip
    if not isolated:
        command.append("--no-isolation")
    log = open(base / "worker.log", "wb")
    worker = subprocess.Popen(command, env=env(), stdout=log, stderr=subprocess.STDOUT)
    watcher = psutil.Process(worker.pid)
    # The worker's start-up is not a submission's latency: wait until it watches.
    ready = time.monotonic() + 300
    while b"watching" not in (base / "worker.log").read_bytes() and time.monotonic() < ready:
        time.sleep(0.2)
    cpu_before = cpu_seconds(watcher)

    submitted: dict[str, float] = {}
    visible: dict[str, float] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for student in list(submitted):
                if student in visible:
                    continue
                path = feedback_file(exchange, homes[student], name)
                if path is not None and path.exists():
                    visible[student] = time.monotonic()
            time.sleep(0.2)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    started = time.monotonic()
    gap = args.spread / max(1, args.officials - 1)
    for n, student in enumerate(sorted(homes)):
        time.sleep(max(0.0, started + n * gap - time.monotonic()))
        submit(configs[student], name)
        submitted[student] = time.monotonic()
    deadline = time.monotonic() + args.timeout
    while len(visible) < len(submitted) and time.monotonic() < deadline:
        time.sleep(0.5)
    done.set()
    thread.join()
    wall = time.monotonic() - started
    cpu = cpu_seconds(watcher) - cpu_before
    worker.send_signal(signal.SIGINT)
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
    log.close()

    latencies = sorted(visible[s] - submitted[s] for s in visible)
    missing = sorted(set(submitted) - set(visible))
    batches = (base / "worker.log").read_text(errors="replace").count("graded ")
    lines = [
        "## Grading on submission (`benchmarks/grade_on_submit.py`)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC by "
        f"`python benchmarks/grade_on_submit.py --officials {args.officials} "
        f"--spread {args.spread:g}`.",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM; load "
        f"average before the run {LOAD_BEFORE:.1f} (1 minute; other work shares the machine).",
        f"Assignment `{name}`; {args.officials} officials submit through nbgrader's exchange, "
        f"one every {gap:.1f} s over {args.spread:g} s (a third each correct, half, blank). "
        "Worker: `kit course grade-on-submit` (collect, sandboxed autograde "
        f"({'kernels as the grading user' if isolated else 'NOT isolated: not root'}), feedback "
        "without hidden tests, release), as the hub's grading service runs it; latency is from "
        "the end of the submit to the feedback file being where Fetch feedback finds it.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| officials with feedback | {len(latencies)} of {len(submitted)} |",
    ]
    if latencies:
        p90 = latencies[min(len(latencies) - 1, int(0.9 * len(latencies)))]
        lines += [
            f"| median latency, submit to feedback | {statistics.median(latencies):.1f} s |",
            f"| 90th percentile | {p90:.1f} s |",
            f"| worst | {latencies[-1]:.1f} s |",
            f"| best | {latencies[0]:.1f} s |",
            f"| grading batches (the worker takes what arrived while it graded) | {batches} |",
            f"| wall time, first submit to last feedback | {wall:.1f} s |",
            f"| worker CPU (with its grading processes and kernels) | {cpu:.0f} s |",
        ]
    if missing:
        lines.append(f"| no feedback within {args.timeout:g} s | {', '.join(missing)} |")
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    if args.keep:
        print(f"course, exchange and worker.log kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
