"""Lessons on the hub: the static course pack through the hub's lessons service, no server.

Real JupyterHub, CHP, PAM sign-in and Debian's Chromium with every outside request blocked.
"""

from __future__ import annotations

import pwd

import psutil
import requests
from browser import screenshot
from conftest import PACK_MODULE

LESSONS = "/services/lessons/"
LESSON = f"voici/render/{PACK_MODULE}/02-coordination-and-consultation.html"
#: Pyodide, pandas and the widgets start in the browser: 15-60 s on a loaded 2-core machine.
KERNEL_WAIT_MS = 240_000


def _no_server(hub, role: str) -> None:
    """The hub's API says ``role`` has no server, and no process runs as that account."""
    person = hub.person(role)
    model = person.api("GET", f"/hub/api/users/{person.name}").json()
    assert model["servers"] == {}, f"a server was started: {model['servers']}"
    uid = pwd.getpwnam(person.name).pw_uid
    running = [
        p.info["cmdline"]
        for p in psutil.process_iter(["uids", "cmdline"])
        if p.info["uids"] and p.info["uids"].real == uid
    ]
    assert running == [], f"processes run as {person.name}: {running}"


def test_official_reads_a_lesson_with_no_server_started(hub, context, offline):
    """Does an official who signs in see lessons and graded work told apart, open a lesson of
    the pack through the hub, get an answer from its check, and still have no server?"""
    name = hub.names["reader"]
    page = context.new_page()
    types: dict[str, str] = {}
    encodings: dict[str, str] = {}

    def seen(response) -> None:
        suffix = response.url.rsplit(".", 1)[-1]
        types.setdefault(suffix, response.headers.get("content-type", ""))
        encodings.setdefault(suffix, response.headers.get("content-encoding", ""))

    page.on("response", seen)
    page.goto(f"{hub.base}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url("**/hub/home")
    lessons = page.locator("#kit-lessons")
    assert "Opens at once, runs in your browser" in lessons.inner_text()
    assert "Starts your own workspace" in page.locator("#kit-graded-work").inner_text()
    shot = screenshot(page, "hub/home")

    lessons.get_by_role("button", name="Read the lessons").click()
    # The home page passes its language on (an English browser: English).
    page.wait_for_url(f"**{LESSONS}?lang=en")
    assert "no workspace is started for you" in page.inner_text("body")
    page.get_by_role("link", name="Coordination and consultation").first.click()
    page.wait_for_url(f"**{LESSONS}{LESSON}")
    check = page.locator(".widget-vbox", has_text="how many ministries pursue migrant rights")
    check.first.wait_for(timeout=KERNEL_WAIT_MS)
    check = check.first
    check.scroll_into_view_if_needed()
    check.locator("input[type=text]").fill("4,0")
    check.get_by_role("button", name="Check").click()
    check.get_by_text("Correct.").wait_for(timeout=30_000)
    shot = screenshot(page, "hub/lesson-check")
    assert "import altair" not in page.inner_text("body"), "code shows in the lesson page"
    # The runtime came from the hub's front server, with the type WebAssembly needs, as the
    # gzip sibling made when the pack was built.
    assert types.get("wasm", "").startswith("application/wasm"), types
    assert encodings.get("wasm") == "gzip", encodings
    assert offline.attempts == [], f"the lesson asked for outside URLs: {offline.attempts}"
    _no_server(hub, "reader")
    assert shot.is_file()


def test_lessons_are_closed_to_someone_not_signed_in(hub):
    """Is someone not signed in sent to the hub's login page, for the pack's first page and for
    the lessons' pages, contents and data, and shown nothing of them? (Only the public runtime
    is open: tests/hub/test_hub_front.py.)"""
    data = "files/datasets/coordination-matrix/positions.csv"
    for path in ("", "hub.html", LESSON, "api/contents/all.json", data):
        page = requests.get(f"{hub.base}{LESSONS}{path}", timeout=30)
        assert page.status_code == 200 and "/hub/login" in page.url, path
        assert 'name="password"' in page.text and "Coordination" not in page.text, path
        assert "pyodide" not in page.text.lower(), path


def test_pack_files_are_sent_with_their_types_and_cache_rules(hub):
    """Are the pack's files sent to a signed-in official with the types the browser needs, pages
    revalidated and the runtime kept by the browser, a second fetch answered 304, and still no
    server for them?"""
    reader = hub.person("reader")
    session = reader.session  # the hub's sign-in cookie: the service's OAuth completes with it
    first = session.get(f"{hub.base}{LESSONS}", timeout=30)
    assert first.status_code == 200 and LESSONS in first.url
    assert "Coordination and consultation" in first.text
    assert first.headers["Cache-Control"] == "private, no-cache"
    # The lesson page through the proxy and the lessons service: its gzip sibling, as on disk.
    lesson = session.get(f"{hub.base}{LESSONS}{LESSON}", timeout=30)
    assert lesson.headers["Content-Encoding"] == "gzip", lesson.headers
    assert lesson.headers["Vary"] == "Accept-Encoding"
    assert lesson.headers["Content-Type"].startswith("text/html")
    assert "Coordination" in lesson.text and lesson.headers["Server"] == "nginx"
    assert lesson.headers["Cache-Control"] == "private, no-cache"  # the service, not the front
    plain = session.get(
        f"{hub.base}{LESSONS}{LESSON}", headers={"Accept-Encoding": "identity"}, timeout=30
    )
    assert "Content-Encoding" not in plain.headers and plain.text == lesson.text
    wanted = {
        "static/pyodide/pyodide.asm.wasm": "application/wasm",
        "static/pyodide/pyodide-lock.json": "application/json",
        "static/pyodide/pyodide.mjs": "text/javascript",
    }
    lock = session.get(f"{hub.base}{LESSONS}static/pyodide/pyodide-lock.json", timeout=30)
    a_wheel = next(iter(lock.json()["packages"].values()))["file_name"]
    wanted[f"static/pyodide/{a_wheel}"] = "application/zip"
    for path, kind in wanted.items():
        answer = session.get(f"{hub.base}{LESSONS}{path}", timeout=30)
        assert answer.status_code == 200, path
        assert answer.headers["Content-Type"].startswith(kind), (path, answer.headers)
    runtime = session.get(f"{hub.base}{LESSONS}static/pyodide/pyodide.asm.wasm", timeout=30)
    assert runtime.headers["Cache-Control"] == "public, max-age=3600"
    tag = session.get(f"{hub.base}{LESSONS}{LESSON}", timeout=30).headers["Etag"]
    again = session.get(f"{hub.base}{LESSONS}{LESSON}", headers={"If-None-Match": tag}, timeout=30)
    assert again.status_code == 304
    _no_server(hub, "reader")
