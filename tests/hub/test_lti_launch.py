"""LTI 1.3 sign-in on a real JupyterHub: the test plays the platform (its own RSA key, its key
set served on 127.0.0.1, id_tokens signed with it) through the real OIDC login flow.

This file creates no system accounts (the hub spawns nothing), so it does not collide with the
other hub tests.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

jwt = pytest.importorskip("jwt")
pytest.importorskip("ltiauthenticator")
requests = pytest.importorskip("requests")

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from jupyterhub.auth import PAMAuthenticator  # noqa: E402

from kit.hub.launcher import CONFIG_FILE  # noqa: E402
from kit.hub.lti import CLAIM, INSTRUCTOR, LEARNER  # noqa: E402

ISSUER = "https://moodle.example.org"
CLIENT = "kit-hub-client"
DEPLOYMENT = "3"
COURSE = "mg-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_command() -> str:
    """The proxy of the hub's environment (scripts/install-hub.sh installs it beside Python)."""
    from kit.errors import KitError
    from kit.hub.settings import hub_prefix

    try:
        local = hub_prefix() / "bin" / "configurable-http-proxy"
    except KitError as exc:
        pytest.fail(str(exc))
    if not local.exists():
        pytest.fail("configurable-http-proxy missing: run scripts/install-hub.sh")
    return str(local)


class PlatformKey:
    """The platform's signing key and its published key set."""

    def __init__(self, kid: str = "platform-1"):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = kid

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def id_token(self, nonce: str, **changes) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT,
            "sub": "moodle-user-17",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            CLAIM + "message_type": "LtiResourceLinkRequest",
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": DEPLOYMENT,
            CLAIM + "target_link_uri": "http://127.0.0.1/hub",
            CLAIM + "resource_link": {"id": "link-1"},
            CLAIM + "context": {"id": "42", "label": "MG26", "title": "Migration governance"},
            CLAIM + "roles": [LEARNER],
        }
        claims.update(changes)
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})


def serve_jwks(jwks: dict) -> ThreadingHTTPServer:
    """The platform's key set endpoint on 127.0.0.1."""
    body = json.dumps(jwks).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A real JupyterHub (with CHP) on 127.0.0.1 signing in through the kit's LTI authenticator."""
    folder = tmp_path_factory.mktemp("lti-hub")
    platform = PlatformKey()
    keyset = serve_jwks(platform.jwks())
    jwks_url = f"http://127.0.0.1:{keyset.server_address[1]}/mod/lti/certs.php"
    (folder / "roster.csv").write_text("student,lms_id\namina,moodle-user-17\n")
    (folder / "lti.yaml").write_text(
        f"issuer: {ISSUER}\nclient_id: {CLIENT}\n"
        f"authorize_url: {ISSUER}/mod/lti/auth.php\njwks: {jwks_url}\n"
        f"deployment_id: '{DEPLOYMENT}'\ncourses: {{'42': {COURSE}}}\n"
        f"roster: {folder / 'roster.csv'}\n"
    )
    port, token = free_port(), secrets.token_hex(16)
    (folder / "jupyterhub_config.py").write_text(
        f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.JupyterHub.db_url = "sqlite:///{folder / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = "{folder / "cookie_secret"}"
c.JupyterHub.pid_file = "{folder / "hub.pid"}"
c.JupyterHub.authenticator_class = "kit.hub.lti.KitLTIAuthenticator"
c.KitLTIAuthenticator.kit_config = "{folder / "lti.yaml"}"
c.KitLTIAuthenticator.uri_scheme = "http"
c.JupyterHub.spawner_class = "simple"
c.JupyterHub.services = [{{"name": "probe", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "probe", "services": ["probe"],
                             "scopes": ["admin:users", "admin:groups"]}}]
"""
    )
    log = (folder / "hub.log").open("wb")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(folder / "jupyterhub_config.py")],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if requests.get(f"{base}/hub/api", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None:
            pytest.fail("hub exited: " + (folder / "hub.log").read_text()[-2000:])
        time.sleep(0.5)
    else:
        pytest.fail("hub did not start: " + (folder / "hub.log").read_text()[-2000:])
    yield {"base": base, "token": token, "platform": platform, "folder": folder}
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    keyset.shutdown()
    keyset.server_close()


def login_init(hub) -> tuple[requests.Session, str, str]:
    """Step 1, as the platform starts it: the hub answers with a redirect to the platform's
    authorize URL carrying state and nonce, and sets its state cookies in the browser."""
    browser = requests.Session()
    answer = browser.post(
        f"{hub['base']}/hub/lti13/oauth_login",
        data={
            "iss": ISSUER,
            "login_hint": "17",
            "target_link_uri": f"{hub['base']}/hub",
            "client_id": CLIENT,
            "lti_message_hint": "m",
        },  # fmt: skip
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text
    location = urllib.parse.urlsplit(answer.headers["Location"])
    assert location.path == "/mod/lti/auth.php"
    query = dict(urllib.parse.parse_qsl(location.query))
    assert query["client_id"] == CLIENT and query["response_mode"] == "form_post"
    return browser, query["state"], query["nonce"]


def launch(hub, browser, state, token) -> requests.Response:
    """Step 2, the platform's form post of the id_token back to the hub."""
    return browser.post(
        f"{hub['base']}/hub/lti13/oauth_callback",
        data={"state": state, "id_token": token},
        allow_redirects=False,
    )


def hub_user(hub, name):
    auth = {"Authorization": f"token {hub['token']}"}
    answer = requests.get(f"{hub['base']}/hub/api/users/{name}", headers=auth, timeout=10)
    return answer.json() if answer.ok else None


def test_learner_launch_signs_in_an_official(hub):
    """Does a correctly signed launch from the mapped course sign the learner in under the
    roster's name, in the course's official group, and is the same launch replayed refused?"""
    browser, state, nonce = login_init(hub)
    cookies = dict(browser.cookies)
    token = hub["platform"].id_token(nonce)
    answer = launch(hub, browser, state, token)
    assert answer.status_code == 302, answer.text
    user = hub_user(hub, "amina")
    assert user is not None and user["groups"] == [f"nbgrader-{COURSE}"]

    replay = requests.Session()
    replay.cookies.update(cookies)  # an attacker who captured the browser's form post and cookies
    again = launch(hub, replay, state, token)
    assert again.status_code == 400 and "already used" in again.text


def test_instructor_launch_signs_in_a_trainer(hub):
    """Is an Instructor launch a trainer: the course's formgrade group as well?"""
    browser, state, nonce = login_init(hub)
    token = hub["platform"].id_token(nonce, sub="moodle-user-99", **{CLAIM + "roles": [INSTRUCTOR]})
    assert launch(hub, browser, state, token).status_code == 302
    groups = set(hub_user(hub, "lti-moodle-user-99")["groups"])
    assert groups == {f"formgrade-{COURSE}", f"nbgrader-{COURSE}"}


@pytest.mark.parametrize(
    "case",
    ["expired", "wrong signature", "other client", "other course", "other deployment"],
)
def test_forged_or_foreign_launch_is_refused(hub, case):
    """Is a launch refused, and nobody signed in, when its token is expired, signed with a key
    that is not the platform's, addressed to another client, from a course not on this hub, or
    from another deployment?"""
    browser, state, nonce = login_init(hub)
    platform = hub["platform"]
    sub = f"forged-{uuid.uuid4().hex[:6]}"
    now = int(time.time())
    changes = {
        "expired": {"iat": now - 900, "exp": now - 600},
        "wrong signature": {},
        "other client": {"aud": "someone-else"},
        "other course": {CLAIM + "context": {"id": "7"}},
        "other deployment": {CLAIM + "deployment_id": "9"},
    }[case]
    signer = PlatformKey(platform.kid) if case == "wrong signature" else platform
    answer = launch(hub, browser, state, signer.id_token(nonce, sub=sub, **changes))
    reason = {
        "expired": "Signature has expired",
        "wrong signature": "Signature verification failed",
        "other client": "Audience doesn",
        "other course": "is not on this hub",
        "other deployment": "not this hub",
    }[case]
    assert answer.status_code in (400, 401) and reason in answer.text, (case, answer.status_code)
    assert hub_user(hub, f"lti-{sub}") is None


def test_kit_hub_config_uses_lti_when_given(tmp_path, monkeypatch):
    """With `kit hub --lti`, does the hub configuration the kit starts JupyterHub with choose the
    kit's LTI authenticator and hand it the configuration file (and not otherwise)?"""
    from traitlets.config.loader import PyFileConfigLoader

    from kit.hub.settings import SETTINGS_ENV, Course, HubSettings

    lti = tmp_path / "lti.yaml"
    lti.write_text(
        f"issuer: {ISSUER}\nclient_id: {CLIENT}\nauthorize_url: {ISSUER}/auth\n"
        f"jwks: {ISSUER}/certs\ncourses: {{'42': {COURSE}}}\n"
    )
    for given in (str(lti), ""):
        settings = HubSettings(
            data_dir=tmp_path / "data", courses=[Course(COURSE)], lti_config=given
        )
        settings.save()
        (settings.data_dir / "proxy_auth_token").write_text("t")
        monkeypatch.setenv(SETTINGS_ENV, str(settings.settings_file))
        config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
        chosen = config.JupyterHub.authenticator_class
        if given:
            assert chosen == "kit.hub.lti.KitLTIAuthenticator"
            assert config.KitLTIAuthenticator.kit_config == str(lti)
        else:
            # PAM, subclassed to serve the kit's sign-in page (kit/hub/login.py).
            assert issubclass(chosen, PAMAuthenticator) and "KitLTIAuthenticator" not in config
