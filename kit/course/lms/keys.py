"""The course's Ed25519 signing key: created once, mode 0600 from the first byte, never in git.

The key lives in ``<course>/.kit-keys/`` (folder 0700), which the course's ``.gitignore`` names;
``kit course release`` hands out only ``release/<assignment>``, so the key never leaves with an
assignment, and it is outside the ``kit`` package, so no wheel carries it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import KitError

_ = i18n.translator("kit")

KEY_DIR = ".kit-keys"
KEY_FILE = "issuer-ed25519.pem"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def key_path(root: Path) -> Path:
    return root / KEY_DIR / KEY_FILE


def ignore_keys(root: Path) -> None:
    """Name the key folder in the course's .gitignore (added once, the rest kept)."""
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    if f"{KEY_DIR}/" not in lines:
        write_text_atomic(ignore, "\n".join([*lines, f"{KEY_DIR}/"]) + "\n")


def load_or_create(root: Path):
    """The course's private key; the first call creates it (O_EXCL, 0600: never readable by others,
    not even for a moment)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path(root)
    ignore_keys(root)
    if path.is_file():
        if path.stat().st_mode & 0o077:
            raise KitError(_("signing key is readable by others; run chmod 600 on it"), file=path)
        try:
            return serialization.load_pem_private_key(path.read_bytes(), password=None)
        except ValueError:
            raise KitError(_("not a readable private key"), file=path) from None
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.parent.chmod(0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return key


def public_jwk(key) -> dict:
    """The public half as a JWK (OKP, Ed25519); ``kid`` is its RFC 7638 thumbprint."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    x = _b64(raw)
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
    kid = _b64(hashlib.sha256(canonical.encode()).digest())
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"}


def jwks_text(key) -> str:
    """The JWKS file a programme publishes so anyone can check its credentials."""
    return json.dumps({"keys": [public_jwk(key)]}, indent=2) + "\n"
