"""Open Badges 3.0 credentials for officials who passed, signed as VC-JWT with Ed25519.

Structure (Open Badges 3.0, section 8.2 "JSON Web Token proof format"; W3C VC data model 2.0):
the JWT payload IS the credential (``@context``, ``type: [VerifiableCredential,
OpenBadgeCredential]``, ``issuer`` profile, ``validFrom``, optional ``validUntil``,
``credentialSubject`` of type AchievementSubject with its ``achievement``), plus the registered
claims that mirror it: ``iss`` = issuer.id, ``jti`` = id, ``nbf`` = validFrom, ``exp`` =
validUntil. The header names ``alg: EdDSA`` and the key's ``kid`` in the published JWKS.

Officials have no DID, so the subject is named by ``identifier`` objects (the kit's student id and
the name on the roster), as OB 3.0 allows. Hours and level are not OB 3.0 terms: they are written
as issuer-dependent terms (covered by the VC 2.0 context's ``@vocab``) and repeated in the
criteria narrative so every reader sees them.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
#: Prefix of the compressed form a QR code carries when the JWT is too long for one code.
COMPACT_PREFIX = "KITVC1:"
CURRICULUM = Path(__file__).resolve().parents[3] / "curriculum"


@dataclass
class ModuleInfo:
    """What a credential says about one module (from its module.yaml)."""

    id: str
    title: str
    objectives: list[str] = field(default_factory=list)
    hours: float | None = None
    level: str = ""


def module_info(assignment: str, curriculum: Path | None, fallback_title: str) -> ModuleInfo:
    """The module whose assignment (or pre/post test) is ``assignment``; a bare title if none."""
    folder = curriculum or CURRICULUM
    for manifest in sorted(folder.glob("*/module.yaml")) if folder.is_dir() else []:
        try:
            data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KitError(
                _("cannot be read ({fault})").format(fault=exc.__class__.__name__), file=manifest
            ) from None
        names = {
            data.get("id"),
            data.get("assignment"),
            data.get("pre_test"),
            data.get("post_test"),
        }
        if assignment in names:
            minutes = data.get("minutes")
            return ModuleInfo(
                id=str(data.get("id") or assignment),
                title=str(data.get("title") or fallback_title),
                objectives=[str(o) for o in data.get("objectives") or []],
                hours=round(minutes / 60, 1) if isinstance(minutes, (int, float)) else None,
                level=str(data.get("level") or ""),
            )
    return ModuleInfo(id=assignment, title=fallback_title)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(
    *,
    issuer_id: str,
    issuer_name: str,
    module: ModuleInfo,
    student: str,
    name: str,
    percent: str,
    pass_mark: str,
    valid_from: dt.datetime,
    valid_until: dt.datetime | None = None,
    level: str = "",
) -> dict:
    """One OpenBadgeCredential (unsigned) for ``student`` completing ``module``."""
    level = module.level or level
    narrative = [f"Passed the course's graded exercises with {percent}% (pass mark {pass_mark}%)."]
    if module.hours is not None:
        narrative.append(f"Study time: {module.hours:g} hours.")
    if level:
        narrative.append(f"Level: {level}.")
    if module.objectives:
        narrative.append("Learning objectives:")
        narrative += [f"- {o}" for o in module.objectives]
    achievement = {
        "id": f"{issuer_id}/achievements/{module.id}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "humanCode": module.id,
        "name": module.title,
        "description": f"Module {module.id} of the migration governance course.",
        "criteria": {"narrative": "\n".join(narrative)},
    }
    if module.hours is not None:
        achievement["hours"] = module.hours
    if level:
        achievement["level"] = level
    body = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": issuer_name},
        "validFrom": _iso(valid_from),
        "name": f"{module.title}: completed",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                _identity("studentId", student),
                _identity("name", name),
            ],
            "achievement": achievement,
        },
    }
    if valid_until is not None:
        body["validUntil"] = _iso(valid_until)
    return body


def _identity(kind: str, value: str) -> dict:
    return {"type": "IdentityObject", "identityType": kind, "hashed": False, "identityHash": value}


def sign(body: dict, key, kid: str) -> str:
    """The credential as a compact VC-JWT (EdDSA) with the registered claims that mirror it."""
    import jwt

    claims = dict(body)
    claims["iss"] = body["issuer"]["id"]
    claims["jti"] = body["id"]
    claims["nbf"] = int(dt.datetime.fromisoformat(body["validFrom"]).timestamp())
    if "validUntil" in body:
        claims["exp"] = int(dt.datetime.fromisoformat(body["validUntil"]).timestamp())
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": kid})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base45(data: bytes) -> str:
    """RFC 9285 Base45: uses only QR's alphanumeric characters, so a code holds about a quarter
    more than with Base64 in byte mode (the EU's health certificates use it for the same reason)."""
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        out += [BASE45[n % 45], BASE45[n // 45 % 45], BASE45[n // 2025]]
    if len(data) % 2:
        out += [BASE45[data[-1] % 45], BASE45[data[-1] // 45]]
    return "".join(out)


def unbase45(text: str) -> bytes:
    try:
        values = [BASE45.index(c) for c in text]
    except ValueError:
        raise ValueError("not Base45") from None
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i : i + 3]
        n = sum(v * 45**k for k, v in enumerate(chunk))
        if len(chunk) == 3:
            if n > 0xFFFF:
                raise ValueError("not Base45")
            out += n.to_bytes(2, "big")
        elif len(chunk) == 2 and n <= 0xFF:
            out.append(n)
        else:
            raise ValueError("not Base45")
    return bytes(out)


def compact(token: str) -> str:
    """A shorter, lossless form of the JWT for a QR code: its three parts decoded, joined,
    deflated and Base45-encoded. ``expand`` gives back the same JWT, byte for byte, so its
    signature still checks."""
    parts = [_unb64(p) for p in token.split(".")]
    packed = b"".join(len(p).to_bytes(3, "big") + p for p in parts)
    return COMPACT_PREFIX + base45(zlib.compress(packed, 9))


def expand(text: str) -> str:
    """The JWT from a compact form (a JWT given as such is returned unchanged)."""
    text = text.strip()
    if not text.startswith(COMPACT_PREFIX):
        return text
    try:
        packed = zlib.decompress(unbase45(text[len(COMPACT_PREFIX) :]))
    except (ValueError, zlib.error):
        raise KitError(_("the compact credential is damaged (cannot be decompressed)")) from None
    parts, i = [], 0
    while i < len(packed):
        size = int.from_bytes(packed[i : i + 3], "big")
        parts.append(packed[i + 3 : i + 3 + size])
        i += 3 + size
    return ".".join(_b64(p) for p in parts)


def qr_svg(token: str) -> tuple[str, bool]:
    """An inline SVG QR code of the credential, and whether it holds the compact form.

    The JWT itself is used when its code is no denser than the compact form's: a printed code
    with fewer, larger modules scans more reliably.
    """
    import segno

    codes = []
    for text, is_compact in ((token, False), (compact(token), True)):
        try:
            codes.append((segno.make(text, error="l", micro=False), is_compact))
        except segno.DataOverflowError:
            continue
    if not codes:
        raise KitError(_("the credential is too long for a QR code, even compressed"))
    code, is_compact = min(codes, key=lambda pair: pair[0].version)
    return code.svg_inline(scale=1, border=2, omitsize=True), is_compact
