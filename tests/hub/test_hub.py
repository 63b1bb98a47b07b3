"""The workshop hub end to end: real JupyterHub 6.1, CHP, PAM accounts, nbgrader, Voila."""

from __future__ import annotations

import subprocess
import time

import psutil
import pytest
from conftest import ASSIGNMENT, COURSE, OTHER_COURSE

from kit.hub.layout import lessons_source

NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def run_as(name: str, *cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["runuser", "-u", name, "--", *cmd], capture_output=True, text=True)


def test_unauthenticated_requests_are_refused(hub):
    """Does the hub refuse its API, a user's server and the formgrader to someone not signed in?"""
    import requests

    assert requests.get(f"{hub.base}/hub/api/users", timeout=30).status_code == 403
    name = hub.names["official_a"]
    # A browser is sent to the login page, and sees nothing else.
    for path in (f"/user/{name}/lab", f"/services/{COURSE}/formgrader"):
        page = requests.get(f"{hub.base}{path}", timeout=30)
        assert page.status_code == 200 and "/hub/login" in page.url, path
        assert 'name="password"' in page.text
    api = requests.get(
        f"{hub.base}/services/{COURSE}/formgrader/api/assignments",
        allow_redirects=False,
        timeout=30,
    )
    assert api.status_code in (302, 403) and ASSIGNMENT not in api.text


def test_wrong_password_and_unlisted_accounts_are_refused(hub):
    """Is a wrong password, or a system account outside every course, refused with a message?"""
    from hub_client import HubUser

    official = HubUser(hub.base, hub.names["official_a"], "not-the-password")
    response = official.login()
    assert response.status_code == 403
    assert "Invalid username or password" in response.text
    # The grader account exists on the system but is nobody's sign-in.
    grader = HubUser(hub.base, hub.settings.courses[0].grader, "anything")
    assert grader.login().status_code == 403


def test_forged_and_expired_tokens_are_refused(hub):
    """Does an API token that was forged, or has expired, get a 403 like no token at all?"""
    official = hub.person("official_a")
    me = f"/hub/api/users/{official.name}"
    assert official.api("GET", me).status_code == 200
    assert official.api("GET", me, token="f" * 32).status_code == 403
    short = official.new_token(expires_in=1, note="expires")
    time.sleep(2.5)
    assert official.api("GET", me, token=short).status_code == 403


def _wait_for_grading_on_submit(hub, keys: list[str], timeout: float = 300) -> None:
    """Wait until the grading service has recorded every ``student+assignment`` as done."""
    import json

    from kit.course.ongrade import STATE_FILE

    state = hub.settings.course_dir(hub.settings.courses[0]) / STATE_FILE
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = json.loads(state.read_text()) if state.is_file() else {}
        if all(key in done for key in keys):
            return
        time.sleep(1)
    raise AssertionError(f"grading on submission did not finish {keys} in {timeout} s")


def test_release_fetch_submit_collect_grade_feedback(hub):
    """Does a release reach two officials, and come back graded with feedback for each?"""
    trainer, a, b = (hub.person(r) for r in ("trainer", "official_a", "official_b"))
    for step in ("assign", "release"):
        response = trainer.formgrader(COURSE, step, ASSIGNMENT)
        assert response.status_code == 200 and response.json()["success"], response.text[-500:]
    for official in (a, b):
        official.start_server()
        fetched = official.assignments("fetch", COURSE, ASSIGNMENT)
        assert fetched.json()["success"], fetched.text[-500:]
    # Official b hands in the model answers (the course's source notebook), a the blank release.
    source = hub.settings.course_dir(hub.settings.courses[0]) / "source" / ASSIGNMENT / NOTEBOOK
    import json

    model = json.loads(source.read_text())
    path = f"/api/contents/{COURSE}/{ASSIGNMENT}/{NOTEBOOK}"
    saved = b.server("PUT", path, json={"type": "notebook", "format": "json", "content": model})
    assert saved.status_code == 200, saved.text
    for official in (a, b):
        submitted = official.assignments("submit", COURSE, ASSIGNMENT)
        assert submitted.json()["success"], submitted.text[-500:]
    # The course's grading-on-submission service grades these hand-ins at once; the trainer's
    # own collect and autograde below come after it (grading the same submission from the
    # formgrader while the service holds it can fail: docs/trainer-day.md).
    _wait_for_grading_on_submit(hub, [f"{o.name}+{ASSIGNMENT}" for o in (a, b)])
    collected = trainer.formgrader(COURSE, "collect", ASSIGNMENT)
    assert collected.json()["success"], collected.text[-500:]
    for official in (a, b):
        graded = trainer.formgrader(COURSE, "autograde", ASSIGNMENT, official.name)
        assert graded.json()["success"], graded.text[-1500:]
    listing = trainer.api("GET", f"/services/{COURSE}/formgrader/api/submissions/{ASSIGNMENT}")
    scores = {row["student"]: row for row in listing.json()}
    assert scores[a.name]["code_score"] == 0
    assert scores[b.name]["code_score"] == scores[b.name]["max_code_score"] > 0
    for step in ("generate_feedback", "release_feedback"):
        response = trainer.formgrader(COURSE, step, ASSIGNMENT)
        assert response.json()["success"], response.text[-1500:]
    for official in (a, b):
        got = official.assignments("fetch_feedback", COURSE, ASSIGNMENT)
        assert got.json()["success"], got.text[-500:]
        folder = official.server("GET", f"/api/contents/{COURSE}/{ASSIGNMENT}/feedback").json()
        (stamp,) = folder["content"]
        html = official.server("GET", f"/api/contents/{stamp['path']}/{ASSIGNMENT}.html")
        assert html.status_code == 200, html.text


def test_official_cannot_open_another_officials_files(hub):
    """Can official a reach b's server, b's home, the course folder or others' submissions? No."""
    a, b = hub.person("official_a"), hub.person("official_b")
    b.start_server()
    assert a.api("GET", f"/user/{b.name}/api/contents").status_code == 403
    assert a.api("GET", f"/user/{b.name}/lab", allow_redirects=False).status_code in (302, 403)
    # a's server runs as a's own account, so the kernel a drives has only a's file rights.
    uid = psutil.Process().uids().real
    a_uid = int(run_as(a.name, "id", "-u").stdout)
    owners = {
        p.info["uids"].real
        for p in psutil.process_iter(["uids", "cmdline"])
        if any("jupyterhub-singleuser" in part for part in p.info["cmdline"] or [])
        and p.info["uids"].real != uid
    }
    assert a_uid in owners
    denied = run_as(a.name, "cat", str(hub.home("official_b") / COURSE / ASSIGNMENT / NOTEBOOK))
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    solutions = run_as(a.name, "ls", str(hub.settings.course_dir(hub.settings.courses[0])))
    assert solutions.returncode != 0 and "Permission denied" in solutions.stderr
    inbound = run_as(a.name, "ls", str(hub.settings.exchange / COURSE / "inbound"))
    assert inbound.returncode != 0 and "Permission denied" in inbound.stderr


def test_only_the_courses_trainers_open_its_formgrader(hub):
    """Is the formgrader closed to officials and to a trainer of another course, open to its own?"""
    a, trainer = hub.person("official_a"), hub.person("trainer")
    assert a.api("GET", f"/services/{COURSE}/formgrader").status_code == 403
    assert a.formgrader(COURSE, "release", ASSIGNMENT).status_code == 403
    assert trainer.api("GET", f"/services/{OTHER_COURSE}/formgrader").status_code == 403
    # The trainer's formgrader is a page of its own (not an iframe in JupyterLab, which stays
    # blank behind JupyterHub >= 4.1): it must render there.
    page = trainer.api("GET", f"/services/{COURSE}/formgrader")
    assert page.status_code == 200 and "nbgrader" in page.text
    # Officials' own servers carry no formgrader of their own home either.
    a.start_server()
    assert a.server("GET", "/formgrader").status_code == 404


def test_user_outside_the_course_cannot_fetch_it(hub):
    """Does an official of another course see neither this course nor its assignment?"""
    outsider = hub.person("outsider")
    outsider.start_server()
    courses = outsider.server("GET", "/courses").json()
    assert COURSE not in courses.get("value", [])
    fetched = outsider.assignments("fetch", COURSE, ASSIGNMENT).json()
    listed = [x for x in fetched.get("value", []) if x.get("course_id") == COURSE]
    assert not listed
    home = outsider.server("GET", f"/api/contents/{COURSE}")
    assert home.status_code == 404


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("lesson", id="lesson"),
        pytest.param("dashboard", id="dashboard"),
    ],
)
def test_voila_pages_render_for_a_signed_in_official(hub, page):
    """Do a lesson and the self-assessment dashboard render as Voila pages, code hidden?"""
    official = hub.person("official_a")
    official.start_server()
    if page == "lesson":
        first = lessons_source()[0]
        path = f"lessons/{first.parent.name}/{first.name}"
    else:
        path = "self-assessment/dashboard.ipynb"
    response = official.server("GET", f"/voila/render/{path}")
    assert response.status_code == 200, response.text[-500:]
    assert "jp-OutputArea" in response.text or "widget-view+json" in response.text
    assert "from kit" not in response.text, "code shown on the page"
    assert "Traceback" not in response.text
    stranger = hub.person("official_b")
    refused = stranger.api("GET", f"/user/{official.name}/voila/render/{path}")
    assert refused.status_code == 403


def test_hub_restart_during_submission_loses_nothing(hub):
    """With the hub down mid-submission, is the official told, and after restart is nothing lost?"""
    a, b, trainer = (hub.person(r) for r in ("official_a", "official_b", "trainer"))
    inbound = hub.settings.exchange / COURSE / "inbound"
    before = sorted(p.name for p in inbound.iterdir())
    assert any(name.startswith(f"{b.name}+") for name in before)
    server_pids = {p.pid for p in psutil.process_iter(["username"]) if p.info["username"] == a.name}
    from kit.hub import launcher

    launcher.stop(hub.process)
    try:
        down = a.assignments("submit", COURSE, ASSIGNMENT)
        # Through the proxy a's server still answers, but cannot check a's courses: refused,
        # with a sentence the official can act on.
        assert down.status_code == 200 and not down.json()["success"]
        assert "The hub is not answering" in down.json()["value"]
        assert sorted(p.name for p in inbound.iterdir()) == before, "a half submission was left"
    finally:
        hub.process = launcher.start(hub.settings, log=hub.log)
        launcher.wait_ready(hub.settings, timeout=180)
    still = {p.pid for p in psutil.process_iter(["username"]) if p.info["username"] == a.name}
    assert server_pids & still, "a's server did not survive the hub restart"
    again = a.assignments("submit", COURSE, ASSIGNMENT)
    assert again.json()["success"], again.text[-500:]
    after = sorted(p.name for p in inbound.iterdir())
    assert set(before) < set(after)
    collected = trainer.formgrader(COURSE, "collect", ASSIGNMENT)
    assert collected.json()["success"]
    listing = trainer.api("GET", f"/services/{COURSE}/formgrader/api/submissions/{ASSIGNMENT}")
    assert {row["student"] for row in listing.json()} >= {a.name, b.name}
