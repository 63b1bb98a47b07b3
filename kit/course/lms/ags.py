"""LTI Advantage Assignment and Grade Services (AGS 2.0): push an assignment's points.

1. Token: OAuth 2 client credentials with a signed JWT assertion (RFC 7523, RS256 with the tool's
   private key; ``iss`` = ``sub`` = client id, ``aud`` = the token URL), asking for the line item
   and score scopes.
2. Line item: the platform's line item whose ``resourceId`` is the assignment, created when the
   platform has none (``scoreMaximum`` = the assignment's points).
3. Scores: one POST per official to ``<line item>/scores`` (``userId`` = the official's LTI user
   id from the roster's ``lms_id``), ``FullyGraded`` or ``PendingManual`` while written answers
   wait for the trainer.

Only the platform changes: the kit's gradebook is read, never written, so a failed push leaves it
as it was; the caller names every official whose score was not accepted.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem "
    "https://purl.imsglobal.org/spec/lti-ags/scope/score"
)
LINEITEM = "application/vnd.ims.lis.v2.lineitem+json"
CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json"
SCORE = "application/vnd.ims.lis.v1.score+json"
TIMEOUT = 20


@dataclass
class LtiConfig:
    """The platform's registration of the kit as a tool (the LTI config YAML)."""

    client_id: str
    token_url: str
    lineitems: str
    private_key: Path
    key_id: str = ""
    issuer: str = ""
    deployment_id: str = ""


def read_config(path: Path, required: tuple[str, ...]) -> dict:
    """An LTI configuration YAML as a dict; KitError names the file and any missing key."""
    if not path.is_file():
        raise KitError(_("LTI configuration not found"), file=path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise KitError(
            _("not readable YAML ({fault})").format(fault=exc.__class__.__name__), file=path
        ) from None
    missing = [k for k in required if not data.get(k)]
    if missing:
        raise KitError(_("missing {columns}").format(columns=", ".join(missing)), file=path)
    return data


def load_config(path: Path) -> LtiConfig:
    """Read the LTI config YAML for the grade service; KitError names the file and the key."""
    data = read_config(path, ("client_id", "token_url", "lineitems", "private_key"))
    key = Path(str(data["private_key"]))
    return LtiConfig(
        client_id=str(data["client_id"]),
        token_url=str(data["token_url"]),
        lineitems=str(data["lineitems"]),
        private_key=key if key.is_absolute() else path.parent / key,
        key_id=str(data.get("key_id") or ""),
        issuer=str(data.get("issuer") or ""),
        deployment_id=str(data.get("deployment_id") or ""),
    )


@dataclass
class Outcome:
    """Officials whose score the platform accepted, and the others with the reason."""

    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


class PushError(Exception):
    """A request the platform refused or could not answer (status and a short reason)."""


def _request(url: str, *, data: bytes | None = None, headers: dict, method: str) -> dict | list:
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise PushError(_("HTTP {status} from {url}").format(status=exc.code, url=url)) from None
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(
            _("cannot reach {url} ({fault})").format(url=url, fault=getattr(exc, "reason", exc))
        ) from None
    try:
        return json.loads(body) if body.strip() else {}
    except json.JSONDecodeError:
        raise PushError(_("not JSON from {url}").format(url=url)) from None


def client_assertion(config: LtiConfig, now: dt.datetime | None = None) -> str:
    """The signed JWT that authenticates the tool to the platform's token endpoint."""
    import jwt

    try:
        key = config.private_key.read_bytes()
    except OSError:
        raise KitError(_("tool private key not found"), file=config.private_key) from None
    moment = int((now or dt.datetime.now(dt.UTC)).timestamp())
    claims = {
        "iss": config.client_id,
        "sub": config.client_id,
        "aud": config.token_url,
        "iat": moment,
        "exp": moment + 300,
        "jti": str(uuid.uuid4()),
    }
    headers = {"kid": config.key_id} if config.key_id else None
    try:
        return jwt.encode(claims, key, algorithm="RS256", headers=headers)
    except (ValueError, TypeError):
        raise KitError(_("not an RSA private key (PEM)"), file=config.private_key) from None


def access_token(config: LtiConfig) -> str:
    form = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": client_assertion(config),
            "scope": SCOPES,
        }
    ).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    answer = _request(config.token_url, data=form, headers=headers, method="POST")
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not token:
        raise PushError(_("the token endpoint gave no access_token"))
    return token


def _with_path(url: str, suffix: str) -> str:
    """``suffix`` appended to the URL's path, its query kept (line item URLs may carry one)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def _with_query(url: str, **params: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + list(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def line_item(config: LtiConfig, token: str, resource: str, label: str, maximum: float) -> str:
    """The URL of the assignment's line item, created when the platform has none."""
    auth = {"Authorization": f"Bearer {token}"}
    found = _request(
        _with_query(config.lineitems, resource_id=resource),
        headers={**auth, "Accept": CONTAINER},
        method="GET",
    )
    for item in found if isinstance(found, list) else []:
        if item.get("resourceId") == resource and item.get("id"):
            return item["id"]
    body = json.dumps({"scoreMaximum": maximum, "label": label, "resourceId": resource}).encode()
    created = _request(
        config.lineitems,
        data=body,
        headers={**auth, "Content-Type": LINEITEM, "Accept": LINEITEM},
        method="POST",
    )
    if not isinstance(created, dict) or not created.get("id"):
        raise PushError(_("the platform created no line item"))
    return created["id"]


def push(
    config: LtiConfig,
    resource: str,
    label: str,
    maximum: float,
    scores: dict[str, tuple[str, float, bool]],
) -> Outcome:
    """Send ``scores`` (official -> (LTI user id, points, written answers still to mark))."""
    outcome = Outcome()
    try:
        token = access_token(config)
        item = line_item(config, token, resource, label, maximum)
    except PushError as exc:
        outcome.failed = {student: str(exc) for student in scores}
        return outcome
    url = _with_path(item, "/scores")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": SCORE}
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    for student, (user_id, points, pending) in scores.items():
        body = {
            "userId": user_id,
            "scoreGiven": points,
            "scoreMaximum": maximum,
            "activityProgress": "Completed",
            "gradingProgress": "PendingManual" if pending else "FullyGraded",
            "timestamp": stamp,
        }
        try:
            _request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
        except PushError as exc:
            outcome.failed[student] = str(exc)
        else:
            outcome.sent.append(student)
    return outcome
