"""Validating a round: ``DIR/<country>/<round>/validation.json``.

Validation closes a round: nobody may have an open review comment, and the record keeps who
validated, when, and the SHA-256 of every response file. A validated round is read-only (the
dashboard) and a report of it is refused once a file differs from what was validated. Reopening
keeps the record: the validation and the reopening both stay in the file's ``history`` and in the
country's audit log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import KitError
from kit.io import audit
from kit.io.datafolder import response_files
from kit.io.review import load_review, open_comments, review_path

_ = i18n.translator("kit")

VALIDATION_NAME = "validation.json"


def validation_path(data_dir: Path, country: str, round_: str) -> Path:
    """Where a round's validation record lives."""
    return Path(data_dir) / country / round_ / VALIDATION_NAME


def file_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every response file of a round folder, by file name."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(response_files(folder).values())
    }


@dataclass(frozen=True)
class Record:
    """A round's validation record as read from its file."""

    path: Path
    status: str  # "validated" or "reopened"
    by: str
    at: str
    files: dict[str, str]
    history: tuple[dict, ...]

    @property
    def validated(self) -> bool:
        return self.status == "validated"

    def describe(self) -> str:
        return _("validated by {who} on {at} ({file})").format(
            who=self.by, at=self.at, file=self.path
        )


def read_record(path: Path) -> Record | None:
    """The record of a round (None when it was never validated); a damaged file is a KitError."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KitError(
            _("not a validation record ({fault})").format(fault=exc), file=path
        ) from None
    try:
        files = data["files"]
        if data["status"] not in ("validated", "reopened") or not isinstance(files, dict):
            raise KeyError("status")
        return Record(
            Path(path),
            data["status"],
            str(data["by"]),
            str(data["at"]),
            {str(k): str(v) for k, v in files.items()},
            tuple(data.get("history", [])),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KitError(
            _("not a validation record (field {field} missing or wrong)").format(field=exc),
            file=path,
        ) from None


def is_validated(data_dir: Path, country: str, round_: str) -> Record | None:
    """The record of a round that is validated now (None when open or reopened)."""
    record = read_record(validation_path(data_dir, country, round_))
    return record if record is not None and record.validated else None


def _write(path: Path, record: dict) -> None:
    write_text_atomic(path, json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def validate(data_dir: Path, country: str, round_: str, by: str) -> Record:
    """Close a round; refused while a review comment is open or when there are no files."""
    folder = Path(data_dir) / country / round_
    if not folder.is_dir():
        raise KitError(_("no such round folder"), file=folder)
    if not by.strip():
        raise KitError(_("--by needs the name of the person validating"))
    path = validation_path(data_dir, country, round_)
    with audit.folder_lock(folder, VALIDATION_NAME):
        earlier = read_record(path)
        if earlier is not None and earlier.validated:
            raise KitError(_("already {validated}").format(validated=earlier.describe()))
        pending = open_comments(load_review(review_path(data_dir, country, round_)))
        if pending:
            listed = "; ".join(
                _("{id} on {item} by {reviewer}").format(
                    id=c.id, item=c.item_id, reviewer=c.reviewer
                )
                for c in pending
            )
            raise KitError(
                _("{count} review comment(s) still open: {list}").format(
                    count=len(pending), list=listed
                ),
                file=review_path(data_dir, country, round_),
            )
        files = file_digests(folder)
        if not files:
            raise KitError(_("no response files to validate"), file=folder)
        at = audit.now()
        history = [
            *(earlier.history if earlier else ()),
            {"event": "validated", "by": by, "at": at},
        ]
        record = {"status": "validated", "by": by, "at": at, "files": files, "history": history}
        # The audit entry first: a validation that is not on the record does not count.
        entry = audit.record(
            data_dir, country, "validate", who=by, round_=round_, detail={"files": len(files)}
        )
        # The log's head at validation: a later cut of the log's tail is caught by kit audit.
        record["audit"] = {"line": entry["seq"], "hash": entry["hash"]}
        _write(path, record)
    return read_record(path)


def reopen(data_dir: Path, country: str, round_: str, by: str, reason: str) -> Record:
    """Reopen a validated round, with who and why kept in the record and the audit log."""
    path = validation_path(data_dir, country, round_)
    if not by.strip() or not reason.strip():
        raise KitError(_("reopening needs --by NAME and --reason TEXT"))
    with audit.folder_lock(path.parent, VALIDATION_NAME):
        earlier = read_record(path)
        if earlier is None or not earlier.validated:
            raise KitError(_("round is not validated; nothing to reopen"), file=path)
        at = audit.now()
        history = [*earlier.history, {"event": "reopened", "by": by, "at": at, "reason": reason}]
        entry = audit.record(
            data_dir, country, "reopen", who=by, round_=round_, detail={"reason": reason}
        )
        record = {
            "audit": {"line": entry["seq"], "hash": entry["hash"]},
            "status": "reopened",
            "by": earlier.by,
            "at": earlier.at,
            "files": earlier.files,
            "history": history,
        }
        _write(path, record)
    return read_record(path)


def check_unchanged(folder: Path) -> None:
    """Refuse a validated round whose response files differ from what was validated.

    A KitError names the first changed, added or removed file and the validation.
    """
    record = read_record(Path(folder) / VALIDATION_NAME)
    if record is None or not record.validated:
        return
    now_files = file_digests(Path(folder))
    for name in sorted(set(now_files) | set(record.files)):
        if name not in now_files:
            fault = _(
                "was removed since the round was {validated}; reopen it (kit reopen) or "
                "restore the file"
            )
        elif name not in record.files:
            fault = _(
                "was added since the round was {validated}; reopen it (kit reopen) or "
                "restore the file"
            )
        elif now_files[name] != record.files[name]:
            fault = _(
                "changed since the round was {validated}; reopen it (kit reopen) or "
                "restore the file"
            )
        else:
            continue
        raise KitError(fault.format(validated=record.describe()), file=Path(folder) / name)


def check_audit_anchors(data_dir: Path, country: str, entries: tuple[dict, ...]) -> None:
    """Each validation record names the audit line it was written with: that line must still be
    in the log, unchanged (a log cut short after a validation fails here, naming the record)."""
    for round_folder in sorted(Path(data_dir, country).iterdir()):
        path = round_folder / VALIDATION_NAME
        if not path.is_file():
            continue
        try:
            anchor = json.loads(path.read_text(encoding="utf-8")).get("audit") or {}
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            raise KitError(_("not a validation record"), file=path) from None
        line = anchor.get("line")
        if not isinstance(line, int):
            continue
        if line > len(entries) or entries[line - 1]["hash"] != anchor.get("hash"):
            raise KitError(
                _(
                    "line {line} of the audit log, named by this validation, is missing or "
                    "different (the log has {count} lines: cut short?)"
                ).format(line=line, count=len(entries)),
                file=path,
            )
