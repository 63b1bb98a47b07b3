"""A person at the hub, as HTTP: sign in, get a token, start a server, call its APIs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests


@dataclass
class HubUser:
    """One account on the hub at ``base`` (http://127.0.0.1:PORT)."""

    base: str
    name: str
    password: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""

    def login(self, password: str | None = None) -> requests.Response:
        """Post the login form as a browser does (with the _xsrf cookie and field)."""
        page = self.session.get(f"{self.base}/hub/login", timeout=30)
        page.raise_for_status()
        xsrf = self.session.cookies.get("_xsrf", "")
        return self.session.post(
            f"{self.base}/hub/login?next=",
            data={
                "username": self.name,
                "password": self.password if password is None else password,
                "_xsrf": xsrf,
            },
            allow_redirects=False,
            timeout=60,
        )

    def new_token(self, expires_in: int | None = None, note: str = "test") -> str:
        """An API token made through the signed-in session (cookie + XSRF header)."""
        body: dict = {"note": note}
        if expires_in:
            body["expires_in"] = expires_in
        response = self.session.post(
            f"{self.base}/hub/api/users/{self.name}/tokens",
            json=body,
            headers={"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/") or ""},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["token"]

    def sign_in(self) -> HubUser:
        response = self.login()
        assert response.status_code == 302, f"{self.name}: login gave {response.status_code}"
        self.token = self.new_token()
        return self

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def api(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        """A request to ``path`` (from the hub's root) with this person's token."""
        headers = {"Authorization": f"token {token or self.token}"}
        kw.setdefault("timeout", 120)
        return requests.request(method, f"{self.base}{path}", headers=headers, **kw)

    def start_server(self, timeout: float = 180) -> None:
        """Ask the hub for this person's server and wait until it is ready."""
        response = self.api("POST", f"/hub/api/users/{self.name}/server")
        assert response.status_code in (201, 202, 400), response.text
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/hub/api/users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready after {timeout} s")

    def server(self, method: str, path: str, **kw) -> requests.Response:
        """A request to this person's own server, e.g. ``/api/contents``."""
        return self.api(method, f"/user/{self.name}{path}", **kw)

    def assignments(self, action: str, course: str, assignment: str) -> requests.Response:
        """nbgrader's assignment list in this person's server: fetch, submit, fetch_feedback."""
        return self.server(
            "POST",
            f"/assignments/{action}",
            data={"course_id": course, "assignment_id": assignment},
        )

    def formgrader(self, course: str, action: str, *parts: str) -> requests.Response:
        """POST to the course service's formgrader API (assign, release, collect, ...)."""
        path = "/".join(parts)
        if action == "autograde":
            url = f"/services/{course}/formgrader/api/submission/{path}/autograde"
        else:
            url = f"/services/{course}/formgrader/api/assignment/{path}/{action}"
        return self.api("POST", url, timeout=300)
