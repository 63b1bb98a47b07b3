"""Stock ``nbgrader autograde`` vs ``kit course autograde`` on the same simulated cohort, one run.

    python benchmarks/autograde.py [--submissions 200] [--workers 2] [--assignment ID]

Writes benchmarks/results/autograde.md: machine, wall time, throughput, peak memory (sum of the
process tree, sampled every 0.1 s), the ratio, whether the gradebooks are identical, and the floor
of one kernel start per notebook.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

REPO = Path(__file__).resolve().parents[1]
ASSESSMENT = REPO / "assessment"
RESULTS = REPO / "benchmarks" / "results" / "autograde.md"
LOAD_BEFORE = os.getloadavg()[0]  # read at start, before the run loads the machine itself
TIMESTAMP = "2025-01-06 09:00:00.000000 UTC\n"
KINDS = ("correct", "partial", "blank", "broken")


def env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def ready_assignments() -> list[str]:
    source = ASSESSMENT / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def make_course(root: Path, name: str, count: int) -> None:
    """A built course with ``count`` submissions: correct, partial, blank and broken in turn."""
    shutil.copy(ASSESSMENT / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(ASSESSMENT / "source" / name, root / "source" / name)
    subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", name],
        cwd=root,
        env=env(),
        check=True,
        capture_output=True,
    )
    release = nbformat.read(root / "release" / name / f"{name}.ipynb", as_version=4)
    source = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c.source
        for c in nbformat.read(ASSESSMENT / "source" / name / f"{name}.ipynb", 4).cells
    }
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        nb = nbformat.from_dict(release)
        answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        share = {"correct": 1.0, "partial": 0.5, "blank": 0.0, "broken": 0.5}[kind]
        for cell in answers[: round(share * len(answers))]:
            cell.source = source[cell.metadata["nbgrader"]["grade_id"]]
        if kind == "broken":
            answers[0].source = "value = (1 +"  # a syntax error, as a rushed official types it
        folder = root / "submitted" / f"official-{n:03d}-{kind}" / name
        shutil.copytree(root / "release" / name, folder)
        nbformat.write(nb, folder / f"{name}.ipynb")
        (folder / "timestamp.txt").write_text(TIMESTAMP)


def measure(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory of the whole process tree in MB, and the exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        top = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [top, *top.children(recursive=True)]
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    code = proc.wait()
    elapsed = time.perf_counter() - started
    done.set()
    thread.join()
    return elapsed, peak / 1024 / 1024, code


def kernel_start_seconds(repeats: int = 10) -> float:
    """Median time to start a python kernel, run nothing, and stop it: the per-notebook floor."""
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def grades(db: Path) -> list[tuple]:
    """Every grade and comment, keyed by student and cell name (row ids are random UUIDs)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT s.student_id, c.name, g.auto_score, g.manual_score, g.extra_credit, "
            "g.needs_manual_grade, m.auto_comment FROM grade g "
            "JOIN submitted_notebook sn ON sn.id = g.notebook_id "
            "JOIN submitted_assignment s ON s.id = sn.assignment_id "
            "JOIN base_cell c ON c.id = g.cell_id "
            "LEFT JOIN comment m ON m.notebook_id = g.notebook_id AND m.cell_id = g.cell_id"
        ).fetchall()
    finally:
        con.close()
    return sorted(rows, key=repr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200, help="simulated submissions")
    parser.add_argument("--workers", type=int, default=2, help="kit's parallel workers")
    parser.add_argument("--assignment", help="assignment id (default: the first with a notebook)")
    args = parser.parse_args()
    name = args.assignment or ready_assignments()[0]
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        make_course(base, name, args.submissions)
        stock, kit = Path(tmp) / "stock", Path(tmp) / "kit"
        shutil.copytree(base, stock)
        shutil.copytree(base, kit)
        nbgrader = str(Path(sys.executable).parent / "nbgrader")
        print(f"stock nbgrader autograde: {args.submissions} submissions of {name} ...", flush=True)
        stock_t, stock_mb, stock_rc = measure([nbgrader, "autograde", name], stock)
        print(f"  {stock_t:.1f} s", flush=True)
        print(f"kit course autograde --workers {args.workers} ...", flush=True)
        kit_cmd = [
            sys.executable,
            "-m",
            "kit",
            "course",
            "autograde",
            name,
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        kit_t, kit_mb, kit_rc = measure(kit_cmd, kit)
        print(f"  {kit_t:.1f} s", flush=True)
        same = grades(stock / "gradebook.db") == grades(kit / "gradebook.db")
        count = len(grades(kit / "gradebook.db"))
        floor_one = kernel_start_seconds()
    n = args.submissions
    floor = n * floor_one / args.workers
    lines = [
        "# Autograding benchmark: stock nbgrader vs kit",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} by `python benchmarks/autograde.py "
        f"--submissions {n} --workers {args.workers}`, one run, both commands on the same "
        "simulated cohort, one after the other.",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM; "
        f"load average before the run {LOAD_BEFORE:.1f} (1 minute): nothing else competing when "
        "it is below 1.",
        f"Assignment `{name}`; {n} submissions, a quarter each correct, partial (half the "
        "answers), "
        "blank, broken (a syntax error and half the answers).",
        "",
        "| | stock `nbgrader autograde` | `kit course autograde` |",
        "|---|---:|---:|",
        f"| workers | 1 (serial) | {args.workers} processes |",
        f"| total time | {stock_t:.1f} s | {kit_t:.1f} s |",
        f"| throughput | {n / stock_t:.2f} notebooks/s | {n / kit_t:.2f} notebooks/s |",
        f"| per notebook | {stock_t / n:.2f} s | {kit_t / n:.2f} s |",
        f"| peak memory (process tree) | {stock_mb:.0f} MB | {kit_mb:.0f} MB |",
        f"| exit code | {stock_rc} | {kit_rc} |",
        "",
        f"**Ratio: {stock_t / kit_t:.2f}x** the throughput of stock nbgrader "
        f"(target: at least 1.8x on 2 cores).",
        "",
        f"Identical grades: **{'yes' if same else 'NO'}** ({count} grade rows compared: auto and "
        "manual score, extra credit, needs-manual-grade flag and auto comment, per official and "
        "cell).",
        "",
        f"Floor: starting and stopping a bare python kernel takes {floor_one:.2f} s (median of "
        f"10) here, so one kernel per notebook on {args.workers} workers cannot go below "
        f"{floor:.0f} s for {n} notebooks; kit took {kit_t:.0f} s, "
        f"{kit_t / floor:.1f}x that floor (the rest is running the cells and nbgrader's own "
        "work: reading, sanitising, writing the notebook and the gradebook; kit adds the jail "
        "start and the copy into a scratch folder per notebook).",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
