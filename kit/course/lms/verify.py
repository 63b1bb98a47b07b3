"""Check an Open Badges 3.0 VC-JWT offline: issuer's key (JWKS), validity dates, revocation.

Every refusal is a KitError with a one-line reason (exit 2): a changed byte, a key that is not the
issuer's, a credential not yet valid or expired, a revoked one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kit import i18n
from kit.course.lms.badges import expand
from kit.course.lms.revocations import revoked_ids
from kit.errors import KitError

_ = i18n.translator("kit")


def _keys(jwks_path: Path) -> dict[str, object]:
    import jwt

    try:
        data = json.loads(jwks_path.read_text(encoding="utf-8"))
        return {k["kid"]: jwt.PyJWK(k) for k in data["keys"]}
    except FileNotFoundError:
        raise KitError(_("issuer key set (JWKS) not found"), file=jwks_path) from None
    except (ValueError, KeyError, TypeError, jwt.PyJWKError) as exc:
        raise KitError(
            _("not a readable key set ({fault})").format(fault=exc.__class__.__name__),
            file=jwks_path,
        ) from None


def verify(token_text: str, jwks_path: Path, revocations: Path | None, now=None) -> dict:
    """The credential if it is genuine, in force and not revoked; else KitError saying why."""
    import jwt

    token = expand(token_text)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError:
        raise KitError(_("not a credential: the JWT header cannot be read")) from None
    if header.get("alg") != "EdDSA":
        raise KitError(
            _("signed with {algorithm}, not EdDSA").format(algorithm=repr(header.get("alg")))
        )
    keys = _keys(jwks_path)
    key = keys.get(header.get("kid", ""))
    if key is None:
        raise KitError(_("signed with a key that is not in the issuer's key set"))
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            options={"require": ["iss", "jti", "nbf"], "verify_exp": False, "verify_nbf": False},
        )
    except jwt.InvalidSignatureError:
        raise KitError(
            _("signature does not match: the credential was changed after signing")
        ) from None
    except jwt.PyJWTError as exc:
        raise KitError(_("not a valid credential: {fault}").format(fault=exc)) from None
    _check_body(claims)
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    if claims["nbf"] > moment:
        raise KitError(_("not valid before {date}").format(date=claims["validFrom"]))
    if "exp" in claims and claims["exp"] <= moment:
        raise KitError(_("expired on {date}").format(date=claims.get("validUntil")))
    if revocations is not None and claims["jti"] in revoked_ids(revocations):
        raise KitError(_("revoked by the issuer ({id})").format(id=claims["jti"]))
    return claims


def _check_body(claims: dict) -> None:
    """The JWT claims and the credential they carry must agree (OB 3.0, 8.2)."""
    if "OpenBadgeCredential" not in claims.get("type", []):
        raise KitError(_("not an OpenBadgeCredential"))
    if claims.get("id") != claims["jti"] or claims.get("issuer", {}).get("id") != claims["iss"]:
        raise KitError(_("the JWT claims do not match the credential inside it"))


def _beside(path: Path, name: str) -> Path | None:
    """``name`` in the credential's folder or the one above (the published certificates folder
    holds credentials/ and the key set)."""
    return next((p for p in (path.parent / name, path.parent.parent / name) if p.is_file()), None)


def verify_command(path: Path, jwks: Path | None, revocations: Path | None) -> int:
    """``kit verify FILE``: one line naming official, module and issuer, or why it is refused."""
    if not path.is_file():
        raise KitError(_("credential file not found"), file=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KitError(_("not a credential (not text)"), file=path) from None
    jwks = jwks or _beside(path, "issuer-jwks.json") or path.parent / "issuer-jwks.json"
    if revocations is not None and not revocations.is_file():
        raise KitError(_("revocation list not found"), file=revocations)
    revocations = revocations or _beside(path, "revocations.json")
    try:
        claims = verify(text, jwks, revocations)
    except KitError as exc:
        raise KitError(_("refused: {reason}").format(reason=exc), file=path) from None
    subject = claims["credentialSubject"]
    who = next((i["identityHash"] for i in subject.get("identifier", [])
                if i.get("identityType") == "name"), "?")  # fmt: skip
    if revocations:
        line = _(
            "{file}: valid: {who}, {module}, issued by {issuer} on {date}; checked against "
            "{keys} and the revocation list"
        )
    else:
        line = _(
            "{file}: valid: {who}, {module}, issued by {issuer} on {date}; checked against "
            "{keys} (no revocation list given)"
        )
    print(
        line.format(
            file=path,
            who=who,
            module=subject["achievement"]["name"],
            issuer=claims["issuer"].get("name", claims["iss"]),
            date=claims["validFrom"],
            keys=jwks,
        )
    )
    return 0
