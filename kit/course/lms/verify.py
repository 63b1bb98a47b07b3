"""Check an Open Badges 3.0 VC-JWT offline: issuer's key (JWKS), validity dates, revocation.

Every refusal is a KitError with a one-line reason (exit 2): a changed byte, a key that is not the
issuer's, a credential not yet valid or expired, a revoked one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kit.course.lms.badges import expand
from kit.course.lms.revocations import revoked_ids
from kit.errors import KitError


def _keys(jwks_path: Path) -> dict[str, object]:
    import jwt

    try:
        data = json.loads(jwks_path.read_text(encoding="utf-8"))
        return {k["kid"]: jwt.PyJWK(k) for k in data["keys"]}
    except FileNotFoundError:
        raise KitError("issuer key set (JWKS) not found", file=jwks_path) from None
    except (ValueError, KeyError, TypeError, jwt.PyJWKError) as exc:
        raise KitError(
            f"not a readable key set ({exc.__class__.__name__})", file=jwks_path
        ) from None


def verify(token_text: str, jwks_path: Path, revocations: Path | None, now=None) -> dict:
    """The credential if it is genuine, in force and not revoked; else KitError saying why."""
    import jwt

    token = expand(token_text)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError:
        raise KitError("not a credential: the JWT header cannot be read") from None
    if header.get("alg") != "EdDSA":
        raise KitError(f"signed with {header.get('alg')!r}, not EdDSA")
    keys = _keys(jwks_path)
    key = keys.get(header.get("kid", ""))
    if key is None:
        raise KitError("signed with a key that is not in the issuer's key set")
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            options={"require": ["iss", "jti", "nbf"], "verify_exp": False, "verify_nbf": False},
        )
    except jwt.InvalidSignatureError:
        raise KitError(
            "signature does not match: the credential was changed after signing"
        ) from None
    except jwt.PyJWTError as exc:
        raise KitError(f"not a valid credential: {exc}") from None
    _check_body(claims)
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    if claims["nbf"] > moment:
        raise KitError(f"not valid before {claims['validFrom']}")
    if "exp" in claims and claims["exp"] <= moment:
        raise KitError(f"expired on {claims.get('validUntil')}")
    if revocations is not None and claims["jti"] in revoked_ids(revocations):
        raise KitError(f"revoked by the issuer ({claims['jti']})")
    return claims


def _check_body(claims: dict) -> None:
    """The JWT claims and the credential they carry must agree (OB 3.0, 8.2)."""
    if "OpenBadgeCredential" not in claims.get("type", []):
        raise KitError("not an OpenBadgeCredential")
    if claims.get("id") != claims["jti"] or claims.get("issuer", {}).get("id") != claims["iss"]:
        raise KitError("the JWT claims do not match the credential inside it")


def _beside(path: Path, name: str) -> Path | None:
    """``name`` in the credential's folder or the one above (the published certificates folder
    holds credentials/ and the key set)."""
    return next((p for p in (path.parent / name, path.parent.parent / name) if p.is_file()), None)


def verify_command(path: Path, jwks: Path | None, revocations: Path | None) -> int:
    """``kit verify FILE``: one line naming official, module and issuer, or why it is refused."""
    if not path.is_file():
        raise KitError("credential file not found", file=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KitError("not a credential (not text)", file=path) from None
    jwks = jwks or _beside(path, "issuer-jwks.json") or path.parent / "issuer-jwks.json"
    if revocations is not None and not revocations.is_file():
        raise KitError("revocation list not found", file=revocations)
    revocations = revocations or _beside(path, "revocations.json")
    try:
        claims = verify(text, jwks, revocations)
    except KitError as exc:
        raise KitError(f"refused: {exc}", file=path) from None
    subject = claims["credentialSubject"]
    who = next((i["identityHash"] for i in subject.get("identifier", [])
                if i.get("identityType") == "name"), "?")  # fmt: skip
    checked = "and the revocation list" if revocations else "(no revocation list given)"
    print(
        f"{path}: valid: {who}, {subject['achievement']['name']}, issued by "
        f"{claims['issuer'].get('name', claims['iss'])} on {claims['validFrom']}; "
        f"checked against {jwks} {checked}"
    )
    return 0
