"""The Review tab: reviewers' comments on the round's items and the ministries' responses.

The matrix is read from ``review.csv`` each time the tab is shown or saved, so comments added in
another tab appear; a save sends only the comment changed here (``kit.io.review.save_changes``
merges by comment id and refuses to overwrite a comment someone changed meanwhile).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from kit import i18n
from kit.dashboard.session import Notice, current_user
from kit.dashboard.widgets import Page, box, guarded, heading, html
from kit.errors import KitError
from kit.i18n import N_
from kit.io import assessment_client, audit
from kit.io.assessment_roster import authorize
from kit.io.review import (
    STATUSES,
    Comment,
    load_review,
    new_comment,
    request_for,
    review_path,
    save_changes,
)
from kit.report import words

_ = i18n.translator("assessment")


def matrix_html(comments: list[Comment], titles: dict[str, str]) -> str:
    """The comments-and-responses matrix as an HTML table; every typed text is escaped."""
    if not comments:
        return "<p class='kit-muted'>" + escape(_("No review comments on this round yet.")) + "</p>"
    rows = "".join(
        "<tr class='kit-review-row'>"
        f"<td>{escape(c.id)}</td><td>{escape(c.item_id)}<br><small>"
        f"{escape(titles.get(c.item_id, ''))}</small></td>"
        f"<td>{escape(c.ministry)}</td><td>{escape(c.reviewer)}</td>"
        f"<td>{escape(c.comment)}</td><td>{escape(c.response)}</td>"
        f"<td class='kit-status-{escape(c.status)}'>{escape(words.status(c.status))}</td></tr>"
        for c in comments
    )
    names = (_("Id"), _("Item"), _("Ministry"), _("Reviewer"), _("Comment"), _("Response"))
    head = "".join(f"<th>{escape(t)}</th>" for t in (*names, _("Status")))
    return f"<table class='kit-table kit-review'><tr>{head}</tr>{rows}</table>"


class Review:
    """Add a comment on an item; answer a comment and set its status."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.comments: list[Comment] = []
        self._framework_id = ""
        self.matrix = html("kit-review-matrix")
        self.item_w = w.Dropdown(description=_("Item"), layout=w.Layout(width="100%"))
        self.reviewer_w = w.Text(
            description=_("Reviewer"), placeholder=_("your name and institution")
        )
        self.text_w = w.Textarea(
            description=_("Comment"), placeholder=_("what to check or correct"),
            layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.add_btn = w.Button(description=_("Add comment"), button_style="primary")
        self.add_btn.add_class("kit-review-add")
        self.pick_w = w.Dropdown(description=_("Comment"), layout=w.Layout(width="100%"))
        self.response_w = w.Textarea(
            description=_("Response"), placeholder=_("the ministry's answer"),
            layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.status_w = w.Dropdown(
            description=_("Status"),
            options=[(words.status(s), s) for s in STATUSES],
            value="answered",
        )
        self.answer_btn = w.Button(description=_("Save response"))
        self.answer_btn.add_class("kit-review-answer")
        self.widget = box(
            [
                box([heading(_("Comments and responses")), self.matrix], "kit-card"),
                box([heading(_("New comment")), self.item_w,
                     self.reviewer_w, self.text_w, self.add_btn], "kit-card"),
                box([heading(_("Respond")), self.pick_w, self.response_w,
                     self.status_w, self.answer_btn], "kit-card"),
            ],
            "kit-review-tab",
        )  # fmt: skip
        self.add_btn.on_click(self._on_add)
        self.answer_btn.on_click(self._on_answer)
        self.pick_w.observe(self._on_pick, "value")

    def path(self) -> Path | None:
        session = self.page.session
        return review_path(session.data_dir, session.path.parent.parent.name,
                           session.path.parent.name) if session.path else None  # fmt: skip

    def refresh(self) -> None:
        """Read the round's review file again and show it."""
        fw = self.page.session.framework
        if self._framework_id != fw.id:  # first shown, or another framework chosen
            self._framework_id = fw.id
            self.item_w.options = [(f"{i.id} {i.title}", i.id) for i in fw.items.values()]
            self.item_w.value = next(iter(fw.items))
        path = self.path()
        self.comments = load_review(path, fw) if path else []
        titles = {i.id: i.title for i in fw.items.values()}
        self.matrix.value = matrix_html(self.comments, titles)
        with self.page.syncing():
            self.pick_w.options = [
                (_("{id} on {item}: {text}").format(id=c.id, item=c.item_id, text=c.comment[:60]),
                 c.id)
                for c in self.comments
            ]  # fmt: skip
            if self.pick_w.value is None and self.pick_w.options:
                self.pick_w.value = self.pick_w.options[0][1]  # the browser shows the first
        self._on_pick({"new": self.pick_w.value})

    def _on_pick(self, change: dict) -> None:
        chosen = next((c for c in self.comments if c.id == change["new"]), None)
        self.response_w.value = chosen.response if chosen else ""
        if chosen is not None and chosen.status != "open":
            self.status_w.value = chosen.status

    def _save(self, comment: Comment, action: str) -> None:
        path = self.path()
        if path is None:
            raise KitError(_("Open a country and round first."))
        known = next((c for c in self.comments if c.id == comment.id), None)
        request = request_for(known, comment)  # respond: by the ministry's focal point
        if assessment_client.service_url():  # the service writes, under the roster
            body = {
                "framework": self.page.session.framework.id,
                "country": path.parent.parent.name,
                "round": path.parent.name,
                "comment": asdict(comment),
            }
            assessment_client.send(request, body)
            self.refresh()
            return
        ministry = comment.ministry if request == "respond" else ""
        authorize(self.page.session.data_dir, path.parent.parent.name, path.parent.name,
                  current_user(), request, ministry)  # fmt: skip
        save_changes(path, [comment], self.page.session.framework)
        round_folder = path.parent
        audit.record(self.page.session.data_dir, round_folder.parent.name, action,
                     who=current_user(), round_=round_folder.name,
                     detail={"comment": comment.id, "item": comment.item_id,
                             "status": comment.status})  # fmt: skip
        self.refresh()

    @guarded(N_("adding the comment"))
    def _on_add(self, _click: Any) -> None:
        if not self.reviewer_w.value.strip() or not self.text_w.value.strip():
            raise KitError(_("Give your name and the comment before adding it."))
        rs = self.page.session.responses
        comment = new_comment(self.item_w.value, self.reviewer_w.value.strip(),
                              self.text_w.value.strip(), rs.ministry if rs else "")  # fmt: skip
        self._save(comment, "review-comment")
        self.text_w.value = ""
        added = _("Comment {id} on {item} added.").format(id=comment.id, item=comment.item_id)
        self.page.show(Notice(added, "success"))

    @guarded(N_("saving the response"))
    def _on_answer(self, _click: Any) -> None:
        chosen = next((c for c in self.comments if c.id == self.pick_w.value), None)
        if chosen is None:
            raise KitError(_("Choose the comment to respond to."))
        changed = replace(chosen, response=self.response_w.value.strip(),
                          status=self.status_w.value)  # fmt: skip
        self._save(changed, "review-response")
        saved = _("Response to {id} saved ({status}).").format(
            id=chosen.id, status=words.status(changed.status)
        )
        self.page.show(Notice(saved, "success"))
