"""Load on the workshop hub: N officials sign in, start servers and open a Voila lesson at once.

Run as root (officials are system accounts made for the run, removed after), loopback only:
    python benchmarks/hub_load.py --officials 30
Writes benchmarks/results/hub.md. Bounded: at most 60 officials, and a deadline per session.
"""

from __future__ import annotations

import argparse
import os
import platform
import pwd
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from hub_client import HubUser  # noqa: E402

from kit.hub import accounts, launcher  # noqa: E402
from kit.hub.layout import lessons_source  # noqa: E402
from kit.hub.settings import Course, HubSettings  # noqa: E402

MAX_OFFICIALS = 60


def session(base: str, name: str, password: str, lesson: str, deadline: float) -> dict:
    """One official: sign in, start the server, open the lesson; timings in seconds."""
    started = time.monotonic()
    row = {"name": name, "ok": False}
    try:
        person = HubUser(base, name, password).sign_in()
        row["signed_in"] = time.monotonic() - started
        person.start_server(timeout=max(1.0, deadline - time.monotonic()))
        row["server"] = time.monotonic() - started
        # Voila streams the page while the kernel runs: read it in pieces, so a kernel that
        # died mid-page costs this session its deadline, not the whole run.
        page = person.server("GET", f"/voila/render/{lesson}", stream=True, timeout=30)
        body = b""
        for chunk in page.iter_content(65536):
            body += chunk
            if time.monotonic() > deadline:
                raise TimeoutError("lesson not rendered before the deadline")
        rendered = page.status_code == 200 and b"jp-OutputArea" in body
        row["lesson"] = time.monotonic() - started
        row["ok"] = rendered
        if not rendered:
            row["error"] = f"HTTP {page.status_code}"
    except Exception as exc:  # a failed session is a figure, not a crash
        row["error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
    return row


def usage_by_account(names: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Proportional set size (MiB) and CPU seconds of each account's processes (server, kernels)."""
    uids = {pwd.getpwnam(n).pw_uid: n for n in names}
    memory = dict.fromkeys(names, 0.0)
    cpu = dict.fromkeys(names, 0.0)
    for proc in psutil.process_iter(["uids"]):
        owner = uids.get(proc.info["uids"].real if proc.info["uids"] else -1)
        if owner:
            try:
                memory[owner] += proc.memory_full_info().pss / 2**20
                times = proc.cpu_times()
                cpu[owner] += times.user + times.system
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
    return memory, cpu


def hub_memory(settings: HubSettings, hub_pid: int) -> float:
    total = 0.0
    pids = [hub_pid]
    proxy = settings.data_dir / "proxy.pid"
    if proxy.exists():
        pids.append(int(proxy.read_text()))
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_full_info().pss / 2**20
        except psutil.NoSuchProcess:
            pass
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(officials: int, timeout: float, out: Path) -> int:
    load_before = os.getloadavg()[0]
    if os.geteuid() != 0:
        print("hub_load: run as root (officials are system accounts)", file=sys.stderr)
        return 2
    officials = min(officials, MAX_OFFICIALS)
    root = Path(tempfile.mkdtemp(prefix="kit-hub-load-"))
    root.chmod(0o755)
    (root / "home").mkdir(mode=0o755)
    prefix = "l" + secrets.token_hex(3)
    names = [f"{prefix}{n:03d}" for n in range(officials)]
    grader = f"{prefix}g"
    settings = HubSettings(
        data_dir=root / "data",
        home_root=root / "home",
        courses=[Course("load-test", trainers=[], officials=names, grader=grader)],
        port=launcher.free_port(),
        hub_port=launcher.free_port(),
        proxy_api_port=launcher.free_port(),
    )
    passwords = {n: secrets.token_urlsafe(12) for n in names}
    first = lessons_source()[0]
    lesson = f"lessons/{first.parent.name}/{first.name}"
    process = None
    try:
        launcher.setup(settings, passwords)
        process = launcher.start(settings, log=root / "hub.log")
        launcher.wait_ready(settings, timeout=180)
        idle_hub = hub_memory(settings, process.pid)
        base = f"http://127.0.0.1:{settings.port}"
        began = time.monotonic()
        deadline = began + timeout
        with ThreadPoolExecutor(officials) as pool:
            rows = list(pool.map(lambda n: session(base, n, passwords[n], lesson, deadline), names))
        wall = time.monotonic() - began
        memory, cpu = usage_by_account(names)
        busy_hub = hub_memory(settings, process.pid)
        report = render(rows, memory, cpu, idle_hub, busy_hub, wall, lesson, timeout, load_before)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
        print(report)
        return 0
    finally:
        if process is not None:
            launcher.stop(process)
        launcher.stop_proxy(settings)
        for name in [*names, grader]:
            accounts.remove_user(name)
        shutil.rmtree(root, ignore_errors=True)


def render(rows, memory, cpu, idle_hub, busy_hub, wall, lesson, timeout, load_before) -> str:
    ok = [r for r in rows if r["ok"]]
    times = [r["lesson"] for r in ok]
    servers = [r["server"] for r in ok]
    mem = [memory[r["name"]] for r in ok if memory[r["name"]] > 0]
    errors = sorted({r.get("error", "") for r in rows if not r["ok"]})
    per_user = statistics.median(mem) if mem else 0.0
    cpu_each = statistics.median([cpu[r["name"]] for r in ok]) if ok else 0.0
    lines = [
        "# Hub load: officials opening a Voila lesson at once",
        "",
        "Produced by `benchmarks/hub_load.py` (JupyterHub 6.1.1, configurable-http-proxy 5, "
        "LocalProcessSpawner, one system account per official, PAM sign-in, loopback only).",
        "",
        f"- Machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"{platform.system()} {platform.release()}; load average before the run "
        f"{load_before:.1f} (1 minute): nothing else competing when it is below 1.",
        f"- Lesson: `{lesson}`; per-session deadline {timeout:.0f} s; all sessions start together.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| officials | {len(rows)} |",
        f"| successful sessions (signed in, server up, lesson rendered) | {len(ok)} |",
        f"| median time to a running server | {statistics.median(servers):.1f} s |"
        if servers
        else "| median time to a running server | - |",
        f"| median time to a rendered lesson | {statistics.median(times):.1f} s |"
        if times
        else "| median time to a rendered lesson | - |",
        f"| 90th percentile | {percentile(times, 0.9):.1f} s |"
        if times
        else "| 90th percentile | - |",
        f"| worst time to a rendered lesson | {max(times):.1f} s |" if times else "| worst | - |",
        f"| wall time for all | {wall:.1f} s |",
        f"| memory per official (server + lesson kernel, PSS, median) | {per_user:.0f} MiB |",
        f"| hub + proxy memory, idle / under load | {idle_hub:.0f} / {busy_hub:.0f} MiB |",
        f"| CPU per official to a rendered lesson (server + kernel, median) | {cpu_each:.1f} s |",
    ]
    if errors:
        lines += ["", "Failures: " + "; ".join(e for e in errors if e)]
    lines += [
        "",
        "## What size of machine",
        "",
        "Memory grows with officials (each with one lesson open; a second open page adds a "
        "kernel, so the table counts 1.5 x). CPU decides how long a room arriving at once "
        "waits: the cores below let every official see the first lesson within about a minute "
        "(officials x CPU per official / 60 s), with the hub and the OS on top.",
        "",
        "| workshop | RAM estimate | cores for a 1-minute start |",
        "| --- | --- | --- |",
        *(
            f"| {n} officials | {_ram(n, per_user)} GiB | {_cores(n, cpu_each)} |"
            for n in (30, 300)
        ),
    ]
    return "\n".join(lines) + "\n"


def _ram(n: int, per_user: float) -> str:
    return f"{(n * per_user * 1.5 + 1024) / 1024:.1f}"


def _cores(n: int, cpu_each: float) -> str:
    return f"{max(2, -(-int(n * cpu_each) // 60) + 1)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=300, help="deadline per session (s)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "hub.md")
    args = parser.parse_args()
    return run(args.officials, args.timeout, args.out)


if __name__ == "__main__":
    sys.exit(main())
