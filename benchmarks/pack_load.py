"""Benchmark: the static course pack's size, and time to the first interactive lesson in Chromium.

Builds the whole curriculum with ``kit pack`` (from the warmed cache), serves it with the
standard library's http.server on localhost, and opens one lesson in Debian's Chromium with
every outside request blocked (and counted: the run fails if there is one):

- cold: a fresh browser profile, nothing cached;
- cached: the same profile opening the lesson again (files come from the browser's HTTP cache;
  http.server answers revalidations with 304).

"Interactive" means the lesson's first check has been drawn by the kernel, i.e. Pyodide, pandas,
Altair and ipywidgets are loaded and the lesson's code has run. Results go to
benchmarks/results/pack.md.

    python benchmarks/pack_load.py [--runs 3] [--pack DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import platform
import statistics
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, is_local  # noqa: E402

from kit.pack.build import build_pack  # noqa: E402

RESULTS = ROOT / "results" / "pack.md"
LESSON = "voici/render/01-policy-formulation/02-coordination-and-consultation.html"
READY = ".widget-vbox .widget-button"
LOAD_BEFORE = os.getloadavg()[0]
#: Every host name but this machine's fails to resolve: nothing can leave it.
BLOCK_OUTSIDE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """http.server's handler, counting the bytes of file it sends (what a first visit costs)."""

    sent = 0

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        type(self).sent += source.tell() - start


def _serve(site: Path):
    handler = functools.partial(_CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _size(site: Path) -> tuple[int, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(site, arcname="pack")
    return total, len(buffer.getvalue()), len(files)


def _time_to_interactive(page, url: str) -> float:
    started = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    page.locator(READY).first.wait_for(timeout=300_000)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold/cached pairs to time")
    parser.add_argument("--pack", type=Path, help="an already built pack (default: build one)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pack-bench-") as scratch:
        if args.pack:
            site, build_seconds = args.pack, None
        else:
            started = time.monotonic()
            site = build_pack(Path(scratch) / "site")
            build_seconds = time.monotonic() - started
        total, gz, count = _size(site)
        server = _serve(site)
        url = f"http://127.0.0.1:{server.server_port}/{LESSON}"
        cold, cached, first_visit_bytes, second_visit_bytes = [], [], [], []
        attempts: list[str] = []
        with sync_playwright() as playwright:
            # Outside hosts are blocked at name resolution, not with Playwright's routing,
            # which would switch the browser's HTTP cache off and make "cached" mean nothing.
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, BLOCK_OUTSIDE]
            )
            for run in range(args.runs):
                context = browser.new_context()
                context.on("request", lambda r: None if is_local(r.url) else attempts.append(r.url))
                page = context.new_page()
                _CountingHandler.sent = 0
                cold.append(_time_to_interactive(page, url))
                first_visit_bytes.append(_CountingHandler.sent)
                page.close()
                page = context.new_page()
                _CountingHandler.sent = 0
                cached.append(_time_to_interactive(page, url))
                second_visit_bytes.append(_CountingHandler.sent)
                context.close()
                print(f"run {run + 1}: cold {cold[-1]:.1f} s, cached {cached[-1]:.1f} s")
            browser.close()
        server.shutdown()
    if attempts:
        print(f"outside requests attempted: {attempts}", file=sys.stderr)
        return 1
    _write(total, gz, count, build_seconds, cold, cached, first_visit_bytes, second_visit_bytes)
    print(RESULTS.read_text())
    return 0


def _write(total, gz, count, build_seconds, cold, cached, first_visit_bytes, second_bytes):
    mb = 1e6
    build = f"{build_seconds:.0f} s" if build_seconds is not None else "not measured"
    lines = [
        "# Static course pack: size and time to the first interactive lesson",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores "
        f"({platform.machine()}), load average before the run {LOAD_BEFORE:.1f}; "
        "`python benchmarks/pack_load.py`; Chromium with every outside request blocked "
        "(host names other than 127.0.0.1 do not resolve; none was attempted).",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| pack (all modules): files / size | {count} / {total / mb:.0f} MB |",
        f"| pack as .tar.gz | {gz / mb:.0f} MB |",
        f"| build time (`kit pack`, warm cache) | {build} |",
        f"| first visit downloads | {statistics.median(first_visit_bytes) / mb:.0f} MB |",
        f"| second visit downloads | {statistics.median(second_bytes) / mb:.1f} MB |",
        f"| time to first interactive lesson, cold (median of {len(cold)}) | "
        f"{statistics.median(cold):.1f} s (range {min(cold):.1f}-{max(cold):.1f}) |",
        f"| same, cached (second visit, median of {len(cached)}) | "
        f"{statistics.median(cached):.1f} s (range {min(cached):.1f}-{max(cached):.1f}) |",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
