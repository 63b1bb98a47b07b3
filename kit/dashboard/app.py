"""The dashboard's widgets: choose a ministry, answer the checklist, watch the results change."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from kit.dashboard import charts, views
from kit.dashboard.session import Notice, Session
from kit.errors import KitError
from kit.framework import DEFAULT_FRAMEWORK, Framework, builtin_frameworks, load_framework
from kit.io import datafolder as folder
from kit.responses import Answer, parse_level

log = logging.getLogger(__name__)

DATA_ENV = "KIT_DASHBOARD_DATA"
LEVEL_CHOICES = [
    ("0", 0),
    ("1", 1),
    ("2", 2),
    ("3", 3),
    ("4", 4),
    ("N/A", "na"),
    ("Don't know", "dont_know"),
    ("Not answered", "unanswered"),
]
TABS = ("Checklist", "Country results", "Trend", "Gap plan", "Report")


def _guarded(action: str) -> Callable:
    """Run a widget callback so that any failure becomes one plain sentence on the page."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(self: Dashboard, *args: Any, **kwargs: Any) -> Any:
            try:
                with self.lock:
                    return fn(self, *args, **kwargs)
            except KitError as exc:
                self.show(Notice(str(exc), "error"))
            except Exception:  # the page must never show a traceback; the log keeps it
                log.exception("dashboard: %s failed", action)
                self.show(
                    Notice(
                        f"Something went wrong while {action}. Your saved answers are safe; "
                        "please try again or reload the page.",
                        "error",
                    )
                )
            return None

        return run

    return decorate


def _box(children: list[w.Widget], cls: str, vertical: bool = True, **layout: str) -> w.Box:
    box = (w.VBox if vertical else w.HBox)(children, layout=w.Layout(**layout))
    box.add_class(cls)
    return box


class Dashboard:
    """The whole page for one browser tab, built on a ``Session``."""

    def __init__(self, data_dir: Path, framework_id: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        # Widget callbacks run on the kernel's main thread, the refresh after a preheated
        # kernel's request on another: one lock keeps them from interleaving.
        self.lock = threading.RLock()
        self._syncing = False
        self._stale_tabs: set[int] = set(range(1, len(TABS)))
        self.session = Session(self.data_dir, load_framework(framework_id or DEFAULT_FRAMEWORK))
        self._build()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        fw = self.session.framework
        self.title = w.HTML()
        self.framework_w = w.Dropdown(
            options=[(load_framework(f).title, f) for f in builtin_frameworks()],
            value=fw.id,
            description="Framework",
            layout=w.Layout(width="100%"),
        )
        self.country_w = w.Combobox(description="Country", ensure_option=False)
        self.round_w = w.Combobox(description="Round", ensure_option=False)
        self.ministry_w = w.Combobox(description="Ministry", ensure_option=False)
        for box, cls in (
            (self.country_w, "kit-country-box"),
            (self.round_w, "kit-round-box"),
            (self.ministry_w, "kit-ministry-box"),
        ):
            box.layout = w.Layout(width="auto", flex="1 1 200px")
            box.add_class(cls)
        self.ministry_w.placeholder = "your ministry's name"
        self.open_btn = w.Button(description="Open", button_style="primary", icon="")
        self.open_btn.add_class("kit-open")
        self.upload_w = w.FileUpload(
            accept=".xlsx,.csv,.yaml,.yml,.json",
            multiple=False,
            description="Import Excel or CSV",
            layout=w.Layout(width="auto"),
        )
        self.upload_w.add_class("kit-import")
        self.reload_btn = w.Button(description="Reload from file", layout=w.Layout(width="auto"))
        self.notice_w = w.HTML()
        self.notice_w.add_class("kit-notice-box")

        # The checklist: one item at a time, chosen from a list that shows what is answered.
        self.area_w = w.Dropdown(description="Area", layout=w.Layout(width="100%"))
        self.item_w = w.Select(rows=9, layout=w.Layout(width="100%"))
        self.item_w.add_class("kit-items")
        self.progress_w = w.HTML()
        self.prev_btn = w.Button(description="◀ Previous item", layout=w.Layout(width="auto"))
        self.next_btn = w.Button(description="Next item ▶", layout=w.Layout(width="auto"))
        self.item_head = w.HTML()
        self.level_w = w.ToggleButtons(options=LEVEL_CHOICES, value="unanswered")
        self.level_w.style.button_width = "auto"
        self.level_w.add_class("kit-level")
        self.level_text = w.Text(
            description="or type",
            placeholder="0-4, N/A, don't know",
            continuous_update=False,
            layout=w.Layout(width="260px"),
        )
        self.level_text.add_class("kit-level-text")
        self.descriptors = w.HTML()
        self.na_reason = w.Text(
            description="N/A because",
            placeholder="why this item does not apply to your country",
            continuous_update=False,
            layout=w.Layout(width="100%", display="none"),
        )
        self.evidence = w.Textarea(
            description="Evidence", continuous_update=False, layout=w.Layout(width="100%")
        )
        self.comment = w.Textarea(
            description="Comment", continuous_update=False, layout=w.Layout(width="100%")
        )
        self.evidence_hint = w.HTML()
        self.save_btn = w.Button(description="Save again", layout=w.Layout(width="fit-content"))
        self.live = w.HTML()
        self.live.add_class("kit-live")
        self.live_chart = w.HTML()
        self.live_chart.add_class("kit-chart")
        self.live_chart.add_class("kit-area-chart")

        navigator = _box(
            [
                self.area_w,
                self.item_w,
                self.progress_w,
                _box([self.prev_btn, self.next_btn], "kit-row", vertical=False),
            ],
            "kit-card",
        )
        editor = _box(
            [
                self.item_head,
                w.HTML("<h4 class='kit-sub'>Level reached</h4>"),
                _box([self.level_w, self.level_text], "kit-row", vertical=False),
                self.descriptors,
                self.na_reason,
                self.evidence_hint,
                self.evidence,
                self.comment,
                self.save_btn,
            ],
            "kit-card",
        )
        side = _box([self.live, self.live_chart], "kit-card", width="100%")
        checklist = _box(
            [
                _box([navigator, editor], "kit-col-main", flex="3 1 560px"),
                _box([side], "kit-col-side", flex="2 1 360px"),
            ],
            "kit-columns",
            vertical=False,
        )
        self.country_view = w.HTML()
        self.country_view.add_class("kit-country")
        self.trend_view = w.HTML()
        self.trend_view.add_class("kit-trend")
        self.plan_view = w.HTML()
        self.plan_view.add_class("kit-plan")
        self.report_btn = w.Button(
            description="Prepare the report", button_style="primary", layout=w.Layout(width="auto")
        )
        self.report_btn.add_class("kit-report-btn")
        self.report_links = w.HTML()
        self.report_links.add_class("kit-report-links")
        report = _box(
            [
                w.HTML(
                    "<p>The report covers every ministry of this country and round, "
                    "consolidated, with the trend and the training plan. It opens in any "
                    "browser with no internet.</p>"
                ),
                self.report_btn,
                self.report_links,
            ],
            "kit-card",
        )
        self.tabs = w.Tab(
            children=[checklist, self.country_view, self.trend_view, self.plan_view, report],
            titles=TABS,
        )
        chooser = _box(
            [
                self.framework_w,
                _box(
                    [self.country_w, self.round_w, self.ministry_w, self.open_btn],
                    "kit-row",
                    vertical=False,
                ),
                _box([self.upload_w, self.reload_btn], "kit-row", vertical=False),
            ],
            "kit-card",
        )
        self.widget = _box(
            [w.HTML(views.STYLE), self.title, chooser, self.notice_w, self.tabs], "kit-app"
        )

        self.framework_w.observe(self._on_framework, "value")
        self.country_w.observe(self._on_country, "value")
        self.round_w.observe(self._on_round, "value")
        self.open_btn.on_click(self._on_open)
        self.upload_w.observe(self._on_upload, "value")
        self.reload_btn.on_click(self._on_reload)
        self.area_w.observe(self._on_area, "value")
        self.item_w.observe(self._on_item, "value")
        self.prev_btn.on_click(lambda _: self._step(-1))
        self.next_btn.on_click(lambda _: self._step(1))
        self.level_w.observe(self._on_level, "value")
        self.level_text.observe(self._on_level_text, "value")
        for field in (self.na_reason, self.evidence, self.comment):
            field.observe(self._on_text, "value")
        self.save_btn.on_click(self._on_save)
        self.tabs.observe(self._on_tab, "selected_index")
        self.report_btn.on_click(self._on_report)
        self._fill_areas()

    # -- messages ------------------------------------------------------------------------------
    def show(self, notice: Notice) -> None:
        """Show one message above the tabs."""
        self.notice_w.value = views.notice_html(notice)

    # -- choosing ------------------------------------------------------------------------------
    @_guarded("opening the dashboard")
    def start(self) -> None:
        """Open the first country's latest round and first ministry, if the folder has any."""
        self._snapshot = folder.snapshot(self.data_dir)
        found = folder.countries(self.data_dir)
        self._fill_countries()
        if not found:
            self.show(
                Notice(
                    "No answers yet in this folder: type your country, round and ministry, "
                    "then press Open."
                )
            )
            self._refresh_all()
            return
        country = found[0]
        round_ = folder.rounds(self.data_dir, country)[-1]
        ministries = folder.names(self.data_dir / country / round_)
        self._syncing = True
        try:
            self.country_w.value = folder.country_name(self.data_dir, country)
            self._fill_rounds()
            self.round_w.value = round_
            self._fill_ministries()
            self.ministry_w.value = next(iter(ministries.values()), "")
        finally:
            self._syncing = False
        if self.ministry_w.value:
            self._open()
        else:
            self._refresh_all()

    def _country_slug(self) -> str:
        return folder.slugify(self.country_w.value or "")

    def _fill_countries(self) -> None:
        self.country_w.options = [
            folder.country_name(self.data_dir, c) for c in folder.countries(self.data_dir)
        ]

    def _fill_rounds(self) -> None:
        self.round_w.options = folder.rounds(self.data_dir, self._country_slug())

    def _fill_ministries(self) -> None:
        target = self.data_dir / self._country_slug() / folder.slugify(self.round_w.value or "")
        self.ministry_w.options = sorted(folder.names(target).values())

    @_guarded("choosing the framework")
    def _on_framework(self, change: dict) -> None:
        if self._syncing or change["new"] == self.session.framework.id:
            return
        self._set_framework(load_framework(change["new"]))
        if self.session.responses is not None:
            self._open()

    def _set_framework(self, framework: Framework) -> None:
        self.session = Session(self.data_dir, framework)
        self._syncing = True
        try:
            self.framework_w.value = framework.id
        finally:
            self._syncing = False
        self._fill_areas()

    @_guarded("choosing the country")
    def _on_country(self, change: dict) -> None:
        if self._syncing:
            return
        self._fill_rounds()
        if self.round_w.options:
            self.round_w.value = self.round_w.options[-1]

    @_guarded("choosing the round")
    def _on_round(self, change: dict) -> None:
        if not self._syncing:
            self._fill_ministries()

    @_guarded("opening the answers")
    def _on_open(self, _: Any) -> None:
        self._open()

    def _open(self) -> None:
        country, round_ = self.country_w.value or "", self.round_w.value or ""
        ministry = self.ministry_w.value or ""
        existing = folder.find_ministry_file(
            self.data_dir / folder.slugify(country) / folder.slugify(round_), ministry
        )
        if existing is not None:
            declared = folder.peek_header(existing).get("framework")
            if declared and declared != self.session.framework.id:
                if declared not in builtin_frameworks():
                    raise KitError(
                        f"{existing.name} answers the framework '{declared}', which this "
                        "dashboard does not have."
                    )
                self._set_framework(load_framework(declared))
        self.show(self.session.open(country, round_, ministry))
        self._after_open()

    def _after_open(self) -> None:
        rs = self.session.responses
        self._syncing = True
        try:
            self._fill_countries()
            self.country_w.value = rs.country
            self._fill_rounds()
            self.round_w.value = folder.slugify(rs.round)
            self._fill_ministries()
            self.ministry_w.value = rs.ministry
        finally:
            self._syncing = False
        self._refresh_all()

    @_guarded("reading the file again")
    def _on_reload(self, _: Any) -> None:
        if self.session.responses is None:
            return
        self.show(self.session.reload())
        self._refresh_all()

    def refresh_after_request(self) -> None:
        """In a preheated kernel, wait for the visitor, then re-read the files.

        Voila runs a preheated notebook before anyone asks for the page, so the answers it read
        may be minutes old when the page is shown.
        """
        from voila.utils import wait_for_request

        try:
            wait_for_request()
            if folder.snapshot(self.data_dir) == getattr(self, "_snapshot", None):
                return  # nothing changed since the kernel was warmed: the page is current
            with self.lock:
                if self.session.responses is None:
                    self.start()
                else:
                    self.show(self.session.reload())
                    self._refresh_all()
        except Exception:
            log.exception("dashboard: refresh after the request failed")

    @_guarded("importing the file")
    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            notice = self.session.import_file(upload["name"], bytes(upload["content"]))
        finally:
            self._syncing = True
            try:
                self.upload_w.value = ()
            finally:
                self._syncing = False
        if self.session.responses is not None:
            self._after_open()
        self.show(notice)

    # -- the checklist -------------------------------------------------------------------------
    def _fill_areas(self) -> None:
        fw = self.session.framework
        self._syncing = True
        try:
            self.area_w.options = [(a.title, a.id) for a in fw.areas]
            self.area_w.value = fw.areas[0].id
            self._fill_items()
        finally:
            self._syncing = False

    def _fill_items(self) -> None:
        fw = self.session.framework
        area = fw.area(self.area_w.value)
        current = self.item_w.value
        rs = self.session.responses
        options = []
        for n, item in enumerate(area.items, start=1):
            answer = rs.answer(item.id) if rs else Answer(item.id)
            mark = views.answer_mark(answer)
            options.append((f"{mark}  {n}. {item.title}", item.id))
        was = self._syncing
        self._syncing = True
        try:
            self.item_w.options = options
            ids = [i.id for i in area.items]
            self.item_w.value = current if current in ids else ids[0]
        finally:
            self._syncing = was

    @_guarded("choosing the area")
    def _on_area(self, change: dict) -> None:
        if self._syncing:
            return
        self._fill_items()
        self._show_item()

    @_guarded("choosing the item")
    def _on_item(self, change: dict) -> None:
        if not self._syncing:
            self._show_item()

    @_guarded("moving to another item")
    def _step(self, delta: int) -> None:
        ids = list(self.session.framework.items)
        here = ids.index(self.item_w.value)
        target = self.session.framework.items[ids[(here + delta) % len(ids)]]
        self._syncing = True
        try:
            self.area_w.value = target.area_id
            self._fill_items()
            self.item_w.value = target.id
        finally:
            self._syncing = False
        self._show_item()

    def _show_item(self) -> None:
        fw = self.session.framework
        item = fw.items[self.item_w.value]
        rs = self.session.responses
        answer = rs.answer(item.id) if rs else Answer(item.id)
        self.item_head.value = views.item_header(fw, item)
        self.evidence_hint.value = views.evidence_hint(item)
        self._syncing = True
        try:
            self.level_w.value = views.choice_value(answer)
            self.level_text.value = answer.label
            self.na_reason.value = answer.na_reason
            self.na_reason.layout.display = "" if answer.status == "na" else "none"
            self.evidence.value = answer.evidence
            self.comment.value = answer.comment
        finally:
            self._syncing = False
        self.descriptors.value = views.descriptor_table(item, answer)
        disabled = rs is None
        for widget in (self.level_w, self.level_text, self.evidence, self.comment):
            widget.disabled = disabled

    def _answer_from_widgets(self) -> Answer:
        item_id = self.item_w.value
        choice = self.level_w.value
        extra = {"evidence": self.evidence.value.strip(), "comment": self.comment.value.strip()}
        if choice in ("na", "dont_know", "unanswered"):
            reason = self.na_reason.value.strip() if choice == "na" else ""
            return Answer(item_id, choice, None, na_reason=reason, **extra)
        return Answer(item_id, "level", float(choice), **extra)

    @_guarded("saving the answer")
    def _on_level(self, change: dict) -> None:
        if self._syncing:
            return
        self.na_reason.layout.display = "" if change["new"] == "na" else "none"
        self._record()

    @_guarded("reading the typed level")
    def _on_level_text(self, change: dict) -> None:
        if self._syncing:
            return
        typed = change["new"]
        try:
            status, level = parse_level(typed, "(reason to come)", "typed level")
        except KitError:
            previous = self.session.responses.answer(self.item_w.value).label
            self._syncing = True
            try:
                self.level_text.value = previous
            finally:
                self._syncing = False
            self.show(
                Notice(
                    f"“{typed.strip()}” is not a level: type 0, 1, 2, 3 or 4, N/A or "
                    "don't know. The answer was not changed.",
                    "error",
                )
            )
            return
        self._syncing = True
        try:
            self.level_w.value = int(level) if status == "level" else status
        finally:
            self._syncing = False
        self.na_reason.layout.display = "" if status == "na" else "none"
        self._record()

    @_guarded("saving the text")
    def _on_text(self, change: dict) -> None:
        if not self._syncing:
            self._record()

    @_guarded("saving")
    def _on_save(self, _: Any) -> None:
        if self.session.responses is not None:
            self.show(self.session.save())
            self._refresh_all()

    def _record(self) -> None:
        if self.session.responses is None:
            raise KitError("Choose a country, round and ministry and press Open first.")
        answer = self._answer_from_widgets()
        if answer.status == "na" and not answer.na_reason:
            self.show(Notice("Say why the item does not apply (N/A because …); it is saved then."))
            self.descriptors.value = views.descriptor_table(
                self.session.framework.items[answer.item_id], answer
            )
            return
        self.show(self.session.set_answer(answer))
        self._refresh_all()

    # -- results -------------------------------------------------------------------------------
    def _refresh_all(self) -> None:
        fw = self.session.framework
        rs = self.session.responses
        self.title.value = views.title_html(fw, rs)
        self._fill_items()
        self._show_item()
        if rs is None:
            self.live.value = views.empty_live()
            self.live_chart.value = ""
            self.country_view.value = self.trend_view.value = self.plan_view.value = ""
            return
        self.assessment, problems = self.session.assessment()
        card = self.assessment.ministries[rs.ministry]
        self.progress_w.value = views.progress_html(fw, card)
        self.live.value = views.live_html(fw, card, rs.ministry, self.area_w.value)
        self.live_chart.value = charts.to_svg(
            charts.area_bars(fw, card, title=f"{rs.ministry}: score by area")
        )
        self._problems = problems
        self._stale_tabs = set(range(1, len(TABS)))
        self.report_links.value = ""
        self._refresh_tab(self.tabs.selected_index)

    @_guarded("showing the results")
    def _on_tab(self, change: dict) -> None:
        self._refresh_tab(change["new"])

    def _refresh_tab(self, index: int | None) -> None:
        if index not in self._stale_tabs or self.session.responses is None:
            return
        self._stale_tabs.discard(index)
        fw, a = self.session.framework, self.assessment
        if index == 1:
            self.country_view.value = views.country_html(fw, a, self._problems)
        elif index == 2:
            self.trend_view.value = views.trend_html(fw, a)
        elif index == 3:
            self.plan_view.value = views.plan_html(fw, a)

    @_guarded("preparing the report")
    def _on_report(self, _: Any) -> None:
        if self.session.responses is None:
            raise KitError("Open a ministry's answers first.")
        self.report_links.value = "<p>Preparing…</p>"
        assessment, _problems = self.session.assessment()
        self.report_links.value = views.report_links(assessment)


def main(data_dir: str | os.PathLike[str] | None = None) -> Dashboard:
    """Build and show the dashboard (the one hidden cell of the Voila notebook calls this)."""
    from IPython.display import display

    logging.basicConfig(level=logging.WARNING)
    chosen = data_dir or os.environ.get(DATA_ENV) or "."
    dashboard = Dashboard(Path(chosen))
    dashboard.start()
    display(dashboard.widget)
    if os.environ.get("VOILA_PREHEAT") == "True":
        threading.Thread(target=dashboard.refresh_after_request, daemon=True).start()
    return dashboard
