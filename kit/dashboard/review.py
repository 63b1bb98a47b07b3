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

from kit.dashboard.session import Notice, current_user
from kit.dashboard.widgets import Page, box, guarded, html
from kit.errors import KitError
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


def matrix_html(comments: list[Comment], titles: dict[str, str]) -> str:
    """The comments-and-responses matrix as an HTML table; every typed text is escaped."""
    if not comments:
        return "<p class='kit-muted'>No review comments on this round yet.</p>"
    rows = "".join(
        "<tr class='kit-review-row'>"
        f"<td>{escape(c.id)}</td><td>{escape(c.item_id)}<br><small>"
        f"{escape(titles.get(c.item_id, ''))}</small></td>"
        f"<td>{escape(c.ministry)}</td><td>{escape(c.reviewer)}</td>"
        f"<td>{escape(c.comment)}</td><td>{escape(c.response)}</td>"
        f"<td class='kit-status-{escape(c.status)}'>{escape(c.status)}</td></tr>"
        for c in comments
    )
    head = "".join(
        f"<th>{t}</th>"
        for t in ("Id", "Item", "Ministry", "Reviewer", "Comment", "Response", "Status")
    )
    return f"<table class='kit-table kit-review'><tr>{head}</tr>{rows}</table>"


class Review:
    """Add a comment on an item; answer a comment and set its status."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.comments: list[Comment] = []
        self._framework_id = ""
        self.matrix = html("kit-review-matrix")
        self.item_w = w.Dropdown(description="Item", layout=w.Layout(width="100%"))
        self.reviewer_w = w.Text(description="Reviewer", placeholder="your name and institution")
        self.text_w = w.Textarea(
            description="Comment", placeholder="what to check or correct",
            layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.add_btn = w.Button(description="Add comment", button_style="primary")
        self.add_btn.add_class("kit-review-add")
        self.pick_w = w.Dropdown(description="Comment", layout=w.Layout(width="100%"))
        self.response_w = w.Textarea(
            description="Response", placeholder="the ministry's answer",
            layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.status_w = w.Dropdown(description="Status", options=STATUSES, value="answered")
        self.answer_btn = w.Button(description="Save response")
        self.answer_btn.add_class("kit-review-answer")
        self.widget = box(
            [
                box([w.HTML("<h4 class='kit-sub'>Comments and responses</h4>"), self.matrix],
                    "kit-card"),
                box([w.HTML("<h4 class='kit-sub'>New comment</h4>"), self.item_w,
                     self.reviewer_w, self.text_w, self.add_btn], "kit-card"),
                box([w.HTML("<h4 class='kit-sub'>Respond</h4>"), self.pick_w, self.response_w,
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
            self.pick_w.options = [(f"{c.id} on {c.item_id}: {c.comment[:60]}", c.id)
                                   for c in self.comments]  # fmt: skip
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
            raise KitError("Open a country and round first.")
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

    @guarded("adding the comment")
    def _on_add(self, _: Any) -> None:
        if not self.reviewer_w.value.strip() or not self.text_w.value.strip():
            raise KitError("Give your name and the comment before adding it.")
        rs = self.page.session.responses
        comment = new_comment(self.item_w.value, self.reviewer_w.value.strip(),
                              self.text_w.value.strip(), rs.ministry if rs else "")  # fmt: skip
        self._save(comment, "review-comment")
        self.text_w.value = ""
        self.page.show(Notice(f"Comment {comment.id} on {comment.item_id} added.", "success"))

    @guarded("saving the response")
    def _on_answer(self, _: Any) -> None:
        chosen = next((c for c in self.comments if c.id == self.pick_w.value), None)
        if chosen is None:
            raise KitError("Choose the comment to respond to.")
        changed = replace(chosen, response=self.response_w.value.strip(),
                          status=self.status_w.value)  # fmt: skip
        self._save(changed, "review-response")
        self.page.show(Notice(f"Response to {chosen.id} saved ({changed.status}).", "success"))
