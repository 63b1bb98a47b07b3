"""The course's revocation list and the index of credentials it issued (both JSON, atomic writes).

``revocations.json`` is what a programme publishes beside its JWKS; ``credentials.json`` lets a
trainer revoke by official as well as by credential id.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import KitError

_ = i18n.translator("kit")

REVOCATIONS = "revocations.json"
ISSUED = "credentials.json"


def read_json(path: Path, empty: dict) -> dict:
    """A JSON object from ``path`` (``empty`` when the file is not there yet)."""
    if not path.is_file():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KitError(
            _("not a readable JSON file ({fault})").format(fault=exc.__class__.__name__),
            file=path,
        ) from None
    if not isinstance(data, dict):
        raise KitError(_("expected a JSON object"), file=path)
    return data


def record_issued(root: Path, entries: list[dict]) -> None:
    """Add issued credentials (id, student, module, validFrom) to the course's index."""
    path = root / ISSUED
    data = read_json(path, {"credentials": []})
    data["credentials"] = [*data.get("credentials", []), *entries]
    write_text_atomic(path, json.dumps(data, indent=2) + "\n")


def revoked_ids(path: Path) -> set[str]:
    """The credential ids a revocation list names."""
    data = read_json(path, {"revoked": []})
    return {str(entry.get("id")) for entry in data.get("revoked", []) if isinstance(entry, dict)}


def revoke(root: Path, target: str, reason: str = "") -> list[str]:
    """Revoke a credential id, or every credential issued to an official; return the ids."""
    issued = read_json(root / ISSUED, {"credentials": []}).get("credentials", [])
    ids = [c["id"] for c in issued if target in (c.get("id"), c.get("student"))]
    if not ids:
        if target.startswith("urn:uuid:"):
            ids = [target]  # issued elsewhere (an older index): revoke it all the same
        else:
            raise KitError(
                _("no credential issued to or with the id '{target}'").format(target=target),
                file=root / ISSUED,
            )
    path = root / REVOCATIONS
    data = read_json(path, {"revoked": []})
    known = {str(e.get("id")) for e in data.get("revoked", [])}
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    new = [i for i in ids if i not in known]
    data["revoked"] = [
        *data.get("revoked", []),
        *({"id": i, "date": today, "reason": reason} for i in new),
    ]
    write_text_atomic(path, json.dumps(data, indent=2) + "\n")
    return new
