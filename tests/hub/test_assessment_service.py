"""Roles enforced by the hub's assessment service: two ministries and a reviewer sign in to a
real JupyterHub (PAM accounts, CHP) and send their writes through the dashboard's own client."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import requests
from conftest import _kill_accounts
from hub_client import HubUser

from kit.cli import main as kit_main
from kit.errors import KitError
from kit.framework import load_framework
from kit.hub import accounts, launcher
from kit.hub.assessment_service import NAME
from kit.hub.settings import HubSettings
from kit.io import assessment_client
from kit.io.assessment_roster import Refused

pytestmark = pytest.mark.hub

FRAMEWORK = load_framework()
ITEMS = list(FRAMEWORK.items)
ROLES = ("focal_a", "focal_b", "reviewer", "coordinator")


class Hub:
    def __init__(self, settings, base, names, passwords):
        self.settings, self.base, self.names, self.passwords = settings, base, names, passwords
        self.people: dict[str, HubUser] = {}

    def person(self, role: str) -> HubUser:
        if role not in self.people:
            name = self.names[role]
            self.people[role] = HubUser(self.base, name, self.passwords[name]).sign_in()
        return self.people[role]

    @property
    def url(self) -> str:
        return f"{self.base}/services/{NAME}/"

    def send(self, role: str, request: str, **body) -> str:
        """A request as the dashboard sends it, with this person's hub token."""
        body.setdefault("framework", FRAMEWORK.id)
        return assessment_client.send(request, body, url=self.url, token=self.person(role).token)

    @property
    def round_dir(self) -> Path:
        return self.settings.assessment_data / "atlantis" / "2026"

    def audit(self) -> list[dict]:
        text = (self.settings.assessment_data / "atlantis" / "audit.jsonl").read_text()
        return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def hub():
    """A hub started with an assessment roster: focal points of Interior and Labour, a reviewer
    and a coordinator for Atlantis; accounts and folders removed after."""
    if os.geteuid() != 0:
        pytest.skip("the hub runs each person as their own system account: run as root")
    root = Path(tempfile.mkdtemp(prefix="kit-assess-test-"))
    root.chmod(0o755)
    (root / "home").mkdir(mode=0o755)
    prefix = "k" + secrets.token_hex(3)
    names = {role: f"{prefix}{role[0]}{role[-1]}" for role in ROLES}
    roster = root / "assessment-roster.csv"
    roster.write_text(
        "user,country,round,role,ministry\n"
        f"{names['focal_a']},Atlantis,2026,focal-point,Interior\n"
        f"{names['focal_b']},Atlantis,2026,focal-point,Labour\n"
        f"{names['reviewer']},Atlantis,*,reviewer,\n"
        f"{names['coordinator']},Atlantis,*,coordinator,\n"
    )
    settings = HubSettings(
        data_dir=root / "data",
        home_root=root / "home",
        port=launcher.free_port(),
        hub_port=launcher.free_port(),
        proxy_api_port=launcher.free_port(),
        assessment_roster=str(roster),
        assessment_account=f"{prefix}svc",
    )
    passwords = {name: secrets.token_urlsafe(12) for name in names.values()}
    everyone = [*names.values(), settings.assessment_account]
    log = root / "hub.log"
    process = None
    try:
        launcher.setup(settings, passwords)
        process = launcher.start(settings, log=log)
        launcher.wait_ready(settings, timeout=180)
        yield Hub(settings, f"http://127.0.0.1:{settings.port}", names, passwords)
    finally:
        if process is not None:
            launcher.stop(process)
        launcher.stop_proxy(settings)
        _kill_accounts(everyone)
        for name in everyone:
            accounts.remove_user(name)
        if os.environ.get("KIT_KEEP_HUB_LOG"):
            shutil.copy2(log, os.environ["KIT_KEEP_HUB_LOG"])
        shutil.rmtree(root, ignore_errors=True)


def answers(level: int, evidence: str) -> list[dict]:
    return [
        {"item_id": item, "status": "level", "level": level, "evidence": evidence}
        for item in ITEMS[:3]
    ]


def save(hub: Hub, role: str, ministry: str, level: int) -> str:
    return hub.send(
        role,
        "save",
        country="Atlantis",
        round="2026",
        ministry=ministry,
        answers=answers(level, f"{ministry} evidence"),
    )


def test_officials_cannot_write_the_data_folder_themselves(hub):
    """Is the country data folder the service account's, closed to an official's own account?"""
    a = hub.person("focal_a")
    save(hub, "focal_a", "Interior", 2)
    folder = hub.round_dir
    assert folder.stat().st_uid == accounts.pwd.getpwnam(hub.settings.assessment_account).pw_uid
    attempt = subprocess.run(
        ["runuser", "-u", a.name, "--", "touch", str(folder / "labour.csv")],
        capture_output=True,
        text=True,
    )
    assert attempt.returncode != 0 and "Permission denied" in attempt.stderr
    assert not (folder / "labour.csv").exists()


def test_each_role_does_what_it_may(hub):
    """Do focal points save their own ministry's answers, the reviewer comment, the ministry
    respond, the coordinator decide, plan, validate and reopen, all through the service?"""
    assert "interior.csv" in save(hub, "focal_a", "Interior", 2)
    assert "labour.csv" in save(hub, "focal_b", "Labour", 3)
    labour = (hub.round_dir / "labour.csv").read_text()
    assert "Labour evidence" in labour
    comment = {
        "id": "c1",
        "item_id": ITEMS[0],
        "reviewer": "Ms Reviewer, Statistics Office",
        "comment": "Which decree?",
        "ministry": "Labour",
    }
    hub.send("reviewer", "comment", country="atlantis", round="2026", comment=comment)
    answered = {**comment, "response": "Decree 12 of 2025", "status": "answered", "version": 1}
    hub.send("focal_b", "respond", country="atlantis", round="2026", comment=answered)
    accepted = {**answered, "status": "accepted", "version": 2}
    hub.send("coordinator", "decide", country="atlantis", round="2026", comment=accepted)
    review = (hub.round_dir / "review.csv").read_text()
    assert "Decree 12 of 2025" in review and "accepted" in review
    action = {
        "id": "a1",
        "item_id": ITEMS[0],
        "to_level": 3,
        "action": "Publish the decree",
        "owner": "Interior legal unit",
        "due": "2026-12-31",
        "status": "planned",
    }
    hub.send("focal_a", "action", country="atlantis", round="2026", action=action)
    assert "Interior legal unit" in (hub.round_dir / "actions.csv").read_text()
    assert "validated" in hub.send("coordinator", "validate", country="atlantis", round="2026")
    with pytest.raises(KitError, match="read-only"):
        save(hub, "focal_a", "Interior", 4)
    hub.send("coordinator", "reopen", country="atlantis", round="2026", reason="late evidence")
    done = [(e["who"], e["action"]) for e in hub.audit()]
    names = hub.names
    for expected in [
        (names["focal_a"], "save"),
        (names["focal_b"], "save"),
        (names["reviewer"], "review-comment"),
        (names["focal_b"], "review-response"),
        (names["coordinator"], "review-response"),
        (names["focal_a"], "action"),
        (names["coordinator"], "validate"),
        (names["coordinator"], "reopen"),
    ]:
        assert expected in done


def test_requests_outside_a_role_are_refused_and_logged(hub):
    """Is each request outside a role refused with 403 and a one-line reason, written to the
    audit log (whose chain still verifies), and ministry B's file left byte for byte?"""
    save(hub, "focal_b", "Labour", 3)
    labour = hub.round_dir / "labour.csv"
    before = labour.read_bytes()
    refusals = [
        (
            "focal_a",
            "save",
            {
                "country": "Atlantis",
                "round": "2026",
                "ministry": "Labour",
                "answers": answers(0, "overwritten by Interior"),
            },
        ),
        (
            "reviewer",
            "save",
            {
                "country": "Atlantis",
                "round": "2026",
                "ministry": "Labour",
                "answers": answers(1, "reviewer's own answer"),
            },
        ),
        ("focal_a", "validate", {"country": "atlantis", "round": "2026"}),
        ("focal_b", "reopen", {"country": "atlantis", "round": "2026", "reason": "mine"}),
    ]
    for role, request, body in refusals:
        # The raw answer: 403 and one line naming who, what and why.
        raw = requests.post(
            f"{hub.url}api/{request}",
            json={"framework": FRAMEWORK.id, **body},
            headers={"Authorization": f"token {hub.person(role).token}"},
            timeout=60,
        )
        assert raw.status_code == 403, (role, request, raw.text)
        reason = raw.json()["error"]
        assert "\n" not in reason and hub.names[role] in reason and "not in their role" in reason
        # The dashboard's client turns it into the same Refused the laptop raises.
        with pytest.raises(Refused, match="not in their role"):
            hub.send(role, request, **body)
    assert labour.read_bytes() == before
    refused = [e for e in hub.audit() if e["action"] == "refused"]
    logged = {(e["who"], e["detail"]["request"]) for e in refused}
    for role, request, _body in refusals:
        assert (hub.names[role], request) in logged
    assert kit_main(["audit", str(hub.settings.assessment_data), "--country", "atlantis"]) == 0


def test_refusals_come_in_the_senders_language(hub):
    """Does the service answer in French a refused write sent by a French dashboard (its `lang`),
    a malformed request sent with `Accept-Language: fr`, and the dashboard's client show the
    French reason as it came?"""
    from kit import i18n

    token = {"Authorization": f"token {hub.person('focal_a').token}"}
    body = {"country": "atlantis", "round": "2026", "framework": FRAMEWORK.id}
    raw = requests.post(
        f"{hub.url}api/validate", json={**body, "lang": "fr"}, headers=token, timeout=60
    )
    assert raw.status_code == 403
    reason = raw.json()["error"]
    assert "\n" not in reason and hub.names["focal_a"] in reason
    assert "not in their role" not in reason and "journal d’audit" in reason, reason
    french = {**token, "Accept-Language": "fr-FR,fr;q=0.9"}
    raw = requests.post(f"{hub.url}api/save", data=b"[1, 2]", headers=french, timeout=60)
    assert raw.status_code == 400
    assert raw.json()["error"] == i18n.gettext(
        "assessment", "the request body must be a JSON object", "fr"
    )
    with i18n.use("fr"), pytest.raises(Refused) as refused:
        hub.send("focal_a", "validate", country="atlantis", round="2026")
    assert str(refused.value) == reason


def test_a_focal_point_cannot_answer_for_another_ministry_through_the_review(hub):
    """May ministry A respond to a comment on ministry B's answer by naming itself? No: the
    service checks the comment as it is on disk."""
    comment = {
        "id": "c2",
        "item_id": ITEMS[1],
        "reviewer": "Dr Expert",
        "comment": "Source?",
        "ministry": "Labour",
    }
    hub.send("reviewer", "comment", country="atlantis", round="2026", comment=comment)
    forged = {**comment, "ministry": "Interior", "response": "ours", "status": "answered"}
    with pytest.raises(Refused):  # changing the ministry is a decision, not a response
        hub.send("focal_a", "respond", country="atlantis", round="2026", comment=forged)
    reply = {**comment, "response": "ours", "status": "answered"}
    with pytest.raises(Refused):
        hub.send("focal_a", "respond", country="atlantis", round="2026", comment=reply)
    assert "ours" not in (hub.round_dir / "review.csv").read_text()


def test_someone_not_signed_in_is_refused(hub):
    """Does the service refuse a request without a hub token, or with a forged one?"""
    for headers in ({}, {"Authorization": "token " + "f" * 32}):
        raw = requests.post(
            f"{hub.url}api/save", json={}, headers=headers, timeout=30, allow_redirects=False
        )
        assert raw.status_code in (302, 403)


def test_the_dashboard_sends_its_saves_to_the_service(hub, monkeypatch):
    """Does the dashboard's own session, run as an official's server runs it on this hub (the
    service's URL and the server's hub token in its environment), save through the service,
    and show the refusal when it tries another ministry's answers?"""
    from kit.dashboard.session import Session
    from kit.responses import Answer

    monkeypatch.setenv(assessment_client.SERVICE_ENV, hub.url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", hub.person("focal_a").token)
    session = Session(hub.settings.assessment_data, FRAMEWORK)
    session.open("Atlantis", "2026", "Interior")
    notice = session.set_answer(Answer(ITEMS[4], "level", 1.0, evidence="Circular 7"))
    assert notice.kind == "success", notice.text
    assert "Circular 7" in (hub.round_dir / "interior.csv").read_text()
    assert session.responses.answer(ITEMS[4]).evidence == "Circular 7"
    labour = hub.round_dir / "labour.csv"
    before = labour.read_bytes() if labour.exists() else None
    session.open("Atlantis", "2026", "Labour")
    refused = session.set_answer(Answer(ITEMS[4], "level", 0.0, evidence="from Interior"))
    assert refused.kind == "error" and "not in their role" in refused.text
    assert (labour.read_bytes() if labour.exists() else None) == before
    assert hub.audit()[-1]["action"] == "refused"
