"""The action plan of a round: ``DIR/<country>/<round>/actions.csv``.

A ministry gives each proposed action (``kit.actions.propose``) an owner, a due date and a
status. The file is read as tolerantly as response files and a fault is one line naming the file
and row; saving merges by action id under a lock, so two people saving different actions keep
both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.errors import KitError
from kit.framework import Framework
from kit.io.audit import folder_lock
from kit.io.csvtext import read_rows, records_csv

_ = i18n.translator("kit")

ACTIONS_NAME = "actions.csv"
STATUSES = ("proposed", "planned", "in progress", "done", "dropped")
COLUMNS = ("id", "item_id", "to_level", "action", "owner", "due", "status")


@dataclass(frozen=True)
class Action:
    """One action of the plan, as the ministry tracks it."""

    id: str
    item_id: str
    to_level: int
    action: str
    owner: str = ""
    due: str = ""  # ISO date, YYYY-MM-DD, or empty
    status: str = "proposed"


def actions_path(data_dir: Path, country: str, round_: str) -> Path:
    """Where a round's action plan lives."""
    return Path(data_dir) / country / round_ / ACTIONS_NAME


def check_action(action: Action, framework: Framework | None, fault=None) -> None:
    """Refuse an action the file could not be read back with."""
    fault = fault or (
        lambda message: KitError(_("action {id}: {fault}").format(id=action.id, fault=message))
    )
    if framework is not None and action.item_id not in framework.items:
        raise fault(_("unknown item '{item}'").format(item=action.item_id))
    if action.status not in STATUSES:
        raise fault(
            # The statuses are the file's own words: they stay as written in every language.
            _("status '{value}' is not one of {choices}").format(
                value=action.status, choices=", ".join(STATUSES)
            )
        )
    if not 1 <= action.to_level <= 4:
        raise fault(_("to_level {level} is outside 1-4").format(level=action.to_level))
    if action.due:
        try:
            date.fromisoformat(action.due)
        except ValueError:
            raise fault(
                _("due date '{value}' is not a date like 2026-06-30").format(value=action.due)
            ) from None


def parse_actions(data: bytes, source: str, framework: Framework | None = None) -> list[Action]:
    """The actions of actions CSV bytes; a bad row is a KitError naming the file and row."""
    titles, rows, _notice = read_rows(data, source)
    for column in ("id", "item_id", "to_level", "action", "status"):
        if column not in titles:
            raise KitError(_("missing column '{column}'").format(column=column), file=source)
    found: list[Action] = []
    seen: set[str] = set()
    for number, row in rows:
        cells = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue

        def fault(message: str, number: int = number) -> KitError:
            return KitError(message, file=source, row=number)

        if not cells.get("id") or cells["id"] in seen:
            raise fault(
                _("action id '{id}' is empty or appears twice").format(id=cells.get("id", ""))
            )
        seen.add(cells["id"])
        if not cells.get("to_level", "").isdigit():
            raise fault(
                _("to_level '{value}' is not a level 1-4").format(value=cells.get("to_level"))
            )
        if not cells.get("action"):
            raise fault(_("no action text"))
        action = Action(
            cells["id"],
            cells.get("item_id", ""),
            int(cells["to_level"]),
            cells["action"],
            cells.get("owner", ""),
            cells.get("due", ""),
            cells.get("status", "").lower(),
        )
        check_action(action, framework, fault)
        found.append(action)
    return found


def load_actions(path: Path, framework: Framework | None = None) -> list[Action]:
    """A round's actions ([] when there is no action plan yet)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return []
    return parse_actions(data, str(path), framework)


def actions_csv(actions: Iterable[Action]) -> str:
    """The CSV text of actions, in the order given."""
    return records_csv(actions, COLUMNS)


def save_actions(
    path: Path, changed: Iterable[Action], framework: Framework | None = None
) -> list[Action]:
    """Write changed or new actions into the file by id, keeping the others; return the file's."""
    path = Path(path)
    changed = list(changed)
    for action in changed:
        check_action(action, framework)
    with folder_lock(path.parent, ACTIONS_NAME):
        current = load_actions(path, framework)
        by_id = {a.id: i for i, a in enumerate(current)}
        for action in changed:
            if action.id in by_id:
                current[by_id[action.id]] = action
            else:
                by_id[action.id] = len(current)
                current.append(action)
        write_text_atomic(path, actions_csv(current))
    return current


def plan(proposals: Iterable, saved: Iterable[Action]) -> list[Action]:
    """The proposals of this round as actions, each with what the ministry saved for it, and
    the saved actions no longer proposed (the item reached its level) after them."""
    saved_by_id = {a.id: a for a in saved}
    found = [saved_by_id.pop(p.id, Action(p.id, p.item_id, p.to_level, p.text)) for p in proposals]
    return found + list(saved_by_id.values())
