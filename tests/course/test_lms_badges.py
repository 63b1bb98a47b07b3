"""Open Badges 3.0 credentials: real Ed25519 signing with PyJWT, real offline verification."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import stat
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("jwt")
pytest.importorskip("segno")

from kit.cli import main  # noqa: E402
from kit.course.analytics import Cohort  # noqa: E402
from kit.course.certificates import certificate_page  # noqa: E402
from kit.course.lms import badges, keys  # noqa: E402
from kit.course.lms.issue import badge_issuer  # noqa: E402
from kit.course.lms.revocations import revoke  # noqa: E402
from kit.course.lms.verify import verify  # noqa: E402
from kit.errors import KitError  # noqa: E402

MODULE = "05-cooperation"


def cohort() -> Cohort:
    """Two officials on one module: amina passes (3 of 4), bruno does not (1 of 4)."""
    rows = [
        ("amina", MODULE, "q1", 1.0, 1.0),
        ("amina", MODULE, "q2", 2.0, 3.0),
        ("bruno", MODULE, "q1", 1.0, 1.0),
        ("bruno", MODULE, "q2", 0.0, 3.0),
    ]
    frame = pd.DataFrame(rows, columns=["student", "assignment", "question", "score", "max_score"])
    frame["kind"], frame["to_mark"] = "auto", False
    return Cohort(frame, ["amina", "bruno"], [MODULE])


def options(**extra) -> argparse.Namespace:
    base = dict(issuer_url="https://training.example.org", issuer_name="Arvania Migration Academy",
                valid_years=None, level="", curriculum=None, pass_mark=60.0)  # fmt: skip
    return argparse.Namespace(**{**base, **extra})


@pytest.fixture
def issued(tmp_path):
    """A course folder where certificates were issued: (root, out, rows, page)."""
    root, out = tmp_path / "course", tmp_path / "course" / "certificates"
    root.mkdir()
    issue = badge_issuer(root, out, options())
    roster = {"amina": {"name": "Amina Diallo"}}
    rows, page = certificate_page(cohort(), 60, roster, issue=issue)
    return root, out, rows, page


def token_of(out: Path, student: str = "amina") -> Path:
    return out / "credentials" / f"{student}--{MODULE}.jwt"


def test_passing_official_gets_a_signed_open_badge(issued):
    """Does the passing official (only she) get an OpenBadgeCredential with the module's
    objectives and hours from module.yaml, signed EdDSA, that verifies against the JWKS?"""
    root, out, rows, _ = issued
    assert [r["student"] for r in rows] == ["amina"]
    assert not token_of(out, "bruno").exists()
    token = token_of(out).read_text()
    import jwt

    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    claims = verify(token, out / "issuer-jwks.json", None)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["iss"] == claims["issuer"]["id"] == "https://training.example.org"
    assert claims["jti"] == claims["id"] and claims["id"].startswith("urn:uuid:")
    achievement = claims["credentialSubject"]["achievement"]
    assert achievement["humanCode"] == MODULE
    assert achievement["hours"] == round(235 / 60, 1)  # minutes: 235 in module.yaml
    assert "employer-pays principle" in achievement["criteria"]["narrative"]
    names = {
        i["identityType"]: i["identityHash"] for i in claims["credentialSubject"]["identifier"]
    }
    assert names == {"studentId": "amina", "name": "Amina Diallo"}
    assert "validUntil" not in claims and "exp" not in claims


def test_key_is_private_ignored_by_git_and_reused(issued, tmp_path):
    """Is the signing key mode 0600 in a 0700 folder, named in .gitignore, and the same key on
    the next run (so earlier credentials stay verifiable)?"""
    root, out, _, _ = issued
    path = keys.key_path(root)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert ".kit-keys/" in (root / ".gitignore").read_text().splitlines()
    first = json.loads((out / "issuer-jwks.json").read_text())
    badge_issuer(root, out, options())([{"student": "x", "name": "X", "percent": "99",
                                         "modules": [MODULE]}])  # fmt: skip
    assert json.loads((out / "issuer-jwks.json").read_text()) == first
    assert "d" not in first["keys"][0]  # the public half only


def test_certificate_carries_the_credential_as_qr(issued):
    """Does the printed certificate carry an inline SVG QR code for the credential, whose content
    (the JWT or its compact form) expands to exactly the signed JWT?"""
    _, out, rows, page = issued
    badge = rows[0]["badges"][0]
    assert badge["qr"].startswith("<svg") and badge["qr"] in page
    assert f'data-credential="{badge["id"]}"' in page
    token = token_of(out).read_text()
    assert badges.expand(badges.compact(token)) == token
    assert len(badges.compact(token)) < len(token)


def test_changed_byte_wrong_key_expired_and_revoked_are_refused(issued, tmp_path):
    """Is each of a changed byte, another issuer's key, an expired and a revoked credential
    refused by `kit verify` with exit 2 and a one-line reason, and a good one accepted?"""
    root, out, _, _ = issued
    good = token_of(out)
    assert main(["verify", str(good)]) == 0

    head, body, sig = good.read_text().split(".")
    flipped = body[:40] + ("A" if body[40] != "A" else "B") + body[41:]
    changed = tmp_path / "changed.jwt"
    changed.write_text(".".join([head, flipped, sig]))

    other = tmp_path / "other"
    other.mkdir()
    (other / "jwks.json").write_text(keys.jwks_text(keys.load_or_create(other)))

    expired = tmp_path / "expired.jwt"
    key = keys.load_or_create(root)
    module = badges.ModuleInfo(MODULE, "Cooperation")
    body_ = badges.credential(
        issuer_id="https://training.example.org", issuer_name="A", module=module, student="amina",
        name="Amina", percent="75", pass_mark="60",
        valid_from=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        valid_until=dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    expired.write_text(badges.sign(body_, key, keys.public_jwk(key)["kid"]))

    jwks = ["--jwks", str(out / "issuer-jwks.json")]
    cases = {
        "changed": (["verify", str(changed), *jwks], "signature does not match"),
        "wrong key": (
            ["verify", str(good), "--jwks", str(other / "jwks.json")],
            "not in the issuer",
        ),
        "expired": (["verify", str(expired), *jwks], "expired on 2021-01-01"),
    }
    for label, (argv, reason) in cases.items():
        code, err = run_cli(argv)
        assert code == 2 and reason in err and err.count("\n") == 1, label

    revoke(root, "amina", "issued in error")
    code, err = run_cli(["verify", str(good), "--revocations", str(root / "revocations.json")])
    assert code == 2 and "revoked by the issuer" in err


def run_cli(argv):
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def test_revoke_unknown_official_is_one_line(issued):
    """Does revoking someone who holds no credential say so instead of writing an empty entry?"""
    root, *_ = issued
    with pytest.raises(KitError, match="no credential issued"):
        revoke(root, "nobody")
    assert not (root / "revocations.json").exists()


def test_not_yet_valid_is_refused(issued):
    """Is a credential checked before its validFrom refused?"""
    _, out, _, _ = issued
    with pytest.raises(KitError, match="not valid before"):
        verify(token_of(out).read_text(), out / "issuer-jwks.json", None,
               now=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # fmt: skip


def test_certificates_command_on_graded_course(graded_course, tmp_path, capsys):
    """On a really graded course, does `kit course certificates` sign one credential per passing
    official that `kit verify` accepts with the published key set, a QR code on each page, and
    the key left out of the certificates folder?"""
    root, name = graded_course.root, graded_course.assignment
    out = tmp_path / "print"
    argv = ["course", "certificates", "--pass-mark", "50", "--out", str(out), "--dir", str(root)]
    argv += ["--issuer-name", "Arvania Academy", "--valid-years", "3"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    files = sorted((out / "credentials").glob("*.jwt"))
    assert files and f"{len(files)} credentials signed" in err
    page = (out / "certificates.html").read_text()
    assert page.count("<svg") == len(files)
    assert not list(out.rglob("*.pem"))
    assert main(["verify", str(files[0])]) == 0
    said = capsys.readouterr().out
    assert "valid:" in said and "Arvania Academy" in said and "Border management" in said
    claims = verify(files[0].read_text(), out / "issuer-jwks.json", None)
    assert claims["credentialSubject"]["achievement"]["humanCode"] == name
    assert claims["exp"] - claims["nbf"] >= 3 * 365 * 86400


def test_base45_matches_rfc_9285_and_damage_is_refused():
    """Does the QR's Base45 give RFC 9285's own examples, and is a damaged compact form refused
    with a one-line reason?"""
    assert badges.base45(b"AB") == "BB8"
    assert badges.base45(b"Hello!!") == "%69 VD92EX0"
    assert badges.unbase45("QED8WEX0") == b"ietf!"
    with pytest.raises(KitError, match="damaged"):
        badges.expand(badges.COMPACT_PREFIX + "ZZZZZZ")
