"""Review comments of a round: ``DIR/<country>/<round>/review.csv``.

A reviewer (another ministry, an external expert) comments on an item; the ministry that owns
the answer responds; each comment is open, answered, accepted or rejected. This is the
comments-and-responses matrix PEFA asks for.

The file is read as tolerantly as response files (``kit.io.csvtext.read_rows``: any encoding,
line ending or delimiter a spreadsheet saves) and a fault is one line naming the file and row.
Saving merges by comment id under a lock: the file is re-read, only the comments this caller
changed are replaced, and a comment someone else changed since it was read (its ``version``
moved on) is refused rather than overwritten. Two tabs never lose each other's comments.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import Conflict, KitError
from kit.framework import Framework
from kit.io.audit import folder_lock, now
from kit.io.csvtext import read_rows, records_csv

_ = i18n.translator("kit")

REVIEW_NAME = "review.csv"
STATUSES = ("open", "answered", "accepted", "rejected")
COLUMNS = (
    "id",
    "item_id",
    "ministry",
    "reviewer",
    "comment",
    "response",
    "status",
    "version",
    "updated",
)
REQUIRED = ("id", "item_id", "reviewer", "comment", "status")


@dataclass(frozen=True)
class Comment:
    """One reviewer comment on one item, and the owning ministry's response."""

    id: str
    item_id: str
    reviewer: str
    comment: str
    ministry: str = ""  # the ministry whose answer is questioned ('' = the whole round)
    response: str = ""
    status: str = "open"
    version: int = 1
    updated: str = ""


def new_comment(item_id: str, reviewer: str, text: str, ministry: str = "") -> Comment:
    """A fresh open comment with a random id (two tabs adding at once never collide)."""
    return Comment(secrets.token_hex(4), item_id, reviewer, text, ministry, updated=now())


def review_path(data_dir: Path, country: str, round_: str) -> Path:
    """Where a round's review comments live."""
    return Path(data_dir) / country / round_ / REVIEW_NAME


def parse_review(data: bytes, source: str, framework: Framework | None = None) -> list[Comment]:
    """The comments of review CSV bytes; a bad row is a KitError naming the file and row."""
    titles, rows, _notice = read_rows(data, source)
    return comments_from_rows(titles, rows, source, framework)


def comments_from_rows(
    titles: Sequence[str],
    rows: Iterable[tuple[int | str, dict]],
    source: str,
    framework: Framework | None = None,
) -> list[Comment]:
    """Comments from (row number, row by column title) pairs of a CSV file or an Excel sheet."""
    missing = [c for c in REQUIRED if c not in titles]
    if missing:
        raise KitError(_("missing column '{column}'").format(column=missing[0]), file=source)
    found: list[Comment] = []
    seen: set[str] = set()
    for number, row in rows:
        cells = {k: ("" if v is None else str(v)).strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue

        def fault(message: str, number: int | str = number) -> KitError:
            if isinstance(number, int):
                return KitError(message, file=source, row=number)
            return KitError(f"{number}: {message}", file=source)

        if not cells.get("id"):
            raise fault(_("no comment id"))
        if cells["id"] in seen:
            raise fault(_("comment id '{id}' appears twice").format(id=cells["id"]))
        seen.add(cells["id"])
        item = cells.get("item_id", "")
        if not item:
            raise fault(_("no item_id"))
        if framework is not None and item not in framework.items:
            raise fault(
                _("unknown item '{item}' for {framework}").format(item=item, framework=framework.id)
            )
        status = cells.get("status", "").lower()
        if status not in STATUSES:
            raise fault(_not_a_status(cells.get("status")))
        if not cells.get("comment"):
            raise fault(_("empty comment"))
        if not cells.get("reviewer"):
            raise fault(_("no reviewer named"))
        version_text = cells.get("version") or "1"
        if version_text.endswith(".0"):  # a spreadsheet may store 2 as 2.0
            version_text = version_text[:-2]
        if not version_text.isdigit():
            raise fault(_("version '{value}' is not a whole number").format(value=version_text))
        found.append(
            Comment(
                id=cells["id"],
                item_id=item,
                reviewer=cells["reviewer"],
                comment=cells["comment"],
                ministry=cells.get("ministry", ""),
                response=cells.get("response", ""),
                status=status,
                version=int(version_text),
                updated=cells.get("updated", ""),
            )
        )
    return found


def load_review(path: Path, framework: Framework | None = None) -> list[Comment]:
    """A round's comments ([] when there is no review file yet)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return []
    return parse_review(data, str(path), framework)


def review_csv(comments: Iterable[Comment]) -> str:
    """The CSV text of comments, in the order given."""
    return records_csv(comments, COLUMNS)


def save_changes(
    path: Path, changed: Iterable[Comment], framework: Framework | None = None
) -> list[Comment]:
    """Write changed or new comments into the file, keeping everyone else's; return the file's
    comments as saved.

    Compare-and-swap per comment: a changed comment carries the ``version`` it was read at; if
    the file holds a newer version (another tab saved it meanwhile), nothing is written and a
    KitError says which comment to reload.
    """
    path = Path(path)
    with folder_lock(path.parent, REVIEW_NAME):
        current = load_review(path, framework)
        by_id = {c.id: i for i, c in enumerate(current)}
        stamp = now()
        for change in changed:
            _check(change, framework)
            if change.id in by_id:
                on_disk = current[by_id[change.id]]
                if on_disk.version != change.version:
                    raise Conflict(
                        _(
                            "comment {id} on {item} was changed elsewhere (by {reviewer} or the "
                            "ministry) since you opened it; reload"
                        ).format(id=change.id, item=change.item_id, reviewer=on_disk.reviewer),
                        file=path,
                    )
                current[by_id[change.id]] = replace(
                    change, version=change.version + 1, updated=stamp
                )
            else:
                by_id[change.id] = len(current)
                current.append(replace(change, version=1, updated=stamp))
        write_text_atomic(path, review_csv(current))
    return current


def _check(change: Comment, framework: Framework | None) -> None:
    """Refuse a comment the file could not be read back with (nothing is written then)."""
    if not change.item_id or (framework is not None and change.item_id not in framework.items):
        raise KitError(
            _("comment {id}: unknown item '{item}'").format(id=change.id, item=change.item_id)
        )
    if change.status not in STATUSES:
        raise KitError(_not_a_status(change.status))
    if not change.comment.strip() or not change.reviewer.strip():
        raise KitError(
            _("comment {id}: a comment needs its text and the reviewer's name").format(id=change.id)
        )


def _not_a_status(value: object) -> str:
    # The statuses are the file's own words: they stay as written in every language.
    return _("status '{value}' is not one of {choices}").format(
        value=value, choices=", ".join(STATUSES)
    )


def request_for(known: Comment | None, change: Comment) -> str:
    """Which roster request a change of the review file is: a new ``comment``; a ``decide``
    (accepting or rejecting, or editing the comment itself); else a ``respond`` by the ministry
    the comment is about. ``known`` is the comment as on disk (None when new)."""
    if known is None:
        return "comment"
    edited = (change.comment, change.reviewer, change.item_id, change.ministry) != (
        known.comment,
        known.reviewer,
        known.item_id,
        known.ministry,
    )
    return "decide" if edited or change.status in ("accepted", "rejected") else "respond"


def open_comments(comments: Iterable[Comment]) -> list[Comment]:
    """Comments still waiting for a response or a decision."""
    return [c for c in comments if c.status == "open"]
