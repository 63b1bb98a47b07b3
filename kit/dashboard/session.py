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

from kit import i18n
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

_ = i18n.translator("assessment")

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
        return _("{file} is open in another program").format(file=path.name)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if not mode & stat.S_IWUSR:
        return _("{file} is marked read-only").format(file=path.name)
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
        names = {
            _("Please give the country a name with letters or digits."): country,
            _("Please give the round a name with letters or digits."): round_,
            _("Please give the ministry a name with letters or digits."): ministry,
        }
        for refusal, value in names.items():
            if not value.strip() or not folder.slugify(value):
                raise KitError(refusal)
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
                    _("Opened {file}; changes will be saved beside it as {saved}.").format(
                        file=existing.name, saved=self.path.name
                    )
                )
            answered = sum(a.status != "unanswered" for a in loaded.answers.values())
            closed = self.validated()
            if closed is not None:
                opened = _("Opened the answers of {ministry}.").format(ministry=loaded.ministry)
                return Notice(f"{opened} {closed}", "warning")
            return Notice(
                _("Opened the answers of {ministry} ({count} items answered).").format(
                    ministry=loaded.ministry, count=answered
                )
            )
        self.responses = ResponseSet(self.framework.id, country, ministry, round_, {}, "")
        self.path = target / f"{folder.slugify(ministry)}.csv"
        self.disk_digest = None
        return Notice(
            _("New answers for {ministry}: they are saved as soon as you answer an item.").format(
                ministry=ministry
            )
        )

    # -- answering -----------------------------------------------------------------------------
    def set_answer(self, answer: Answer) -> Notice:
        """Record one answer and save the file at once."""
        if self.responses is None:
            raise KitError(_("Choose a country, round and ministry first."))
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
        if not record:
            return None
        return _("This round was {validated}: it is read-only.").format(validated=record.describe())

    def save(self, action: str = "save") -> Notice:
        """Write the answers, keeping anything another tab saved meanwhile; never lose an answer."""
        assert self.responses is not None and self.path is not None
        path = self.path
        notes: list[str] = []
        # Enforced here, not only by greyed-out widgets: a validated round is never written.
        closed = self.validated()
        if closed is not None:
            refused = _("Not saved: {why} A coordinator can reopen it (kit reopen).")
            return Notice(refused.format(why=closed), "error")
        if assessment_client.service_url():
            return self._save_remote()
        try:  # on a shared server, only this ministry's focal point may write its answers
            authorize(self.data_dir, path.parent.parent.name, path.parent.name, current_user(),
                      action, self.responses.ministry)  # fmt: skip
        except Refused as exc:
            return Notice(_("Not saved: {why}.").format(why=exc), "error")
        reason = lock_reason(path)
        if reason is not None:
            return Notice(
                _(
                    "Not saved: {why}. Your answers are kept on this page and will be saved "
                    "as soon as the file can be written (press Save again)."
                ).format(why=reason),
                "error",
            )
        on_disk = _digest(path)
        if self.disk_digest is not None and on_disk is None:
            notes.append(
                _(
                    "The answers file {file} had been deleted; it was written again "
                    "from the answers on this page."
                ).format(file=path.name)
            )
        elif on_disk is not None and on_disk != self.disk_digest:
            notes.append(self._merge_from_disk(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_responses(self.responses, path, self.framework)
        except (OSError, KitError) as exc:
            log.warning("save failed for %s: %s", path, exc)
            return Notice(
                _(
                    "Not saved: {file} could not be written ({why}). Your answers are kept on "
                    "this page; press Save again when the problem is fixed."
                ).format(file=path.name, why=_plain_os_error(exc)),
                "error",
            )
        self.disk_digest = _digest(path)
        notes.extend(self._log(action, path, sorted(self.pending)))
        self.pending = {}
        if notes:
            return Notice(" ".join(notes), "warning")
        where = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
        return Notice(_("Saved to {file}.").format(file=where), "success")

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
            refused = _("Not saved: {why}. Your answers are kept on this page.")
            return Notice(refused.format(why=exc), "error")
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
            return [_("Saved, but the audit log was not written ({why}).").format(why=exc)]
        return []

    def _merge_from_disk(self, path: Path) -> str:
        """Another tab saved this file: take its answers, then re-apply this tab's changes."""
        assert self.responses is not None
        try:
            theirs = load_responses(path, self.framework)
        except KitError as exc:
            backup = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            shutil.copy2(path, backup)
            return _(
                "{file} was changed outside the dashboard and can no longer be read "
                "({why}); it was kept as {backup} and written again from this page."
            ).format(file=path.name, why=exc, backup=backup.name)
        merged = replace(self.responses, answers=dict(theirs.answers))
        for answer in self.pending.values():
            merged = merged.with_answer(answer)
        overlap = [i for i in self.pending if theirs.answer(i) != self.pending[i]]
        self.responses = merged
        text = _(
            "{ministry}'s answers were changed in another window or by another "
            "person; their answers are kept and your change was added."
        ).format(ministry=self.responses.ministry)
        if overlap:
            text += " " + _("For {items} your answer replaced theirs.").format(
                items=", ".join(overlap)
            )
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
                _(
                    "{file} is not a response file: use the Excel template (.xlsx) or a .csv, "
                    ".yaml or .json file from this kit."
                ).format(file=name)
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
        text = _(
            "Imported {count} answers of {ministry} ({country}, {round}) from {file}; "
            "{kept} items kept their earlier answer."
        ).format(
            count=len(taken),
            ministry=imported.ministry,
            country=imported.country,
            round=imported.round,
            file=name,
            kept=kept,
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
        return " " + _("{count} review comment(s) updated from its Review sheet.").format(
            count=count
        )

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
