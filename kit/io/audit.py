"""The audit log of a country: ``DIR/<country>/audit.jsonl``, append-only and hash-chained.

Every save from the dashboard, import, review comment, validation and reopening adds one JSON
line. Each line carries the SHA-256 of the line before it (``prev``) and its own (``hash``,
over the line's other fields), so an edited, removed or reordered line breaks the chain at the
first line that no longer fits, and ``verify`` names that line.

An append rewrites the whole file through ``write_bytes_atomic`` under a lock: a crash leaves the
old log or the new one, never half a line, and two saves at once never interleave.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kit import i18n
from kit.atomic import write_bytes_atomic
from kit.errors import KitError

_ = i18n.translator("kit")

LOG_NAME = "audit.jsonl"
GENESIS = "0" * 64
FIELDS = ("seq", "time", "who", "action", "round", "detail", "prev")


def log_path(data_dir: Path, country: str) -> Path:
    """Where a country's audit log lives."""
    return Path(data_dir) / country / LOG_NAME


@contextlib.contextmanager
def folder_lock(folder: Path, name: str) -> Iterator[None]:
    """An exclusive lock on ``folder/.name.lock`` (advisory, between kit processes and tabs)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f".{name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def entry_hash(entry: dict) -> str:
    """The SHA-256 of an entry's fields other than ``hash``, as canonical JSON."""
    body = {key: entry.get(key) for key in FIELDS}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> str:
    """The time an entry is recorded, UTC to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Check:
    """The outcome of verifying a log: its entries, and the first bad line (0 when sound)."""

    entries: tuple[dict, ...]
    bad_line: int = 0
    fault: str = ""


def verify_text(text: str) -> Check:
    """Check every line of a log: valid JSON, numbered in order, chained and hashed right."""
    entries: list[dict] = []
    prev = GENESIS
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            return Check(tuple(entries), number, _("not a JSON line"))
        if not isinstance(entry, dict):
            return Check(tuple(entries), number, _("not a JSON object"))
        if entry.get("prev") != prev:
            return Check(
                tuple(entries),
                number,
                _("does not follow the line before it (removed or moved?)"),
            )
        if entry.get("seq") != number:
            return Check(
                tuple(entries),
                number,
                _("numbered {found}, expected {number}").format(
                    found=entry.get("seq"), number=number
                ),
            )
        if entry.get("hash") != entry_hash(entry):
            return Check(tuple(entries), number, _("changed after it was written (hash differs)"))
        entries.append(entry)
        prev = entry["hash"]
    return Check(tuple(entries))


def read_text(path: Path) -> str:
    """The log's text ('' when there is none yet); not UTF-8 is a KitError naming the file."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise KitError(_("not UTF-8 text; the audit log was altered"), file=path) from None


def verify(path: Path) -> tuple[dict, ...]:
    """The entries of a sound log; a broken chain is a KitError naming the first bad line."""
    check = verify_text(read_text(path))
    if check.bad_line:
        raise KitError(check.fault, file=path, row=check.bad_line)
    return check.entries


def record(
    data_dir: Path,
    country: str,
    action: str,
    *,
    who: str,
    round_: str = "",
    detail: dict | None = None,
) -> dict:
    """Append one entry to a country's log and return it.

    The new line is chained to the last line as it is on disk; a log that is already broken is
    not extended (that would hide the damage behind a fresh, valid-looking line).
    """
    path = log_path(data_dir, country)
    with folder_lock(path.parent, LOG_NAME):
        text = read_text(path)
        check = verify_text(text)
        if check.bad_line:
            raise KitError(
                _("{fault}; not appending to a broken audit log").format(fault=check.fault),
                file=path,
                row=check.bad_line,
            )
        last = check.entries[-1] if check.entries else None
        entry = {
            "seq": len(check.entries) + 1,
            "time": now(),
            "who": who,
            "action": action,
            "round": round_,
            "detail": detail or {},
            "prev": last["hash"] if last else GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        if text and not text.endswith("\n"):
            text += "\n"
        write_bytes_atomic(path, (text + line + "\n").encode("utf-8"))
    return entry


def describe(entry: dict) -> str:
    """One line of history a person reads."""
    detail = ", ".join(f"{k}={v}" for k, v in sorted(entry.get("detail", {}).items()))
    where = f" {entry['round']}" if entry.get("round") else ""
    return f"{entry['seq']:>4}  {entry['time']}  {entry['who']}  {entry['action']}{where}" + (
        f"  ({detail})" if detail else ""
    )
