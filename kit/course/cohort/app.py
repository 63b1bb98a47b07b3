"""The cohort dashboard's widgets: results of a graded course, and who a pass mark certifies."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from kit import i18n
from kit.course.analytics import Cohort, load_cohort
from kit.course.api import find_course, load_config
from kit.course.certificates import certificate_page
from kit.course.cohort import columns, views
from kit.course.roster import load_roster
from kit.errors import KitError
from kit.web.language import page_language

log = logging.getLogger(__name__)
_ = i18n.translator("courses")

COURSE_ENV = "KIT_COURSE_DIR"
ROSTER_ENV = "KIT_COURSE_ROSTER"
DEFAULT_PASS_MARK = 70
#: The officials table's orders: key -> (column, ascending); sort_labels() names them.
SORTS = {
    "percent-down": ("percent", False),
    "percent-up": ("percent", True),
    "student": ("student", True),
    "name": ("name", True),
    "modules": ("modules_completed", False),
}


def sort_labels() -> list[tuple[str, str]]:
    """The sort menu's (label, key) pairs in the current language."""
    labels = {
        "percent-down": _("Total % (highest first)"),
        "percent-up": _("Total % (lowest first)"),
        "student": _("Official"),
        "name": _("Name"),
        "modules": _("Modules done"),
    }
    return [(labels[key], key) for key in SORTS]


def _guarded(action: str) -> Callable:
    """Run a widget callback so that any failure is one plain sentence on the page, no traceback."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(self: CohortDashboard, *args: Any, **kwargs: Any) -> Any:
            # A widget callback runs outside any request: the page's language is set again here.
            with i18n.use(self.lang):
                try:
                    return fn(self, *args, **kwargs)
                except KitError as exc:
                    self.notice.value = views.notice(exc)
                except Exception:  # the log keeps the traceback; the page keeps a sentence
                    log.exception("cohort dashboard: %s failed", action)
                    self.notice.value = views.notice(
                        _("Something went wrong. Reload the page; the gradebook is unchanged.")
                    )
            return None

        return run

    return decorate


def _html(cls: str, value: str = "") -> w.HTML:
    widget = w.HTML(value)
    widget.add_class(cls)
    return widget


class CohortDashboard:
    """One page view: the course's cohort read once from its gradebook."""

    def __init__(self, root: Path, roster: Path | None = None, lang: str | None = None) -> None:
        self.lang = i18n.resolve(lang) if lang else i18n.current()
        self.root = find_course(root)
        if roster is None and (self.root / "roster.csv").is_file():
            roster = self.root / "roster.csv"
        self.roster = load_roster(roster)
        self.course_id = str(load_config(self.root).CourseDirectory.get("course_id", "") or "")
        self.cohort: Cohort = load_cohort(self.root)
        officials = self.cohort.officials()
        officials["name"] = [self.roster.get(s, {}).get("name") or s for s in officials["student"]]
        self.officials = officials
        self.questions = self.cohort.questions()
        self.language_w = w.ToggleButtons(
            options=[(name, code) for code, name in i18n.LANGUAGES.items()],
            value=self.lang,
            style={"button_width": "auto"},
        )
        self.language_w.add_class("kit-language-picker")
        self.language_w.observe(self._on_language, names="value")
        self.page = w.VBox([])
        self.page.add_class("kit-app")
        self.page.add_class("kit-cohort")
        with i18n.use(self.lang):
            self._build()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        """The page's widgets in the current language (built again when the picker changes)."""
        self.language_w.description = _("Language")
        self.notice = _html("kit-notice-box")
        self.pass_w = w.IntSlider(
            value=DEFAULT_PASS_MARK,
            min=0,
            max=100,
            step=1,
            description=_("Pass mark %"),
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="420px"),
        )
        self.pass_w.add_class("kit-pass-mark")
        self.certified = _html("kit-certified")
        self.totals = _html("kit-totals-chart")
        self.sort_w = w.Dropdown(options=sort_labels(), description=_("Sort by"))
        self.sort_w.add_class("kit-sort")
        self.officials_w = _html("kit-officials")
        self.cert_title = w.Text(description=_("Course title"), placeholder=_("on the certificate"))
        self.cert_place = w.Text(description=_("Place"))
        self.cert_date = w.Text(description=_("Date"))
        self.cert_trainer = w.Text(description=_("Trainer"))
        for field in (self.cert_title, self.cert_place, self.cert_date, self.cert_trainer):
            field.layout = w.Layout(width="auto", flex="1 1 220px")
        self.cert_btn = w.Button(description=_("Prepare certificates"), button_style="primary")
        self.cert_btn.add_class("kit-cert-btn")
        self.cert_link = _html("kit-cert-link")
        self.excel_link = _html("kit-download")

        c = self.cohort
        self.widget = w.VBox(
            [
                w.HTML(views.stylesheet()),
                self.language_w,
                _html("kit-title", views.title_html(self.course_id, self.root, c)),
                self.notice,
                self._card(
                    _("Pass mark: who would be certified"),
                    [self.pass_w, self.certified, self.totals],
                    "kit-pass-card",
                ),
                self._card(_("Officials"), [self.sort_w, self.officials_w], "kit-officials-card"),
                _html(
                    "kit-questions",
                    views.card(_("Questions"), views.question_charts(self.questions)),
                ),
                _html(
                    "kit-most-failed",
                    views.card(
                        _("Questions most failed"),
                        views.table(c.most_failed(), columns.question_columns(), "kit-failed"),
                    ),
                ),
                _html(
                    "kit-modules",
                    views.card(
                        _("Module completion"),
                        views.table(c.modules(), columns.module_columns(), "kit-module-table"),
                    ),
                ),
                self._card(
                    _("Downloads"),
                    [
                        self.excel_link,
                        w.HBox(
                            [self.cert_title, self.cert_place, self.cert_date, self.cert_trainer],
                            layout=w.Layout(flex_flow="row wrap"),
                        ),
                        w.HBox([self.cert_btn, self.cert_link]),
                    ],
                    "kit-downloads-card",
                ),
                _html(
                    "kit-all-questions",
                    views.card(
                        _("All questions"),
                        views.table(
                            self.questions, columns.question_columns(), "kit-question-table"
                        ),
                    ),
                ),
            ]
        )
        self.widget.add_class("kit-app")
        self.widget.add_class("kit-cohort")
        # The page's direction: Arabic mirrors the layout (numbers and codes stay left to right).
        self.widget.add_class(f"kit-dir-{i18n.direction()}")
        self.pass_w.observe(self._on_pass_mark, names="value")
        self.sort_w.observe(self._on_sort, names="value")
        self.cert_btn.on_click(self._on_certificates)

    def _card(self, heading: str, children: list[w.Widget], cls: str) -> w.VBox:
        box = w.VBox([w.HTML(views.heading(heading)), *children])
        box.add_class("kit-card")
        box.add_class(cls)
        return box

    def start(self) -> None:
        """Fill the parts that depend on the controls."""
        self._on_pass_mark()  # draws the officials table too
        with i18n.use(self.lang):
            self.excel_link.value = views.excel_link(self.cohort)
        self.page.children = [self.widget]

    @_guarded("changing the language")
    def _on_language(self, change: Any) -> None:
        """Draw the page again in the chosen language, keeping the pass mark and the sort."""
        mark, order = self.pass_w.value, self.sort_w.value
        self.lang = change["new"]
        with i18n.use(self.lang):
            self._build()
        self.pass_w.value, self.sort_w.value = mark, order
        self.start()

    # -- callbacks -----------------------------------------------------------------------------
    def _certified(self) -> list[dict]:
        rows, _page = certificate_page(self.cohort, self.pass_w.value, self.roster, lang=self.lang)
        return rows

    @_guarded("applying the pass mark")
    def _on_pass_mark(self, _change: Any = None) -> None:
        mark = self.pass_w.value
        rows = self._certified()
        self.certified.value = views.certified_html(rows, len(self.cohort.students), mark)
        self.totals.value = views.totals_svg(self.officials, mark)
        self.cert_link.value = ""  # the prepared certificates were for the old pass mark
        self._on_sort()

    @_guarded("sorting the officials")
    def _on_sort(self, _change: Any = None) -> None:
        column, ascending = SORTS[self.sort_w.value]
        table = self.officials.sort_values(
            [column, "student"], ascending=[ascending, True], kind="stable"
        )
        certified = {r["student"] for r in self._certified()}
        self.officials_w.value = views.table(
            table, columns.official_columns(), "kit-official-table", certified
        )

    @_guarded("preparing the certificates")
    def _on_certificates(self, _button: Any) -> None:
        rows, page = certificate_page(
            self.cohort,
            self.pass_w.value,
            self.roster,
            title=self.cert_title.value.strip(),
            place=self.cert_place.value.strip(),
            date=self.cert_date.value.strip(),
            trainer=self.cert_trainer.value.strip(),
            lang=self.lang,
        )
        self.cert_link.value = views.certificates_link(page, len(rows), self.pass_w.value)


def main(root: str | os.PathLike[str] | None = None) -> CohortDashboard | None:
    """Build and show the cohort dashboard (the one hidden cell of cohort.ipynb calls this)."""
    from IPython.display import HTML, display

    logging.basicConfig(level=logging.WARNING)
    chosen = root or os.environ.get(COURSE_ENV) or "."
    roster = os.environ.get(ROSTER_ENV) or None
    try:
        dashboard = CohortDashboard(
            Path(chosen), Path(roster) if roster else None, lang=page_language()
        )
        dashboard.start()
    except KitError as exc:  # no course, no gradebook yet, a bad roster: one sentence
        display(HTML(views.stylesheet() + views.notice(exc)))
        return None
    display(dashboard.page)
    return dashboard
