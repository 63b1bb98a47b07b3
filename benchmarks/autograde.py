"""Stock ``nbgrader autograde`` vs ``kit course autograde`` on the same simulated cohort, one run.

    python benchmarks/autograde.py [--sizes 12 30 200] [--workers 2] [--repeats 3] [--assignment ID]

Writes benchmarks/results/autograde.md: for each cohort size side by side, the load average
before it, wall time, throughput, CPU seconds and peak memory of each process tree, the ratio,
and whether the gradebooks are identical row for row.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil

REPO = Path(__file__).resolve().parents[1]
ASSESSMENT = REPO / "assessment"
RESULTS = REPO / "benchmarks" / "results" / "autograde.md"
TIMESTAMP = "2025-01-06 09:00:00.000000 UTC\n"
KINDS = ("correct", "partial", "blank", "broken")


def env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def ready_assignments() -> list[str]:
    source = ASSESSMENT / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def without_kit_hooks(config: Path) -> None:
    """Stock nbgrader as it comes: the course's lines that make nbgrader call kit are dropped."""
    lines = config.read_text().splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "kit.course" not in line))


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


def measure(command: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak memory of the whole process tree in MB, the exit code, and the CPU
    seconds of the whole tree (every process in it is waited for by its parent, so its time
    reaches ours): the CPU figure does not depend on what else the machine runs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, peak / 1024 / 1024, code, cpu


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


@dataclass
class Size:
    """Every run at one cohort size: stock and kit, interleaved, and the grades compared."""

    n: int
    load: float = 0.0
    stock: list[tuple] = field(default_factory=list)  # (wall, MB, exit code, CPU s) per run
    kit: list[tuple] = field(default_factory=list)
    same: bool = True
    rows: int = 0

    def median(self, side: str, at: int) -> float:
        return statistics.median(run[at] for run in getattr(self, side))

    @property
    def ratio(self) -> float:
        return self.median("stock", 0) / self.median("kit", 0)

    @property
    def cpu_ratio(self) -> float:
        return self.median("stock", 3) / self.median("kit", 3)


def run_size(tmp: Path, name: str, n: int, workers: int, repeats: int) -> Size:
    """Stock then kit on the same cohort of ``n``, ``repeats`` times, on fresh copies each."""
    size = Size(n, load=os.getloadavg()[0])
    base = tmp / f"base-{n}"
    base.mkdir()
    make_course(base, name, n)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    kit_cmd = [sys.executable, "-m", "kit", "course", "autograde", name, "--workers",
               str(workers), "--no-progress"]  # fmt: skip
    for repeat in range(repeats):
        stock, kit = tmp / f"stock-{n}-{repeat}", tmp / f"kit-{n}-{repeat}"
        shutil.copytree(base, stock)
        without_kit_hooks(stock / "nbgrader_config.py")
        shutil.copytree(base, kit)
        print(f"{n} submissions, run {repeat + 1}/{repeats}: stock ...", end="", flush=True)
        size.stock.append(measure([nbgrader, "autograde", name], stock))
        print(f" {size.stock[-1][0]:.1f} s; kit ...", end="", flush=True)
        size.kit.append(measure(kit_cmd, kit))
        print(f" {size.kit[-1][0]:.1f} s", flush=True)
        mine, theirs = grades(kit / "gradebook.db"), grades(stock / "gradebook.db")
        size.same = size.same and mine == theirs and len(mine) > 0
        size.rows = len(mine)
        shutil.rmtree(stock)
        shutil.rmtree(kit)
    return size


def report(sizes: list[Size], name: str, workers: int, repeats: int, floor_one: float) -> str:
    """The Markdown page: one column per cohort size."""
    head = " | ".join(f"{s.n} submissions" for s in sizes)
    rule = "|".join("---:" for _ in sizes)

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(s) for s in sizes) + " |"

    def runs(s: Size) -> str:
        return ", ".join(f"{a[0]:.1f}/{b[0]:.1f}" for a, b in zip(s.stock, s.kit, strict=True))

    n_max = sizes[-1].n
    kit_max = sizes[-1].median("kit", 0)
    floor = n_max * floor_one / workers
    return "\n".join(
        [
            "# Autograding benchmark: stock nbgrader vs kit, three cohort sizes",
            "",
            f"Run {time.strftime('%Y-%m-%d %H:%M')} by `python benchmarks/autograde.py "
            f"--sizes {' '.join(str(s.n) for s in sizes)} --workers {workers} --repeats "
            f"{repeats}`, in one run: at each size both commands grade the same simulated "
            "cohort, one after the other, each on a fresh copy; "
            + (
                f"medians of {repeats} runs below 100 submissions, one run above."
                if repeats > 1
                else "one run per size."
            ),
            "",
            f"Machine: {platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM. "
            "The machine is shared: the load average (1 minute) before each size is in the "
            "table; above about 1 other work competed for the 2 cores during the run.",
            f"Assignment `{name}`; a quarter of the submissions each correct, partial (half the "
            "answers), blank, broken (a syntax error and half the answers).",
            "",
            f"| | {head} |",
            f"|---|{rule}|",
            row("load average before", lambda s: f"{s.load:.1f}"),
            row(
                "stock `nbgrader autograde` (serial): total",
                lambda s: f"{s.median('stock', 0):.1f} s",
            ),
            row(
                f"`kit course autograde` ({workers} workers): total",
                lambda s: f"{s.median('kit', 0):.1f} s",
            ),
            row("stock throughput", lambda s: f"{s.n / s.median('stock', 0):.2f} notebooks/s"),
            row("kit throughput", lambda s: f"{s.n / s.median('kit', 0):.2f} notebooks/s"),
            row("**ratio (throughput)**", lambda s: f"**{s.ratio:.2f}x**"),
            row(
                "CPU seconds, stock / kit (whole process tree)",
                lambda s: f"{s.median('stock', 3):.0f} / {s.median('kit', 3):.0f}",
            ),
            row("ratio of CPU seconds", lambda s: f"{s.cpu_ratio:.2f}x"),
            row(
                "peak memory, stock / kit",
                lambda s: f"{s.median('stock', 1):.0f} / {s.median('kit', 1):.0f} MB",
            ),
            row(
                "exit codes, stock / kit",
                lambda s: f"{max(r[2] for r in s.stock)} / {max(r[2] for r in s.kit)}",
            ),
            row(
                "identical grades, row for row",
                lambda s: f"{'yes' if s.same else 'NO'} ({s.rows} rows)",
            ),
            row("runs (stock/kit wall s)", runs),
            "",
            "Target: at least 3.5x the throughput of stock nbgrader at every size, on 2 cores.",
            "",
            "Grades compared per official and cell: auto and manual score, extra credit, "
            "needs-manual-grade flag and auto comment.",
            "",
            f"For scale: starting and stopping a bare python kernel the usual way takes "
            f"{floor_one:.2f} s here (median of 10), so starting one kernel per notebook on "
            f"{workers} workers would alone take {floor:.0f} s for {n_max} notebooks; kit took "
            f"{kit_max:.0f} s in all, because its kernels are forked from a pre-loaded template "
            "(each notebook still in a new process, jailed as before).",
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 30, 200],
                        help="cohort sizes, all in one run")  # fmt: skip
    parser.add_argument("--workers", type=int, default=2, help="kit's parallel workers")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs per size below 100 submissions (one above)")  # fmt: skip
    parser.add_argument("--assignment", help="assignment id (default: the first with a notebook)")
    args = parser.parse_args()
    name = args.assignment or ready_assignments()[0]
    sizes = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        for n in sorted(args.sizes):
            repeats = args.repeats if n < 100 else 1
            sizes.append(run_size(Path(tmp), name, n, args.workers, repeats))
    floor_one = kernel_start_seconds()
    text = report(sizes, name, args.workers, args.repeats, floor_one)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(s.same for s in sizes) else 1


if __name__ == "__main__":
    sys.exit(main())
