"""The editor panel: one checklist item at a time, its level, reason, evidence and comment."""

from __future__ import annotations

import unicodedata
from typing import Any

import ipywidgets as w

from kit import i18n
from kit.dashboard import views
from kit.dashboard.session import Notice
from kit.dashboard.widgets import Page, box, guarded, heading
from kit.errors import KitError
from kit.i18n import N_
from kit.responses import DONT_KNOW_WORDS, NA_WORDS, Answer, parse_level

_ = i18n.translator("assessment")


def level_choices() -> list[tuple[str, int | str]]:
    """The answer buttons, labelled in the current language (values are language-neutral)."""
    return [
        ("0", 0),
        ("1", 1),
        ("2", 2),
        ("3", 3),
        ("4", 4),
        (_("N/A"), "na"),
        (_("Don't know"), "dont_know"),
        (_("Not answered"), "unanswered"),
    ]


def _folded(text: str) -> str:
    """``text`` as typed words are compared: case, accents, Arabic hamza and vowel marks,
    curly apostrophes and extra spaces do not count (“No sé” = “no se”, “لا أعرف” = “لا اعرف”)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def typed_words() -> dict[str, set[str]]:
    """The words the "or type" box takes for N/A and don't know, folded: those of the
    dashboard's language (its buttons' and its hint's) and, harmlessly, English's."""
    na = {*NA_WORDS, _("N/A"), _("not applicable")}
    dont_know = {*DONT_KNOW_WORDS, _("Don't know"), _("don't know")}
    return {
        "N/A": {_folded(word) for word in na},
        "don't know": {_folded(word) for word in dont_know},
    }


def typed_as_written(typed: str) -> str:
    """The typed text with a word of the page's language put as the response files write it
    (``N/A``, ``don't know``): the files stay language-neutral. Anything else is unchanged."""
    folded = _folded(typed)
    for neutral, words in typed_words().items():
        if folded in words:
            return neutral
    return typed


def typed_label(answer: Answer) -> str:
    """The answer as the box shows it, in the page's language: ``3``, ``S.O.``, ``ne sait pas``."""
    shown = {"na": _("N/A"), "dont_know": _("don't know")}
    return shown.get(answer.status, answer.label)


def typed_hint() -> str:
    """What the box takes, in the page's language (the words ``typed_words`` accepts)."""
    return _("0-4, {na}, {dont_know}").format(na=_("N/A"), dont_know=_("don't know"))


class Editor:
    """The item list (by area) and the answer to the item shown; every change is saved."""

    def __init__(self, page: Page) -> None:
        self.page = page
        # The checklist: one item at a time, chosen from a list that shows what is answered.
        self.area_w = w.Dropdown(description=_("Area"), layout=w.Layout(width="100%"))
        self.item_w = w.Select(rows=9, layout=w.Layout(width="100%"))
        self.item_w.add_class("kit-items")
        self.progress_w = w.HTML()
        self.prev_btn = w.Button(description=_("◀ Previous item"), layout=w.Layout(width="auto"))
        self.next_btn = w.Button(description=_("Next item ▶"), layout=w.Layout(width="auto"))
        self.item_head = w.HTML()
        self.level_w = w.ToggleButtons(options=level_choices(), value="unanswered")
        self.level_w.style.button_width = "auto"
        self.level_w.add_class("kit-level")
        self.level_text = w.Text(
            description=_("or type"),
            placeholder=typed_hint(),
            continuous_update=False,
            layout=w.Layout(width="260px"),
        )
        self.level_text.add_class("kit-level-text")
        self.descriptors = w.HTML()
        self.na_reason = w.Text(
            description=_("N/A because"),
            placeholder=_("why this item does not apply to your country"),
            continuous_update=False,
            layout=w.Layout(width="100%", display="none"),
        )
        self.evidence = w.Textarea(
            description=_("Evidence"), continuous_update=False, layout=w.Layout(width="100%")
        )
        self.comment = w.Textarea(
            description=_("Comment"), continuous_update=False, layout=w.Layout(width="100%")
        )
        self.evidence_hint = w.HTML()
        self.save_btn = w.Button(description=_("Save again"), layout=w.Layout(width="fit-content"))

        navigator = box(
            [
                self.area_w,
                self.item_w,
                self.progress_w,
                box([self.prev_btn, self.next_btn], "kit-row", vertical=False),
            ],
            "kit-card",
        )
        editor = box(
            [
                self.item_head,
                heading(_("Level reached")),
                box([self.level_w, self.level_text], "kit-row", vertical=False),
                self.descriptors,
                self.na_reason,
                self.evidence_hint,
                self.evidence,
                self.comment,
                self.save_btn,
            ],
            "kit-card",
        )
        self.widget = box([navigator, editor], "kit-col-main", flex="3 1 560px")

        self.area_w.observe(self._on_area, "value")
        self.item_w.observe(self._on_item, "value")
        self.prev_btn.on_click(lambda _click: self._step(-1))
        self.next_btn.on_click(lambda _click: self._step(1))
        self.level_w.observe(self._on_level, "value")
        self.level_text.observe(self._on_level_text, "value")
        for field in (self.na_reason, self.evidence, self.comment):
            field.observe(self._on_text, "value")
        self.save_btn.on_click(self._on_save)

    # -- the item list -------------------------------------------------------------------------
    def fill_areas(self) -> None:
        """The framework's areas, the first chosen, and its items."""
        fw = self.page.session.framework
        with self.page.syncing():
            self.area_w.options = [(a.title, a.id) for a in fw.areas]
            self.area_w.value = fw.areas[0].id
            self.fill_items()

    def fill_items(self) -> None:
        """The area's items, each marked with its answer; the item shown stays chosen."""
        session = self.page.session
        area = session.framework.area(self.area_w.value)
        current = self.item_w.value
        rs = session.responses
        options = []
        for n, item in enumerate(area.items, start=1):
            answer = rs.answer(item.id) if rs else Answer(item.id)
            options.append((f"{views.answer_mark(answer)}  {n}. {item.title}", item.id))
        with self.page.syncing():
            self.item_w.options = options
            ids = [i.id for i in area.items]
            self.item_w.value = current if current in ids else ids[0]

    @guarded(N_("choosing the area"))
    def _on_area(self, change: dict) -> None:
        if self.page.syncing:
            return
        self.fill_items()
        self.show_item()

    @guarded(N_("choosing the item"))
    def _on_item(self, change: dict) -> None:
        if not self.page.syncing:
            self.show_item()

    @guarded(N_("moving to another item"))
    def _step(self, delta: int) -> None:
        items = self.page.session.framework.items
        ids = list(items)
        here = ids.index(self.item_w.value)
        target = items[ids[(here + delta) % len(ids)]]
        with self.page.syncing():
            self.area_w.value = target.area_id
            self.fill_items()
            self.item_w.value = target.id
        self.show_item()

    # -- the answer ----------------------------------------------------------------------------
    def show_item(self) -> None:
        """The item shown: its text, descriptors and the answer given so far."""
        fw = self.page.session.framework
        item = fw.items[self.item_w.value]
        rs = self.page.session.responses
        answer = rs.answer(item.id) if rs else Answer(item.id)
        self.item_head.value = views.item_header(fw, item)
        self.evidence_hint.value = views.evidence_hint(item)
        with self.page.syncing():
            self.level_w.value = views.choice_value(answer)
            self.level_text.value = typed_label(answer)
            self.na_reason.value = answer.na_reason
            self.na_reason.layout.display = "" if answer.status == "na" else "none"
            self.evidence.value = answer.evidence
            self.comment.value = answer.comment
        self.descriptors.value = views.descriptor_table(item, answer)
        # A validated round is shown read-only (the session refuses to save it in any case).
        disabled = rs is None or self.page.session.validated() is not None
        for widget in (self.level_w, self.level_text, self.evidence, self.comment, self.na_reason):
            widget.disabled = disabled

    def show_progress(self, card) -> None:
        self.progress_w.value = views.progress_html(self.page.session.framework, card)

    def _answer_from_widgets(self) -> Answer:
        item_id = self.item_w.value
        choice = self.level_w.value
        extra = {"evidence": self.evidence.value.strip(), "comment": self.comment.value.strip()}
        if choice in ("na", "dont_know", "unanswered"):
            reason = self.na_reason.value.strip() if choice == "na" else ""
            return Answer(item_id, choice, None, na_reason=reason, **extra)
        return Answer(item_id, "level", float(choice), **extra)

    @guarded(N_("saving the answer"))
    def _on_level(self, change: dict) -> None:
        if self.page.syncing:
            return
        self.na_reason.layout.display = "" if change["new"] == "na" else "none"
        self._record()

    @guarded(N_("reading the typed level"))
    def _on_level_text(self, change: dict) -> None:
        if self.page.syncing:
            return
        typed = change["new"]
        try:
            # A word of the page's language ("ne sait pas") is stored as the files write it.
            status, level = parse_level(typed_as_written(typed), "(reason to come)", "typed level")
        except KitError:
            previous = self.page.session.responses.answer(self.item_w.value)
            with self.page.syncing():
                self.level_text.value = typed_label(previous)
            refusal = _(
                "“{typed}” is not a level: type 0, 1, 2, 3 or 4, {na} or {dont_know}. The answer "
                "was not changed."
            ).format(typed=typed.strip(), na=_("N/A"), dont_know=_("don't know"))
            self.page.show(Notice(refusal, "error"))
            return
        with self.page.syncing():
            self.level_w.value = int(level) if status == "level" else status
        self.na_reason.layout.display = "" if status == "na" else "none"
        self._record()

    @guarded(N_("saving the text"))
    def _on_text(self, change: dict) -> None:
        if not self.page.syncing:
            self._record()

    @guarded(N_("saving"))
    def _on_save(self, _click: Any) -> None:
        page = self.page
        if page.session.responses is not None:
            page.show(page.session.save())
            page.refresh()

    def _record(self) -> None:
        page = self.page
        if page.session.responses is None:
            raise KitError(_("Choose a country, round and ministry and press Open first."))
        answer = self._answer_from_widgets()
        if answer.status == "na" and not answer.na_reason:
            page.show(
                Notice(_("Say why the item does not apply (N/A because …); it is saved then."))
            )
            self.descriptors.value = views.descriptor_table(
                page.session.framework.items[answer.item_id], answer
            )
            return
        page.show(page.session.set_answer(answer))
        page.refresh()
