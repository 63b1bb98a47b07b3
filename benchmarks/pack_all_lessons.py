"""Check: does every lesson of a full course pack become interactive in Chromium, offline?

Builds the whole pack (or takes ``--pack DIR``), serves it on localhost and opens every lesson
page in turn with every outside host unresolvable; for each, waits for the checks, then reports
the time, the number of widgets and charts, and any error text. Too slow for the test suite
(about 20-45 s per lesson on 2 cores); run it after changing lessons or the pack.

    python benchmarks/pack_all_lessons.py [--pack DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))
sys.path.insert(0, str(ROOT))

from browser import CHROMIUM, CHROMIUM_ARGS, is_local  # noqa: E402
from pack_load import BLOCK_OUTSIDE, _serve  # noqa: E402

from kit.pack.build import build_pack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, help="an already built pack (default: build one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    failures = 0
    attempts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="pack-lessons-") as scratch:
        site = args.pack or build_pack(Path(scratch) / "site")
        server = _serve(site)
        base = f"http://127.0.0.1:{server.server_port}/"
        render = site / "voici" / "render"
        lessons = sorted(p for p in render.rglob("*.html") if "graded" not in p.parts)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, BLOCK_OUTSIDE]
            )
            context = browser.new_context()
            context.on("request", lambda r: None if is_local(r.url) else attempts.append(r.url))
            for lesson in lessons:
                page = context.new_page()
                started = time.monotonic()
                page.goto(base + str(lesson.relative_to(site)), wait_until="domcontentloaded")
                try:
                    page.locator(".widget-button").first.wait_for(timeout=240_000)
                    time.sleep(4)  # let the cells after the first check finish
                    text = page.inner_text("body")
                    errors = [w for w in ("Traceback", "Error") if w in text]
                except Exception as error:  # noqa: BLE001 - reported, and counted as a failure
                    errors = [str(error).splitlines()[0]]
                failures += bool(errors)
                print(
                    f"{lesson.relative_to(render)}: {time.monotonic() - started:.0f} s, "
                    f"{page.locator('.widget-button').count()} buttons, "
                    f"{page.locator('.vega-embed').count()} charts"
                    + (f", ERRORS {errors}" if errors else ""),
                    flush=True,
                )
                page.close()
            browser.close()
        server.shutdown()
    print(f"{len(lessons)} lessons, {failures} with errors, outside requests: {attempts or 'none'}")
    return 1 if failures or attempts else 0


if __name__ == "__main__":
    sys.exit(main())
