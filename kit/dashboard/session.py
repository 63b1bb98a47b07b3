"""One dashboard tab's work: the ministry being answered, saved safely as answers are entered.

Every change is written at once with ``kit.responses.save_responses`` (write a temporary file,
then rename), so the file on disk is always whole. Before writing, the session checks that the
file is still the one it read: another tab or person may have saved it since (their answers are
kept and this tab's changes are added on top), it may have been deleted (it is written again from
the answers in memory) or locked (the answers stay in memory and are saved at the next chance).
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import logging
import os
import shutil
import stat
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from kit.assessment import Assessment
from kit.errors import KitError
from kit.framework import Framework
from kit.io import assessment_client, audit, validation
from kit.io import datafolder as folder
from kit.io.assessment_roster import Refused, authorize
from kit.io.formats import (
    READ_SUFFIXES,
    SAVE_SUFFIXES,
    UNREADABLE,
    load_responses,
    read_responses,
    save_responses,
)
from kit.io.review import REVIEW_NAME
from kit.io.review_xlsx import merge_sheet, read_review_sheet
from kit.responses import Answer, ResponseSet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """A message for the page: one plain sentence and how serious it is."""

    text: str
    kind: str = "info"  # info | success | warning | error


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def lock_reason(path: Path) -> str | None:
    """Why ``path`` must not be written now, or None.

    The owner's write bit is checked rather than ``os.access`` because an administrator (root)
    may write anything; a file marked read-only is a deliberate lock all the same. An office
    suite's lock file (``.~lock.NAME#``, ``~$NAME``) means someone has it open.
    """
    if (path.parent / f".~lock.{path.name}#").exists() or (path.parent / f"~${path.name}").exists():
        return f"{path.name} is open in another program"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if not mode & stat.S_IWUSR:
        return f"{path.name} is marked read-only"
    return None


@dataclass
class Session:
    """The dashboard's state for one browser tab; free of widgets so that it can be tested."""

    data_dir: Path
    framework: Framework
    responses: ResponseSet | None = None
    path: Path | None = None
    #: Digest of the file as this session last read or wrote it (None: no file yet).
    disk_digest: str | None = None
    #: Answers changed here and not yet written (kept when a save fails).
    pending: dict[str, Answer] = field(default_factory=dict)

    # -- choosing what to answer -------------------------------------------------------------
    def open(self, country: str, round_: str, ministry: str) -> Notice:
        """Open (or start) the answers of one ministry of one country and round."""
        names = {"country": country, "round": round_, "ministry": ministry}
        for what, value in names.items():
            if not value.strip() or not folder.slugify(value):
                raise KitError(f"Please give the {what} a name with letters or digits.")
        country, round_, ministry = country.strip(), round_.strip(), ministry.strip()
        target = self.data_dir / folder.slugify(country) / folder.slugify(round_)
        existing = folder.find_ministry_file(target, ministry)
        self.pending = {}
        if existing is not None:
            loaded = load_responses(existing, self.framework)
            # The file's own spelling of the names wins over what was typed in the boxes.
            self.responses = loaded
            self.path = existing
            self.disk_digest = _digest(existing)
            if existing.suffix.lower() not in SAVE_SUFFIXES:
                self.path = existing.with_suffix(".csv")
                self.disk_digest = None
                return Notice(
                    f"Opened {existing.name}; changes will be saved beside it as {self.path.name}."
                )
            answered = sum(a.status != "unanswered" for a in loaded.answers.values())
            closed = self.validated()
            if closed is not None:
                return Notice(f"Opened the answers of {loaded.ministry}. {closed}", "warning")
            return Notice(f"Opened the answers of {loaded.ministry} ({answered} items answered).")
        self.responses = ResponseSet(self.framework.id, country, ministry, round_, {}, "")
        self.path = target / f"{folder.slugify(ministry)}.csv"
        self.disk_digest = None
        return Notice(f"New answers for {ministry}: they are saved as soon as you answer an item.")

    # -- answering -----------------------------------------------------------------------------
    def set_answer(self, answer: Answer) -> Notice:
        """Record one answer and save the file at once."""
        if self.responses is None:
            raise KitError("Choose a country, round and ministry first.")
        self.responses = self.responses.with_answer(answer)
        self.pending[answer.item_id] = answer
        return self.save()

    def validated(self) -> str | None:
        """Why the open round is read-only (it was validated), or None while it may be edited."""
        if self.path is None:
            return None
        record = validation.is_validated(
            self.data_dir, self.path.parent.parent.name, self.path.parent.name
        )
        return f"This round was {record.describe()}: it is read-only." if record else None

    def save(self, action: str = "save") -> Notice:
        """Write the answers, keeping anything another tab saved meanwhile; never lose an answer."""
        assert self.responses is not None and self.path is not None
        path = self.path
        notes: list[str] = []
        # Enforced here, not only by greyed-out widgets: a validated round is never written.
        closed = self.validated()
        if closed is not None:
            return Notice(f"Not saved: {closed} A coordinator can reopen it (kit reopen).", "error")
        if assessment_client.service_url():
            return self._save_remote()
        try:  # on a shared server, only this ministry's focal point may write its answers
            authorize(self.data_dir, path.parent.parent.name, path.parent.name, current_user(),
                      action, self.responses.ministry)  # fmt: skip
        except Refused as exc:
            return Notice(f"Not saved: {exc}.", "error")
        reason = lock_reason(path)
        if reason is not None:
            return Notice(
                f"Not saved: {reason}. Your answers are kept on this page and will be saved "
                "as soon as the file can be written (press Save again).",
                "error",
            )
        on_disk = _digest(path)
        if self.disk_digest is not None and on_disk is None:
            notes.append(
                f"The answers file {path.name} had been deleted; it was written again "
                "from the answers on this page."
            )
        elif on_disk is not None and on_disk != self.disk_digest:
            notes.append(self._merge_from_disk(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_responses(self.responses, path, self.framework)
        except (OSError, KitError) as exc:
            log.warning("save failed for %s: %s", path, exc)
            return Notice(
                f"Not saved: {path.name} could not be written ({_plain_os_error(exc)}). Your "
                "answers are kept on this page; press Save again when the problem is fixed.",
                "error",
            )
        self.disk_digest = _digest(path)
        notes.extend(self._log(action, path, sorted(self.pending)))
        self.pending = {}
        if notes:
            return Notice(" ".join(notes), "warning")
        return Notice(
            f"Saved to {path.parent.parent.name}/{path.parent.name}/{path.name}.", "success"
        )

    def _save_remote(self) -> Notice:
        """On a hub with an assessment service: send this tab's changes there (the service
        alone writes the folder, with the roster), then read back the file it wrote."""
        assert self.responses is not None and self.path is not None
        rs = self.responses
        body = {
            "framework": self.framework.id,
            "country": rs.country,
            "round": rs.round,
            "ministry": rs.ministry,
            "answers": [asdict(a) for a in self.pending.values()],
        }
        try:
            message = assessment_client.send("save", body)
        except KitError as exc:
            return Notice(f"Not saved: {exc}. Your answers are kept on this page.", "error")
        self.pending = {}
        if self.path.is_file():  # answers another tab saved meanwhile come back with the file
            self.responses = load_responses(self.path, self.framework)
        self.disk_digest = _digest(self.path)
        return Notice(message, "success")

    def _log(self, action: str, path: Path, items: list[str]) -> list[str]:
        """Put a save or import on the country's audit log; a log that cannot take it is said."""
        try:
            audit.record(
                self.data_dir,
                path.parent.parent.name,
                action,
                who=current_user(),
                round_=path.parent.name,
                detail={"file": path.name, "items": items},
            )
        except (OSError, KitError) as exc:
            log.warning("audit log not written: %s", exc)
            return [f"Saved, but the audit log was not written ({exc})."]
        return []

    def _merge_from_disk(self, path: Path) -> str:
        """Another tab saved this file: take its answers, then re-apply this tab's changes."""
        assert self.responses is not None
        try:
            theirs = load_responses(path, self.framework)
        except KitError as exc:
            backup = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            shutil.copy2(path, backup)
            return (
                f"{path.name} was changed outside the dashboard and can no longer be read "
                f"({exc}); it was kept as {backup.name} and written again from this page."
            )
        merged = replace(self.responses, answers=dict(theirs.answers))
        for answer in self.pending.values():
            merged = merged.with_answer(answer)
        overlap = [i for i in self.pending if theirs.answer(i) != self.pending[i]]
        self.responses = merged
        text = (
            f"{self.responses.ministry}'s answers were changed in another window or by another "
            "person; their answers are kept and your change was added."
        )
        if overlap:
            text += f" For {', '.join(overlap)} your answer replaced theirs."
        return text

    def reload(self) -> Notice:
        """Read the file again (after someone else changed it), keeping unsaved changes."""
        assert self.responses is not None
        pending = dict(self.pending)
        notice = self.open(self.responses.country, self.responses.round, self.responses.ministry)
        for answer in pending.values():
            self.responses = self.responses.with_answer(answer)
        self.pending = pending
        return notice

    def changed_on_disk(self) -> bool:
        """True when the file differs from the one this tab read or wrote."""
        return self.path is not None and _digest(self.path) != self.disk_digest

    # -- importing -----------------------------------------------------------------------------
    def import_file(self, filename: str, content: bytes) -> Notice:
        """Import a filled template (Excel, CSV, YAML or JSON): its answers replace those on the
        page item by item; items it leaves unanswered keep their current answer."""
        name = Path(filename).name or "upload"
        suffix = Path(name).suffix.lower()
        if suffix not in READ_SUFFIXES and suffix not in UNREADABLE:
            raise KitError(
                f"{name} is not a response file: use the Excel template (.xlsx) or a .csv, "
                ".yaml or .json file from this kit."
            )
        # The readers take bytes and raise only KitError (tests/test_fuzz_readers.py), naming
        # the upload as the user knows it.
        imported = read_responses(content, name, self.framework)
        if assessment_client.service_url():  # the service imports it, under the roster
            body = {
                "framework": self.framework.id,
                "filename": name,
                "content": base64.b64encode(content).decode("ascii"),
            }
            message = assessment_client.send("import", body)
            self.open(imported.country, imported.round, imported.ministry)
            return Notice(message, "success")
        self.open(imported.country, imported.round, imported.ministry)
        taken = [a for a in imported.answers.values() if a.status != "unanswered"]
        for answer in taken:
            self.responses = self.responses.with_answer(answer)
            self.pending[answer.item_id] = answer
        saved = self.save("import")
        if saved.kind == "error":
            return saved
        review_note = self._import_review(content, name) if suffix == ".xlsx" else ""
        kept = len(self.framework.items) - len(taken)
        text = (
            f"Imported {len(taken)} answers of {imported.ministry} ({imported.country}, "
            f"{imported.round}) from {name}; {kept} items kept their earlier answer."
        )
        text += review_note
        if imported.notices:
            return Notice(" ".join([text, *imported.notices]), "warning")
        return Notice(text, "success")

    def _import_review(self, content: bytes, name: str) -> str:
        """Merge the responses typed on a workbook's Review sheet into the round's review.csv."""
        assert self.path is not None
        sheet = read_review_sheet(content, name, self.framework)
        if sheet is None:
            return ""
        review_file = self.path.parent / REVIEW_NAME
        count = merge_sheet(review_file, sheet, self.framework)
        if count:
            self._log("review-import", review_file, [c.item_id for c in sheet])
        return f" {count} review comment(s) updated from its Review sheet."

    # -- results -------------------------------------------------------------------------------
    def assessment(self) -> tuple[Assessment, list[str]]:
        """Assess the round with this ministry's answers as they are on the page.

        Other ministries' files and the previous round come from disk; a file that cannot be read
        is left out and named in the returned problems.
        """
        assert self.responses is not None
        result = folder.assess_round(
            self.data_dir,
            self.responses.country,
            self.responses.round,
            strict=False,
            framework=self.framework,
            editing=self.responses,
            editing_path=self.path,
        )
        notices = [n for rs in result.assessment.response_sets for n in rs.notices]
        return result.assessment, [*notices, *result.problems]


def current_user() -> str:
    """Who is saving: the hub's user when the dashboard runs on a hub, else the login name."""
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def _plain_os_error(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)
