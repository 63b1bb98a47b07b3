"""LTI 1.3 sign-in on the hub: a learning platform (Moodle, Canvas) launches officials into it.

``jupyterhub-ltiauthenticator`` does the OIDC third-party login (state and nonce cookies) and
checks the platform's id_token: signature against the platform's key set, issuer, audience
(our client id), expiry. On top of it the kit

- refuses a replayed launch: an id_token's nonce is accepted once (the package only clears its
  cookies, so a captured form post replayed with the captured cookies would sign in again);
- refuses another deployment's launch when the config names a deployment id;
- maps the platform's course (context id) to the kit's course and its roles to the kit's groups:
  Instructor -> trainer (``formgrade-<course>``), Learner -> official (``nbgrader-<course>``);
  a launch from a course not on this hub, or with neither role, is refused;
- names the user after the course roster when the platform's user id is an ``lms_id`` there
  (the same id the grade push uses), else ``lti-<platform user id>``.

The configuration (``kit hub --lti CONFIG.yaml``)::

    issuer: https://moodle.example.org
    client_id: aBcD1234
    authorize_url: https://moodle.example.org/mod/lti/auth.php
    jwks: https://moodle.example.org/mod/lti/certs.php     # the platform's key set URL
    deployment_id: "3"                                      # optional
    courses: {"42": "mg-2026"}                               # platform course id -> kit course
    roster: /srv/kit/courses/mg-2026/roster.csv             # optional, for names
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ltiauthenticator.lti13.auth import LTI13Authenticator
from ltiauthenticator.lti13.error import LoginError
from traitlets import Unicode

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


@dataclass
class LtiHubConfig:
    issuer: str
    client_id: str
    authorize_url: str
    jwks: str
    courses: dict[str, str]
    deployment_id: str = ""
    roster: dict[str, str] = field(default_factory=dict)  # platform user id -> kit name


def load(path: Path) -> LtiHubConfig:
    """Read the LTI YAML; KitError names the file and what is missing."""
    from kit.course.lms.ags import read_config
    from kit.course.roster import load_roster

    data = read_config(path, ("issuer", "client_id", "authorize_url", "jwks", "courses"))
    jwks = str(data["jwks"])
    if not jwks.startswith(("https://", "http://")):
        raise KitError(_("jwks must be the platform's key set URL (http or https)"), file=path)
    roster = {}
    if data.get("roster"):
        rows = load_roster(Path(data["roster"]))
        roster = {r["lms_id"]: s for s, r in rows.items() if r.get("lms_id")}
    return LtiHubConfig(
        issuer=str(data["issuer"]),
        client_id=str(data["client_id"]),
        authorize_url=str(data["authorize_url"]),
        jwks=jwks,
        courses={str(k): str(v) for k, v in dict(data["courses"]).items()},
        deployment_id=str(data.get("deployment_id") or ""),
        roster=roster,
    )


class NonceLedger:
    """Nonces of accepted launches, kept until their id_token expires (then a replay is refused
    by the expiry check anyway)."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_use(self, nonce: str, expires: float) -> bool:
        now = time.time()
        with self._lock:
            self._seen = {n: e for n, e in self._seen.items() if e > now}
            if nonce in self._seen:
                return False
            self._seen[nonce] = max(expires, now + 60)
            return True


def user_name(platform_id: str, roster: dict[str, str]) -> str:
    """The hub name: the roster's student id, else ``lti-`` and the platform id made safe."""
    if platform_id in roster:
        return roster[platform_id]
    return "lti-" + re.sub(r"[^a-z0-9-]", "-", platform_id.lower())[:24]


def groups_for(claims: dict, config: LtiHubConfig) -> tuple[str, list[str]]:
    """The kit role and hub groups of a launch; LoginError when it does not belong here."""
    context = (claims.get(CLAIM + "context") or {}).get("id", "")
    course = config.courses.get(str(context))
    if course is None:
        raise LoginError(f"platform course {context!r} is not on this hub")
    roles = set(claims.get(CLAIM + "roles") or [])
    if INSTRUCTOR in roles:
        return "trainer", [f"formgrade-{course}", f"nbgrader-{course}"]
    if LEARNER in roles:
        return "official", [f"nbgrader-{course}"]
    raise LoginError("the launch carries neither the Learner nor the Instructor role")


class KitLTIAuthenticator(LTI13Authenticator):
    """LTI 1.3 sign-in with the kit's course and role mapping and replay refusal."""

    kit_config = Unicode("", config=True, help="path of the kit's LTI YAML")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lti = load(Path(self.kit_config))
        self.issuer = self.lti.issuer
        self.client_id = {self.lti.client_id}
        self.authorize_url = self.lti.authorize_url
        self.jwks_endpoint = self.lti.jwks
        self.username_key = "sub"
        self.manage_groups = True
        # Who may sign in is the platform's decision (its course roster), checked per launch
        # by the course and role mapping above.
        self.allow_all = True
        self.ledger = NonceLedger()

    async def authenticate(self, handler, data=None):
        claims = data or {}
        deployment = claims.get(CLAIM + "deployment_id", "")
        if self.lti.deployment_id and deployment != self.lti.deployment_id:
            raise LoginError(f"launch from deployment {deployment!r}, not this hub's")
        role, groups = groups_for(claims, self.lti)
        if not self.ledger.first_use(str(claims.get("nonce", "")), float(claims.get("exp", 0))):
            raise LoginError("this launch was already used (replayed)")
        name = user_name(str(claims["sub"]), self.lti.roster)
        self.log.info("LTI launch: %s as %s in %s", name, role, groups)
        return {"name": name, "groups": groups, "auth_state": {"role": role, "claims": claims}}
