"""Load on the workshop hub: the same officials read a lesson two ways, each time all at once.

Each way, every official opens a first lesson, then a second, different one (a later lesson
view of the workshop day): with the course pack the browser's cache from the first view is
used (runtime and wheels kept, pages revalidated); with Voila the second page needs a kernel.

1. Course pack (the hub's lessons service, /services/lessons/): each official signs in and
   fetches the lesson page and every file a browser fetches for it, until it is interactive.
   Most do it over HTTP, replaying the list of files a real Chromium fetched for the lesson (a
   probe visit before the timed phase); ``--browsers`` of them open it in real headless
   Chromium pages, timed until the lesson's check is drawn by the kernel in the browser.
2. Personal server + Voila (the hub before the pack): each official signs in, starts a server
   and opens the same lesson as a Voila page, rendered by a kernel on the hub.

For each phase: the hub's CPU-seconds and memory spent on it (the front web server nginx when
installed, JupyterHub, the proxy, the services, and every official's server and kernels), and
each official's time to the lesson.
Run as root (officials are system accounts made for the run, removed after), loopback only:
    python benchmarks/hub_load.py --officials 30
Writes benchmarks/results/hub.md. Bounded: at most 60 officials, a deadline per session.
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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hub"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, is_local  # noqa: E402
from hub_client import HubUser  # noqa: E402

from kit.curriculum.manifest import load_curriculum  # noqa: E402
from kit.hub import accounts, front, launcher  # noqa: E402
from kit.hub.coursepack import check_pack  # noqa: E402
from kit.hub.settings import Course, HubSettings  # noqa: E402

MAX_OFFICIALS = 60
MODULE = "01-policy-formulation"
LESSON_NAME = "02-coordination-and-consultation"
PACK_LESSON = f"/services/lessons/voici/render/{MODULE}/{LESSON_NAME}.html"
VOILA_LESSON = f"lessons/{MODULE}/{LESSON_NAME}.ipynb"
#: The later lesson view: a different lesson of the same module (so in the built pack).
LATER_NAME = "03-evidence-and-smart-objectives"
PACK_LATER = f"/services/lessons/voici/render/{MODULE}/{LATER_NAME}.html"
VOILA_LATER = f"lessons/{MODULE}/{LATER_NAME}.ipynb"
#: The lesson is interactive when the kernel (in the browser) has drawn its first check.
READY = ".widget-vbox .widget-button"
#: Every host name but this machine's fails to resolve in Chromium: nothing can leave it.
BLOCK_OUTSIDE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
MiB = 2**20
#: The hub's side, part by part (the CPU each spent is reported apart): the front web server
#: (nginx, kit/hub/front.py: the pack's public runtime from disk, the rest to the proxy).
PARTS = ("hub", "front", "proxy", "lessons", "courses")
#: Seconds the hub is watched idle before the run: what it spends anyway (its own timers, the
#: course services) is taken off each phase, which then counts only what the lessons cost.
IDLE_SECONDS = 30


# --- What the hub spends: processes and their CPU and memory --------------------------------


def hub_processes(hub_pid: int, settings: HubSettings, officials: set[int]) -> list:
    """JupyterHub, its proxy and its services (every descendant not run by an official), and
    the front web server with its workers (started by kit hub, not by JupyterHub)."""
    hub = psutil.Process(hub_pid)
    found = [hub]
    for child in hub.children(recursive=True):
        try:
            if child.uids().real not in officials:
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    proxy = settings.data_dir / "proxy.pid"
    if proxy.exists():
        try:
            found.append(psutil.Process(int(proxy.read_text())))
        except (psutil.NoSuchProcess, ValueError):
            pass
    master = front.pid(settings)
    if master is not None:
        try:
            nginx = psutil.Process(master)
            found += [nginx, *nginx.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    return list({proc.pid: proc for proc in found}.values())  # the proxy is a child too


def official_processes(uids: set[int]) -> dict[int, list]:
    """Every process run by an official's account (servers, kernels), by account."""
    found: dict[int, list] = {uid: [] for uid in uids}
    for proc in psutil.process_iter(["uids"]):
        uid = proc.info["uids"].real if proc.info["uids"] else -1
        if uid in found:
            found[uid].append(proc)
    return found


def cpu(procs: list) -> float:
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def pss(procs: list) -> float:
    total = 0.0
    for proc in procs:
        try:
            total += proc.memory_full_info().pss / MiB
        except psutil.NoSuchProcess:
            pass
    return total


class Meter:
    """CPU-seconds and memory of the hub's side and of the officials' accounts, at a moment."""

    def __init__(self, hub_pid: int, settings: HubSettings, names: list[str]) -> None:
        self.hub_pid, self.settings = hub_pid, settings
        self.uids = {pwd.getpwnam(n).pw_uid for n in names}

    def part(self, proc) -> str:
        """Which part of the hub a process is: hub, proxy, lessons (service) or courses."""
        if proc.pid == self.hub_pid:
            return "hub"
        try:
            command = " ".join(proc.cmdline())
        except psutil.NoSuchProcess:
            return "courses"
        if "kit.hub.lessons" in command:
            return "lessons"
        if command.startswith("nginx"):
            return "front"
        return "proxy" if "configurable-http-proxy" in command else "courses"

    def read(self) -> dict:
        hub = hub_processes(self.hub_pid, self.settings, self.uids)
        mine = official_processes(self.uids)
        parts = {name: 0.0 for name in PARTS}
        for proc in hub:
            parts[self.part(proc)] += cpu([proc])
        return {
            "at": time.monotonic(),
            "parts": parts,
            "hub_cpu": cpu(hub),
            "hub_mib": pss(hub),
            "official_cpu": {uid: cpu(p) for uid, p in mine.items()},
            "official_mib": {uid: pss(p) for uid, p in mine.items()},
            "official_procs": sum(len(p) for p in mine.values()),
        }


# --- Phase 1: the course pack through the lessons service ------------------------------------


def probe(base: str, name: str, password: str, lesson: str = PACK_LESSON) -> list[str]:
    """Open a lesson once in a fresh Chromium; the pack's URLs it fetched (sign-in pages
    excluded): all the lesson needs, which an HTTP official's cache then filters."""
    fetched: list[str] = []
    with _browser() as browser:
        context = browser.new_context()
        context.on("request", lambda r: fetched.append(r.url))
        page = context.new_page()
        _sign_in(page, base, name, password)
        page.goto(base + lesson, wait_until="domcontentloaded")
        page.locator(READY).first.wait_for(timeout=300_000)
        context.close()
    outside = [url for url in fetched if not is_local(url)]
    if outside:
        raise SystemExit(f"hub_load: the lesson asked for outside URLs: {outside[:5]}")
    # What the browser asked the service for (sign-in redirects apart).
    pack = [u for u in fetched if "/services/lessons/" in u and "oauth" not in u]
    # The lesson page first, as a browser asks for it before anything it links.
    return list(dict.fromkeys([base + lesson, *pack]))


class Reader:
    """An official reading the pack over HTTP, with a browser's session and HTTP cache."""

    def __init__(self, base: str, name: str, password: str) -> None:
        self.person = HubUser(base, name, password)
        self.name = name
        self.signed_in = False
        #: url -> (validators to send, seconds fresh, when stored), as the browser keeps it.
        self.cache: dict[str, tuple[dict, float, float]] = {}

    def view(self, urls: list[str], page: str, deadline: float) -> dict:
        """Open a lesson: sign in (once), then fetch every file of it a browser would: files
        still fresh in the cache are not asked for; cached ones are revalidated (a 304)."""
        started = time.monotonic()
        row = {"name": self.name, "ok": False, "how": "http", "bytes": 0}
        row.update(cached=0, revalidated=0, fetched=0)
        try:
            if not self.signed_in:
                assert self.person.login().status_code == 302, "sign-in refused"
                self.signed_in = True
            for url in urls:
                self._get(url, page, deadline, row)
            row["lesson"] = time.monotonic() - started
            row["ok"] = True
        except Exception as exc:  # a failed session is a figure, not a crash
            row["error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
        return row

    def _get(self, url: str, page: str, deadline: float, row: dict) -> None:
        stored = self.cache.get(url)
        if stored and time.monotonic() - stored[2] < stored[1]:
            row["cached"] += 1  # Cache-Control max-age not yet over: no request at all
            return
        # The headers a browser sends: a page is navigated to, the rest fetched by it.
        mode = "navigate" if url.endswith(page) else "cors"
        headers = {"Sec-Fetch-Mode": mode, "Sec-Fetch-Site": "same-origin"}
        if stored:
            headers.update(stored[0])
        answer = self.person.session.get(
            url, headers=headers, timeout=max(1.0, deadline - time.monotonic())
        )
        if "/hub/login" in answer.url:
            raise RuntimeError(f"sent to the login page for {url}")
        if answer.status_code == 304 and stored:
            row["revalidated"] += 1
            self.cache[url] = (stored[0], stored[1], time.monotonic())  # fresh again
            return
        # JupyterLite's probe of api/drive gets a 404 in the browser too (the page then
        # keeps its files in the browser): an answer all the same, and not cached.
        if answer.status_code != 404:
            answer.raise_for_status()
        row["fetched"] += 1
        answer.content  # noqa: B018 - read the whole body, as the browser does
        # What crossed the network: gzip-encoded files count at their compressed size.
        row["bytes"] += answer.raw.tell()
        if answer.status_code == 200:
            self._store(url, answer)

    def _store(self, url: str, answer) -> None:
        validators = {}
        if answer.headers.get("ETag"):
            validators["If-None-Match"] = answer.headers["ETag"]
        if answer.headers.get("Last-Modified"):
            validators["If-Modified-Since"] = answer.headers["Last-Modified"]
        fresh = 0.0  # no-cache, or no Cache-Control: revalidated at each use (an upper bound)
        control = [d.strip() for d in answer.headers.get("Cache-Control", "").split(",")]
        if "no-store" in control:
            return
        for directive in control:
            if directive.startswith("max-age=") and "no-cache" not in control:
                fresh = float(directive.split("=", 1)[1])
        if validators or fresh:
            self.cache[url] = (validators, fresh, time.monotonic())


def pack_in_chromium(base: str, people: list[tuple[str, str]], rows: list[dict], later) -> None:
    """Officials in real Chromium pages (one context each), all opened before any is waited
    for; each is timed from its sign-in until the lesson's check is drawn. Then, when
    ``later`` (rows, go, done) says go, the same pages (same cache) open the later lesson."""
    later_rows, go, done = later
    with _browser() as browser:
        pages = []
        for name, password in people:
            started = time.monotonic()
            page = browser.new_context().new_page()
            _sign_in(page, base, name, password)
            page.goto(base + PACK_LESSON, wait_until="commit")
            pages.append((name, page, started))
        _wait_drawn(pages, rows)
        done.set()
        go.wait()
        again = []
        for name, page, _ in pages:  # the same page, so the same context and cache
            started = time.monotonic()
            page.goto(base + PACK_LATER, wait_until="commit")
            again.append((name, page, started))
        _wait_drawn(again, later_rows)


def _wait_drawn(pages: list, rows: list[dict]) -> None:
    waiting = {name for name, _, _ in pages}
    limit = time.monotonic() + 400
    while waiting and time.monotonic() < limit:
        for name, page, started in pages:
            if name in waiting and page.locator(READY).count():
                waiting.discard(name)
                rows.append(
                    {
                        "name": name,
                        "ok": True,
                        "how": "chromium",
                        "lesson": time.monotonic() - started,
                    }
                )
        time.sleep(0.25)
    rows += [{"name": n, "ok": False, "how": "chromium", "error": "timeout"} for n in waiting]


def _browser():
    from contextlib import contextmanager

    from playwright.sync_api import sync_playwright

    @contextmanager
    def launched():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, BLOCK_OUTSIDE]
            )
            try:
                yield browser
            finally:
                browser.close()

    return launched()


def _sign_in(page, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url("**/hub/home")


# --- Phase 2: a personal server and a Voila page per official --------------------------------


def server_and_voila(
    base: str, name: str, password: str, deadline: float, people: dict | None = None
) -> dict:
    """One official: sign in, start the server, open the lesson in Voila; timings in seconds.
    With ``people``, the signed-in official is kept there for the later lesson."""
    started = time.monotonic()
    row = {"name": name, "ok": False, "how": "voila"}
    try:
        person = HubUser(base, name, password).sign_in()
        if people is not None:
            people[name] = person
        person.start_server(timeout=max(1.0, deadline - time.monotonic()))
        row["server"] = time.monotonic() - started
        return _voila_page(person, VOILA_LESSON, row, started, deadline)
    except Exception as exc:
        row["error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
    return row


def voila_later(name: str, person, deadline: float) -> dict:
    """The same official, server still running, opens the later lesson in Voila."""
    row = {"name": name, "ok": False, "how": "voila"}
    try:
        return _voila_page(person, VOILA_LATER, row, time.monotonic(), deadline)
    except Exception as exc:
        row["error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
    return row


def _voila_page(person, lesson: str, row: dict, started: float, deadline: float) -> dict:
    # Voila streams the page while the kernel runs: read it in pieces, so a kernel that
    # died mid-page costs this session its deadline, not the whole run.
    page = person.server("GET", f"/voila/render/{lesson}", stream=True, timeout=30)
    body = b""
    for chunk in page.iter_content(65536):
        body += chunk
        if time.monotonic() > deadline:
            raise TimeoutError("lesson not rendered before the deadline")
    row["ok"] = page.status_code == 200 and b"jp-OutputArea" in body
    row["lesson"] = time.monotonic() - started
    if not row["ok"]:
        row["error"] = f"HTTP {page.status_code}"
    return row


# --- The run --------------------------------------------------------------------------------


def run(args) -> int:
    load_before = os.getloadavg()
    if os.geteuid() != 0:
        print("hub_load: run as root (officials are system accounts)", file=sys.stderr)
        return 2
    n = min(args.officials, MAX_OFFICIALS)
    root = Path(tempfile.mkdtemp(prefix="kit-hub-load-"))
    root.chmod(0o755)
    (root / "home").mkdir(mode=0o755)
    prefix = "l" + secrets.token_hex(3)
    names = [f"{prefix}{i:03d}" for i in range(n)]
    prober, grader = f"{prefix}p", f"{prefix}g"
    if args.pack:
        pack = check_pack(args.pack)
    else:
        from kit.pack.build import build_pack

        pack = build_pack(root / "pack", modules=[MODULE], say=lambda _line: None)
    settings = HubSettings(
        data_dir=root / "data",
        home_root=root / "home",
        courses=[Course("load-test", officials=[*names, prober], grader=grader)],
        port=launcher.free_port(),
        hub_port=launcher.free_port(),
        proxy_api_port=launcher.free_port(),
        pack_dir=str(pack),
    )
    passwords = {name: secrets.token_urlsafe(12) for name in [*names, prober]}
    process = None
    try:
        launcher.setup(settings, passwords)
        process = launcher.start(settings, log=root / "hub.log")
        launcher.wait_ready(settings, timeout=180)
        base = f"http://127.0.0.1:{settings.port}"
        # The probe (not counted) learns the files and warms the page cache for both phases.
        urls = probe(base, prober, passwords[prober])
        later_urls = probe(base, prober, passwords[prober], PACK_LATER)
        meter = Meter(process.pid, settings, names)
        time.sleep(5)
        quiet = meter.read()
        time.sleep(IDLE_SECONDS)
        idle = idle_rates(quiet, meter.read())
        figures = {"urls": len(urls), "load_before": load_before, "idle": idle}
        figures["front"] = bool(settings.front_command)
        figures["later_urls"] = len(later_urls)

        # Phase 1: the pack. All officials at once; the first --browsers in Chromium.
        in_chromium = names[: args.browsers]
        by_http = names[args.browsers :]
        before = meter.read()
        began = time.monotonic()
        deadline = began + args.timeout
        rows: list[dict] = []
        later_rows: list[dict] = []
        go, done = threading.Event(), threading.Event()
        sample = threading.Thread(
            target=pack_in_chromium,
            args=(base, [(x, passwords[x]) for x in in_chromium], rows, (later_rows, go, done)),
        )
        sample.start()
        readers = {x: Reader(base, x, passwords[x]) for x in by_http}
        with ThreadPoolExecutor(max(1, len(by_http))) as pool:
            rows += pool.map(lambda x: readers[x].view(urls, PACK_LESSON, deadline), by_http)
        done.wait()
        figures["pack"] = phase(rows, before, meter.read(), idle, n)

        # Phase 1b: the later lesson, each official with the cache its first view filled.
        time.sleep(5)
        before = meter.read()
        deadline = time.monotonic() + args.timeout
        go.set()
        with ThreadPoolExecutor(max(1, len(by_http))) as pool:
            later_rows += pool.map(
                lambda x: readers[x].view(later_urls, PACK_LATER, deadline), by_http
            )
        sample.join()
        figures["pack_later"] = phase(later_rows, before, meter.read(), idle, n, growth=True)

        time.sleep(5)
        # Phase 2: personal server + Voila, the same officials, all at once.
        before = meter.read()
        began = time.monotonic()
        deadline = began + args.timeout
        people: dict = {}
        with ThreadPoolExecutor(n) as pool:
            rows = list(
                pool.map(lambda x: server_and_voila(base, x, passwords[x], deadline, people), names)
            )
        figures["voila"] = phase(rows, before, meter.read(), idle, n)

        # Phase 2b: the later lesson in Voila, in the same servers (a new kernel each).
        time.sleep(5)
        before = meter.read()
        deadline = time.monotonic() + args.timeout
        with ThreadPoolExecutor(n) as pool:
            rows = list(pool.map(lambda x: voila_later(x, people[x], deadline), list(people)))
        figures["voila_later"] = phase(rows, before, meter.read(), idle, n, growth=True)
        report = render(figures, n, args)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
        print(report)
        return 0
    finally:
        if process is not None:
            launcher.stop(process)
        launcher.stop_proxy(settings)
        for name in [*names, prober, grader]:
            accounts.remove_user(name)
        shutil.rmtree(root, ignore_errors=True)


def idle_rates(first: dict, second: dict) -> dict[str, float]:
    """CPU-seconds per second each part of the hub spends with nobody on it."""
    seconds = second["at"] - first["at"]
    return {k: max(0.0, second["parts"][k] - first["parts"][k]) / seconds for k in PARTS}


def phase(
    rows: list[dict], before: dict, after: dict, idle: dict, n: int, growth: bool = False
) -> dict:
    """The figures of one phase: times per official, the hub's CPU and memory spent on it
    (what the hub would have spent idle over the same time taken off). ``growth``: a later
    view, whose officials' memory counts only what grew in the phase (their server ran)."""
    wall = after["at"] - before["at"]
    parts = {k: max(0.0, after["parts"][k] - before["parts"][k] - idle[k] * wall) for k in PARTS}
    ok = [r for r in rows if r["ok"]]
    official_cpu = [
        after["official_cpu"][u] - before["official_cpu"].get(u, 0.0) for u in after["official_cpu"]
    ]
    official_mib = [
        max(0.0, mib - (before["official_mib"].get(u, 0.0) if growth else 0.0))
        for u, mib in after["official_mib"].items()
    ]
    hub_cpu = sum(parts.values())
    return {
        "parts": {k: v / n for k, v in parts.items()},
        "rows": rows,
        "ok": len(ok),
        "times": sorted(r["lesson"] for r in ok),
        "http_times": sorted(r["lesson"] for r in ok if r["how"] == "http"),
        "chromium_times": sorted(r["lesson"] for r in ok if r["how"] == "chromium"),
        "servers": sorted(r["server"] for r in ok if "server" in r),
        "bytes": statistics.median([r["bytes"] for r in ok if "bytes" in r] or [0]),
        "requests": statistics.median(
            [r["revalidated"] + r["fetched"] for r in ok if "fetched" in r] or [0]
        ),
        "revalidated": statistics.median([r["revalidated"] for r in ok if "fetched" in r] or [0]),
        "cached": statistics.median([r["cached"] for r in ok if "fetched" in r] or [0]),
        "wall": wall,
        "hub_cpu": hub_cpu,
        "hub_mib_before": before["hub_mib"],
        "hub_mib_after": after["hub_mib"],
        "official_cpu_median": statistics.median(official_cpu) if official_cpu else 0.0,
        "official_mib_median": statistics.median(official_mib) if official_mib else 0.0,
        "official_procs": after["official_procs"],
        # Per lesson view: the hub's side shared out, plus what each official's account ran.
        "cpu_per_view": (hub_cpu + sum(official_cpu)) / n,
        "mib_per_view": (max(0.0, after["hub_mib"] - before["hub_mib"]) + sum(official_mib)) / n,
        "errors": sorted({r.get("error", "") for r in rows if not r["ok"]} - {""}),
    }


def _med(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} s" if values else "-"


def render(figures: dict, n: int, args) -> str:
    pack, voila = figures["pack"], figures["voila"]
    cpu_ratio = voila["cpu_per_view"] / max(pack["cpu_per_view"], 1e-9)
    # The pack's memory per view can be nil (the service's memory did not grow): the ratio is
    # then taken against the whole service and hub memory shared out, a bound from below.
    pack_mib = pack["mib_per_view"] or pack["hub_mib_after"] / n
    mib_ratio = voila["mib_per_view"] / max(pack_mib, 1e-9)
    load = figures["load_before"]
    lines = [
        "# Hub load: the same officials read a lesson from the course pack, then in Voila",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} by `python benchmarks/hub_load.py --officials "
        f"{n} --browsers {args.browsers}` (JupyterHub 6.1.1, configurable-http-proxy 5, "
        f"{'nginx in front (the pack runtime from disk), ' if figures['front'] else ''}"
        "LocalProcessSpawner, one system account per official, PAM sign-in, loopback only).",
        "",
        f"- Machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB,"
        f" {platform.system()} {platform.release()}; load average before the run "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1, 5, 15 minutes).",
        f"- Lesson: `{MODULE}/{LESSON_NAME}`; {n} officials arrive together in each phase; "
        f"deadline {args.timeout:.0f} s per session. Course pack: {figures['urls']} files "
        f"fetched by Chromium for the lesson, {pack['bytes'] / 1e6:.0f} MB per official on the "
        "wire (files with a gzip sibling in the pack sent gzip-encoded).",
        f"- The hub idle ({IDLE_SECONDS} s watched before the run) spends "
        + ", ".join(f"{k} {figures['idle'][k] * 1000:.0f} ms" for k in PARTS)
        + " of CPU per second; each phase has that taken off, so its figures count only "
        "what the officials cost.",
        "- Pack phase: "
        f"{n - args.browsers} officials fetch those files over HTTP; {args.browsers} open the "
        "lesson in real headless Chromium (on the same 2 cores, so they also compete with the "
        "hub) until the lesson's check is drawn by the kernel in the browser.",
        "",
        "| per official (medians unless said) | course pack via the hub "
        "| personal server + Voila |",
        "| --- | ---: | ---: |",
        f"| lessons shown | {pack['ok']} of {n} | {voila['ok']} of {n} |",
        f"| time to the lesson | {_med(pack['http_times'])} (files fetched); "
        f"{_med(pack['chromium_times'])} interactive in Chromium | {_med(voila['times'])} "
        f"(page rendered) |",
        f"| worst | {max(pack['times'], default=0):.1f} s "
        f"| {max(voila['times'], default=0):.1f} s |",
        f"| time to a running server | none started | {_med(voila['servers'])} |",
        "| hub CPU-seconds per lesson view (front, hub, proxy, services, servers, kernels; "
        "mean) | "
        f"{pack['cpu_per_view']:.3f} s | {voila['cpu_per_view']:.2f} s |",
        f"| of which the official's own server and kernel (median) | 0 (no process) | "
        f"{voila['official_cpu_median']:.2f} s |",
        f"| hub memory per lesson view (PSS; growth of hub, proxy, services shared out, plus "
        f"the official's processes) | {pack['mib_per_view']:.1f} MiB | "
        f"{voila['mib_per_view']:.0f} MiB |",
        "| of which, per part of the hub (mean per official): "
        + ", ".join(f"{k} {pack['parts'][k]:.3f} s" for k in PARTS)
        + " | "
        + ", ".join(f"{k} {voila['parts'][k]:.2f} s" for k in PARTS)
        + " |",
        f"| processes run as the officials after the phase | {pack['official_procs']} | "
        f"{voila['official_procs']} |",
        f"| hub + proxy + services memory before / after the phase | "
        f"{pack['hub_mib_before']:.0f} / {pack['hub_mib_after']:.0f} MiB | "
        f"{voila['hub_mib_before']:.0f} / {voila['hub_mib_after']:.0f} MiB |",
        f"| wall time for all | {pack['wall']:.1f} s | {voila['wall']:.1f} s |",
        "",
        f"**Ratio: the hub spends {cpu_ratio:.0f}x less CPU and {mib_ratio:.0f}x less memory per "
        "lesson view on the course pack** (target: at least 50x).",
    ]
    for label, figures_ in (("pack", pack), ("Voila", voila)):
        if figures_["errors"]:
            lines += ["", f"Failures ({label}): " + "; ".join(figures_["errors"])]
    lines += ["", *day(figures, n)]
    lines += ["", *sizing(pack, voila, n)]
    return "\n".join(lines) + "\n"


def _pack_mib(figures_: dict, n: int) -> float:
    """The pack's memory per view; when nothing grew, the hub's whole memory shared out (a
    bound from below for the ratio)."""
    return figures_["mib_per_view"] or figures_["hub_mib_after"] / n


def day(figures: dict, n: int) -> list[str]:
    """First view, later view, and the mean per lesson view over a workshop day of every
    lesson of the curriculum (computed from the two measured views)."""
    # The lessons of the curriculum's modules (one language: an official reads one).
    lessons = sum(len(module.lessons) for module in load_curriculum())
    pack, later = figures["pack"], figures["pack_later"]
    voila, voila_later_ = figures["voila"], figures["voila_later"]

    def mean(first: float, after: float) -> float:
        return (first + (lessons - 1) * after) / lessons

    cpu = {
        "first lesson view": (pack["cpu_per_view"], voila["cpu_per_view"]),
        "later lesson view": (later["cpu_per_view"], voila_later_["cpu_per_view"]),
    }
    mib = {
        "first lesson view": (_pack_mib(pack, n), voila["mib_per_view"]),
        "later lesson view": (_pack_mib(later, n), voila_later_["mib_per_view"]),
    }
    label = f"mean over a day of {lessons} lessons (computed)"
    cpu[label] = tuple(mean(a, b) for a, b in zip(*cpu.values(), strict=True))
    mib[label] = tuple(mean(a, b) for a, b in zip(*mib.values(), strict=True))
    grew = {
        "first lesson view": pack["mib_per_view"],
        "later lesson view": later["mib_per_view"],
    }
    grew[label] = mean(*grew.values())
    rows = []
    for key in cpu:
        (pc, vc), (pm, vm) = cpu[key], mib[key]
        # Nothing grew: the ratio is taken against the hub's whole memory shared out, so it
        # is a bound from below (marked >=).
        bound = ">=" if grew[key] < pm else ""
        rows.append(
            f"| {key} | {pc:.3f} s | {vc:.2f} s | **{vc / max(pc, 1e-9):.0f}x** "
            f"| {grew[key]:.1f} MiB | {vm:.0f} MiB | **{bound}{vm / max(pm, 1e-9):.0f}x** |"
        )
    return [
        "## Per lesson view: the first, a later one, and a workshop day",
        "",
        f"Later view: each official then opens a second, different lesson (`{LATER_NAME}`), "
        "all at once again. Course pack: with the browser cache the first view filled (HTTP "
        "officials skip files still fresh under Cache-Control max-age and revalidate the "
        "others with If-None-Match / If-Modified-Since; Chromium officials open it in the "
        "same browser context); median "
        f"{later['requests']:.0f} requests ({later['revalidated']:.0f} answered 304 Not "
        f"Modified), {later['cached']:.0f} files taken from the cache, "
        f"{later['bytes'] / 1e3:.0f} kB sent per official ({figures['later_urls']} files in "
        f"the lesson); {later['ok']} of {n} shown, in {_med(later['http_times'])} over HTTP, "
        f"{_med(later['chromium_times'])} interactive in Chromium. Voila: the second lesson's "
        f"page in the same server (a new kernel); {voila_later_['ok']} of {n} shown, in "
        f"{_med(voila_later_['times'])}. Memory of a later view counts what grew in it.",
        f"The day's mean is computed, not measured: (first + {lessons - 1} x later) / "
        f"{lessons}, {lessons} being the lessons of the curriculum. Memory is what grew in a "
        "view; where the pack's hub grew by nothing, the ratio (>=) is taken against the "
        "hub's whole memory shared out among the officials, a bound from below.",
        "",
        "| hub's cost per lesson view | pack CPU-s | Voila CPU-s | CPU ratio | pack memory "
        "| Voila memory | memory ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        "Parts of a later view (mean CPU-s per official): pack "
        + ", ".join(f"{k} {later['parts'][k]:.3f}" for k in PARTS)
        + "; Voila "
        + ", ".join(f"{k} {voila_later_['parts'][k]:.2f}" for k in PARTS)
        + f"; Voila official's own server and kernel (median) "
        f"{voila_later_['official_cpu_median']:.2f}.",
    ] + [
        f"Failures ({label_}): " + "; ".join(f["errors"])
        for label_, f in (("pack, later", later), ("Voila, later", voila_later_))
        if f["errors"]
    ]


def sizing(pack: dict, voila: dict, n: int) -> list[str]:
    """What machine a workshop needs, from the measured per-view figures."""
    rows = []
    for size in (30, 300, 3000):
        how = "measured" if size == n else "extrapolated"
        v_cores = max(2, -(-int(size * voila["cpu_per_view"]) // 60) + 1)
        v_ram = (size * voila["mib_per_view"] * 1.5 + voila["hub_mib_before"]) / 1024
        p_cores = max(1, -(-int(size * pack["cpu_per_view"]) // 60))
        p_ram = (pack["hub_mib_after"] + size * pack["mib_per_view"]) / 1024
        data = size * pack["bytes"] / 1e9
        rows.append(
            f"| {size} ({how}) | {v_cores} cores, {v_ram:.0f} GiB | {p_cores} core(s), "
            f"{p_ram:.1f} GiB | {data:.0f} GB: {data * 8 / 0.1 / 60:.0f} min at 100 Mbit/s, "
            f"{data * 8 / 1 / 60:.1f} min at 1 Gbit/s |"
        )
    return [
        "## What size of machine",
        "",
        "Cores for everyone to get the first lesson within a minute when the room arrives at "
        "once (officials x CPU-seconds per view / 60 s, plus one for the OS); memory with every "
        "official's lesson open (Voila: a second open page adds a kernel, so 1.5x). For the "
        "pack the hub's work is sending files; what grows is the network: each official's "
        "first visit downloads the lesson's files once (the browser keeps them for the next "
        "lessons).",
        "",
        "| officials | personal server + Voila | course pack: hub | course pack: network, first "
        "visits |",
        "| --- | --- | --- | --- |",
        *rows,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=3, help="pack readers in real Chromium")
    parser.add_argument("--timeout", type=float, default=400, help="deadline per session (s)")
    parser.add_argument("--pack", type=Path, help="a built pack (default: build module 01)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "hub.md")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
