"""The Actions tab: the actions proposed for each gap, given an owner, a due date and a status.

The list is this round's proposals (``kit.actions.propose``, one level up from each gap) with
what was saved for them in ``actions.csv``; saving sends only the action changed here
(``kit.io.actions.save_actions`` merges by id under a lock) and puts it on the audit log.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from kit import i18n
from kit.actions import propose
from kit.dashboard.session import Notice, current_user
from kit.dashboard.widgets import Page, box, guarded, heading, html
from kit.errors import KitError
from kit.i18n import N_
from kit.io import assessment_client, audit
from kit.io.actions import STATUSES, Action, actions_path, load_actions, plan, save_actions
from kit.io.assessment_roster import authorize
from kit.report import words

_ = i18n.translator("assessment")


def plan_html(actions: list[Action], titles: dict[str, str]) -> str:
    """The action plan as an HTML table; every typed text is escaped."""
    if not actions:
        text = _("No gaps: every applicable item is at or above its target.")
        return f"<p class='kit-muted'>{escape(text)}</p>"
    names = (_("Item"), _("To level"), _("Action"), _("Owner"), _("Due"), _("Status"))
    head = "".join(f"<th>{escape(t)}</th>" for t in names)
    rows = "".join(
        "<tr class='kit-action-row'>"
        f"<td>{escape(titles.get(a.item_id, a.item_id))}</td><td>{a.to_level}</td>"
        f"<td>{escape(a.action)}</td><td>{escape(a.owner)}</td><td>{escape(a.due)}</td>"
        f"<td class='kit-action-{escape(a.status.replace(' ', '-'))}'>"
        f"{escape(words.status(a.status))}</td></tr>"
        for a in actions
    )
    return f"<table class='kit-table kit-actions'><tr>{head}</tr>{rows}</table>"


class Actions:
    """Choose an action of the plan; set its owner, due date and status; save."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions: list[Action] = []
        self.table = html("kit-actions-table")
        self.pick_w = w.Dropdown(description=_("Action"), layout=w.Layout(width="100%"))
        self.owner_w = w.Text(description=_("Owner"), placeholder=_("unit or person responsible"))
        self.due_w = w.Text(description=_("Due"), placeholder=_("2026-06-30"))
        self.status_w = w.Dropdown(
            description=_("Status"), options=[(words.status(s), s) for s in STATUSES]
        )
        self.save_btn = w.Button(description=_("Save action"), button_style="primary")
        self.save_btn.add_class("kit-action-save")
        self.widget = box(
            [
                box([heading(_("Actions to reach the next level")), self.table], "kit-card"),
                box([self.pick_w, self.owner_w, self.due_w, self.status_w, self.save_btn],
                    "kit-card"),
            ],
            "kit-actions-tab",
        )  # fmt: skip
        self.pick_w.observe(self._on_pick, "value")
        self.save_btn.on_click(self._on_save)

    def path(self) -> Path | None:
        session = self.page.session
        if session.path is None:
            return None
        return actions_path(session.data_dir, session.path.parent.parent.name,
                            session.path.parent.name)  # fmt: skip

    def refresh(self) -> None:
        """This round's proposals with what was saved for them, read again from the file."""
        session = self.page.session
        path = self.path()
        if path is None or session.responses is None:
            return
        assessment, _problems = session.assessment()
        self.actions = plan(propose(assessment), load_actions(path, session.framework))
        titles = {i.id: i.title for i in session.framework.items.values()}
        self.table.value = plan_html(self.actions, titles)
        with self.page.syncing():
            self.pick_w.options = [
                (f"{titles.get(a.item_id, a.item_id)} → {a.to_level}: {a.action[:70]}", a.id)
                for a in self.actions
            ]
            if self.pick_w.value is None and self.pick_w.options:
                self.pick_w.value = self.pick_w.options[0][1]  # the browser shows the first
        self._on_pick({"new": self.pick_w.value})

    def _on_pick(self, change: dict) -> None:
        chosen = next((a for a in self.actions if a.id == change["new"]), None)
        if chosen is not None:
            self.owner_w.value, self.due_w.value = chosen.owner, chosen.due
            self.status_w.value = chosen.status

    @guarded(N_("saving the action"))
    def _on_save(self, _click: Any) -> None:
        chosen = next((a for a in self.actions if a.id == self.pick_w.value), None)
        path = self.path()
        if chosen is None or path is None:
            raise KitError(_("Choose an action first."))
        changed = replace(chosen, owner=self.owner_w.value.strip(), due=self.due_w.value.strip(),
                          status=self.status_w.value)  # fmt: skip
        if assessment_client.service_url():  # the service writes, under the roster
            body = {
                "framework": self.page.session.framework.id,
                "country": path.parent.parent.name,
                "round": path.parent.name,
                "action": asdict(changed),
            }
            assessment_client.send("action", body)
        else:
            self._save_here(path, changed)
        self.refresh()
        title = self.page.session.framework.items[changed.item_id].title
        text = _("Action saved for {title}, level {level} ({status}).").format(
            title=title, level=changed.to_level, status=words.status(changed.status)
        )
        self.page.show(Notice(text, "success"))

    def _save_here(self, path: Path, changed: Action) -> None:
        authorize(self.page.session.data_dir, path.parent.parent.name, path.parent.name,
                  current_user(), "action")  # fmt: skip
        save_actions(path, [changed], self.page.session.framework)
        audit.record(self.page.session.data_dir, path.parent.parent.name, "action",
                     who=current_user(), round_=path.parent.name,
                     detail={"action": changed.id, "owner": changed.owner, "due": changed.due,
                             "status": changed.status})  # fmt: skip
