"""A round's writes on behalf of a named person, checked against the assessment roster first.

On a shared hub these run in the assessment service (kit/hub/assessment_service.py), as the
account that owns the country data folder, with the person the hub signed in: every save,
import, review comment or response, action, validation and reopening goes through here, so the
roster is enforced where the files are written, not in the officials' own servers. A request
outside a role raises ``Refused`` (and is on the audit log); anything the kit cannot write
raises KitError; nothing is half-written (atomic writes) and every write is on the audit log.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import Conflict, KitError
from kit.framework import Framework
from kit.io import audit, validation
from kit.io.actions import Action, actions_path, save_actions
from kit.io.assessment_roster import Grant, authorize
from kit.io.datafolder import find_ministry_file, slugify
from kit.io.formats import FORMATS, SAVE_SUFFIXES, read_responses
from kit.io.review import Comment, load_review, request_for, review_path, save_changes
from kit.io.review_xlsx import merge_sheet, read_review_sheet
from kit.responses import Answer, ResponseSet

_ = i18n.translator("kit")

Roster = tuple[Grant, ...]


def _folders(country: str, round_: str) -> tuple[str, str]:
    return slugify(country), slugify(round_)


def _refuse_validated(data_dir: Path, country: str, round_: str) -> None:
    record = validation.is_validated(data_dir, country, round_)
    if record is not None:
        raise Conflict(
            _("{country} {round} was {validated}: it is read-only").format(
                country=country, round=round_, validated=record.describe()
            )
        )


def save_answers(
    data_dir: Path,
    framework: Framework,
    roster: Roster,
    user: str,
    names: tuple[str, str, str],
    answers: list[Answer],
    action: str = "save",
) -> Path:
    """Put ``answers`` into one ministry's file (country, round, ministry as typed) and log it.

    The file is read again under a lock and only these answers replace its own, so answers
    saved meanwhile by another tab of the same ministry are kept.
    """
    country, round_, ministry = (name.strip() for name in names)
    c, r = _folders(country, round_)
    if not (c and r and slugify(ministry)):
        raise KitError(_("country, round and ministry need names with letters or digits"))
    authorize(data_dir, c, r, user, action, ministry, roster=roster)
    _refuse_validated(data_dir, c, r)
    target = Path(data_dir) / c / r
    target.mkdir(parents=True, exist_ok=True)
    with audit.folder_lock(target, f"{slugify(ministry)}-answers"):
        existing = find_ministry_file(target, ministry)
        if existing is None:
            path = target / f"{slugify(ministry)}.csv"
            responses = ResponseSet(framework.id, country, ministry, round_, {}, "")
        else:
            responses = read_responses(existing.read_bytes(), existing, framework)
            ok = existing.suffix.lower() in SAVE_SUFFIXES
            path = existing if ok else existing.with_suffix(".csv")
        for answer in answers:
            if answer.item_id not in framework.items:
                raise KitError(_("unknown item '{item}'").format(item=answer.item_id), file=path)
            responses = responses.with_answer(answer)
        text = FORMATS[path.suffix.lower()].write(responses, framework)
        read_responses(text.encode("utf-8"), path, framework)  # a bad answer fails here, unsaved
        write_text_atomic(path, text)
    audit.record(
        data_dir,
        c,
        action,
        who=user,
        round_=r,
        detail={"file": path.name, "items": sorted(a.item_id for a in answers)},
    )
    return path


def import_file(
    data_dir: Path, framework: Framework, roster: Roster, user: str, name: str, content: bytes
) -> tuple[ResponseSet, Path, int]:
    """Import a filled template: its answered items into its ministry's file, and an Excel
    workbook's Review sheet into the round's review file. Returns what was read, the file
    written and how many review comments changed."""
    imported = read_responses(content, name, framework)
    taken = [a for a in imported.answers.values() if a.status != "unanswered"]
    names = (imported.country, imported.round, imported.ministry)
    path = save_answers(data_dir, framework, roster, user, names, taken, "import")
    count = 0
    sheet = read_review_sheet(content, name, framework) if name.lower().endswith(".xlsx") else None
    if sheet:
        review_file = path.parent / "review.csv"
        count = merge_sheet(review_file, sheet, framework)
        if count:
            audit.record(
                data_dir,
                path.parent.parent.name,
                "review-import",
                who=user,
                round_=path.parent.name,
                detail={"file": review_file.name, "items": [c.item_id for c in sheet]},
            )
    return imported, path, count


def review_change(
    data_dir: Path,
    framework: Framework,
    roster: Roster,
    user: str,
    folders: tuple[str, str],
    change: Comment,
) -> Comment:
    """Add a comment, or respond to or decide on one; the request is judged against the file.

    A response may change only the response and an 'answered' status, and is checked against the
    ministry the comment on disk is about (not what the request says).
    """
    c, r = _folders(*folders)
    path = review_path(data_dir, c, r)
    known = next((k for k in load_review(path, framework) if k.id == change.id), None)
    request = request_for(known, change)
    ministry = ""
    if request == "respond":
        ministry = known.ministry
        change = replace(known, response=change.response, status=change.status)
    authorize(data_dir, c, r, user, request, ministry, roster=roster)
    if not path.parent.is_dir():
        raise KitError(_("no such round folder"), file=path.parent)
    saved = save_changes(path, [change], framework)
    audit.record(
        data_dir,
        c,
        "review-comment" if known is None else "review-response",
        who=user,
        round_=r,
        detail={"comment": change.id, "item": change.item_id, "status": change.status},
    )
    return next(s for s in saved if s.id == change.id)


def save_action(
    data_dir: Path,
    framework: Framework,
    roster: Roster,
    user: str,
    folders: tuple[str, str],
    action: Action,
) -> None:
    """Save one action of the plan (owner, due date, status) and log it."""
    c, r = _folders(*folders)
    authorize(data_dir, c, r, user, "action", roster=roster)
    if not (Path(data_dir) / c / r).is_dir():
        raise KitError(_("no such round folder"), file=Path(data_dir) / c / r)
    save_actions(actions_path(data_dir, c, r), [action], framework)
    audit.record(
        data_dir,
        c,
        "action",
        who=user,
        round_=r,
        detail={
            "action": action.id,
            "owner": action.owner,
            "due": action.due,
            "status": action.status,
        },
    )


def validate(data_dir: Path, roster: Roster, user: str, folders: tuple[str, str]):
    """Close a round as the signed-in coordinator (``kit validate`` on the service)."""
    c, r = _folders(*folders)
    authorize(data_dir, c, r, user, "validate", roster=roster)
    return validation.validate(data_dir, c, r, by=user)


def reopen(data_dir: Path, roster: Roster, user: str, folders: tuple[str, str], reason: str):
    """Reopen a validated round as the signed-in coordinator, with the reason on the record."""
    c, r = _folders(*folders)
    authorize(data_dir, c, r, user, "reopen", roster=roster)
    return validation.reopen(data_dir, c, r, by=user, reason=reason)
